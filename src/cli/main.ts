#!/usr/bin/env node
/** Entry point of the `traced` command: runs the command, maps failures to messages and exit codes. */
import { CommanderError } from "commander";
import { TracedUsageError } from "../config/errors.js";
import { CliError, ExitCode } from "./cli-error.js";
import { buildProgram } from "./program.js";
import { redactSecrets } from "./redact-secrets.js";

/** The reader of stdout went away (`traced traces export | head`): the end of the output, not an error. */
function isClosedPipe(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as NodeJS.ErrnoException).code === "EPIPE";
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  // A misused API call underneath (a bad filter, order or page token) is a usage error.
  if (error instanceof TracedUsageError) return ExitCode.USAGE;
  return ExitCode.FAILURE;
}

export async function main(argv: readonly string[]): Promise<number> {
  // `traced traces list | head` closes the pipe early: asynchronous writes report it here,
  // synchronous ones (the export's) throw it into the catch below.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (isClosedPipe(error)) process.exit(ExitCode.OK);
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return ExitCode.OK;
  } catch (error) {
    if (isClosedPipe(error)) return ExitCode.OK;
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`traced: ${redactSecrets(message)}\n`);
    if (process.env.TRACED_DEBUG && error instanceof Error && error.stack) process.stderr.write(redactSecrets(error.stack) + "\n");
    return exitCodeFor(error);
  }
}

// Not a top-level await: the package is also compiled to CommonJS.
void main(process.argv).then((code) => {
  process.exitCode = code;
});
