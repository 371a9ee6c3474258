import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryAction, RecoveryRecord } from "../contracts/recovery-record.js";
import type { SkippedRecord } from "../contracts/recovery-report.js";
import type { RecoveryScope } from "./batched-recovery.js";
import { upsertDictionaryEntries } from "../realm/dictionary-entries.js";
import { copyIntoFresh, upsertIntoFresh } from "./copy-into-fresh.js";

/**
 * What recovery does with one object, decided before anything is written (so it can be previewed):
 * copy some or all of a backup object's properties (with resolved values and stamps on top), write
 * resolved values alone, delete the fresh object, or leave it.
 */
export interface ObjectDecision {
  /** The object-level action. */
  readonly action: RecoveryAction;
  /** Primary key of the object. */
  readonly primaryKey: unknown;
  /** The backup object to copy from (create, update); omitted when only `values` are written. */
  readonly source?: RealmObjectLike;
  /**
   * Values of `source` the strategy has already read, as `plainValue` gives them (a record's
   * `local`): the copy takes scalar properties from here instead of reading `source` again.
   * Properties missing here are read from `source`.
   */
  readonly sourceValues?: Readonly<Record<string, unknown>> | undefined;
  /** Properties copied from `source`; every property when omitted. */
  readonly properties?: readonly string[];
  /** Plain values written over the copied ones (conflict resolutions; links as primary keys). */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Stamp values written with the object (plain entries for a dictionary merge key by key). */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Update mode of the write. @default "modified" */
  readonly mode?: "modified" | "all";
  /**
   * Dictionary entries merged into other objects of the fresh realm, key by key (each created
   * when missing): the stamps of a strategy that keeps them in a model of its own.
   */
  readonly related?: readonly RelatedEntries[];
  /** The records this decision produces (one per object, or one per field). */
  readonly records: readonly RecoveryRecord[];
  /** Entries for the report's `skipped` list. */
  readonly skipped?: readonly SkippedRecord[];
}

/** Entries for the dictionaries of one object other than the decided one (see `ObjectDecision.related`). */
export interface RelatedEntries {
  /** Its object type. */
  readonly type: string;
  /** Its primary key, as `{ [primary key property]: value }`. */
  readonly key: Readonly<Record<string, unknown>>;
  /** Entries per dictionary property. */
  readonly dictionaries: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Carries out `decision` in the fresh realm (inside the caller's write transaction) and counts it.
 *
 * @example
 * context.fresh.write(() => applyDecision(plan.decide(candidate, scope), scope));
 */
export function applyDecision(decision: ObjectDecision, scope: RecoveryScope): void {
  const { context, type, tally } = scope;
  if (decision.action === "create" || decision.action === "update") {
    const values =
      decision.values && hasKeys(decision.values) ? toFreshValues(decision.values, scope) : undefined;
    if (decision.source) {
      const copied = decision.properties;
      if (values && copied)
        tally.fieldsWritten += Object.keys(values).filter((p) => !copied.includes(p)).length;
      copyIntoFresh(decision.source, scope, {
        properties: decision.properties,
        values,
        extra: decision.extra,
        mode: decision.mode,
        primaryKey: decision.primaryKey,
        sourceValues: decision.sourceValues,
      });
    } else {
      const primaryKeyName = scope.freshSchemas.get(type)!.primaryKey!;
      const data = Object.assign({}, values);
      data[primaryKeyName] = decision.primaryKey;
      upsertIntoFresh(scope, data, decision.extra, decision.mode ?? "modified");
      tally.upserted++;
      tally.fieldsWritten += Object.keys(values ?? {}).filter((p) => p !== primaryKeyName).length;
    }
  } else if (decision.action === "delete") {
    const current = context.fresh.objectForPrimaryKey(type, decision.primaryKey);
    if (current) {
      context.fresh.delete(current);
      tally.deleted++;
    }
  }
  if (decision.related)
    for (const related of decision.related)
      upsertDictionaryEntries(context.fresh, related.type, related.key, related.dictionaries);
  // Indexed: for-of made an iterator per decided object (nearly always over an empty or one-entry
  // list) wherever V8 had not optimised the loop yet.
  const { skipped, records } = decision;
  if (skipped) for (let i = 0; i < skipped.length; i++) tally.skip(skipped[i]!);
  for (let i = 0; i < records.length; i++) tally.record(records[i]!);
}

function hasKeys(values: Readonly<Record<string, unknown>>): boolean {
  for (const _ in values) return true;
  return false;
}

/** Resolved plain values made writable: a link given as a primary key points at the fresh object. */
function toFreshValues(
  values: Readonly<Record<string, unknown>>,
  scope: RecoveryScope,
): Record<string, unknown> {
  const schema = scope.freshSchemas.get(scope.type)!;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const property = schema.properties[name];
    const target = property?.objectType ? scope.freshSchemas.get(property.objectType) : undefined;
    const isLink = target !== undefined && !target.embedded && target.primaryKey !== undefined;
    if (!property || !isLink) out[name] = value;
    else if (property.type === "object") out[name] = linkTo(value, target.name, scope);
    else if (Array.isArray(value)) out[name] = value.map((item) => linkTo(item, target.name, scope));
    else out[name] = value;
  }
  return out;
}

function linkTo(value: unknown, targetType: string, scope: RecoveryScope): unknown {
  if (value === null || value === undefined) return null;
  const isPrimaryKeyObject = typeof (value as { toHexString?: unknown }).toHexString === "function";
  if (typeof value === "object" && !isPrimaryKeyObject) return value;
  return scope.context.fresh.objectForPrimaryKey(targetType, value);
}
