/** Where a command writes; `process.stdout`/`process.stderr` or a test double. */
export interface CliOutput {
  write(text: string): unknown;
}

/** The output streams a command writes to. */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
}

/** A `meshwork` subcommand. */
export interface CliCommand {
  name: string;
  /** One line for the command list in `meshwork --help`. */
  summary: string;
  /** The full text of `meshwork <name> --help`. */
  help: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
  /**
   * The exit code of a {@link CliUsageError}, for commands whose exit code 1
   * means something else (a diff that found a breaking change); default 1.
   */
  usageExitCode?: number;
}

/**
 * A mistake in how the command was invoked. Reported as one line that
 * points at the command's help, never with a stack trace.
 */
export class CliUsageError extends Error {
  name = 'CliUsageError';
}
