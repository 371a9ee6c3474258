/** A user error the CLI reports as one message and a non-zero exit code (no stack trace). */
export class CliError extends Error {
  override readonly name = "CliError";
  /** Stable code. */
  readonly code = "CLI_USAGE";

  constructor(
    message: string,
    /** Process exit code. @default 2 */
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
