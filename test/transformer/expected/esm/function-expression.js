import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite({ name: "inner", parameterNames: ["x"], file: "src/function-expression.ts", line: 1 });
const __traced_site_2 = __traced.defineSite({ name: "anonymous", parameterNames: ["x"], spanType: "TOOL", file: "src/function-expression.ts", line: 6 });
export const named = /** @traced */ function inner(x) {
    return __traced.invoke(__traced_site_1, [x], () => {
        return x * 2;
    });
};
/** @traced spanType=TOOL */
export const anonymous = async function (x) {
    return __traced.invoke(__traced_site_2, [x], async () => {
        return x.toUpperCase();
    });
};
