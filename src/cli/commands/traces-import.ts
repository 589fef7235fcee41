import { existsSync } from "node:fs";
import { type Command } from "commander";
import { LocalTraceStore } from "../../query/local-trace-store.js";
import { readMlflowTraceFile, traceFilesAt } from "../../query/mlflow-files.js";
import { CliError } from "../cli-error.js";
import { resolveLocation, withStore, type StoreOptions } from "../open-store.js";
import { createProgress, type Progress } from "../progress.js";
import { ServerTraceWriter } from "../trace-writer.js";

/** Into a tracking server: each file's traces sent as traced's MLflow exporter sends them. */
async function importToServer(trackingUri: string, path: string, options: StoreOptions, progress: Progress): Promise<number> {
  const writer = new ServerTraceWriter(trackingUri, options.experimentId !== undefined ? { experimentId: options.experimentId } : {});
  try {
    const files = traceFilesAt(path);
    let imported = 0;
    for (const [i, file] of files.entries()) {
      imported += await writer.write(readMlflowTraceFile(file));
      progress.update(i + 1, files.length);
    }
    if (writer.skippedWithoutSpans > 0) throw new CliError(`${writer.skippedWithoutSpans} trace(s) without spans were not imported: a tracking server builds each trace from its spans`);
    return imported;
  } finally {
    await writer.close();
  }
}

export function registerImport(traces: Command): void {
  traces
    .command("import")
    .description("read MLflow trace JSON (a file, or a directory of .json files) into the store; traces already there are replaced")
    .argument("<path>", "a trace JSON file or a directory of them")
    .action(async (path: string, options: StoreOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as StoreOptions;
      if (!existsSync(path)) throw new CliError(`No such file or directory: ${path}`);
      const progress = createProgress(process.stderr, "Importing files");
      const location = resolveLocation(opts);
      const count =
        location.kind === "server"
          ? await importToServer(location.trackingUri, path, opts, progress)
          : // Importing may create the database.
            await withStore(opts, (store) => (store as LocalTraceStore).file.importTraces(path, { onProgress: (done, files) => progress.update(done, files) }), true);
      progress.finish();
      process.stdout.write(`Imported ${count} trace${count === 1 ? "" : "s"}\n`);
    });
}
