"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.note = void 0;
exports.plain = plain;
// Mentions @traced only in a string and a line comment: // @traced
exports.note = "add /** @traced */ to a function";
function plain(a) {
    return a + 1;
}
