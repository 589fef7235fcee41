// Turns the raw rounds into medians, spreads, ratios and goal verdicts, and renders markdown.
import { renderLlmSection, summarizeLlm } from "./llm/report.js";
import { median, spread } from "./stats.js";

const OTEL = "OpenTelemetry SDK";
const TRACED = "traced";
const TAGGED = "traced, @traced tag";

function cell(round, workload, library) {
  return round.results.find((r) => r.workload === workload && r.library === library);
}

/** A per-round value, then its median and spread over rounds. */
function overRounds(rounds, pick) {
  const values = rounds.map(pick);
  return { median: median(values), spread: spread(values), values };
}

export function summarize(rounds, builds) {
  const first = rounds[0];
  const rows = [];
  for (const r of first.results) {
    const key = (round) => cell(round, r.workload, r.library)?.medianNs;
    const time = overRounds(rounds, key);
    const vsOtel = overRounds(rounds, (round) => key(round) / cell(round, r.workload, OTEL)?.medianNs);
    const vsTraced = overRounds(rounds, (round) => key(round) / cell(round, r.workload, TRACED)?.medianNs);
    rows.push({ workload: r.workload, library: r.library, medianNs: time.median, spread: time.spread, vsOtel: vsOtel.median, vsTraced: vsTraced.median, note: r.note ?? null });
  }

  const ratio = (workload, library, baselineWorkload, baselineLibrary) =>
    overRounds(rounds, (round) => cell(round, workload, library)?.medianNs / cell(round, baselineWorkload, baselineLibrary)?.medianNs);
  const memory = {};
  for (const m of first.memory) memory[m.library] = overRounds(rounds, (round) => round.memory.find((x) => x.library === m.library)?.bytesPerSpan);
  const store = overRounds(rounds, (round) => round.store.spansPerSecond);
  const storeIngest = (first.storeIngest ?? []).map((s, i) => ({
    label: `${s.driver === "node" ? "node:sqlite" : s.driver === "better" ? "better-sqlite3" : s.driver}, Node ${s.node.split(".")[0]}`,
    ...overRounds(rounds, (round) => round.storeIngest[i]?.ratio),
    tracedSpansPerSecond: overRounds(rounds, (round) => round.storeIngest[i]?.tracedSpansPerSecond).median,
    plainSpansPerSecond: overRounds(rounds, (round) => round.storeIngest[i]?.plainSpansPerSecond).median,
    asyncRatio: overRounds(rounds, (round) => round.storeIngest[i]?.asyncRatio).median,
    summaryRatio: overRounds(rounds, (round) => round.storeIngest[i]?.summaryRatio).median,
  }));
  // Issue 17: cold import + first traced call, per Node version (bench/import-cost.js); within-run ratios, median over rounds.
  const importCost = (first.importCost ?? []).map((c, i) => {
    const pick = (key, part) => overRounds(rounds, (round) => round.importCost?.[i]?.[key]?.[part]?.median);
    return { node: c.node, cases: c.cases, vsOtel: { time: pick("tracedVsOtel", "time"), rss: pick("tracedVsOtel", "rss"), heap: pick("tracedVsOtel", "heap") }, storeVsOtel: { time: pick("tracedStoreVsOtel", "time"), heap: pick("tracedStoreVsOtel", "heap") }, runtimeVsOtel: { time: pick("tracedRuntimeVsOtel", "time"), heap: pick("tracedRuntimeVsOtel", "heap") }, vsLangsmith: { time: pick("tracedVsLangsmith", "time"), heap: pick("tracedVsLangsmith", "heap") } };
  });
  const otlp = overRounds(rounds, (round) => round.otlp.spansPerSecond);
  const searchFilters = first.search.results.map((r) => ({ filter: r.filter, ...overRounds(rounds, (round) => round.search.results.find((x) => x.filter === r.filter)?.medianMs) }));
  const search = { spans: first.search.spans, filters: searchFilters };
  const { large, dense, remote } = builds;
  const llm = summarizeLlm(rounds.map((round) => round.llm));

  const goals = [
    { goal: "sync span vs OpenTelemetry SDK", target: "≤ 0.6×", limit: 0.6, ...ratio("sync span", TRACED, "sync span", OTEL) },
    { goal: "async span vs OpenTelemetry SDK", target: "≤ 0.6×", limit: 0.6, ...ratio("async span", TRACED, "async span", OTEL) },
    { goal: "three nested spans vs OpenTelemetry SDK", target: "≤ 0.6×", limit: 0.6, ...ratio("three nested spans", TRACED, "three nested spans", OTEL) },
    { goal: "span capturing 10 KB vs one JSON.stringify of it", target: "≤ 1.1×", limit: 1.1, ...ratio("span capturing a 10 KB input", TRACED, "one JSON.stringify of the 10 KB input", "baseline") },
    // Issue 4: a function traced by the transformer costs the same as the trace() wrapper or less.
    { goal: "@traced tag vs trace() wrapper, sync span", target: "same or less (≤ 1.05×)", limit: 1.05, ...ratio("sync span", TAGGED, "sync span", TRACED) },
    { goal: "@traced tag vs trace() wrapper, async span", target: "same or less (≤ 1.05×)", limit: 1.05, ...ratio("async span", TAGGED, "async span", TRACED) },
    { goal: "@traced tag vs trace() wrapper, three nested spans", target: "same or less (≤ 1.05×)", limit: 1.05, ...ratio("three nested spans", TAGGED, "three nested spans", TRACED) },
    { goal: "tracing disabled vs bare AsyncLocalStorage.run", target: "≤ 2×", limit: 2, ...ratio("tracing disabled", TRACED, "bare AsyncLocalStorage.run", "baseline") },
    { goal: "retained bytes per finished span (before export)", target: "≤ 500 B", limit: 500, unit: "B", ...memory["traced"] },
    // Issue 15: ingest as a ratio to plain prepared-statement inserts of the same rows, per driver.
    ...storeIngest.map((s) => ({ goal: `store ingest vs plain prepared inserts of the same rows, ${s.label}`, target: "≥ 0.7×", limit: 0.7, atLeast: true, ...s })),
    ...importCost.flatMap((c) => [
      { goal: `cold import("traced") + first traced call vs the OpenTelemetry SDK + OTLP exporter, time, Node ${c.node}`, target: "≤ 0.5×", limit: 0.5, ...c.vsOtel.time },
      { goal: `cold import("traced") + first traced call vs the OpenTelemetry SDK + OTLP exporter, heap after (above a bare process), Node ${c.node}`, target: "≤ 0.5×", limit: 0.5, ...c.vsOtel.heap },
      { goal: `cold import("traced") + first traced call vs the OpenTelemetry SDK + OTLP exporter, RSS after (above a bare process), Node ${c.node}`, target: "≤ 0.5×", limit: 0.5, ...c.vsOtel.rss },
    ]),
    { goal: "OTLP export to a local receiver, spans per second", target: "≥ 50,000/s", limit: 50_000, atLeast: true, unit: "/s", ...otlp },
    { goal: `filtered search over ${(search.spans / 1e6).toFixed(2)}M spans (${searchFilters[0].filter}), median`, target: "≤ 50 ms", limit: 50, unit: "ms", ...searchFilters[0] },
    { goal: `tspc + transformer vs plain tsc, large project (${large.files.toLocaleString("en-US")} generated modules), fastest builds`, target: "≤ 1.2×", limit: 1.2, median: large.bestRatio, spread: NaN },
    { goal: `traced ui: the trace list's first page over ${first.ui.traces.toLocaleString("en-US")} traces, median`, target: "≤ 200 ms", limit: 200, unit: "ms", ...overRounds(rounds, (round) => round.ui.listMs) },
    // The page renders only the visible rows of the tree (test/browser/large-trace.test.ts); this is the data it waits for.
    { goal: `traced ui: a ${first.ui.bigTraceSpans.toLocaleString("en-US")}-span trace's detail from the API, median`, target: "≤ 1000 ms", limit: 1000, unit: "ms", ...overRounds(rounds, (round) => round.ui.detailMs) },
    // Its verdict also compares with the peers, so it comes with its own.
    llm.goal,
    // Issue 16: what the session page waits for, over the UI's API (bench/sessions.js).
    ...(first.sessions ? [{ goal: `traced ui: a ${first.sessions.turns}-turn session's page from the API (${first.sessions.traces.toLocaleString("en-US")} traces in ${first.sessions.sessions.toLocaleString("en-US")} sessions), median`, target: "≤ 100 ms", limit: 100, unit: "ms", ...overRounds(rounds, (round) => round.sessions.pageMs) }] : []),
    // Issue 16: the Overview's numbers (bench/summaries.js: 7 days, hourly, models and span names).
    ...(first.summaries
      ? [{ goal: `summarizeTraces: the Overview's numbers over ${first.summaries.traces.toLocaleString("en-US")} traces, median`, target: "≤ 300 ms", limit: 300, unit: "ms", ...overRounds(rounds, (round) => round.summaries.results.find((r) => r.case === "overview")?.medianMs) }]
      : []),
    // Issue 18: the capture budget bounds a call's cost and memory whatever it is given (bench/capture.js).
    ...(first.capture
      ? [
          { goal: `span given a ${first.capture.hugeGraphMb.toFixed(0)} MB graph of ${(first.capture.hugeGraphNodes / 1e6).toFixed(1)}M nodes, per call`, target: "≤ 1 ms", limit: 1, unit: "ms", ...overRounds(rounds, (round) => round.capture.hugeGraphCallNs / 1e6) },
          { goal: "heap retained per finished span given that graph (before export)", target: "≤ 2,000,000 B (the 1,000,000-character cap)", limit: 2_000_000, unit: "B", ...overRounds(rounds, (round) => round.capture.hugeGraphBytesPerSpan) },
          { goal: "span given one object of 1M keys, per call after its first", target: "≤ 1 ms", limit: 1, unit: "ms", ...overRounds(rounds, (round) => round.capture.millionKeysCallNs / 1e6) },
        ]
      : []),
    ...(remote ? [{ goal: `searchTraces over a tracking server (fake MLflow, own process): client CPU per page of ${remote.page.traces} traces with spans vs the local file`, target: "≤ 1.5×", limit: 1.5, median: remote.page.ratio, spread: NaN }] : []),
  ].map((g) => ({ ...g, pass: g.pass ?? (g.atLeast ? g.median >= g.limit : g.median <= g.limit) }));

  const info = [
    { what: "tracing disabled vs bare call", ...ratio("tracing disabled", TRACED, "bare call", "baseline") },
    { what: "span capturing 10 KB: capture part only ((capture span − sync span) / JSON.stringify)", ...overRounds(rounds, (round) => (cell(round, "span capturing a 10 KB input", TRACED).medianNs - cell(round, "sync span", TRACED).medianNs) / cell(round, "one JSON.stringify of the 10 KB input", "baseline").medianNs) },
  ];
  const rangeOf = ([low, high], middle) => (high - low) / middle;
  info.push(
    { what: `large project: median of the ${large.rounds} per-round ratios (tspc + transformer vs plain tsc)`, median: large.ratio, spread: rangeOf(large.ratioRange, large.ratio) },
    { what: "large project: tspc + transformer vs tspc without the plugin (the transformer's own share), fastest builds", median: large.bestTransformerOnlyRatio, spread: NaN },
  );
  const denseLabel = `dense worst case (${dense.files} files, two thirds of all functions tagged)`;
  info.push(
    { what: `${denseLabel}: tspc + transformer vs plain tsc, fastest builds`, median: dense.bestRatio, spread: NaN },
    { what: `${denseLabel}: tspc without the plugin vs plain tsc (ts-patch's launch), fastest builds`, median: dense.bestLaunchRatio, spread: NaN },
    { what: `${denseLabel}: tsc with ts-patch's persistent patch + transformer vs plain tsc, fastest builds`, median: dense.bestPersistentRatio, spread: NaN },
  );
  info.push(...llm.info.map((i) => ({ ...i, what: `LLM call: ${i.what}` })));
  if (first.capture) {
    info.push(
      { what: "many small traced calls (a promise chain of 5 spans passing small objects) vs the same code untraced", ...overRounds(rounds, (round) => round.capture.smallCallsTracedNs / round.capture.smallCallsBareNs) },
      { what: "many small traced calls vs the OpenTelemetry SDK (input recorded as one JSON attribute)", ...overRounds(rounds, (round) => round.capture.smallCallsTracedNs / round.capture.smallCallsOtelNs) },
      { what: "span given one object of 1M keys, its first call (V8 lists every key once) vs later calls", ...overRounds(rounds, (round) => (round.capture.millionKeysFirstCallMs * 1e6) / round.capture.millionKeysCallNs) },
    );
  }
  if (first.sessions) {
    info.push(
      { what: `sessions: getSession of ${first.sessions.turns} turns vs searchTraces of the same ${first.sessions.turns} traces whole, in process`, ...overRounds(rounds, (round) => round.sessions.getSessionMs / round.sessions.wholeTracesMs) },
      { what: `sessions: searchSessions' first page of 50, newest first, vs the same page grouped over all ${first.sessions.sessions.toLocaleString("en-US")} sessions`, ...overRounds(rounds, (round) => round.sessions.listMs / round.sessions.groupedListMs) },
    );
  }
  if (first.summaries) {
    const vsOverview = (name) => overRounds(rounds, (round) => round.summaries.results.find((r) => r.case === name)?.medianMs / round.summaries.results.find((r) => r.case === "overview")?.medianMs);
    info.push(
      { what: "summaries: daily intervals vs the hourly Overview", ...vsOverview("daily") },
      { what: "summaries: ranking a tag's values (every trace tagged) vs the Overview", ...vsOverview("tag.env") },
      { what: "summaries: filtered (trace.status = 'ERROR', 5% of traces) vs the unfiltered Overview", ...vsOverview("filtered") },
    );
  }
  return { rows, goals, info, memory, store, storeIngest, otlp, search, builds, llm, importCost };
}

