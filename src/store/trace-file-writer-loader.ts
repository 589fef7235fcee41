/**
 * The store's writing code (trace-file-writer.ts: SQLite driver, schema, migrations, row
 * writers) loads when a store exporter is created, in the background, so `import "traced"`
 * and `traced/runtime` stay light. An export awaits it; the export at `process.exit()`,
 * which must be synchronous, uses it when loaded, else loads it synchronously.
 */
import { requireSibling } from "../config/require-sibling.js";

type TraceFileWriterModule = Pick<typeof import("./trace-file-writer.js"), "traceFileWriter">;

let loaded: TraceFileWriterModule | undefined;
let loading: Promise<TraceFileWriterModule> | undefined;

/** Starts loading the writing code (once); resolves with it. */
export function loadTraceFileWriter(): Promise<TraceFileWriterModule> {
  loading ??= import("./trace-file-writer.js").then((module) => (loaded = module));
  return loading;
}

/** Called by trace-file-writer.ts when it loads, however it was loaded. */
export function provideTraceFileWriter(module: TraceFileWriterModule): void {
  loaded ??= module;
}

/** The writing code now: loaded already, or required synchronously. */
export function traceFileWriterNow(): TraceFileWriterModule {
  loaded ??= requireSibling<TraceFileWriterModule>("store/trace-file-writer.js");
  return loaded;
}
