/**
 * Exit codes, as users of command-line tools expect them:
 * 0 success; 1 the command could not do its work (no such trace, unreadable file);
 * 2 the command was used wrongly (unknown option, bad filter, bad value).
 */
export const ExitCode = { OK: 0, FAILURE: 1, USAGE: 2 } as const;

/** An error the CLI reports as one line on stderr, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.FAILURE,
  ) {
    super(message);
  }
}
