import { existsSync } from "node:fs";
import { type Command } from "commander";
import { CliError } from "../cli-error.js";
import { withStore, type StoreOptions } from "../open-store.js";
import { createProgress } from "../progress.js";

export function registerImport(traces: Command): void {
  traces
    .command("import")
    .description("read MLflow trace JSON (a file, or a directory of .json files) into the store; traces already there are replaced")
    .argument("<path>", "a trace JSON file or a directory of them")
    .action((path: string, options: StoreOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as StoreOptions;
      if (!existsSync(path)) throw new CliError(`No such file or directory: ${path}`);
      const progress = createProgress(process.stderr, "Importing files");
      // Importing may create the database.
      const count = withStore(opts, (store) => store.importTraces(path, { onProgress: (done, files) => progress.update(done, files) }), true);
      progress.finish();
      process.stdout.write(`Imported ${count} trace${count === 1 ? "" : "s"}\n`);
    });
}
