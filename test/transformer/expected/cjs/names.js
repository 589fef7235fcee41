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
exports.cached = exports.fn = exports.table = exports.fallback = exports.chosen = exports.Registry = exports.Store = exports.api = exports.byVariable = void 0;
exports.configure = configure;
exports.settings = settings;
exports.run = run;
const __traced = __importStar(require("traced/runtime"));
const __traced_site_1 = __traced.defineSite('{"name":"byVariable","parameterNames":["x"],"file":"src/names.ts","line":4}');
const __traced_site_2 = __traced.defineSite('{"name":"get","parameterNames":["id"],"file":"src/names.ts","line":8}');
const __traced_site_3 = __traced.defineSite('{"name":"quoted-key","parameterNames":["id"],"file":"src/names.ts","line":10}');
const __traced_site_4 = __traced.defineSite('{"name":"Store.load","parameterNames":["key"],"file":"src/names.ts","line":15}');
const __traced_site_5 = __traced.defineSite('{"name":"Store.create","parameterNames":[],"file":"src/names.ts","line":17}');
const __traced_site_6 = __traced.defineSite('{"name":"Store.#evict","parameterNames":["key"],"file":"src/names.ts","line":19}');
const __traced_site_7 = __traced.defineSite('{"name":"Store.handler","parameterNames":["n"],"file":"src/names.ts","line":24}');
const __traced_site_8 = __traced.defineSite('{"name":"Registry.lookup","parameterNames":["name"],"file":"src/names.ts","line":34}');
const __traced_site_9 = __traced.defineSite('{"name":"onDone","parameterNames":["result"],"file":"src/names.ts","line":39}');
const __traced_site_10 = __traced.defineSite('{"name":"format","parameterNames":["value"],"file":"src/names.ts","line":46}');
const __traced_site_11 = __traced.defineSite('{"name":"cached","parameterNames":["n"],"file":"src/names.ts","line":53}');
const __traced_site_12 = __traced.defineSite('{"name":"chosen","parameterNames":["a"],"file":"src/names.ts","line":56}');
const __traced_site_13 = __traced.defineSite('{"name":"fallback","parameterNames":["n"],"file":"src/names.ts","line":57}');
const __traced_site_14 = __traced.defineSite('{"name":"double","parameterNames":["n"],"file":"src/names.ts","line":61}');
const __traced_site_15 = __traced.defineSite('{"name":"fn","parameterNames":["n"],"file":"src/names.ts","line":63}');
const __traced_site_16 = __traced.defineSite('{"name":"anonymous","parameterNames":["n"],"file":"src/names.ts","line":69}');
const __traced_site_17 = __traced.defineSite('{"name":"anonymous","parameterNames":["n"],"file":"src/names.ts","line":70}');
// Arrows and function expressions take the name a reader gives them from where they are assigned.
/** @traced */
const byVariable = (x) => __traced.invoke(__traced_site_1, [x], () => x);
exports.byVariable = byVariable;
exports.api = {
    /** @traced */
    get: (id) => __traced.invoke(__traced_site_2, [id], () => id),
    /** @traced */
    "quoted-key": (id) => __traced.invoke(__traced_site_3, [id], async () => id),
};
class Store {
    /** @traced */
    load = (key) => __traced.invoke(__traced_site_4, [key], async () => key);
    /** @traced */
    static create = () => __traced.invoke(__traced_site_5, [], () => new Store());
    /** @traced */
    #evict = (key) => __traced.invoke(__traced_site_6, [key], () => key);
    handler;
    constructor() {
        /** @traced */
        this.handler = (n) => __traced.invoke(__traced_site_7, [n], () => n + 1);
    }
    evict(key) {
        return this.#evict(key);
    }
}
exports.Store = Store;
const Registry = class {
    /** @traced */
    lookup = (name) => __traced.invoke(__traced_site_8, [name], () => name);
};
exports.Registry = Registry;
function configure(
/** @traced */
onDone = (result) => __traced.invoke(__traced_site_9, [result], () => result)) {
    return onDone;
}
function settings({ 
/** @traced */
format = (value) => __traced.invoke(__traced_site_10, [value], () => value.toFixed(2)), } = {}) {
    return format;
}
let cached;
/** @traced */
exports.cached = cached ??= (n) => __traced.invoke(__traced_site_11, [n], () => n * 2);
exports.chosen = given ? given : /** @traced */ (a) => __traced.invoke(__traced_site_12, [a], () => a);
exports.fallback = given ?? /** @traced */ ((n) => __traced.invoke(__traced_site_13, [n], () => n));
exports.table = {};
/** @traced */
exports.table["double"] = (n) => __traced.invoke(__traced_site_14, [n], () => n * 2);
const fn = function (n) {
    return __traced.invoke(__traced_site_15, [n], () => {
        return n;
    });
};
exports.fn = fn;
function run(items) {
    // An argument of a call, or a returned function, has no name a reader would give it.
    items.map(/** @traced */ (n) => __traced.invoke(__traced_site_16, [n], () => n + 1));
    return /** @traced */ (n) => __traced.invoke(__traced_site_17, [n], () => n);
}
