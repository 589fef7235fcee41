import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"add","parameterNames":["a","b"],"file":"src/function-declaration.ts","line":2}');
const __traced_site_2 = __traced.defineSite('{"name":"load","parameterNames":["id","retries"],"spanType":"RETRIEVER","file":"src/function-declaration.ts","line":12}');
/** @traced */
export function add(a, b) {
    return __traced.invoke(__traced_site_1, [a, b], () => {
        return a + b;
        // a comment at the end of the body stays there
    });
}
/**
 * Loads a document.
 * @traced name=load spanType=RETRIEVER
 * @param id the document id
 */
export function fetchDoc(id, retries) {
    "use strict";
    return __traced.invoke(__traced_site_2, [id, retries], async () => {
        await Promise.resolve();
        return `${id}:${retries}`;
    });
}
