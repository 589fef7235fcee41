import { type Command } from "commander";
import { LocalTraceStore } from "../../query/local-trace-store.js";
import { CliError, ExitCode } from "../cli-error.js";
import { withStore, type StoreOptions } from "../open-store.js";
import { pastMoment, positiveInteger } from "../parse-options.js";

interface DeleteOptions extends StoreOptions {
  olderThan?: number;
  maxTraces?: number;
}

export function registerDelete(traces: Command): void {
  traces
    .command("delete")
    .description("delete traces by id, or those older than an age or date")
    .argument("[trace-ids...]", "ids of the traces to delete")
    .option("--older-than <age|date>", "delete traces started before this: an age (7d, 12h, 30m) or a date (2024-10-27)", (text) => pastMoment(text))
    .option("--max-traces <n>", "with --older-than: delete at most this many, oldest first", positiveInteger)
    .action(async (traceIds: string[], options: DeleteOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as DeleteOptions;
      if ((traceIds.length > 0) === (opts.olderThan !== undefined)) {
        throw new CliError("Give trace ids or --older-than (one of them)", ExitCode.USAGE);
      }
      if (opts.maxTraces !== undefined && opts.olderThan === undefined) throw new CliError("--max-traces needs --older-than", ExitCode.USAGE);
      const deleted = await withStore(opts, (store) => {
        // A file's deleteTraces knows no experiment: deleting by age there would reach every experiment.
        if (opts.olderThan !== undefined && opts.experimentId !== undefined && store instanceof LocalTraceStore) {
          throw new CliError("--experiment-id with --older-than needs a tracking server: a trace file deletes by age across all experiments", ExitCode.USAGE);
        }
        return traceIds.length > 0
          ? store.deleteTraces({ traceIds })
          : store.deleteTraces({ maxTimestampMs: opts.olderThan!, ...(opts.maxTraces ? { maxTraces: opts.maxTraces } : {}) });
      });
      process.stdout.write(`Deleted ${deleted} trace${deleted === 1 ? "" : "s"}\n`);
      const missing = traceIds.length - deleted;
      if (traceIds.length > 0 && missing > 0) throw new CliError(`${missing} of the given trace ids were not found`);
    });
}
