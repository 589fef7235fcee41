import { type Command } from "commander";
import { CliError, ExitCode } from "../cli-error.js";
import { withStore, type StoreOptions } from "../open-store.js";

interface TagOptions extends StoreOptions {
  delete?: boolean;
}

export function registerTag(traces: Command): void {
  traces
    .command("tag")
    .description("set a tag on a trace, or delete it with --delete")
    .argument("<trace-id>", "the trace id (tr-…)")
    .argument("<key>", "the tag key")
    .argument("[value]", "the tag value")
    .option("--delete", "delete the tag instead of setting it")
    .action(async (traceId: string, key: string, value: string | undefined, options: TagOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as TagOptions;
      if (opts.delete && value !== undefined) throw new CliError("--delete takes no value", ExitCode.USAGE);
      if (!opts.delete && value === undefined) throw new CliError("Give a value to set, or --delete", ExitCode.USAGE);
      await withStore(opts, async (store) => {
        if (opts.delete) {
          if (!(await store.deleteTraceTag(traceId, key))) throw new CliError(`Trace ${traceId} has no tag ${JSON.stringify(key)}`);
          process.stdout.write(`Deleted tag ${key} from ${traceId}\n`);
        } else {
          await store.setTraceTag(traceId, key, value!);
          process.stdout.write(`Set tag ${key} on ${traceId}\n`);
        }
      });
    });
}
