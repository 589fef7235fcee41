import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"inner","parameterNames":["x"],"file":"src/function-expression.ts","line":1}');
const __traced_site_2 = __traced.defineSite('{"name":"anonymous","parameterNames":["x"],"spanType":"TOOL","file":"src/function-expression.ts","line":6}');
const __traced_site_3 = __traced.defineSite('{"name":"square","parameterNames":["x"],"file":"src/function-expression.ts","line":13}');
export const named = /** @traced */ function inner(x) {
    return __traced.invoke(__traced_site_1, [x], () => {
        return x * 2;
    });
};
/** @traced spanType=TOOL */
export const anonymous = function (x) {
    return __traced.invoke(__traced_site_2, [x], async () => {
        return x.toUpperCase();
    });
};
export const registry = {};
/** @traced */
registry.square = (x) => __traced.invoke(__traced_site_3, [x], () => x * x);
