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
exports.Derived = exports.Agent = void 0;
const __traced = __importStar(require("traced/runtime"));
const __traced_site_1 = __traced.defineSite('{"name":"answer","parameterNames":["question"],"spanType":"AGENT","file":"src/class-methods.ts","line":5}');
const __traced_site_2 = __traced.defineSite('{"name":"create","parameterNames":["name"],"file":"src/class-methods.ts","line":10}');
const __traced_site_3 = __traced.defineSite('{"name":"lookup","parameterNames":["key"],"file":"src/class-methods.ts","line":15}');
const __traced_site_4 = __traced.defineSite('{"name":"answer","parameterNames":["question"],"file":"src/class-methods.ts","line":22}');
class Agent {
    #secret = 42;
    /** @traced spanType=AGENT */
    answer(question) {
        return __traced.invoke(__traced_site_1, [question], async () => {
            return `${question}:${await this.#lookup(question)}`;
        });
    }
    /** @traced */
    static create(name) {
        return __traced.invoke(__traced_site_2, [name], () => {
            return new Agent();
        });
    }
    /** @traced name=lookup */
    #lookup(key) {
        return __traced.invoke(__traced_site_3, [key], async () => {
            return this.#secret + key.length;
        });
    }
}
exports.Agent = Agent;
class Derived extends Agent {
    /** @traced */
    answer(question) {
        return __traced.invoke(__traced_site_4, [question], async () => {
            const base = await super.answer(question);
            return `${base}!`;
        });
    }
}
exports.Derived = Derived;
