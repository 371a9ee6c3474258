import {
  NEVER_SYNCED_DELETES_RECOVERED,
  type OracleInput,
  OracleResult,
  exactly,
  latestDelete,
  unsyncedLocal,
} from "./oracle-support.js";

/**
 * The object strategy's rules (DESIGN §5, newer-wins), from the schedule alone: objects are dated by
 * their `lastUpdated` stamp as written by whichever write reached them last.
 * - A backup object whose stamp is one of the reset client's unsynced writes is the local object:
 *   it wins whole over an older (or missing) fresh object, and loses whole to a newer one.
 * - Other backup objects (already synced, re-sent when LastSynced lagged) may be written only over
 *   an object that is not newer.
 * - An object the backup lacks, deleted by an unsynced local delete, is deleted unless the fresh
 *   object was written after the delete; without a local delete it stays as the server has it.
 *
 * @example
 * violations(objectOracle(oracleInput(run)), run.reset.recovered);
 */
export function objectOracle(input: OracleInput): OracleResult {
  const { reset } = input;
  const result = new OracleResult();
  const stampOf = (object: Record<string, unknown> | undefined) =>
    typeof object?.lastUpdated === "number" ? object.lastUpdated : null;
  for (const view of input.objects) {
    const { type, fresh, backup } = view;
    const remote = stampOf(fresh);
    if (backup) {
      const local = stampOf(backup);
      const author = view.localWrites.find((w) => w.stamp === local && w.op !== "delete");
      const mine = unsyncedLocal(author, reset);
      if (!fresh) {
        if (mine)
          result.expect(view, "an unsynced local object the server lacks is created", exactly(type, backup));
        else result.expect(view, "a synced object gone from the server", null, exactly(type, backup));
      } else if (local === null || remote === null) {
        result.skip(view, "unstamped object");
      } else if (remote > local) {
        result.expect(
          view,
          `the fresh object (${remote}) is newer than the backup's (${local})`,
          exactly(type, fresh),
        );
      } else if (remote < local && mine) {
        result.expect(
          view,
          `the unsynced local object (${local}) is newer than the fresh one (${remote})`,
          exactly(type, backup),
        );
      } else {
        result.expect(
          view,
          "equal stamps or an already synced object",
          exactly(type, fresh),
          exactly(type, backup),
        );
      }
      continue;
    }
    if (!fresh) {
      result.expect(view, "in neither realm", null);
      continue;
    }
    const deleted = latestDelete(view);
    if (!deleted) {
      result.expect(
        view,
        "not in the backup and never deleted locally: no delete is inferred",
        exactly(type, fresh),
      );
    } else if (remote === null) {
      result.skip(view, "unstamped object");
    } else if (remote > deleted.stamp) {
      result.expect(
        view,
        `written remotely (${remote}) after the local delete (${deleted.stamp})`,
        exactly(type, fresh),
      );
    } else if (
      remote < deleted.stamp &&
      !deleted.synced &&
      (reset.lastSyncedAt !== null || NEVER_SYNCED_DELETES_RECOVERED)
    ) {
      result.expect(
        view,
        `the unsynced local delete (${deleted.stamp}) is newer than the object (${remote})`,
        null,
      );
    } else {
      result.expect(view, "a synced or equally stamped local delete", null, exactly(type, fresh));
    }
  }
  return result;
}
