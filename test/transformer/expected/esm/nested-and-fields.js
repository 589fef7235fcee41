import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"Handler.onEvent","parameterNames":["event"],"spanType":"TOOL","file":"src/nested-and-fields.ts","line":5}');
const __traced_site_2 = __traced.defineSite('{"name":"inner","parameterNames":["n"],"file":"src/nested-and-fields.ts","line":11}');
const __traced_site_3 = __traced.defineSite('{"name":"outer","parameterNames":["items"],"file":"src/nested-and-fields.ts","line":9}');
const __traced_site_4 = __traced.defineSite('{"name":"single","parameterNames":["x"],"file":"src/nested-and-fields.ts","line":19}');
export class Handler {
    prefix;
    constructor(prefix) {
        this.prefix = prefix;
    }
    /** @traced spanType=TOOL */
    onEvent = (event) => __traced.invoke(__traced_site_1, [event], async () => `${this.prefix}${event}`);
}
/** @traced */
export function outer(items) {
    return __traced.invoke(__traced_site_3, [items], () => {
        /** @traced name=inner */
        function inner(n) {
            return __traced.invoke(__traced_site_2, [n], () => {
                return n + 1;
            });
        }
        return items.map(inner);
    });
}
export var Tools;
(function (Tools) {
    /** @traced */
    Tools.single = (x) => __traced.invoke(__traced_site_4, [x], async () => x);
})(Tools || (Tools = {}));
