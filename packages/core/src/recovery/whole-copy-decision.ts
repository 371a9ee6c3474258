import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryRecord } from "../contracts/recovery-record.js";
import { type RecordSubject, makeRecord } from "./make-record.js";
import type { ObjectDecision } from "./object-decision.js";

/**
 * The decision to copy the backup object `source` whole, with its one record. The record's `local`
 * values (when the strategy read them) also serve the copy as `sourceValues`, so the copy does not
 * read the object again. `also` adds related stamp entries. (Optional rather than defaulting to `{}`,
 * which would allocate an object for every decided object that has none.)
 *
 * @example
 * const subject = { objectType: "Dog", primaryKey: "1", local: plainRecord(backupDog) };
 * return wholeCopyDecision(backupDog, subject, "create", "local-create");
 */
export function wholeCopyDecision(
  source: RealmObjectLike,
  subject: RecordSubject,
  action: "create" | "update",
  rule: RecoveryRecord["rule"],
  also?: Pick<ObjectDecision, "related">,
): ObjectDecision {
  const local = subject.local as Readonly<Record<string, unknown>> | undefined;
  // Built by assignment, not by spreading `also` into the literal (a copy per decided object).
  const decision: { -readonly [K in keyof ObjectDecision]: ObjectDecision[K] } = {
    action,
    primaryKey: subject.primaryKey,
    source,
    sourceValues: local,
    records: [makeRecord(subject, action, local, rule)],
  };
  if (also?.related !== undefined) decision.related = also.related;
  return decision;
}
