import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryScope } from "./batched-recovery.js";
import { dictionaryPropertyTest, upsertMergingDictionaries } from "../realm/dictionary-entries.js";
import { copyByPlan, copyPlanFor } from "./plain-copy.js";

/**
 * Copies `properties` (all when omitted) of a backup object into the fresh realm with `values`
 * (resolved values) written over them and `extra` (stamps; see {@link upsertIntoFresh}) on top,
 * counting it in the tally and remembering unresolved links.
 *
 * @example
 * copyIntoFresh(backupDog, scope, { properties: ["age"], extra: { lastUpdated: stamp } });
 */
export function copyIntoFresh(
  object: RealmObjectLike,
  scope: RecoveryScope,
  options: {
    properties?: readonly string[] | undefined;
    values?: Readonly<Record<string, unknown>> | undefined;
    extra?: Readonly<Record<string, unknown>> | undefined;
    mode?: "modified" | "all" | undefined;
    /** The object's primary key when the caller has it (saves reading it again). */
    primaryKey?: unknown;
    /** Values of the object the caller has already read (see `ObjectDecision.sourceValues`). */
    sourceValues?: Readonly<Record<string, unknown>> | undefined;
  } = {},
): void {
  const { context, type, backupSchema, freshSchemas, tally, linkRetries } = scope;
  const primaryKeyName = freshSchemas.get(type)!.primaryKey!;
  const plan = copyPlanFor(backupSchema, type, freshSchemas, options.properties);
  const { values, skipped, unresolvedLinks } = copyByPlan(
    object,
    type,
    plan,
    context.fresh,
    freshSchemas,
    options.sourceValues,
  );
  values[primaryKeyName] = "primaryKey" in options ? options.primaryKey : object[primaryKeyName];
  if (options.values) Object.assign(values, options.values);
  upsertIntoFresh(scope, values, options.extra, options.mode ?? "modified");
  tally.upserted++;
  tally.fieldsWritten += plan.fieldCount;
  // Indexed (see applyDecision): nearly every copy skips nothing.
  for (let i = 0; i < skipped.length; i++) tally.skip(skipped[i]!);
  if (unresolvedLinks.length > 0) {
    const resolved = options.values ?? {};
    const stamped = options.extra ?? {};
    linkRetries.add(
      type,
      object,
      unresolvedLinks
        .map((record) => record.property!)
        .filter((property) => !(property in resolved) && !(property in stamped)),
    );
  }
}

/**
 * Upserts `data` into the fresh realm with `extra` on top: plain entries for a dictionary property
 * (stamp dictionaries) are merged into the fresh object's dictionary key by key, so keys another
 * device wrote concurrently survive sync; everything else is written with the object.
 *
 * @example
 * upsertIntoFresh(scope, { _id: "1", age: 2 }, { fieldStamps: { age: stamp }, lastUpdated: stamp });
 */
export function upsertIntoFresh(
  scope: RecoveryScope,
  data: Record<string, unknown>,
  extra: Readonly<Record<string, unknown>> | undefined,
  mode: "modified" | "all",
): RealmObjectLike {
  const { context, type, freshSchemas } = scope;
  return upsertMergingDictionaries(
    context.fresh,
    type,
    data,
    extra,
    dictionaryPropertyTest(freshSchemas.get(type)!),
    mode,
  );
}
