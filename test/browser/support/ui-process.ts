/** Starts `traced ui` (the built CLI) on a store and port 0, and stops it as Ctrl-C would. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..", "..");
export const CLI = join(ROOT, "dist", "esm", "cli", "main.js");

export interface RunningUi {
  url: string;
  child: ChildProcess;
  /** Sends SIGINT and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startUi(dbPath: string, extraArgs: string[] = []): Promise<RunningUi> {
  return startUiWith(["--db", dbPath, ...extraArgs]);
}

/** `traced ui --port 0` with these arguments (e.g. `--tracking-uri …`) and extra environment. */
export async function startUiWith(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningUi> {
  const child = spawn(process.execPath, [CLI, "ui", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let output = "";
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`traced ui exited (${code}) before serving: ${output}${errors}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}
