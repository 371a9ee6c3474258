import { dataFields } from "./schedule.js";
import {
  NEVER_SYNCED_DELETES_RECOVERED,
  type OracleInput,
  OracleResult,
  type Plain,
  type Shape,
  exactly,
  latestDelete,
  unsyncedLocal,
} from "./oracle-support.js";

const STAMPS = "fieldStamps";

function dictionaryStamp(object: Plain, field: string): number | undefined {
  const stamps = object[STAMPS] as Record<string, unknown> | null | undefined;
  const value = stamps?.[field];
  return typeof value === "number" ? value : undefined;
}

/** Options of {@link fieldOracle}. */
export interface FieldOracleOptions {
  /**
   * Judge objects whose stamp dictionary is out of step with their values too, by the stamps of
   * the writes that produced the values (shows what the whole-dictionary sync costs). @default false
   */
  judgeStaleDictionaries?: boolean;
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
 * A field whose stamp in the `fieldStamps` dictionary is not the stamp of the write that produced
 * its value cannot be judged by stamps: the dictionary syncs as one value, so concurrent writes of
 * different fields on two devices keep one device's whole dictionary. Such objects are counted in
 * `unjudged` instead.
 *
 * @example
 * violations(fieldOracle(oracleInput(run)), run.reset.recovered);
 */
export function fieldOracle(input: OracleInput, options: FieldOracleOptions = {}): OracleResult {
  const strict = options.judgeStaleDictionaries ?? false;
  const { reset, writeOf } = input;
  const result = new OracleResult();
  /** The stamp of the write that produced `object[field]`, if the dictionary agrees with it. */
  const coherentStamp = (object: Plain, field: string): number | null | undefined => {
    const write = writeOf(object[field]);
    if (!write) return undefined;
    return strict || dictionaryStamp(object, field) === write.stamp ? write.stamp : null;
  };
  for (const view of input.objects) {
    const { type, fresh, backup } = view;
    if (backup && fresh) {
      const shape: Record<string, unknown[]> = {};
      const why: string[] = [];
      let judged = true;
      for (const field of dataFields(type)) {
        const local = backup[field];
        const remote = fresh[field];
        if (local === remote) {
          shape[field] = [remote];
          continue;
        }
        const localStamp = coherentStamp(backup, field);
        const remoteStamp = coherentStamp(fresh, field);
        if (localStamp == null || remoteStamp == null) {
          judged = false;
          break;
        }
        if (remoteStamp > localStamp) {
          shape[field] = [remote];
          why.push(`${field}: fresh ${remoteStamp} newer than backup ${localStamp}`);
        } else if (remoteStamp < localStamp && unsyncedLocal(writeOf(local), reset)) {
          shape[field] = [local];
          why.push(`${field}: unsynced local ${localStamp} newer than fresh ${remoteStamp}`);
        } else {
          shape[field] = [remote, local];
        }
      }
      if (judged) result.expect(view, why.join("; ") || "no field to recover", shape);
      else result.skip(view, "field stamp dictionary out of step with the values");
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
    const written = dataFields(type).map((f) => writeOf(fresh[f])?.stamp ?? -1);
    const dictionary = dataFields(type).map((f) => dictionaryStamp(fresh, f) ?? -1);
    const remote = Math.max(...written);
    if (!strict && remote > deleted.stamp !== Math.max(...dictionary) > deleted.stamp) {
      result.skip(view, "field stamp dictionary out of step with the values");
      continue;
    }
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
