import type { Timestamp } from "../clock/timestamp.js";

/** What recovery does (or, in a preview, would do) with one object or field. */
export type RecoveryAction = "create" | "update" | "delete" | "skip";

/**
 * The rule that decided a {@link RecoveryRecord}. Stable strings, safe to match on:
 * - `never-synced`: the realm never synced, so every backup object is copied whole.
 * - `local-create`: absent on the server and not known to have existed there (created locally, or,
 *   under newer-wins which keeps no creation stamp, possibly deleted remotely): copied whole.
 * - `local-newer` / `remote-newer`: newer-wins by HLC stamp (a tie goes to the local write).
 * - `client-wins`: client-wins policy, the local value replaces the remote one.
 * - `remote-delete-wins`: client-wins policy, the server deleted an object changed locally.
 * - `recreated`: an object known to have existed on the server (created before LastSynced) was
 *   changed locally and deleted remotely, and a resolver or rule brought it back.
 * - `resolver` / `resolver-skip`: the conflict resolver returned a value / SKIP.
 * - `local-delete`: a local delete re-applied from its tombstone.
 * - `remote-written-after-delete`: the server wrote the object after the local delete.
 * - `overwrite`: the overwrite strategy copies the backup object whole.
 * - `missing-in-backup`: a logged change whose object is no longer in the backup (nothing to copy).
 */
export type DecisionRule =
  | "never-synced"
  | "local-create"
  | "local-newer"
  | "remote-newer"
  | "client-wins"
  | "remote-delete-wins"
  | "recreated"
  | "resolver"
  | "resolver-skip"
  | "local-delete"
  | "remote-written-after-delete"
  | "overwrite"
  | "missing-in-backup";

/**
 * One decision of a recovery: an object (whole-object strategies, creates and deletes) or a field
 * (field-level strategies), with the local, remote and resolved values and the rule that decided.
 * Values are plain: links appear as the target's primary key, embedded objects and collections as
 * plain data.
 *
 * @example
 * for (const r of report.records) console.log(r.objectType, r.primaryKey, r.property ?? "*", r.action, r.rule);
 */
export interface RecoveryRecord {
  /** Object type. */
  readonly objectType: string;
  /** Primary key of the object. */
  readonly primaryKey: unknown;
  /** The field decided, for field-level decisions; undefined for a whole object. */
  readonly property?: string;
  /** What was (or would be) done. */
  readonly action: RecoveryAction;
  /** The backup's value (undefined for a local delete). */
  readonly local?: unknown;
  /** The fresh realm's value before recovery (undefined when the server has no such object). */
  readonly remote?: unknown;
  /** The value after recovery (undefined for a delete). */
  readonly resolved?: unknown;
  /** The rule that decided. */
  readonly rule: DecisionRule;
  /** Stamp of the local write, when known. */
  readonly localStamp?: Timestamp | null;
  /** Stamp of the remote write, when known. */
  readonly remoteStamp?: Timestamp | null;
}

/** Exact number of records per action, kept even when the record list is capped. */
export type RecoveryActionCounts = Readonly<Record<RecoveryAction, number>>;

/**
 * The full plan of a recovery, computed without writing (see `Recovery.preview`): every record the
 * recovery would produce, uncapped.
 *
 * @example
 * const plan = await recovery.preview(backup, fresh);
 * console.log(plan.counts.update, "fields would be updated");
 */
export interface RecoveryPlan {
  /** Strategy that planned. */
  readonly strategy: string;
  /** LastSynced the plan was computed for. */
  readonly lastSyncedAt: Timestamp | null;
  /** Every decision, in the order recovery would apply them. */
  readonly records: readonly RecoveryRecord[];
  /** Records per action. */
  readonly counts: RecoveryActionCounts;
}
