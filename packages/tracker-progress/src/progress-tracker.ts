import {
  PluginError,
  type ProgressNotificationCallbackLike,
  type RealmLike,
  RecoveryError,
  type SyncSessionLike,
  type SyncTracker,
  type Timestamp,
  type TrackingContext,
  timestampWallMs,
} from "@realm-recovery/core";
import { Observable } from "rxjs";

/** Which of Realm's two progress-callback signatures the tracker registers. */
export type ProgressCallbackForm = "estimate" | "transferred";

/** Options of the {@link ProgressTracker}. */
export interface ProgressTrackerOptions {
  /**
   * A completed batch is not recorded when it started less than this many wall-clock milliseconds
   * after the previously recorded one (0 records every batch). Skipping only keeps LastSynced
   * older than it could be, which is safe.
   *
   * @default 10
   */
  debounceMs?: number;
  /**
   * `"estimate"` registers a one-parameter `(estimate)` callback (realm ≥ 12.12); `"transferred"`
   * registers the deprecated two-parameter `(transferred, transferable)` one for older realms.
   * Realm picks the signature from the callback's declared parameter count.
   *
   * @default "estimate"
   */
  callbackForm?: ProgressCallbackForm;
}

/**
 * Keeps LastSynced from upload progress notifications in `reportIndefinitely` mode (seed 002),
 * without triggering uploads itself. A report with work outstanding opens a batch and stamps its
 * start T = `clock.now()` (later reports of the same batch change nothing); the report that shows
 * the transfer complete closes the batch and emits T. A completion with no open batch emits
 * nothing, and a batch starting within `debounceMs` of the last emitted time is closed silently.
 *
 * Why T, the batch's first-report time, is safe: a write stamped ≤ T was stamped, and so
 * committed, before that report was handled; the batch only closes on a later report saying that
 * nothing is left to upload, which covers every commit made before it, that write included. A write
 * made after T is stamped > T and is never claimed, even if it lands in the same batch. The time of
 * the completion report would not be safe: a write committed just before it may belong to the next
 * batch.
 *
 * The argument assumes a report reflects the session's counters when it is handled. Realm delivers
 * them asynchronously, so a completion computed before a commit can arrive after it: a write
 * committed between an upload and the delivery of the reports before it can be claimed. Prefer the
 * listener tracker (which asks `uploadAllLocalChanges` for exactly the commits made before T) when
 * writes may race uploads.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: fieldStrategy(), tracker: new ProgressTracker() });
 */
export class ProgressTracker implements SyncTracker {
  /** Plugin name, stamped on every error this tracker raises. */
  readonly name = "progress";
  private readonly debounceMs: number;
  private readonly callbackForm: ProgressCallbackForm;

  constructor(options: ProgressTrackerOptions = {}) {
    this.debounceMs = options.debounceMs ?? 10;
    this.callbackForm = options.callbackForm ?? "estimate";
    if (!(Number.isFinite(this.debounceMs) && this.debounceMs >= 0)) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `progressTracker: debounceMs must be a non-negative number of milliseconds, got ${this.debounceMs}`,
      );
    }
    if (this.callbackForm !== "estimate" && this.callbackForm !== "transferred") {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `progressTracker: callbackForm must be "estimate" or "transferred", got ${JSON.stringify(this.callbackForm)}`,
      );
    }
  }

  /**
   * A cold stream of LastSynced times: each subscription registers its own progress callback, and
   * unsubscribing removes it.
   */
  track(_realm: RealmLike, session: SyncSessionLike, context: TrackingContext): Observable<Timestamp> {
    return new Observable<Timestamp>((subscriber) => {
      const { clock } = context;
      let batchStartedAt: Timestamp | null = null;
      let lastEmitted: Timestamp | null = null;

      const report = (outstanding: boolean): void => {
        if (subscriber.closed) return;
        try {
          if (outstanding) {
            batchStartedAt ??= clock.now();
            return;
          }
          if (batchStartedAt === null) return;
          const startedAt = batchStartedAt;
          batchStartedAt = null;
          if (
            lastEmitted !== null &&
            timestampWallMs(startedAt) - timestampWallMs(lastEmitted) < this.debounceMs
          )
            return;
          lastEmitted = startedAt;
          subscriber.next(startedAt);
        } catch (cause) {
          // Never throw into Realm's notifier: fail the stream, naming this plugin.
          subscriber.error(new PluginError(this.name, "track", cause));
        }
      };

      // Realm reads `callback.length` to choose the signature, so each form must declare exactly
      // its own parameters (no defaults or rest parameters, which would change the count).
      const callback: ProgressNotificationCallbackLike =
        this.callbackForm === "estimate"
          ? (estimate: number) => report(estimate < 1)
          : (transferred: number, transferable: number) => report(transferred < transferable);

      let registered = false;
      try {
        session.addProgressNotification("upload", "reportIndefinitely", callback);
        registered = true;
      } catch (cause) {
        subscriber.error(new PluginError(this.name, "track", cause));
      }

      return () => {
        if (registered) session.removeProgressNotification(callback);
        registered = false;
      };
    });
  }
}

/**
 * Creates a {@link ProgressTracker}.
 *
 * @example
 * const recovery = createRecovery({
 *   adapter: realmJsAdapter(Realm, app),
 *   strategy: fieldStrategy(),
 *   tracker: progressTracker({ debounceMs: 50 }),
 * });
 */
export function progressTracker(options: ProgressTrackerOptions = {}): ProgressTracker {
  return new ProgressTracker(options);
}
