/**
 * Where the engine writes diagnostics. Defaults to a no-op; pass `console` or your own.
 *
 * @example
 * createRecovery({ ..., logger: console });
 */
export interface Logger {
  /** Fine-grained tracing. */
  debug(message: string, details?: Record<string, unknown>): void;
  /** Normal progress. */
  info(message: string, details?: Record<string, unknown>): void;
  /** Something unexpected that did not stop the flow. */
  warn(message: string, details?: Record<string, unknown>): void;
  /** A failure. */
  error(message: string, details?: Record<string, unknown>): void;
}

/** A {@link Logger} that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
