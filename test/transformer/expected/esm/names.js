import * as __traced from "traced/runtime";
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
export const byVariable = (x) => __traced.invoke(__traced_site_1, [x], () => x);
export const api = {
    /** @traced */
    get: (id) => __traced.invoke(__traced_site_2, [id], () => id),
    /** @traced */
    "quoted-key": (id) => __traced.invoke(__traced_site_3, [id], async () => id),
};
export class Store {
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
export const Registry = class {
    /** @traced */
    lookup = (name) => __traced.invoke(__traced_site_8, [name], () => name);
};
export function configure(
/** @traced */
onDone = (result) => __traced.invoke(__traced_site_9, [result], () => result)) {
    return onDone;
}
export function settings({ 
/** @traced */
format = (value) => __traced.invoke(__traced_site_10, [value], () => value.toFixed(2)), } = {}) {
    return format;
}
let cached;
/** @traced */
cached ??= (n) => __traced.invoke(__traced_site_11, [n], () => n * 2);
export const chosen = given ? given : /** @traced */ (a) => __traced.invoke(__traced_site_12, [a], () => a);
export const fallback = given ?? /** @traced */ ((n) => __traced.invoke(__traced_site_13, [n], () => n));
export const table = {};
/** @traced */
table["double"] = (n) => __traced.invoke(__traced_site_14, [n], () => n * 2);
export const fn = /** @traced */ function (n) {
    return __traced.invoke(__traced_site_15, [n], () => {
        return n;
    });
};
export function run(items) {
    // An argument of a call, or a returned function, has no name a reader would give it.
    items.map(/** @traced */ (n) => __traced.invoke(__traced_site_16, [n], () => n + 1));
    return /** @traced */ (n) => __traced.invoke(__traced_site_17, [n], () => n);
}
export { cached };
