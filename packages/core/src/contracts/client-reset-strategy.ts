import type { Observable } from "rxjs";
import type { Timestamp } from "../clock/timestamp.js";
import type { Journal } from "./journal.js";
import type { ObjectSchemaLike, RealmLike, RealmObjectLike } from "./realm-like.js";
import type { RecoveryContext } from "./recovery-context.js";
import type { RecoveryPlan } from "./recovery-record.js";
import type { StrategyEvent } from "./recovery-event.js";

/**
 * One create or update made through `recovery.write`, as the strategy's recorder sees it. Read its
 * members rather than spreading it: `changed` of a create is listed on first read (a getter), as
 * most recorders never ask.
 */
export interface StampedUpsert {
  /** Object type. */
  readonly objectType: string;
  /** Primary key of the object. */
  readonly primaryKey: unknown;
  /** Properties the write sets (for an update: only those whose value changed). */
  readonly changed: readonly string[];
  /** The object before the write, or null for a create. */
  readonly previous: RealmObjectLike | null;
  /** The write's stamp: greater than every stamp already on what it overwrites. */
  readonly stamp: Timestamp;
  /** The journal, for strategies that log outside the objects. */
  readonly journal: Journal;
  /**
   * The realm written, inside the write's transaction: for recorders that keep stamps in a model
   * of their own (see {@link ClientResetStrategy.models}).
   */
  readonly realm?: RealmLike;
}

/** What a recorder's `latestStamp` may need besides the object: where it lives and under which key. */
export interface StampedObject {
  /** Object type. */
  readonly objectType: string;
  /** Primary key of the object. */
  readonly primaryKey: unknown;
  /** The realm the object is in. */
  readonly realm: RealmLike;
}

/** One delete made through `recovery.write`. Core has already recorded its tombstone. */
export interface StampedDelete {
  /** Object type. */
  readonly objectType: string;
  /** Primary key of the deleted object. */
  readonly primaryKey: unknown;
  /** The delete's stamp. */
  readonly stamp: Timestamp;
  /** The journal. */
  readonly journal: Journal;
  /** The realm written, inside the delete's transaction. */
  readonly realm?: RealmLike;
}

/**
 * Stamps a recorder keeps on the objects themselves, declared as property names so core writes them
 * without calling the recorder (see {@link WriteRecorder.stamps}). Every name must be a property the
 * strategy's `schema()` adds: `updated` and `created` an `int`, `fields` an `int{}` dictionary.
 *
 * @example
 * // What ObjectRecorder("lastUpdated") declares:
 * const stamps: DeclaredStamps = { updated: "lastUpdated" };
 * // What FieldRecorder declares:
 * const fieldStamps: DeclaredStamps = { fields: "fieldStamps", updated: "lastUpdated" };
 */
export interface DeclaredStamps {
  /** Set to the write's stamp on every create and update (the object's newest stamp). */
  readonly updated?: string;
  /** Set to the write's stamp on a create only. */
  readonly created?: string;
  /**
   * A dictionary whose entry for each property the write sets (the stamp properties aside) is set
   * to the write's stamp, merged into the object's dictionary key by key.
   */
  readonly fields?: string;
}

/** Stamps tracked writes the way a strategy needs them. */
export interface WriteRecorder {
  /**
   * The stamps this recorder keeps on the objects, declared (optional). When set, core writes them
   * itself and calls neither `recordUpsert` nor `latestStamp`, and stamps each write past the stamps
   * it overwrites: the object's `updated` value and the `fields` entries of the properties it
   * changes (every entry, for a delete). Declaring saves two plugin calls and an
   * object or two per write, which was most of what stamping cost over a write stamped by hand.
   * `recordUpsert` must still return the same values (direct callers and tests use it);
   * `runStrategyContract` of `@realm-recovery/testing` checks that it does.
   */
  readonly stamps?: DeclaredStamps;
  /**
   * Returns the extra property values (stamps) to write with this create or update. Plain entries
   * given for a dictionary property are merged into an existing object's dictionary key by key
   * (`Dictionary.set`), so return only the keys this write changes.
   */
  recordUpsert(write: StampedUpsert): Readonly<Record<string, unknown>>;
  /** Records a delete (optional: tombstones are kept by core). */
  recordDelete?(write: StampedDelete): void;
  /**
   * The newest stamp already on `object` (null if none). Core moves the clock past it before
   * stamping a write, so a write is always newer than what it overwrites.
   */
  latestStamp?(object: RealmObjectLike, where?: StampedObject): Timestamp | null;
}

/**
 * How unsynced changes get from the backup into the fresh realm. Implement it to write your own
 * strategy and register it under `CLIENT_RESET_STRATEGY` or pass it to `createRecovery`.
 *
 * @example
 * class ServerWinsStrategy implements ClientResetStrategy {
 *   readonly name = "server-wins";
 *   readonly recorder = { recordUpsert: () => ({}) };
 *   schema(objectSchema: ObjectSchemaLike) { return objectSchema; }
 *   recover(ctx: RecoveryContext) {
 *     return of({ type: "recovered", report: emptyReport(this.name) } as const);
 *   }
 * }
 */
export interface ClientResetStrategy {
  /** Unique, human-readable plugin name (used in reports and errors). */
  readonly name: string;
  /** Returns `objectSchema` plus the properties the strategy needs (e.g. a `lastUpdated` stamp). */
  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike;
  /**
   * Models of the strategy's own that live in the synced realm next to the app's (optional; e.g. a
   * table of stamps kept outside the app's objects). `recovery.schema()` appends them; their
   * objects are never tracked or recovered as app data.
   */
  models?(): ObjectSchemaLike[];
  /** Stamps each tracked write. */
  readonly recorder: WriteRecorder;
  /** Copies unsynced changes; emits progress and completes after emitting one `recovered` event. */
  recover(context: RecoveryContext): Observable<StrategyEvent>;
  /**
   * Computes what `recover(context)` would do, without writing anything (optional: the built-in
   * strategies implement it; `Recovery.preview` throws `PREVIEW_UNSUPPORTED` without it). Applying
   * the recovery afterwards must yield exactly the previewed records.
   */
  preview?(context: RecoveryContext): RecoveryPlan;
}
