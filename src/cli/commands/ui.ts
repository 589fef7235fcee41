import { existsSync } from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import { createUiServer, DEFAULT_UI_HOST, DEFAULT_UI_PORT } from "../../ui/index.js";
import { isLoopback } from "../../ui/host-guard.js";
import { CliError, ExitCode } from "../cli-error.js";
import { describeLocation, openLocation, resolveLocation, type StoreOptions } from "../open-store.js";

interface UiOptions extends StoreOptions {
  host: string;
  port: number;
  allowRemote?: boolean;
}

function portNumber(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("expected an integer from 0 to 65535");
  return port;
}

export function registerUi(program: Command): void {
  program
    .command("ui")
    .description("serve a web UI over the trace store, a file or an MLflow tracking server (list, span tree, timeline, tags, feedback)")
    .option("--port <n>", `the port (0 picks a free one)`, portNumber, DEFAULT_UI_PORT)
    .option("--host <address>", "the address to bind", DEFAULT_UI_HOST)
    .option("--allow-remote", "allow binding an address other machines can reach (anyone who reaches it can read and change traces)")
    .action(async (options: UiOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as UiOptions;
      const location = resolveLocation(opts);
      if (location.kind === "file" && !existsSync(location.path)) {
        throw new CliError(`No trace database at ${location.path} (choose one with --db, --tracking-uri or TRACED_DB)`);
      }
      if (!isLoopback(opts.host)) {
        if (!opts.allowRemote) {
          throw new CliError(`Refusing to bind ${opts.host}: the UI has no login. Add --allow-remote to do it anyway`, ExitCode.USAGE);
        }
        process.stderr.write(`traced: warning: serving on ${opts.host}; anyone who can reach it can read and change your traces\n`);
      }
      const experiment = opts.experimentId !== undefined ? { experimentId: opts.experimentId } : {};
      if (location.kind === "server") {
        // One search first, so a wrong URI or refused credentials fail here, not in the browser.
        const probe = openLocation(location, experiment);
        try {
          await probe.searchTraces({ maxResults: 1, includeSpans: false });
        } finally {
          await probe.close();
        }
      }
      const store = location.kind === "file" ? { dbPath: location.path } : { trackingUri: location.trackingUri, ...experiment };
      const server = await createUiServer({ ...store, host: opts.host, port: opts.port });
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = () => {
          // A second Ctrl-C while closing leaves at once.
          if (stopping) process.exit(ExitCode.FAILURE);
          stopping = true;
          // Stay subscribed until closed: traced's own exit hook re-raises the signal when
          // it is the only listener left, which would kill the process mid-close.
          void server.close().then(() => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            resolve();
          });
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
        // Announced only once Ctrl-C is handled: whoever reads the URL may signal at once.
        process.stdout.write(`traced ui: ${describeLocation(location)} at ${server.url}\nPress Ctrl-C to stop.\n`);
      });
    });
}
