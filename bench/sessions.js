// Sessions (traced only): a 200-turn session's page from `traced ui`'s API, the data the
// session page waits for, as a median over repeated requests on loopback; beside it, the
// same 200 traces read whole with searchTraces (what a page built on traces would load),
// and the Sessions page's first page of searchSessions (newest first, walked through the
// time index) against the same page from the grouped query over every session.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as traced from "traced";
import { createStoreExporter } from "../dist/esm/store/index.js";
import { TraceStore } from "../dist/esm/query/index.js";
import { createUiServer } from "../dist/esm/ui/index.js";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2_000);
const TURNS = 10;
const BIG_TURNS = 200;
const REQUESTS = Number(process.env.BENCH_SESSIONS_REQUESTS ?? 30);
const BATCH = 2_000;
const BIG = "bench-session-200";

const dir = mkdtempSync(join(tmpdir(), "traced-bench-sessions-"));
const dbPath = join(dir, "sessions.db");
const store = createStoreExporter({ path: dbPath });
const memory = new traced.InMemoryExporter();
traced.reset();
traced.configure({ destination: memory, maxQueueSize: BATCH + 1, onDiagnostic: () => {} });
const pipeline = globalThis[Symbol.for("traced.registry")].singletons.get("export.pipeline");

// One turn: the app's root, a retrieval tool, and a priced chat-model call with messages.
const retrieve = traced.trace((q) => ({ docs: [`doc about ${q}`] }), { name: "retrieve", spanType: "TOOL" });
const llm = traced.trace(
  (request) => {
    traced.setSpanAttribute("mlflow.llm.model", "gpt-4o-mini");
    traced.setSpanTokenUsage({ input_tokens: 120, output_tokens: 40 });
    return { choices: [{ message: { role: "assistant", content: `An answer to: ${request.messages.at(-1).content}` } }] };
  },
  { name: "chat", spanType: "CHAT_MODEL" },
);
const turn = traced.trace(
  (session, user, question) => {
    traced.updateCurrentTrace({ session, user });
    const { docs } = retrieve(question);
    return llm({ model: "gpt-4o-mini", messages: [{ role: "system", content: docs.join("\n") }, { role: "user", content: question }] }).choices[0].message.content;
  },
  { name: "chat-app", spanType: "CHAIN" },
);

let pending = 0;
const flushIfFull = () => {
  if (++pending < BATCH) return;
  pipeline.flushSync();
  store.exportSync(memory.take());
  pending = 0;
};
for (let s = 0; s < SESSIONS; s++) {
  for (let t = 0; t < TURNS; t++) {
    turn(`session-${s}`, `user-${s % 97}`, `question ${t} of session ${s}`);
    flushIfFull();
  }
}
for (let t = 0; t < BIG_TURNS; t++) {
  turn(BIG, "user-big", `question ${t} of the long session`);
  flushIfFull();
}
pipeline.flushSync();
store.exportSync(memory.take());
await store.shutdown();

const server = await createUiServer({ dbPath, port: 0 });
async function medianRequestMs(path) {
  const times = [];
  for (let i = 0; i < REQUESTS + 3; i++) {
    const started = performance.now();
    const response = await fetch(new URL(path, server.url));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await response.arrayBuffer();
    if (i >= 3) times.push(performance.now() - started); // the first requests warm up
  }
  return median(times);
}
function medianCallMs(fn) {
  const times = [];
  for (let i = 0; i < REQUESTS + 3; i++) {
    const started = performance.now();
    fn();
    if (i >= 3) times.push(performance.now() - started);
  }
  return median(times);
}
function median(times) {
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const pageMs = await medianRequestMs(`/api/sessions/${BIG}`);
await server.close();
const reader = TraceStore.open(dbPath);
const turns = reader.getSession(BIG).turns.length;
if (turns !== BIG_TURNS) throw new Error(`the long session has ${turns} turns, expected ${BIG_TURNS}`);
const getSessionMs = medianCallMs(() => reader.getSession(BIG));
const filter = `metadata.\`mlflow.trace.session\` = '${BIG}'`;
const wholeTracesMs = medianCallMs(() => reader.searchTraces({ filter, maxResults: BIG_TURNS }));
const listMs = medianCallMs(() => reader.searchSessions({ maxResults: 50 }));
// The same page in the same order, but through the grouped query over every session (a third order key forces it).
const groupedListMs = medianCallMs(() => reader.searchSessions({ maxResults: 50, orderBy: ["last_time_ms DESC", "session_id ASC", "turns DESC"] }));
const traces = reader.countTraces();
reader.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ traces, sessions: SESSIONS + 1, turns: BIG_TURNS, pageMs, getSessionMs, wholeTracesMs, listMs, groupedListMs }) + "\n");
process.exit(0);
