/** Where the CLI writes (injectable so tests capture output). */
export interface CliIO {
  /** Writes to standard output. */
  readonly out: (text: string) => void;
  /** Writes to standard error (progress, errors). */
  readonly err: (text: string) => void;
  /** Whether standard error is a terminal (progress is redrawn in place then). */
  readonly interactive: boolean;
}

/** The process's own streams. */
export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};
