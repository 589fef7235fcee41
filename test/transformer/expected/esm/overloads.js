import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"format","parameterNames":["value"],"file":"src/overloads.ts","line":4}');
const __traced_site_2 = __traced.defineSite('{"name":"parse","parameterNames":["input"],"file":"src/overloads.ts","line":12}');
export function format(value) {
    return __traced.invoke(__traced_site_1, [value], () => {
        return String(value);
    });
}
export class Parser {
    parse(input) {
        return __traced.invoke(__traced_site_2, [input], () => {
            return Array.isArray(input) ? input : [input];
        });
    }
}
