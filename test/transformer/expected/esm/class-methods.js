import * as __traced from "traced/runtime";
const __traced_site_1 = __traced.defineSite('{"name":"answer","parameterNames":["question"],"spanType":"AGENT","file":"src/class-methods.ts","line":5}');
const __traced_site_2 = __traced.defineSite('{"name":"create","parameterNames":["name"],"file":"src/class-methods.ts","line":10}');
const __traced_site_3 = __traced.defineSite('{"name":"lookup","parameterNames":["key"],"file":"src/class-methods.ts","line":15}');
const __traced_site_4 = __traced.defineSite('{"name":"answer","parameterNames":["question"],"file":"src/class-methods.ts","line":22}');
export class Agent {
    #secret = 42;
    /** @traced spanType=AGENT */
    answer(question) {
        return __traced.invoke(__traced_site_1, [question], async () => {
            return `${question}:${await this.#lookup(question)}`;
        });
    }
    /** @traced */
    static create(name) {
        return __traced.invoke(__traced_site_2, [name], () => {
            return new Agent();
        });
    }
    /** @traced name=lookup */
    #lookup(key) {
        return __traced.invoke(__traced_site_3, [key], async () => {
            return this.#secret + key.length;
        });
    }
}
export class Derived extends Agent {
    /** @traced */
    answer(question) {
        return __traced.invoke(__traced_site_4, [question], async () => {
            const base = await super.answer(question);
            return `${base}!`;
        });
    }
}
