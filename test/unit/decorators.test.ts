/**
 * @trace as real TypeScript compiles it: the fixtures in test/decorators/src are built by
 * the global setup with tsc twice — TC39 stage-3 decorators and experimentalDecorators.
 */
import "reflect-metadata";
import { beforeEach, describe, expect, it } from "vitest";
import { getTracedMethods, TRACED_OPTIONS_KEY, TRACED_PARAMETERS_KEY, TracedUsageError } from "../../src/index.js";
import { setupTracing, shape, type TestTracing } from "../support/tracing.js";

let tracing: TestTracing;
beforeEach(() => {
  tracing = setupTracing();
});

const load = (mode: string, file: string) => import(`../../.tmp/decorators/${mode}/${file}`);

describe.each(["stage3", "legacy"])("@trace with %s decorators", (mode) => {
  it("traces instance, static, async, generator and async-generator methods with `this` intact", async () => {
    const { Agent } = await load(mode, "agent.js");
    const agent = Agent.create("p");
    expect(agent).toBeInstanceOf(Agent);
    expect(await agent.run("q")).toBe("p:q#0|q#1");
    expect(agent.calls).toBe(1);
    expect(agent.run.name).toBe("run");
    expect(agent.run.length).toBe(1);
    const chunks: string[] = [];
    for await (const chunk of agent.stream("ab")) chunks.push(chunk);
    expect(chunks).toEqual(["pa", "pb"]);
    expect([...agent.count(2)]).toEqual([0, 1]);
    const [create, run, stream, count] = await tracing.traces();
    expect(create!.rootSpan!.name).toBe("make");
    expect(create!.rootSpan!.inputs).toEqual({ prefix: "p" });
    expect(shape(run!)).toEqual(["run", ["retrieve"]]);
    expect(run!.rootSpan!.spanType).toBe("AGENT");
    expect(run!.rootSpan!.inputs).toEqual({ question: "q" });
    expect(run!.spans[1]!.inputs).toEqual({ query: "q", topK: 2 });
    expect(run!.spans[1]!.spanType).toBe("RETRIEVER");
    expect(stream!.rootSpan!.outputs).toBe("papb");
    expect(count!.rootSpan!.outputs).toEqual([0, 1]);
  });

  it("rethrows errors unchanged", async () => {
    const { Agent } = await load(mode, "agent.js");
    expect(() => new Agent("x").fail("why")).toThrow("why");
    expect((await tracing.onlyTrace()).info.state).toBe("ERROR");
  });

  it("fails at class definition when used on a field, accessor or class, or with bad options", async () => {
    const { misuses } = await load(mode, "agent.js");
    expect(() => misuses.field()).toThrow(TracedUsageError);
    expect(() => misuses.field()).toThrow(/methods only; value is a field/);
    expect(() => misuses.getter()).toThrow(/methods only; value is (a getter|an accessor)/);
    // Legacy class decorators arrive as a plain call with the class: trace(Decorated).
    expect(() => misuses.klass()).toThrow(/Decorated is a class|cannot trace class Decorated/);
    expect(() => misuses.badOptions()).toThrow(/unknown option "spanTyp"/);
  });

  it("records traced methods for frameworks: getTracedMethods and reflect-metadata", async () => {
    const { Agent } = await load(mode, "agent.js");
    new Agent("x"); // stage-3 records on the prototype at the first construction
    const methods = getTracedMethods(Agent).map((m) => `${m.static ? "static " : ""}${String(m.methodName)}`);
    expect(methods.sort()).toEqual(["count", "fail", "retrieve", "run", "static create", "stream"]);
    const run = getTracedMethods(Agent).find((m) => m.methodName === "run")!;
    expect(run.parameterNames).toEqual(["question", "{ topK = 2 }"]);
    expect(Reflect.getMetadata(TRACED_OPTIONS_KEY, Agent.prototype, "run")).toMatchObject({ spanType: "AGENT" });
    expect(Reflect.getMetadata(TRACED_PARAMETERS_KEY, Agent.prototype, "retrieve")).toEqual(["query", "topK"]);
    expect(Reflect.getMetadata(TRACED_OPTIONS_KEY, Agent, "create")).toEqual({ name: "make" });
  });
});

describe("stage-3 only", () => {
  it("traces #private methods", async () => {
    const { Vault } = await load("stage3", "stage3-only.js");
    expect(new Vault().open("1234")).toBe(true);
    const span = (await tracing.onlyTrace()).rootSpan!;
    expect(span.name).toBe("#unlock");
    expect(span.inputs).toEqual({ code: "1234" });
  });

  it("ends spans declared with `using` at the end of their block", async () => {
    const { usingBlocks } = await load("stage3", "stage3-only.js");
    expect(usingBlocks()).toEqual(["block", "outer"]);
    const t = await tracing.onlyTrace();
    expect(shape(t)).toEqual(["outer", [["block", ["manual"]]]]);
    expect(t.spans.every((s) => s.endTimeNs !== null)).toBe(true);
    expect(t.searchSpans({ name: "block" })[0]!.inputs).toEqual({ step: 1 });
  });
});
