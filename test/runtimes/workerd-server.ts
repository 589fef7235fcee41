/**
 * Cloudflare's workerd for tests: bundles a Worker with esbuild as wrangler does (ESM, the
 * `workerd`/`worker` conditions, Node builtins left to the runtime's `nodejs_compat`, names
 * kept), writes a Cap'n Proto config beside it, and serves it on 127.0.0.1 with a port
 * the OS picks, read back from workerd's control descriptor.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { build, type Plugin } from "esbuild";
import { runtimeBinaries } from "./runtime-apps.js";

export interface WorkerOptions {
  /** The app folder: entry and config are relative to it. */
  dir: string;
  entry: string;
  name: string;
  /** Text bindings, seen by the Worker as `env.NAME`. */
  bindings?: Record<string, string>;
  compatibilityDate?: string;
  compatibilityFlags?: string[];
  plugins?: Plugin[];
}

export interface RunningWorker {
  origin: string;
  /** What workerd printed on stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

export async function bundleWorker(options: WorkerOptions): Promise<string> {
  const outfile = join(options.dir, "out", `${options.name}.js`);
  await build({
    entryPoints: [join(options.dir, options.entry)],
    bundle: true,
    format: "esm",
    // Lowers the fixture's stage-3 decorators, which workerd's V8 does not parse yet.
    target: "es2022",
    platform: "neutral",
    conditions: ["workerd", "worker"],
    mainFields: ["module", "main"],
    external: ["node:*"],
    // wrangler's default: without it esbuild renames functions that collide in the bundle (`add` → `add2`).
    keepNames: true,
    tsconfigRaw: {},
    plugins: options.plugins ?? [],
    outfile,
    logLevel: "silent",
  });
  return outfile;
}

function capnpConfig(options: WorkerOptions, bundle: string): string {
  const bindings = Object.entries(options.bindings ?? {}).map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`);
  const flags = (options.compatibilityFlags ?? []).map((flag) => JSON.stringify(flag));
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The Worker's fetch() reaches the test's servers on 127.0.0.1 (workerd allows only public addresses by default).
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed ${JSON.stringify(bundle)})], # relative: Cap'n Proto reads "/…" as an import path
  compatibilityDate = ${JSON.stringify(options.compatibilityDate ?? "2026-11-01")},
  compatibilityFlags = [${flags.join(", ")}],
  bindings = [${bindings.join(", ")}],
);
`;
}

/** Bundles and serves the Worker; resolves once workerd listens (rejects with its stderr if it exits first). */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const bundle = await bundleWorker(options);
  const configFile = join(options.dir, `${options.name}.capnp`);
  writeFileSync(configFile, capnpConfig(options, relative(options.dir, bundle)));
  const child: ChildProcess = spawn(runtimeBinaries.workerd, ["serve", configFile, "--control-fd=3"], { cwd: options.dir, stdio: ["ignore", "ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workerd did not start within 20 s:\n${stderr}`)), 20_000);
    child.once("exit", (code) => reject(new Error(`workerd exited (${code}) before listening:\n${stderr}`)));
    // One JSON object per line, e.g. {"event":"listen","socket":"http","port":41234}.
    createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on("line", (line) => {
      const message = JSON.parse(line) as { event?: string; port?: number };
      if (message.event === "listen" && typeof message.port === "number") {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
