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
exports.Child = void 0;
exports.tokens = tokens;
exports.stream = stream;
const __traced = __importStar(require("traced/runtime"));
const __traced_site_1 = __traced.defineSite('{"name":"tokens","parameterNames":["text"],"spanType":"LLM","file":"src/generators.ts","line":2}');
const __traced_site_2 = __traced.defineSite('{"name":"stream","parameterNames":["prompt"],"file":"src/generators.ts","line":9}');
const __traced_site_3 = __traced.defineSite('{"name":"items","parameterNames":["n"],"file":"src/generators.ts","line":24}');
const __traced_site_4 = __traced.defineSite('{"name":"pages","parameterNames":["size"],"file":"src/generators.ts","line":32}');
/** @traced spanType=LLM */
function* tokens(text) {
    const __traced_arguments_1 = arguments;
    return yield* __traced.invokeGenerator(__traced_site_1, [text], (function* () {
        for (const word of text.split(" "))
            yield word;
        return __traced_arguments_1.length;
        // end of the generator body
    }).call(this));
}
/** @traced */
async function* stream(prompt) {
    return yield* __traced.invokeAsyncGenerator(__traced_site_2, [prompt], (async function* () {
        yield prompt;
    }).call(this));
}
class Base {
    *items(n) {
        yield n;
    }
    get label() {
        return "base";
    }
}
class Child extends Base {
    /** @traced */
    *items(n) {
        const __traced_arguments_2 = arguments;
        const __traced_super_1 = key => super[key];
        return yield* __traced.invokeGenerator(__traced_site_3, [n], (function* () {
            yield* __traced_super_1("items").call(this, n);
            yield __traced_super_1("label");
            const count = () => __traced_arguments_2.length;
            yield count();
        }).call(this));
    }
    /** @traced */
    async *pages(size) {
        const __traced_super_2 = key => super[key];
        return yield* __traced.invokeAsyncGenerator(__traced_site_4, [size], (async function* () {
            yield* __traced_super_2("items").call(this, size);
        }).call(this));
    }
}
exports.Child = Child;
