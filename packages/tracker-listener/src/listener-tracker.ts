import {
  type CollectionChangeCallbackLike,
  type ConnectionNotificationCallbackLike,
  PluginError,
  type RealmLike,
  type RealmObjectLike,
  RecoveryError,
  type ResultsLike,
  type SyncSessionLike,
  type SyncTracker,
  type Timestamp,
  type TrackingContext,
  describeCause,
} from "@realm-recovery/core";
import { Observable } from "rxjs";

/** Options of the {@link ListenerTracker}. */
export interface ListenerTrackerOptions {
  /**
   * Milliseconds one `uploadAllLocalChanges()` round may take before it fails. A failed round is
   * logged and its changes are retried at the next change or reconnection.
   *
   * @default undefined (no timeout: a round waits as long as Realm does, e.g. until back online)
   */
  uploadTimeoutMs?: number;
}

/**
 * Keeps LastSynced with a collection listener per tracked type (seed 000): on every change, while
 * connected, it takes T = `clock.now()`, then awaits `session.uploadAllLocalChanges()`, then emits T.
 * Rounds never overlap; changes made while one runs are coalesced into exactly one more round.
 * Offline changes are uploaded when the session reconnects.
 *
 * T is taken *before* the upload starts: Realm's upload covers exactly the changesets committed
 * before the call, so every write stamped ≤ T is part of it, while a write made during the upload is
 * stamped > T and stays unsynced until a later round. (The seed took the time after the upload and
 * so marked such a write as synced; a client reset then lost it.)
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: objectStrategy(), tracker: new ListenerTracker() });
 */
export class ListenerTracker implements SyncTracker {
  /** Plugin name, stamped on every error this tracker raises. */
  readonly name = "listener";
  private readonly uploadTimeoutMs: number | undefined;

  constructor(options: ListenerTrackerOptions = {}) {
    const { uploadTimeoutMs } = options;
    if (uploadTimeoutMs !== undefined && !(Number.isFinite(uploadTimeoutMs) && uploadTimeoutMs > 0)) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `listenerTracker: uploadTimeoutMs must be a positive number of milliseconds, got ${uploadTimeoutMs}`,
      );
    }
    this.uploadTimeoutMs = uploadTimeoutMs;
  }

  /**
   * A cold stream of LastSynced times: each subscription adds its own listeners, and unsubscribing
   * removes all of them and drops the result of an upload still in flight.
   */
  track(realm: RealmLike, session: SyncSessionLike, context: TrackingContext): Observable<Timestamp> {
    return new Observable<Timestamp>((subscriber) => {
      const { clock, objectTypes, logger } = context;
      const watched: ResultsLike<RealmObjectLike>[] = [];
      let connectionWatched = false;
      // Some change (or a failed round) is not yet covered by a round that has started.
      let dirty = false;
      let uploading = false;
      let scheduled = false;
      let path = "";

      // Anything thrown outside the upload itself is a bug or a broken realm, not a sync hiccup:
      // fail the stream (the engine names this plugin) instead of throwing into Realm's notifier.
      const fail = (cause: unknown): void => {
        if (!subscriber.closed) subscriber.error(new PluginError(this.name, "track", cause));
      };

      const guarded = (action: () => void): void => {
        try {
          action();
        } catch (cause) {
          fail(cause);
        }
      };

      const startRound = (): void => {
        if (subscriber.closed || uploading || !dirty || !session.isConnected()) return;
        dirty = false;
        uploading = true;
        // Before the call, never after it: see the class comment.
        const syncedAt = clock.now();
        this.upload(session).then(
          () => {
            uploading = false;
            if (subscriber.closed) return;
            subscriber.next(syncedAt);
            guarded(startRound);
          },
          (cause: unknown) => {
            uploading = false;
            if (subscriber.closed) return;
            // The round's changes are still unsynced. Retrying at once would spin on a lasting
            // failure (e.g. a pending client reset), so wait for the next change or reconnection.
            dirty = true;
            logger.warn("listener tracker: uploading local changes failed; LastSynced is unchanged", {
              path,
              error: describeCause(cause),
            });
          },
        );
      };

      const onChange: CollectionChangeCallbackLike<RealmObjectLike> = () => {
        if (subscriber.closed) return;
        dirty = true;
        // One commit can notify several tracked types in the same turn (and attaching delivers one
        // initial notification per type): coalesce them into a single round.
        if (scheduled) return;
        scheduled = true;
        queueMicrotask(() => {
          scheduled = false;
          guarded(startRound);
        });
      };

      const onConnection: ConnectionNotificationCallbackLike = (newState) => {
        if (newState === "connected") guarded(startRound);
      };

      try {
        path = realm.path;
        session.addConnectionNotification(onConnection);
        connectionWatched = true;
        if (objectTypes.length === 0)
          logger.warn("listener tracker: no object types to watch, so LastSynced never moves", { path });
        for (const type of objectTypes) {
          const results = realm.objects(type);
          results.addListener(onChange);
          watched.push(results);
        }
      } catch (cause) {
        fail(cause);
      }

      return () => {
        for (const results of watched.splice(0)) {
          try {
            results.removeListener(onChange);
          } catch (cause) {
            // A closed realm has already dropped its listeners; nothing is left to remove.
            logger.debug("listener tracker: could not remove a collection listener", {
              path,
              error: describeCause(cause),
            });
          }
        }
        if (connectionWatched) session.removeConnectionNotification(onConnection);
        connectionWatched = false;
      };
    });
  }

  // Async so that a synchronous throw from the session is handled like any other failed upload.
  private async upload(session: SyncSessionLike): Promise<void> {
    if (this.uploadTimeoutMs === undefined) await session.uploadAllLocalChanges();
    else await session.uploadAllLocalChanges(this.uploadTimeoutMs);
  }
}

/**
 * Creates a {@link ListenerTracker}.
 *
 * @example
 * const recovery = createRecovery({
 *   adapter: realmJsAdapter(Realm, app),
 *   strategy: objectStrategy(),
 *   tracker: listenerTracker({ uploadTimeoutMs: 30_000 }),
 * });
 */
export function listenerTracker(options: ListenerTrackerOptions = {}): ListenerTracker {
  return new ListenerTracker(options);
}
