import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"rank","parameterNames":["docs"],"spanType":"RERANKER","file":"src/arrow-functions.ts","line":2}');
const __traced_site_2 = __traced.defineSite('{"name":"summarize","parameterNames":["text","maxWords"],"file":"src/arrow-functions.ts","line":5}');
const __traced_site_3 = __traced.defineSite('{"name":"callback","parameterNames":["event"],"file":"src/arrow-functions.ts","line":10}');
const __traced_site_4 = __traced.defineSite('{"name":"wrapped","parameterNames":["n"],"file":"src/arrow-functions.ts","line":12}');
/** @traced name=rank spanType=RERANKER */
export const rank = (docs) => __traced.invoke(__traced_site_1, [docs], () => docs.slice().sort());
/** @traced */
export const summarize = async (text, maxWords = 10) => __traced.invoke(__traced_site_2, [text, maxWords], async () => {
    const words = text.split(" ");
    return words.slice(0, maxWords).join(" ");
});
export const handlers = [/** @traced name=callback */ (event) => __traced.invoke(__traced_site_3, [event], () => event.length)];
export const wrapped = ( /** @traced */((n) => __traced.invoke(__traced_site_4, [n], () => ({ n }))));
