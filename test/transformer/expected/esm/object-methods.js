import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"search","parameterNames":["query"],"spanType":"TOOL","file":"src/object-methods.ts","line":3}');
const __traced_site_2 = __traced.defineSite('{"name":"fetch","parameterNames":["url"],"file":"src/object-methods.ts","line":7}');
const __traced_site_3 = __traced.defineSite('{"name":"price","parameterNames":["tokens"],"attributes":{"cost":0.5,"provider":"open ai","cached":false},"file":"src/object-methods.ts","line":11}');
export const tools = {
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
