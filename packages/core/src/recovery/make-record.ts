import type { Timestamp } from "../clock/timestamp.js";
import type { DecisionRule, RecoveryAction, RecoveryRecord } from "../contracts/recovery-record.js";

/** What a strategy knows about one object or field before deciding it. */
export interface RecordSubject {
  /** Object type. */
  readonly objectType: string;
  /** Primary key. */
  readonly primaryKey: unknown;
  /** The field, for field-level decisions. */
  readonly property?: string | undefined;
  /** The backup's plain value (undefined when not kept). */
  readonly local?: unknown;
  /** The fresh realm's plain value (undefined when not kept or absent). */
  readonly remote?: unknown;
  /** Stamp of the local write. */
  readonly localStamp?: Timestamp | null | undefined;
  /** Stamp of the remote write. */
  readonly remoteStamp?: Timestamp | null | undefined;
}

/**
 * A {@link RecoveryRecord} for `subject`, built as one object literal with a fixed shape (cheap on
 * the hot path of a recovery, unlike spreading a base object). Keys whose value is undefined are
 * left out, so records compare and serialise cleanly.
 *
 * @example
 * makeRecord({ objectType: "Dog", primaryKey: "1", property: "age", local: 2, remote: 3 }, "skip", 3, "remote-newer");
 */
export function makeRecord(
  subject: RecordSubject,
  action: RecoveryAction,
  resolved: unknown,
  rule: DecisionRule,
): RecoveryRecord {
  const record: {
    objectType: string;
    primaryKey: unknown;
    property?: string;
    action: RecoveryAction;
    local?: unknown;
    remote?: unknown;
    resolved?: unknown;
    rule: DecisionRule;
    localStamp?: Timestamp | null;
    remoteStamp?: Timestamp | null;
  } = { objectType: subject.objectType, primaryKey: subject.primaryKey, action, rule };
  if (subject.property !== undefined) record.property = subject.property;
  if (subject.local !== undefined) record.local = subject.local;
  if (subject.remote !== undefined) record.remote = subject.remote;
  if (resolved !== undefined) record.resolved = resolved;
  if (subject.localStamp !== undefined) record.localStamp = subject.localStamp;
  if (subject.remoteStamp !== undefined) record.remoteStamp = subject.remoteStamp;
  return record;
}
