import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"tokens","parameterNames":["text"],"spanType":"LLM","file":"src/generators.ts","line":2}');
const __traced_site_2 = __traced.defineSite('{"name":"stream","parameterNames":["prompt"],"file":"src/generators.ts","line":9}');
const __traced_site_3 = __traced.defineSite('{"name":"items","parameterNames":["n"],"file":"src/generators.ts","line":24}');
const __traced_site_4 = __traced.defineSite('{"name":"pages","parameterNames":["size"],"file":"src/generators.ts","line":32}');
/** @traced spanType=LLM */
export function* tokens(text) {
    const __traced_arguments_1 = arguments;
    return yield* __traced.invokeGenerator(__traced_site_1, [text], (function* () {
        for (const word of text.split(" "))
            yield word;
        return __traced_arguments_1.length;
        // end of the generator body
    }).call(this));
}
/** @traced */
export async function* stream(prompt) {
    return yield* __traced.invokeAsyncGenerator(__traced_site_2, [prompt], (async function* () {
        yield prompt;
    }).call(this));
}
class Base {
    *items(n) {
        yield n;
    }
    get label() {
        return "base";
    }
}
export class Child extends Base {
    /** @traced */
    *items(n) {
        const __traced_arguments_2 = arguments;
        const __traced_super_1 = key => super[key];
        return yield* __traced.invokeGenerator(__traced_site_3, [n], (function* () {
            yield* __traced_super_1("items").call(this, n);
            yield __traced_super_1("label");
            const count = () => __traced_arguments_2.length;
            yield count();
        }).call(this));
    }
    /** @traced */
    async *pages(size) {
        const __traced_super_2 = key => super[key];
        return yield* __traced.invokeAsyncGenerator(__traced_site_4, [size], (async function* () {
            yield* __traced_super_2("items").call(this, size);
        }).call(this));
    }
}
