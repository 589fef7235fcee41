/**
 * The store's writing code (trace-file-writer.ts: SQLite driver, schema, migrations, row
 * writers) loads when a store exporter is created, in the background, so `import "traced"`
 * and `traced/runtime` stay light. An export awaits it; the export at `process.exit()`,
 * which must be synchronous, uses it when loaded, else loads it synchronously.
 */
import { lazyModule } from "../config/lazy-module.js";

type TraceFileWriterModule = Pick<typeof import("./trace-file-writer.js"), "traceFileWriter">;

const writer = lazyModule<TraceFileWriterModule>(() => import("./trace-file-writer.js"), "store/trace-file-writer.js");

/** Starts loading the writing code (once); resolves with it. */
export const loadTraceFileWriter = (): Promise<TraceFileWriterModule> => writer.load();

/** Called by trace-file-writer.ts when it loads, however it was loaded. */
export const provideTraceFileWriter = (module: TraceFileWriterModule): void => writer.provide(module);

/** The writing code now: loaded already, or required synchronously. */
export const traceFileWriterNow = (): TraceFileWriterModule => writer.now();
