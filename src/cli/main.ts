#!/usr/bin/env node
/** Entry point of the `traced` command: runs the command, maps failures to messages and exit codes. */
import { CommanderError } from "commander";
import { TracedUsageError } from "../config/errors.js";
import { CliError, ExitCode } from "./cli-error.js";
import { buildProgram } from "./program.js";

function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  // A misused API call underneath (a bad filter, order or page token) is a usage error.
  if (error instanceof TracedUsageError) return ExitCode.USAGE;
  return ExitCode.FAILURE;
}

export async function main(argv: readonly string[]): Promise<number> {
  // `traced traces list | head` closes the pipe early: that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(ExitCode.OK);
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`traced: ${message}\n`);
    if (process.env.TRACED_DEBUG && error instanceof Error && error.stack) process.stderr.write(error.stack + "\n");
    return exitCodeFor(error);
  }
}

// Not a top-level await: the package is also compiled to CommonJS.
void main(process.argv).then((code) => {
  process.exitCode = code;
});
