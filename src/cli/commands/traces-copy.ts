/**
 * `traced traces copy --from <uri> --to <uri>`: traces with their spans, tags, metadata and
 * assessments from a file or tracking server to another, e.g. production traces to a laptop
 * or local ones up to a server. Trace ids stay; a server gives assessments ids of its own.
 */
import { resolve } from "node:path";
import { type Command } from "commander";
import { CliError, ExitCode } from "../cli-error.js";
import { describeLocation, locationOf, openLocation, resolveLocation, type CliStore, type StoreLocation, type StoreOptions } from "../open-store.js";
import { createProgress } from "../progress.js";
import { knownTotal, tracePages } from "../trace-pages.js";
import { openTraceWriter, ServerTraceWriter, type TraceWriter } from "../trace-writer.js";

interface CopyOptions extends StoreOptions {
  from?: string;
  to: string;
  filter?: string;
  toExperimentId?: string;
}

function sameStore(a: StoreLocation, b: StoreLocation): boolean {
  if (a.kind === "file" && b.kind === "file") return resolve(a.path) === resolve(b.path);
  return a.kind === "server" && b.kind === "server" && a.trackingUri.replace(/\/+$/, "") === b.trackingUri.replace(/\/+$/, "");
}

export function registerCopy(traces: Command): void {
  traces
    .command("copy")
    .description("copy traces (spans, tags, metadata, assessments; same trace ids) between trace files and MLflow tracking servers, either way")
    .requiredOption("--to <uri>", "where to: a trace file (path or sqlite:///path, created if needed) or a tracking server (http(s)://…)")
    .option("--from <uri>", "where from (default: --tracking-uri, --db, $TRACED_DB, $MLFLOW_TRACKING_URI, ./traced.db)")
    .option("-f, --filter <filter>", "copy only the traces this MLflow filter selects")
    .option("--to-experiment-id <id>", "the experiment written to on a destination server (default: --experiment-id, $MLFLOW_EXPERIMENT_ID, 0)")
    .addHelpText(
      "after",
      `
--experiment-id names the experiment on the server side: the one searched on a source server, and
the one written to on a destination server (unless --to-experiment-id). Files are copied whole.

Examples:
  traced traces copy --from http://localhost:5000 --experiment-id 1 --to ./prod.db --filter "trace.status = 'ERROR'"
  traced traces copy --from ./traced.db --to https://mlflow.example.com --experiment-id 7`,
    )
    .action(async (options: CopyOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as CopyOptions;
      const from = opts.from !== undefined ? locationOf(opts.from, "--from") : resolveLocation(opts);
      const to = locationOf(opts.to, "--to");
      const toExperiment = opts.toExperimentId ?? opts.experimentId;
      if (sameStore(from, to) && (from.kind === "file" || toExperiment === opts.experimentId)) {
        throw new CliError(`--from and --to are the same store (${describeLocation(to)})`, ExitCode.USAGE);
      }
      const source = openLocation(from, opts);
      let writer: TraceWriter | undefined;
      try {
        // Opened at the first page, so a source that fails leaves no new file or request behind.
        const copied = await copyTraces(source, () => (writer = openTraceWriter(to, toExperiment !== undefined ? { experimentId: toExperiment } : {})), opts.filter);
        const where = writer?.where ?? describeLocation(to);
        const experiment = writer instanceof ServerTraceWriter ? ` (experiment ${writer.experimentId})` : "";
        process.stdout.write(`Copied ${copied} trace${copied === 1 ? "" : "s"} from ${describeLocation(from)} to ${where}${experiment}\n`);
        const skipped = writer instanceof ServerTraceWriter ? writer.skippedWithoutSpans : 0;
        if (skipped > 0) {
          throw new CliError(`${skipped} trace(s) without spans were not copied: a tracking server builds each trace from its spans`);
        }
      } finally {
        await source.close();
        await (writer as TraceWriter | undefined)?.close();
      }
    });
}

/** Reads each page while the one before is being written; resolves with the number written. */
async function copyTraces(source: CliStore, openWriter: () => TraceWriter, filter: string | undefined): Promise<number> {
  const search = filter !== undefined ? { filter } : {};
  const total = await knownTotal(source, search);
  const progress = createProgress(process.stderr, "Copying traces");
  let done = 0;
  let written = 0;
  // A failed write is kept (not left as an unhandled rejection while the next page is read)
  // and thrown before anything more is written.
  let failure: { error: unknown } | undefined;
  let writing: Promise<void> = Promise.resolve();
  const settle = async () => {
    await writing;
    if (failure) throw failure.error;
  };
  let writer: TraceWriter | undefined;
  try {
    for await (const page of tracePages(source, search, total)) {
      await settle();
      writer ??= openWriter();
      writing = writer.write(page).then(
        (count) => {
          written += count;
          done += page.length;
          progress.update(done, total);
        },
        (error: unknown) => {
          failure = { error };
        },
      );
    }
    await settle();
  } finally {
    await writing;
    progress.finish();
  }
  return written;
}
