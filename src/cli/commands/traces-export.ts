import { existsSync, mkdirSync, statSync } from "node:fs";
import { Option, type Command } from "commander";
import { directorySink, fileSink, type TraceFileFormat } from "../../query/mlflow-files.js";
import { CliError, ExitCode } from "../cli-error.js";
import { experimentScope, withStore, type StoreOptions } from "../open-store.js";
import { createProgress } from "../progress.js";
import { knownTotal, tracePages } from "../trace-pages.js";

interface ExportCommandOptions extends StoreOptions {
  filter?: string;
  output?: string;
  dir?: string;
  format: TraceFileFormat;
}

export function registerExport(traces: Command): void {
  traces
    .command("export")
    .description("write traces as MLflow trace JSON: to stdout or a file as one JSON array (or JSON Lines), or to a directory with one file per trace")
    .option("-f, --filter <filter>", "export only the traces this MLflow filter selects")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .option("-d, --dir <directory>", "write <trace_id>.json files into this directory (created if needed)")
    .addOption(
      new Option("--format <format>", "json: one JSON array, even for one trace; jsonl: one trace per line, for streaming").choices(["json", "jsonl"]).default("json"),
    )
    .action(async (options: ExportCommandOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as ExportCommandOptions;
      if (opts.output && opts.dir) throw new CliError("Choose --output or --dir, not both", ExitCode.USAGE);
      if (opts.dir && opts.format !== "json") throw new CliError("--format applies to stdout and --output; --dir writes one JSON file per trace", ExitCode.USAGE);
      if (opts.dir) {
        if (existsSync(opts.dir) && !statSync(opts.dir).isDirectory()) throw new CliError(`${opts.dir} is not a directory`);
        mkdirSync(opts.dir, { recursive: true });
      }
      const progress = createProgress(process.stderr, "Exporting traces");
      const count = await withStore(opts, async (store) => {
        const search = { ...experimentScope(opts), ...(opts.filter !== undefined ? { filter: opts.filter } : {}) };
        const total = await knownTotal(store, search);
        const sink = opts.dir ? directorySink(opts.dir) : fileSink(opts.output ?? 1, opts.format);
        let done = 0;
        try {
          for await (const page of tracePages(store, search, total)) {
            for (const trace of page) {
              sink.write(trace);
              progress.update(++done, total);
            }
          }
        } finally {
          sink.close();
        }
        return done;
      });
      progress.finish();
      // The summary goes to stderr so that stdout stays pure JSON when exporting there.
      if (opts.output || opts.dir) process.stderr.write(`Exported ${count} trace${count === 1 ? "" : "s"} to ${opts.output ?? opts.dir}\n`);
    });
}
