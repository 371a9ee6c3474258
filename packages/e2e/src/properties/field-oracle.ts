import { dataFields } from "./schedule.js";
import {
  NEVER_SYNCED_DELETES_RECOVERED,
  type OracleInput,
  OracleResult,
  type Plain,
  type Shape,
  exactly,
  isAppType,
  latestDelete,
  unsyncedLocal,
} from "./oracle-support.js";

/** Options of {@link fieldOracle}. */
export interface FieldOracleOptions {
  /**
   * Where a recovered object's field stamps are (by field name): its `fieldStamps` dictionary by
   * default; the change log under newer-wins keeps them in a model of its own.
   */
  stampsOf?: (type: string, object: Plain) => unknown;
}

/**
 * The field strategy's rules (DESIGN §5, newer-wins per field), from the schedule alone: a field
 * value is dated by the write that produced it (every value is unique to its write).
 * - A field of a backup object whose value is one of the reset client's unsynced writes wins over
 *   an older fresh value and loses to a newer one; other differing backup values (already synced,
 *   re-sent when LastSynced lagged) may be written only over a value that is not newer.
 * - An unsynced local object the server lacks (created locally, or deleted remotely) is re-created
 *   whole.
 * - An unsynced local delete is applied unless a field of the fresh object was written after it.
 *
 * The change log under newer-wins keeps to the same rules (its logged fields are the unsynced
 * ones), with its stamps in its own synced model. Every field is dated by the write that produced
 * its value. The stamps must agree: on the server after recovery, each field's stamp is the stamp of the write that produced
 * its value (the dictionaries sync key by key and each write stamps only the fields it changed, so
 * a device that had not seen another's write never sends an older stamp over it).
 *
 * @example
 * violations(fieldOracle(oracleInput(run)), run.reset.recovered);
 */
export function fieldOracle(input: OracleInput, options: FieldOracleOptions = {}): OracleResult {
  const { reset, writeOf } = input;
  const stampsOf = options.stampsOf ?? ((_type: string, object: Plain) => object.fieldStamps);
  const result = new OracleResult();
  /** The stamp of the write that produced `object[field]`. */
  const stampOf = (object: Plain, field: string): number | undefined => writeOf(object[field])?.stamp;
  for (const [type, objects] of Object.entries(reset.recovered))
    for (const object of isAppType(type) ? objects : [])
      for (const field of dataFields(type)) {
        const write = writeOf(object[field]);
        const stamp = (stampsOf(type, object) as Record<string, unknown> | null | undefined)?.[field];
        if (write && stamp !== write.stamp)
          result.broken.push(
            `${type} ${String(object._id)}: fieldStamps.${field} is ${String(stamp)}, but its value came from write ${write.index} stamped ${write.stamp}`,
          );
      }
  for (const view of input.objects) {
    const { type, fresh, backup } = view;
    if (backup && fresh) {
      const shape: Record<string, unknown[]> = {};
      const why: string[] = [];
      for (const field of dataFields(type)) {
        const local = backup[field];
        const remote = fresh[field];
        if (local === remote) {
          shape[field] = [remote];
          continue;
        }
        const localStamp = stampOf(backup, field);
        const remoteStamp = stampOf(fresh, field);
        if (localStamp === undefined || remoteStamp === undefined || remoteStamp === localStamp) {
          shape[field] = [remote, local];
        } else if (remoteStamp > localStamp) {
          shape[field] = [remote];
          why.push(`${field}: fresh ${remoteStamp} newer than backup ${localStamp}`);
        } else if (unsyncedLocal(writeOf(local), reset)) {
          shape[field] = [local];
          why.push(`${field}: unsynced local ${localStamp} newer than fresh ${remoteStamp}`);
        } else {
          shape[field] = [remote, local];
        }
      }
      result.expect(view, why.join("; ") || "no field to recover", shape);
      continue;
    }
    if (backup) {
      const mine = dataFields(type).some((f) => unsyncedLocal(writeOf(backup[f]), reset));
      if (mine)
        result.expect(
          view,
          "an unsynced local object the server lacks is re-created whole",
          exactly(type, backup),
        );
      else result.expect(view, "a synced object gone from the server", null, exactly(type, backup));
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
      continue;
    }
    const remote = Math.max(...dataFields(type).map((f) => stampOf(fresh, f) ?? -1));
    const keep: Shape = exactly(type, fresh);
    if (remote > deleted.stamp)
      result.expect(
        view,
        `a field written remotely (${remote}) after the local delete (${deleted.stamp})`,
        keep,
      );
    else if (
      remote < deleted.stamp &&
      !deleted.synced &&
      (reset.lastSyncedAt !== null || NEVER_SYNCED_DELETES_RECOVERED)
    )
      result.expect(
        view,
        `the unsynced local delete (${deleted.stamp}) is newer than every field (${remote})`,
        null,
      );
    else result.expect(view, "a synced or equally stamped local delete", null, keep);
  }
  return result;
}
