import { dataFields } from "./schedule.js";
import {
  NEVER_SYNCED_DELETES_RECOVERED,
  type OracleInput,
  OracleResult,
  exactly,
  latestDelete,
  unsyncedLocal,
} from "./oracle-support.js";

/**
 * The changelog strategy's documented rules (client-wins, Realm's own recovery rules), from the
 * schedule alone. A local write is logged when stamped after LastSynced (every write when never
 * synced).
 * - A field of a backup object whose value is one of the reset client's unsynced writes wins over
 *   the fresh value, whatever its age; other logged fields (already synced, re-sent when LastSynced
 *   lagged) may be written too; unlogged fields keep the fresh value.
 * - An object the server lacks is created whole when its local create is unsynced; after a remote
 *   delete, local updates are dropped (the server delete wins).
 * - An unsynced local delete is applied.
 * - Never synced (LastSynced null): every backup object is copied whole.
 *
 * @example
 * violations(changelogOracle(oracleInput(run)), run.reset.recovered);
 */
export function changelogOracle(input: OracleInput): OracleResult {
  const { reset, writeOf } = input;
  const since = reset.lastSyncedAt;
  const logged = (stamp: number) => since === null || stamp > since;
  const result = new OracleResult();
  for (const view of input.objects) {
    const { type, fresh, backup } = view;
    if (backup && since === null) {
      result.expect(view, "never synced: every backup object is copied whole", exactly(type, backup));
    } else if (backup && fresh) {
      const shape: Record<string, unknown[]> = {};
      for (const field of dataFields(type)) {
        const local = backup[field];
        const remote = fresh[field];
        const isLogged = view.localWrites.some((w) => field in w.values && logged(w.stamp));
        if (local === remote || !isLogged) shape[field] = [remote];
        else if (unsyncedLocal(writeOf(local), reset)) shape[field] = [local];
        else shape[field] = [remote, local];
      }
      result.expect(view, "logged fields of unsynced writes win, unlogged ones keep the fresh value", shape);
    } else if (backup) {
      const creates = view.localWrites.filter((w) => w.op === "create");
      const last = creates.at(-1);
      if (last && unsyncedLocal(last, reset))
        result.expect(view, "an unsynced local create is integrated", exactly(type, backup));
      else if (creates.some((w) => logged(w.stamp)))
        result.expect(view, "a synced create still logged", null, exactly(type, backup));
      else result.expect(view, "deleted on the server: the server delete beats local updates", null);
    } else if (fresh) {
      const deleted = latestDelete(view);
      if (deleted && !deleted.synced && (since !== null || NEVER_SYNCED_DELETES_RECOVERED))
        result.expect(view, "an unsynced local delete is applied", null);
      else if (deleted && (logged(deleted.stamp) || since === null))
        result.expect(view, "a synced local delete still logged", null, exactly(type, fresh));
      else result.expect(view, "untouched locally: stays as the server has it", exactly(type, fresh));
    } else {
      result.expect(view, "in neither realm", null);
    }
  }
  return result;
}
