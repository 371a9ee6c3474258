import type { Observable } from "rxjs";
import type { Clock } from "../clock/clock.js";
import type { Timestamp } from "../clock/timestamp.js";
import type { Logger } from "./logger.js";
import type { RealmLike, SyncSessionLike } from "./realm-like.js";

/** What the engine gives a tracker besides the realm and its session. */
export interface TrackingContext {
  /** This device's clock: take T from it before an upload starts. */
  readonly clock: Clock;
  /** The object types whose changes matter. */
  readonly objectTypes: readonly string[];
  /** Where to log. */
  readonly logger: Logger;
}

/**
 * Keeps LastSynced: emits a new time T whenever every local write stamped ≤ T is known to be
 * uploaded. Persisting T is the journal's job, not the tracker's.
 *
 * @example
 * class ManualTracker implements SyncTracker {
 *   readonly name = "manual";
 *   track(realm: RealmLike, session: SyncSessionLike, { clock }: TrackingContext) {
 *     return defer(async () => { const t = clock.now(); await session.uploadAllLocalChanges(); return t; });
 *   }
 * }
 */
export interface SyncTracker {
  /** Unique, human-readable plugin name. */
  readonly name: string;
  /** Emits every new LastSynced time while subscribed; unsubscribing removes every listener it added. */
  track(realm: RealmLike, session: SyncSessionLike, context: TrackingContext): Observable<Timestamp>;
}
