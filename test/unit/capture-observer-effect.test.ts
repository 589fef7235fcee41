/**
 * Capturing a value runs its code (toJSON, getters, Symbol.toPrimitive): when that code is
 * itself traced, the capture must not record spans of its own, nested or as root traces, and
 * the app's own calls of the same functions are still traced.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { trace, withSpan } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

class Document {
  constructor(readonly id: string) {}
  toJSON = trace(function toJSON(this: Document) {
    return { id: this.id, kind: "document" };
  });
}

class Account {
  #balance = 40;
  calls = 0;
  declare readonly balance: number;
  constructor() {
    // An own enumerable accessor, so JSON reads it as it reads a field.
    Object.defineProperty(this, "balance", { get: () => readBalance(this), enumerable: true });
  }
  peek(): number {
    this.calls++;
    return this.#balance;
  }
}
const readBalance = trace(function readBalance(account: Account) {
  return account.peek();
});

describe("no observer effect", () => {
  it("a traced toJSON run by the capture records no span", async () => {
    const store = trace(function store(doc: Document) {
      return doc;
    });
    const result = store(new Document("d1"));
    expect(result.id).toBe("d1");
    const traces = await tracing.traces();
    expect(traces).toHaveLength(1);
    expect(shape(traces[0]!)).toEqual("store");
    expect(traces[0]!.rootSpan!.inputs).toEqual({ doc: { id: "d1", kind: "document" } });
    expect(traces[0]!.rootSpan!.outputs).toEqual({ id: "d1", kind: "document" });
  });

  it("a traced toJSON called by the app itself is still traced", async () => {
    const outer = trace(function outer(doc: Document) {
      return doc.toJSON().id;
    });
    outer(new Document("d2"));
    const traces = await tracing.traces();
    expect(traces).toHaveLength(1);
    expect(shape(traces[0]!)).toEqual(["outer", ["toJSON"]]);
  });

  it("a traced getter read by the capture records no span, and runs no more than an untraced capture would", async () => {
    const account = new Account();
    const audit = trace(function audit(subject: { account: Account }) {
      return subject.account.calls;
    });
    audit({ account: new Account() });
    const before = account.calls;
    withSpan("root", (span) => span.setInputs({ account }));
    const traces = await tracing.traces();
    expect(traces).toHaveLength(2);
    for (const trace of traces) expect(trace.spans.map((span) => span.name)).not.toContain("readBalance");
    const recorded = traces.find((t) => t.rootSpan!.name === "root")!.rootSpan!.inputs as { account: { balance: number } };
    expect(recorded.account.balance).toBe(40);
    // The capture reads the getter once per look (the bounded look, then JSON); nothing else runs.
    expect(account.calls - before).toBeLessThanOrEqual(2);
  });

  it("a traced Symbol.toPrimitive or withSpan inside toJSON records nothing either", async () => {
    const format = trace(function format(n: number) {
      return `#${n}`;
    });
    const value = {
      toJSON() {
        return withSpan("inside-capture", () => format(7));
      },
    };
    const run = trace(function run(input: unknown) {
      return String(input === value);
    });
    expect(run(value)).toBe("true");
    const traces = await tracing.traces();
    expect(traces).toHaveLength(1);
    expect(traces[0]!.spans.map((span) => span.name)).toEqual(["run"]);
    expect(traces[0]!.rootSpan!.inputs).toEqual({ input: "#7" });
  });
});
