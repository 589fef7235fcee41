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
exports.tools = void 0;
const __traced = __importStar(require("traced/runtime"));
const __traced_site_1 = __traced.defineSite('{"name":"search","parameterNames":["query"],"spanType":"TOOL","file":"src/object-methods.ts","line":3}');
const __traced_site_2 = __traced.defineSite('{"name":"fetch","parameterNames":["url"],"file":"src/object-methods.ts","line":7}');
const __traced_site_3 = __traced.defineSite('{"name":"price","parameterNames":["tokens"],"attributes":{"cost":0.5,"provider":"open ai","cached":false},"file":"src/object-methods.ts","line":11}');
exports.tools = {
    /** @traced spanType=TOOL */
    search(query) {
        return __traced.invoke(__traced_site_1, [query], () => {
            return [query];
        });
    },
    /** @traced */
    fetch(url) {
        return __traced.invoke(__traced_site_2, [url], async () => {
            return url;
        });
    },
    /** @traced attributes.cost=0.5 attributes.provider="open ai" attributes.cached=false */
    price: (tokens) => __traced.invoke(__traced_site_3, [tokens], () => tokens * 0.001),
};
