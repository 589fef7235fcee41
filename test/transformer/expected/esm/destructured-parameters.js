import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"retrieve","parameterNames":["query","{ topK = 5 }","rest"],"file":"src/destructured-parameters.ts","line":7}');
const __traced_site_2 = __traced.defineSite('{"name":"pick","parameterNames":["[first, , third]","{ a, b: { c } }","[last]"],"file":"src/destructured-parameters.ts","line":12}');
/** @traced */
export async function retrieve(query, { topK = 5 } = {}, ...rest) {
    return __traced.invoke(__traced_site_1, [query, arguments[1], rest], async () => {
        return { query, topK, rest };
    });
}
/** @traced */
export const pick = (__traced_arg_1, __traced_arg_2, ...__traced_arg_3) => (([first, /* skipped */ , third], { a, b: { c } }, ...[last]) => __traced.invoke(__traced_site_2, [__traced_arg_1, __traced_arg_2, __traced_arg_3], () => [first, third, a, c, last]))(__traced_arg_1, __traced_arg_2, ...__traced_arg_3);
