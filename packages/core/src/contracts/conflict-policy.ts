import type { Timestamp } from "../clock/timestamp.js";

/**
 * Returned by a {@link ConflictResolver} to keep the remote side exactly as the server has it.
 *
 * @example
 * const keepServerPrices: ConflictResolver = (local, remote, meta) =>
 *   meta.property === "price" ? SKIP : local;
 */
export const SKIP: unique symbol = Symbol.for("@realm-recovery/core/SKIP");

/** The type of {@link SKIP}. */
export type Skip = typeof SKIP;

/**
 * What kind of conflict a resolver is asked to settle.
 * - `"update"`: both sides hold a different value for the same object (object strategy) or field.
 * - `"remote-delete"`: the object was changed locally but deleted on the server (`remote` is null).
 * - `"local-delete"`: the object was deleted locally but written on the server after the delete
 *   (`local` is null).
 */
export type ConflictKind = "update" | "remote-delete" | "local-delete";

/** Everything a {@link ConflictResolver} knows about one conflict besides the two values. */
export interface ConflictMeta {
  /** Name of the strategy asking. */
  readonly strategy: string;
  /** What kind of conflict this is. */
  readonly kind: ConflictKind;
  /** Object type. */
  readonly objectType: string;
  /** Primary key of the object. */
  readonly primaryKey: unknown;
  /** The conflicting property (field-level strategies); undefined when whole objects conflict. */
  readonly property?: string;
  /** Stamp of the local write (null when the strategy keeps none, e.g. an unstamped object). */
  readonly localStamp: Timestamp | null;
  /** Stamp of the remote write (null when unknown: the change log and deletes carry none). */
  readonly remoteStamp: Timestamp | null;
  /** LastSynced of the recovering device. */
  readonly lastSyncedAt: Timestamp | null;
}

/**
 * Settles one conflict. `local` and `remote` are plain values: a field's value (field and
 * change-log strategies) or a whole object as a plain record whose links are primary keys (object
 * strategy; null for a deleted side). Return the value to write — for whole objects, a record of
 * the properties to write, or null to delete the object — or {@link SKIP} to keep the remote side.
 * A resolver must be a pure function: {@link Recovery.preview} calls it too.
 *
 * @example
 * // Keep the larger stock count; otherwise the newer write wins.
 * const resolver: ConflictResolver = (local, remote, meta) =>
 *   meta.property === "stock" ? Math.max(Number(local), Number(remote)) :
 *   (meta.localStamp ?? 0) >= (meta.remoteStamp ?? 0) ? local : SKIP;
 */
export type ConflictResolver = (local: unknown, remote: unknown, meta: ConflictMeta) => unknown;

/**
 * How a stamped strategy settles a local change that meets a different remote state:
 * - `"newer-wins"` (default): the write with the newer HLC stamp wins; a local delete is applied
 *   only if the remote object was not written after it.
 * - `"client-wins"`: Realm's own automatic-recovery rules — local creates are integrated, a server
 *   delete beats a local update, a local delete is applied, and the client wins on the same field.
 * - a {@link ConflictResolver} called for each conflict.
 */
export type ConflictPolicy = "newer-wins" | "client-wins" | ConflictResolver;