const fmtNs = (ns) => (!Number.isFinite(ns) ? "—" : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "—");
const fmtPct = (x) => (Number.isFinite(x) ? `±${((x * 100) / 2).toFixed(0)}%` : "—");
const fmtGoal = (g) =>
  g.unit === "x3" ? `${g.median.toFixed(3)}×` : g.unit === "B" ? `${g.median.toFixed(0)} B` : g.unit === "/s" ? `${Math.round(g.median).toLocaleString("en-US")}/s` : g.unit === "ms" ? `${g.median.toFixed(2)} ms` : fmtX(g.median);

export function renderMarkdown(machine, summary) {
  const lines = [];
  lines.push("# traced benchmarks", "");
  lines.push(`${machine.date} · Node ${machine.node} · ${machine.cpu} (${machine.cores} cores) · ${machine.platform} · ${machine.rounds} rounds, each in a fresh process`, "");
  lines.push("Medians of mitata samples (256 calls per sample, 64 for the 10 KB capture, 16 for the stream, the same for every library; warm-up first; queues emptied and a minor GC run between samples, untimed). Ratios are taken within each round, then the median over rounds is shown; ± is half the min–max range across rounds, relative to the median.", "");
  lines.push("## Goals", "", "| goal | target | measured | spread | result |", "|---|---|---|---|---|");
  for (const g of summary.goals) lines.push(`| ${g.goal} | ${g.target} | ${fmtGoal(g)} | ${fmtPct(g.spread)} | ${g.pass ? "pass" : "**FAIL**"} |`);
  for (const i of summary.info) lines.push(`| ${i.what} | (info) | ${fmtX(i.median)} | ${fmtPct(i.spread)} | |`);
  lines.push("", "## Time per operation", "", "| workload | library | median | spread | × OTel SDK | × traced | note |", "|---|---|---|---|---|---|---|");
  for (const r of summary.rows) {
    lines.push(`| ${r.workload} | ${r.library} | ${fmtNs(r.medianNs)} | ${fmtPct(r.spread)} | ${r.library === "baseline" ? "" : fmtX(r.vsOtel)} | ${r.library === "baseline" ? "" : fmtX(r.vsTraced)} | ${r.note ?? ""} |`);
  }
  lines.push("", ...renderLlmSection(summary.llm));
  lines.push("", "## Retained heap per finished span, before export", "", "20,000 single-span traces created in one synchronous loop (no exporter can run), heapUsed after forced GC, minus before.", "", "| library | bytes per span | spread |", "|---|---|---|");
  for (const [library, m] of Object.entries(summary.memory)) lines.push(`| ${library} | ${m.median.toFixed(0)} | ${fmtPct(m.spread)} |`);
  lines.push("", "LangSmith: its uploads are promise-based, so its row is measured after the calls settle with uploads that never complete (runs and their serialized payloads held in memory).");
  lines.push("", "## Store ingest (traced only)", "", `${Math.round(summary.store.median).toLocaleString("en-US")} spans/s (${fmtPct(summary.store.spread)}): 100 traces × 5 spans per \`exportSync\` batch into a fresh SQLite file (tinybench, 40 batches after 5 warm-up batches).`);
  for (const s of summary.storeIngest ?? []) {
    lines.push("", `Against plain prepared inserts (bench/store-ingest.js, ${s.label}): traced ${Math.round(s.tracedSpansPerSecond).toLocaleString("en-US")} spans/s, plain ${Math.round(s.plainSpansPerSecond).toLocaleString("en-US")} spans/s, ${fmtX(s.median)} (${fmtPct(s.spread)}); through the store exporter's async \`export()\` ${fmtX(s.asyncRatio)}; the writer on a store without summary tables ÷ traced's (what the summaries cost a write) ${fmtX(s.summaryRatio)}; batches of 100 traces × 5 spans rotate between the sides in one process.`);
  }
  for (const c of summary.importCost ?? []) {
    const row = (label, k) => `| ${label} | ${c.cases[k].ms.toFixed(1)} ms | ${c.cases[k].rssMb.toFixed(1)} MB | ${c.cases[k].heapMb.toFixed(1)} MB |`;
    lines.push("", `## Cold start: import + first traced call (Node ${c.node})`, "", "Fresh processes (bench/import-cost.js), cases interleaved in rotating order; time from before the import to after the call, then RSS and heap after a forced GC. Medians of the first round; memory ratios are above a bare process (which imports nothing).", "", "| case | time | RSS | heap |", "|---|---|---|---|");
    lines.push(row("bare process", "bare"), row("traced, OTLP destination", "traced"), row("traced, default local store", "tracedStore"), row("traced/runtime (transformed code), default store", "tracedRuntime"), row("OpenTelemetry SDK + OTLP proto exporter, one span", "otel"), row("LangSmith traceable, one call", "langsmith"));
    lines.push("", `traced vs the OpenTelemetry SDK: time ${fmtX(c.vsOtel.time.median)}, heap ${fmtX(c.vsOtel.heap.median)}, RSS ${fmtX(c.vsOtel.rss.median)}; with the default store, time ${fmtX(c.storeVsOtel.time.median)}, heap ${fmtX(c.storeVsOtel.heap.median)}; traced/runtime, time ${fmtX(c.runtimeVsOtel.time.median)}, heap ${fmtX(c.runtimeVsOtel.heap.median)}; vs LangSmith: time ${fmtX(c.vsLangsmith.time.median)}, heap ${fmtX(c.vsLangsmith.heap.median)}.`);
  }
  lines.push("", "## OTLP export (traced only)", "", `${Math.round(summary.otlp.median).toLocaleString("en-US")} spans/s (${fmtPct(summary.otlp.spread)}): 100 traces × 5 spans per request, http/protobuf, to a local HTTP receiver in the same process (tinybench, 40 awaited exports after 5 warm-up).`);
  lines.push("", "## Search (traced only)", "", `${summary.search.spans.toLocaleString("en-US")} spans (traces of an agent, two tools and one or two LLM calls; one in ten ends in ERROR; a third tagged env=prod), first page of 100 with spans (tinybench, 20 searches after 3 warm-up):`, "", "| filter | median | spread |", "|---|---|---|");
  for (const f of summary.search.filters) lines.push(`| \`${f.filter}\` | ${f.median.toFixed(2)} ms | ${fmtPct(f.spread)} |`);
  lines.push("", "## Build time (traced only)", "", "Full builds with emit, each in a fresh process (bench/build.js): a warm-up build of each variant, then interleaved rounds in rotating order. Large: modules of an LLM application, about one function in ten tagged, a tag in every file. Dense: the transformer's worst case, four of six functions tagged with one-line bodies. Fastest build and median over the rounds:", "", "| project | build | fastest | median |", "|---|---|---|---|");
  const builds = [["plain", "plain `tsc`"], ["tspcOnly", "`tspc` without plugins"], ["traced", "`tspc` + traced transformer"], ["patched", "`tsc` with the persistent patch + transformer"]];
  for (const [project, result] of Object.entries(summary.builds).filter(([project]) => project !== "remote")) {
    const label = `${project}, ${result.files.toLocaleString("en-US")} files, ${result.rounds} rounds`;
    for (const [key, what] of builds) {
      const medianMs = result[`${key}Ms`];
      if (medianMs !== undefined) lines.push(`| ${label} | ${what} | ${result.bestMs[key].toFixed(0)} ms | ${medianMs.toFixed(0)} ms |`);
    }
  }
  const remote = summary.builds.remote;
  if (remote) {
    const rate = (r) => `${Math.round(r.tracesPerSecond).toLocaleString("en-US")} traces/s (${r.seconds.toFixed(1)} s)`;
    lines.push("", "## MLflow tracking-server store (traced only, one run)", "", `Against the fake MLflow server in its own process (bench/remote.js). \`traced traces copy\` of ${remote.traces.toLocaleString("en-US")} traces of 5 spans, the CLI in a child process, start-up included: file → server ${rate(remote.copy.toServer)}, server → file ${rate(remote.copy.fromServer)}.`, "");
    lines.push(`searchTraces, a page of ${remote.page.traces} traces (${remote.page.spans} spans) with their spans (${remote.page.requests} requests, ${(remote.page.replyBytes / 1024).toFixed(0)} KiB of replies), medians of CPU time: the client ${remote.page.remoteMs.toFixed(2)} ms against ${remote.page.localMs.toFixed(2)} ms for the same page from the local file (${fmtX(remote.page.ratio)}); with the replies replayed from memory (no socket, no HTTP) ${remote.page.replayMs.toFixed(2)} ms (${fmtX(remote.page.replayRatio)}); wall time of a live page over loopback, server included, ${remote.page.wallMs.toFixed(1)} ms.`);
  }
  lines.push("", "## Notes", "", "- Tracing disabled vs a bare call: the bare call is inlined to almost nothing by the JIT, so that ratio is informational only; the goal compares against `AsyncLocalStorage.run`.");
  lines.push("", "## Peers, as configured", "", "- OpenTelemetry SDK 2.x: `BasicTracerProvider` + `BatchSpanProcessor` with a no-op exporter, `AsyncLocalStorageContextManager`, `startActiveSpan` around the body; plain spans except the 10 KB workload, which sets the stringified input as an attribute.", "- LangSmith `traceable` 0.12: tracing on, a `Client` whose fetch is a local stub (no network). `traceable` returns a promise even for sync functions.", "- Langfuse `observe` 5: its tracer provider is our `BasicTracerProvider` with a no-op exporter.", "- OpenInference `withSpan` 2: a tracer from the same kind of provider. It ends its span when a generator object is returned, so the stream workload is marked not supported.", "- LLM call: traced `tracedOpenAI(client)` with an exporter that drops traces; LangSmith `wrapOpenAI(client, { client, tracingEnabled: true })` with the same stubbed `Client`; OpenInference `OpenAIInstrumentation` (its wrapper of `chat.completions.create`, set on that one client) on a tracer provider with a no-op exporter.", "");
  return lines.join("\n");
}
