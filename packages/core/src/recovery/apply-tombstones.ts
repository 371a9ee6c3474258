import type { Timestamp } from "../clock/timestamp.js";
import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryContext } from "../contracts/recovery-context.js";
import type { RecoveryTally } from "./recovery-tally.js";

/**
 * Re-applies the local deletes of `objectType` recorded as tombstones after LastSynced. A delete is
 * applied only when the fresh object was not written after it (`writtenAfter` tells, from the
 * strategy's stamps) and the object is not back in the backup (re-created after the delete, or a
 * delete that never committed). A realm that never synced has no tombstones to apply, and no delete
 * is ever inferred from an object missing in the backup.
 *
 * @example
 * applyTombstones(context, "Dog", tally, (fresh, deletedAt) => (fresh.lastUpdated ?? 0) > deletedAt);
 */
export function applyTombstones(
  context: RecoveryContext,
  objectType: string,
  tally: RecoveryTally,
  writtenAfter: (fresh: RealmObjectLike, deletedAt: Timestamp) => boolean,
): void {
  if (context.lastSyncedAt === null) return;
  const tombstones = context.journal
    .tombstones(context.lastSyncedAt)
    .filter((t) => t.objectType === objectType);
  if (tombstones.length === 0) return;
  context.fresh.write(() => {
    for (const { primaryKey, deletedAt } of tombstones) {
      if (context.backup.objectForPrimaryKey(objectType, primaryKey)) continue;
      const current = context.fresh.objectForPrimaryKey(objectType, primaryKey);
      if (!current) continue;
      if (writtenAfter(current, deletedAt)) {
        tally.skip({ type: objectType, primaryKey, reason: "written remotely after the local delete" });
        continue;
      }
      context.fresh.delete(current);
      tally.deleted++;
    }
  });
}
