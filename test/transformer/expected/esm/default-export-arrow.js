import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"default","parameterNames":["input"],"spanType":"CHAIN","file":"src/default-export-arrow.ts","line":2}');
/** @traced spanType=CHAIN */
export default (input) => __traced.invoke(__traced_site_1, [input], () => input.length);
