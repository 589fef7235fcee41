"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.note = void 0;
exports.plain = plain;
// Mentions @traced only in a string and a line comment: // @traced
exports.note = "add /** @traced */ to a function";
/** Prose that mentions @traced mid-line is not a tag (a block tag starts its line). */
function plain(a) {
    return a + 1;
}
