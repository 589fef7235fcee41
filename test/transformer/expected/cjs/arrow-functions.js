"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.wrapped = exports.handlers = exports.summarize = exports.rank = void 0;
const __traced = __importStar(require("traced/runtime"));
const __traced_site_1 = __traced.defineSite('{"name":"rank","parameterNames":["docs"],"spanType":"RERANKER","file":"src/arrow-functions.ts","line":2}');
const __traced_site_2 = __traced.defineSite('{"name":"summarize","parameterNames":["text","maxWords"],"file":"src/arrow-functions.ts","line":5}');
const __traced_site_3 = __traced.defineSite('{"name":"callback","parameterNames":["event"],"file":"src/arrow-functions.ts","line":10}');
const __traced_site_4 = __traced.defineSite('{"name":"wrapped","parameterNames":["n"],"file":"src/arrow-functions.ts","line":12}');
/** @traced name=rank spanType=RERANKER */
const rank = (docs) => __traced.invoke(__traced_site_1, [docs], () => docs.slice().sort());
exports.rank = rank;
/** @traced */
const summarize = async (text, maxWords = 10) => __traced.invoke(__traced_site_2, [text, maxWords], async () => {
    const words = text.split(" ");
    return words.slice(0, maxWords).join(" ");
});
exports.summarize = summarize;
exports.handlers = [/** @traced name=callback */ (event) => __traced.invoke(__traced_site_3, [event], () => event.length)];
exports.wrapped = ( /** @traced */((n) => __traced.invoke(__traced_site_4, [n], () => ({ n }))));
