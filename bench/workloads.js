// The workloads, each built for one library adapter. A workload returns the function mitata
// times (one call = one traced operation), or undefined when the library cannot run it.
import { AsyncLocalStorage } from "node:async_hooks";
import { do_not_optimize } from "mitata";

/** A chat request of ~10 KB as JSON: the kind of input an LLM span captures. */
export function makeTenKilobyteRequest() {
  const messages = [];
  for (let i = 0; messages.length < 40; i++) {
    messages.push({ role: i % 2 ? "assistant" : "user", content: `Message ${i}: ` + "the quick brown fox jumps over the lazy dog ".repeat(4), tokens: 40 + i });
  }
  const request = { model: "gpt-4o-mini", temperature: 0.2, max_tokens: 512, messages, tools: [{ name: "search", description: "Look things up", parameters: { type: "object", properties: { q: { type: "string" } } } }] };
  let size = JSON.stringify(request).length;
  // Trim or pad the last message so the JSON is 10 KB within a few characters.
  const last = messages[messages.length - 1];
  last.content = last.content.slice(0, Math.max(0, last.content.length - Math.max(0, size - 10_240)));
  size = JSON.stringify(request).length;
  if (size < 10_240) last.content += "x".repeat(10_240 - size);
  return request;
}

const TOKENS = Array.from({ length: 100 }, (_, i) => `tok${i} `);

async function* streamTokens(count) {
  for (let i = 0; i < count; i++) yield TOKENS[i % TOKENS.length];
}

const joinChunks = (chunks) => chunks.join("");

async function consume(iterable) {
  let n = 0;
  for await (const chunk of iterable) n += chunk.length;
  return n;
}

/** Workloads measured for traced and each peer. */
export const PEER_WORKLOADS = {
  "sync span": (lib) => {
    const f = lib.wrap((x) => x + 1, "sync");
    return () => do_not_optimize(f(1));
  },
  "async span": (lib) => {
    const f = lib.wrap(async (x) => x + 1, "async");
    return () => f(1);
  },
  "three nested spans": (lib) => {
    if (lib.alwaysAsync) {
      // traceable returns promises even for sync bodies, so nesting must await.
      const leaf = lib.wrap((x) => x + 1, "leaf");
      const mid = lib.wrap(async (x) => (await leaf(x)) + 1, "mid");
      const outer = lib.wrap(async (x) => (await mid(x)) + 1, "outer");
      return () => outer(1);
    }
    const leaf = lib.wrap((x) => x + 1, "leaf");
    const mid = lib.wrap((x) => leaf(x) + 1, "mid");
    const outer = lib.wrap((x) => mid(x) + 1, "outer");
    return () => do_not_optimize(outer(1));
  },
  "span capturing a 10 KB input": (lib) => {
    const request = makeTenKilobyteRequest();
    const f = lib.wrapCapturing((req) => req.messages.length, "llm");
    return () => do_not_optimize(f(request));
  },
  "async generator, 100 chunks + reducer": (lib) => {
    if (lib.wrapStream === undefined) return undefined;
    const g = lib.wrapStream(streamTokens, "stream", joinChunks);
    return async () => consume(await g(100));
  },
};

/** Baselines: the same work without any tracing library. */
export const BASELINES = {
  "bare call": () => {
    const f = (x) => x + 1;
    return () => do_not_optimize(f(1));
  },
  "bare AsyncLocalStorage.run": () => {
    const als = new AsyncLocalStorage();
    const store = {};
    const f = (x) => x + 1;
    return () => do_not_optimize(als.run(store, f, 1));
  },
  "one JSON.stringify of the 10 KB input": () => {
    const request = makeTenKilobyteRequest();
    return () => do_not_optimize(JSON.stringify(request));
  },
  "bare async generator, 100 chunks + join": () => async () => {
    const chunks = [];
    for await (const chunk of streamTokens(100)) chunks.push(chunk);
    return joinChunks(chunks).length;
  },
};

/** traced with tracing disabled (`disable()`): a traced sync function called straight through. */
export function tracedDisabledWorkload(lib) {
  const f = lib.wrap((x) => x + 1, "disabled");
  return () => do_not_optimize(f(1));
}
