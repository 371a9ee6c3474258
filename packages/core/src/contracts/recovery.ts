import type { Observable } from "rxjs";
import type { Timestamp } from "../clock/timestamp.js";
import type { RecoveryError } from "../errors/recovery-error.js";
import type { RealmConfigLike } from "./realm-adapter.js";
import type {
  ObjectSchemaLike,
  RealmLike,
  RealmObjectLike,
  SyncSessionLike,
  UpdateModeLike,
} from "./realm-like.js";
import type { RecoveryEvent } from "./recovery-event.js";
import type { RecoveryPlan } from "./recovery-record.js";
import type { RecoveryReport } from "./recovery-report.js";

/**
 * The writes available inside `recovery.write`: each is stamped and, for deletes, tombstoned. Call
 * them on the transaction (`tx.create(...)`), as on a Realm: they are methods, not bound functions.
 */
export interface TrackedTransaction {
  /** The realm being written. */
  readonly realm: RealmLike;
  /** Creates an object (or upserts it with `"modified"` / `"all"`). @default mode "never" */
  create(type: string, values: Record<string, unknown>, mode?: UpdateModeLike): RealmObjectLike;
  /** Changes some properties of the object with primary key `primaryKey`. */
  update(type: string, primaryKey: unknown, changes: Record<string, unknown>): RealmObjectLike;
  /** Deletes the object with primary key `primaryKey`. */
  delete(type: string, primaryKey: unknown): void;
}

/** Options of `Recovery.resumePending`. */
export interface ResumeOptions {
  /**
   * Recover from this backup file when the journal has no pending recovery (its file was deleted
   * after a reset, so the marker was lost): it becomes the pending recovery, with LastSynced unknown
   * (every backup object is a candidate). Ignored while the journal has a pending recovery.
   */
  readonly backupPath?: string;
}

/** Where the engine is. */
export type RecoveryStatus = "idle" | "attached" | "recovering" | "failed" | "detached";

/** A snapshot of the engine's state, emitted by `state$`. */
export interface RecoveryState {
  /** Current status. */
  readonly status: RecoveryStatus;
  /** The realm the app should use now (the fresh one after a recovery), or null. */
  readonly realm: RealmLike | null;
  /** The last error, while `status === "failed"`. */
  readonly error: RecoveryError | null;
}

/** The `sync.clientReset` object `recovery.clientReset()` returns (manual mode, or a fallback). */
export interface ClientResetConfigLike {
  /** Client-reset mode. */
  readonly mode: "manual" | "recoverUnsyncedChanges" | "recoverOrDiscardUnsyncedChanges";
  /** Manual mode callback: `path` is the backup path. */
  readonly onManual?: (session: SyncSessionLike, path: string) => void;
  /** Called when automatic recovery fails (error 1028) and Realm falls back to manual. */
  readonly onFallback?: (session: SyncSessionLike, path: string) => void;
}

/**
 * The engine a realm-recovery user holds: schema helper, the client-reset handlers to put in the
 * sync config, stamped writes, and the recovery's progress as RxJS streams.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: objectStrategy(), tracker: listenerTracker() });
 * const realm = await recovery.open({ schema: recovery.schema([Dog]), sync: { user, flexible: true } });
 * recovery.write(realm, (tx) => tx.update("Dog", "1", { age: 2 }));
 */
export interface Recovery {
  /** Every step of every client reset, in order (see `RecoveryEvent`). */
  readonly events$: Observable<RecoveryEvent>;
  /** The engine's state; replays the current state to new subscribers. */
  readonly state$: Observable<RecoveryState>;
  /** The realm the app should use now (the fresh one after a recovery), or null. */
  readonly realm: RealmLike | null;
  /** The current state (what `state$` last emitted). */
  readonly state: RecoveryState;
  /** Adds the properties the strategy needs (stamps) to each object schema. */
  schema(schemas: ObjectSchemaLike[]): ObjectSchemaLike[];
  /**
   * The object for `sync.clientReset`. Manual mode by default; with `recoverUnsyncedChanges` (or
   * `recoverOrDiscardUnsyncedChanges`) Realm recovers by itself and realm-recovery runs only as the
   * fallback when that fails (error 1028). The returned `mode` has the type of the mode passed in,
   * so with realm's own types pass realm's enum value and the result fits `Realm.ClientResetConfig`.
   *
   * @example
   * const config = { schema, sync: { user, flexible: true, clientReset: recovery.clientReset({ mode: Realm.ClientResetMode.Manual }) } };
   */
  clientReset<M extends ClientResetConfigLike["mode"] = "manual">(options?: {
    mode?: M;
  }): ClientResetConfigLike & { readonly mode: M };
  /** A `sync.onError` handler: runs the recovery for a `ClientReset` error and forwards other errors to `next`. */
  onError(
    next?: (session: SyncSessionLike, error: unknown) => void,
  ): (session: SyncSessionLike, error: unknown) => void;
  /** Opens a realm with the strategy's schema and the client-reset handler filled in, and attaches it. */
  open(config: RealmConfigLike): Promise<RealmLike>;
  /** Starts tracking a realm the app opened itself; `config` is what a client reset reopens it with. */
  attach(realm: RealmLike, config: RealmConfigLike): Promise<void>;
  /** Runs stamped writes in one write transaction of `realm`. */
  write<T>(realm: RealmLike, fn: (tx: TrackedTransaction) => T): T;
  /** The LastSynced time of the attached realm (null if never synced). */
  lastSyncedAt(): Timestamp | null;
  /**
   * Finishes a recovery that failed or was interrupted, from its kept backup; also deletes backups
   * of finished recoveries a failure left behind. Rejects with `NO_PENDING_RECOVERY` when nothing is
   * pending, and with `BACKUP_MISSING` (live realm left open, marker kept) when the pending backup's
   * file is gone. Running it again after a failure converges to the same state.
   *
   * @example
   * try { await recovery.resumePending(); }
   * catch (e) { if (!(e instanceof RecoveryError && e.code === "NO_PENDING_RECOVERY")) throw e; }
   */
  resumePending(options?: ResumeOptions): Promise<RecoveryReport>;
  /**
   * Computes what recovering `backup` into `fresh` would do — per object and field: create, update,
   * delete or skip, with the local, remote and resolved values and the rule — without writing
   * anything. Uses the attached realm's journal, and the LastSynced of the pending recovery if one
   * is pending (else the current LastSynced) unless `options.lastSyncedAt` is given. Running the
   * recovery afterwards yields exactly the previewed records.
   *
   * @example
   * const plan = recovery.preview(backup, fresh);
   * for (const r of plan.records) console.log(r.action, r.objectType, r.primaryKey, r.property ?? "", r.rule);
   */
  preview(backup: RealmLike, fresh: RealmLike, options?: { lastSyncedAt?: Timestamp | null }): RecoveryPlan;
  /** Stops tracking, closes the journal, removes every listener and completes the streams. */
  detach(): Promise<void>;
}
