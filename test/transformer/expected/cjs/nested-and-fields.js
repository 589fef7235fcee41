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
exports.Tools = exports.Handler = void 0;
exports.outer = outer;
const __traced = __importStar(require("traced/runtime"));
const __traced_site_1 = __traced.defineSite('{"name":"Handler.onEvent","parameterNames":["event"],"spanType":"TOOL","file":"src/nested-and-fields.ts","line":5}');
const __traced_site_2 = __traced.defineSite('{"name":"inner","parameterNames":["n"],"file":"src/nested-and-fields.ts","line":11}');
const __traced_site_3 = __traced.defineSite('{"name":"outer","parameterNames":["items"],"file":"src/nested-and-fields.ts","line":9}');
const __traced_site_4 = __traced.defineSite('{"name":"single","parameterNames":["x"],"file":"src/nested-and-fields.ts","line":19}');
class Handler {
    prefix;
    constructor(prefix) {
        this.prefix = prefix;
    }
    /** @traced spanType=TOOL */
    onEvent = (event) => __traced.invoke(__traced_site_1, [event], async () => `${this.prefix}${event}`);
}
exports.Handler = Handler;
/** @traced */
function outer(items) {
    return __traced.invoke(__traced_site_3, [items], () => {
        /** @traced name=inner */
        function inner(n) {
            return __traced.invoke(__traced_site_2, [n], () => {
                return n + 1;
            });
        }
        return items.map(inner);
    });
}
var Tools;
(function (Tools) {
    /** @traced */
    Tools.single = (x) => __traced.invoke(__traced_site_4, [x], async () => x);
})(Tools || (exports.Tools = Tools = {}));
