import type { Timestamp } from "../clock/timestamp.js";
import type { ConflictPolicy } from "../contracts/conflict-policy.js";
import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryRecord } from "../contracts/recovery-record.js";
import type { SkippedRecord } from "../contracts/recovery-report.js";
import type { RecoveryScope } from "./batched-recovery.js";
import { makeRecord } from "./make-record.js";
import type { ObjectDecision } from "./object-decision.js";
import { plainValue } from "./plain-value.js";
import { namedPolicyOutcome, remoteChangedSince, settleConflict } from "./settle-conflict.js";

/** What field-by-field recovery of one object needs. */
export interface FieldsToDecide {
  /** The strategy's name (for resolver metadata and plugin errors). */
  readonly strategy: string;
  /** How a local field meets a different remote value. */
  readonly policy: ConflictPolicy;
  /** The recovery scope of the object's type. */
  readonly scope: RecoveryScope;
  /** The object's primary key. */
  readonly primaryKey: unknown;
  /** The backup object (the local side). */
  readonly local: RealmObjectLike;
  /** The fresh object (the remote side). */
  readonly current: RealmObjectLike;
  /** The fields to decide, each with the stamp of its local value (null when unknown). */
  readonly fields: Iterable<readonly [string, Timestamp | null]>;
  /** The remote stamp of each field, or null when remote writes cannot be dated. */
  readonly remoteStamps: Readonly<Record<string, Timestamp>> | null;
}

/** The outcome of deciding an object's fields one by one. */
export interface DecidedFields {
  /** Fields whose local value wins, to copy from the backup object. */
  readonly toCopy: readonly string[];
  /** Fields a resolver settled, with the values to write. */
  readonly values: Readonly<Record<string, unknown>>;
  /** One record per field. */
  readonly records: readonly RecoveryRecord[];
  /** Fields left to a newer remote value, for the report. */
  readonly skipped: readonly SkippedRecord[];
  /** The stamp of each field written: the newer of its local and remote stamps. */
  readonly written: Record<string, Timestamp>;
}

// Most objects have no resolved value and skip no field: they share these instead of an empty
// object and list each (field recovery decides every changed object, up to millions).
const NO_VALUES: Readonly<Record<string, unknown>> = Object.freeze({});
const NOTHING_SKIPPED: readonly SkippedRecord[] = Object.freeze([]);

/**
 * Decides each field of one object alone under `policy`, against the fresh object's value and
 * (when known) its remote stamp: the per-field merge of the field and change-log strategies.
 *
 * @example
 * const decided = decideFields({ strategy: "field", policy, scope, primaryKey, local, current, fields, remoteStamps });
 * return fieldsDecision(decided, primaryKey, local, { extra: stampsOf(decided.written) });
 */
export function decideFields(input: FieldsToDecide): DecidedFields {
  const { strategy, policy, scope, primaryKey, local, current, remoteStamps } = input;
  const { context, type, tally } = scope;
  const resolverAsks = typeof policy === "function";
  // Sized to the fields when they come as a list: an empty list grown by push reserves room for 16
  // entries, and this runs for every changed object of a recovery.
  const fieldCount = Array.isArray(input.fields) ? input.fields.length : 0;
  const toCopy = listFor<string>(fieldCount);
  const records = listFor<RecoveryRecord>(fieldCount);
  let copied = 0;
  let recorded = 0;
  const written: Record<string, Timestamp> = {};
  let values: Record<string, unknown> | undefined;
  let skipped: SkippedRecord[] | undefined;
  for (const [property, localStamp] of input.fields) {
    const remoteStamp = remoteStamps?.[property] ?? null;
    const wantsValues = tally.keepsNextRecord() || resolverAsks;
    const localValue = wantsValues ? plainValue(local[property]) : undefined;
    const remoteValue = wantsValues ? plainValue(current[property]) : undefined;
    // The records' subject; without remote stamps they carry no remote stamp.
    const subject = {
      objectType: type,
      primaryKey,
      property,
      local: localValue,
      remote: remoteValue,
      localStamp,
      remoteStamp: remoteStamps ? remoteStamp : undefined,
    };
    // A named policy decides from the stamps alone; only a resolver needs the whole conflict.
    const outcome = resolverAsks
      ? settleConflict(policy, strategy, {
          ...subject,
          kind: "update",
          localStamp,
          remoteStamp,
          lastSyncedAt: context.lastSyncedAt,
          remoteChanged: remoteStamps
            ? remoteChangedSince(remoteStamp, localStamp, context.lastSyncedAt)
            : undefined,
        })
      : namedPolicyOutcome(policy, "update", localStamp, remoteStamp);
    if (outcome.winner === "remote") {
      records[recorded++] = makeRecord(subject, "skip", remoteValue, outcome.rule);
      if (outcome.rule === "remote-newer")
        (skipped ??= []).push({ type, primaryKey, property, reason: "remote field is newer" });
      continue;
    }
    const newest = Math.max(localStamp ?? -1, remoteStamp ?? -1);
    if (newest >= 0) written[property] = newest;
    if (outcome.winner === "local") {
      toCopy[copied++] = property;
      records[recorded++] = makeRecord(subject, "update", localValue, outcome.rule);
    } else {
      (values ??= {})[property] = outcome.value;
      records[recorded++] = makeRecord(subject, "update", outcome.value, outcome.rule);
    }
  }
  // Cut to length only when needed: setting an array's length is a runtime call (as costly as the
  // rest of a one-field decision), and most objects fill both lists.
  if (toCopy.length !== copied) toCopy.length = copied;
  if (records.length !== recorded) records.length = recorded;
  return {
    toCopy,
    values: values ?? NO_VALUES,
    records,
    skipped: skipped ?? NOTHING_SKIPPED,
    written,
  };
}

/** An empty list with room for `size` entries (filled by index, then cut to length). */
function listFor<T>(size: number): T[] {
  return size > 0 ? new Array<T>(size) : [];
}

/**
 * The decision for fields decided by {@link decideFields}: an update copying the winning fields
 * from `source` with the resolved values (and `also`: stamps, related entries), or a skip when no
 * field is written.
 *
 * @example
 * return fieldsDecision(decided, primaryKey, local, { extra: { lastUpdated: newest } });
 */
export function fieldsDecision(
  decided: DecidedFields,
  primaryKey: unknown,
  source: RealmObjectLike,
  also: Pick<ObjectDecision, "extra" | "related">,
): ObjectDecision {
  const { toCopy, values, records, skipped } = decided;
  if (toCopy.length === 0 && Object.keys(values).length === 0)
    return { action: "skip", primaryKey, records, skipped };
  // Built by assignment, not by spreading `also` into the literal (a copy per decided object).
  const decision: { -readonly [K in keyof ObjectDecision]: ObjectDecision[K] } = {
    action: "update",
    primaryKey,
    source,
    properties: toCopy,
    values,
    records,
    skipped,
  };
  if (also.extra !== undefined) decision.extra = also.extra;
  if (also.related !== undefined) decision.related = also.related;
  return decision;
}
