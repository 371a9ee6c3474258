import type { RecoveryErrorCode } from "./recovery-error-code.js";
import type { RecoveryStep } from "./recovery-step.js";

/** Extra facts attached to a {@link RecoveryError}. */
export interface RecoveryErrorOptions {
  /** What was thrown underneath, if anything. */
  cause?: unknown;
  /** The backup realm's path, when one exists (it is always kept when an error is thrown). */
  backupPath?: string;
}

/**
 * The one error type realm-recovery throws: a stable `code`, the `step` that failed, and a message
 * that says what failed, where and why.
 *
 * @example
 * try { await recovery.resumePending(); }
 * catch (e) { if (e instanceof RecoveryError && e.code === "NO_PENDING_RECOVERY") {  } }
 */
export class RecoveryError extends Error {
  override readonly name: string = "RecoveryError";
  /** Stable machine-readable code. */
  readonly code: RecoveryErrorCode;
  /** Step of the flow that failed. */
  readonly step: RecoveryStep;
  /** The kept backup realm's path, if the failure happened after the backup was made. */
  readonly backupPath: string | undefined;

  constructor(
    code: RecoveryErrorCode,
    step: RecoveryStep,
    message: string,
    options: RecoveryErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.step = step;
    this.backupPath = options.backupPath;
  }
}

/**
 * Wraps whatever a strategy or tracker plugin threw, stamped with the plugin's `name`, so a bad
 * plugin is named in the error instead of surfacing as an anonymous failure deep in the engine.
 */
export class PluginError extends RecoveryError {
  override readonly name: string = "PluginError";
  /** The `name` of the plugin that threw. */
  readonly plugin: string;

  constructor(
    plugin: string,
    step: RecoveryStep,
    cause: unknown,
    options: Omit<RecoveryErrorOptions, "cause"> = {},
  ) {
    super("PLUGIN_FAILED", step, `Plugin "${plugin}" failed during "${step}": ${describeCause(cause)}`, {
      ...options,
      cause,
    });
    this.plugin = plugin;
  }
}

/** A one-line description of anything thrown, for error messages. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === "string") return cause;
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}
