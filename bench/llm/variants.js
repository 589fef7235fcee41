// One OpenAI SDK client per variant, all pointed at the wire server, each traced the way its
// library documents. Every library's finished spans/runs stay in its own queue until the
// benchmark empties it between calls (untimed), as a no-op export would: export work is never
// on the measured path, for any of them.
import * as openaiModule from "openai";
import { OpenAI } from "openai";
import { VERSION as OPENAI_VERSION } from "openai/version";
import * as traced from "traced";
import { tracedOpenAI } from "../../dist/esm/integrations/openai/index.js";
import { wrapOpenAI } from "langsmith/wrappers/openai";
import { OpenAIInstrumentation } from "@arizeai/openinference-instrumentation-openai";
import { createLangSmithAdapter } from "../peers/langsmith.js";
import { createBatchedProvider } from "../peers/otel-shared.js";

const sdkClient = (baseURL) => new OpenAI({ apiKey: "bench", baseURL, maxRetries: 0 });

/** An exporter that accepts and forgets traces. */
const dropTraces = { name: "bench-drop", export() {}, exportSync() {} };

function tracedVariant(baseURL, diagnostics) {
  traced.reset();
  traced.configure({ destination: dropTraces, maxQueueSize: 16_384, onDiagnostic: (d) => diagnostics.push(`${d.code}: ${d.message}`) });
  const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");
  let queued = pipeline.stats.queued;
  return {
    key: "traced",
    name: "traced tracedOpenAI",
    client: tracedOpenAI(sdkClient(baseURL)),
    drain() {
      // Its own setImmediate may have exported already; `queued` counts traces either way.
      pipeline.flushSync();
      const traces = pipeline.stats.queued - queued;
      queued = pipeline.stats.queued;
      return traces;
    },
  };
}

function langsmithVariant(baseURL) {
  // Tracing on, runs queued in its auto-batch queue as in production; its HTTP is a local stub.
  const adapter = createLangSmithAdapter();
  return {
    key: "langsmith",
    name: "LangSmith wrapOpenAI",
    client: wrapOpenAI(sdkClient(baseURL), { client: adapter.client, tracingEnabled: true }),
    drain() {
      const runs = adapter.client.autoBatchQueue.items.length;
      adapter.drain();
      return runs;
    },
  };
}

function openInferenceVariant(baseURL) {
  const { provider, processor, drain } = createBatchedProvider();
  const instrumentation = new OpenAIInstrumentation({ tracerProvider: provider });
  // Its documented ESM set-up patches the SDK's Completions prototype for every client in
  // the process. Here its wrapper goes on this one client instead (the same function, called
  // the same way), and the prototype is restored, so the other variants run the SDK's own.
  const proto = openaiModule.OpenAI.Chat.Completions.prototype;
  const original = proto.create;
  instrumentation.manuallyInstrument(openaiModule);
  const wrapped = proto.create;
  instrumentation.unpatch(openaiModule);
  if (wrapped === original || proto.create !== original) throw new Error("OpenInference did not patch chat.completions.create as expected");
  const client = sdkClient(baseURL);
  client.chat.completions.create = wrapped;
  return {
    key: "openinference",
    name: "OpenInference OpenAIInstrumentation",
    client,
    drain() {
      const spans = processor._finishedSpans.length;
      drain();
      return spans;
    },
  };
}

/** OpenInference's instrumentation declares the openai versions it patches; is the installed one of them? */
function openInferenceSupports() {
  const version = OPENAI_VERSION;
  const definitions = [new OpenAIInstrumentation({ instrumentationConfig: { enabled: false } }).init()].flat();
  const ranges = definitions.filter((d) => d.name === "openai").flatMap((d) => d.supportedVersions);
  const major = Number(version.split(".")[0]);
  // Caret ranges only (what it declares): ^N.x matches major N.
  return { version, ranges, supported: ranges.some((r) => r.startsWith("^") && Number(r.slice(1).split(".")[0]) === major) };
}

export function createVariants(baseURL, only) {
  const diagnostics = [];
  const support = openInferenceSupports();
  const all = [
    { key: "bare-no-hooks", name: "bare SDK, no AsyncLocalStorage enabled", client: sdkClient(baseURL), drain: () => 0, noHooks: true },
    { key: "bare", name: "bare SDK", client: sdkClient(baseURL), drain: () => 0 },
    tracedVariant(baseURL, diagnostics),
    langsmithVariant(baseURL),
    support.supported ? openInferenceVariant(baseURL) : { key: "openinference", name: "OpenInference OpenAIInstrumentation", unsupported: `not supported for openai ${support.version.split(".")[0]} (declares ${support.ranges.join(", ")})` },
  ];
  const variants = only === undefined ? all : all.filter((v) => v.key === "bare" || only.includes(v.key));
  return { variants, diagnostics, openInference: support };
}
