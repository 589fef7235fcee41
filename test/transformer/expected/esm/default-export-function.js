import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"default","parameterNames":["input"],"file":"src/default-export-function.ts","line":2}');
/** @traced */
export default function (input) {
    return __traced.invoke(__traced_site_1, [input], async () => {
        return input.trim();
    });
}
