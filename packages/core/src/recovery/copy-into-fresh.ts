import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryScope } from "./batched-recovery.js";
import { plainCopy } from "./plain-copy.js";

/**
 * Copies `properties` (all when omitted) of a backup object into the fresh realm with `extra`
 * values (stamps, resolved values) on top, counting it in the tally and remembering unresolved links.
 *
 * @example
 * copyIntoFresh(backupDog, scope, { properties: ["age"], extra: { lastUpdated: stamp } });
 */
export function copyIntoFresh(
  object: RealmObjectLike,
  scope: RecoveryScope,
  options: {
    properties?: readonly string[] | undefined;
    extra?: Readonly<Record<string, unknown>> | undefined;
    mode?: "modified" | "all" | undefined;
  } = {},
): void {
  const { context, type, freshSchemas, tally, linkRetries } = scope;
  const primaryKeyName = freshSchemas.get(type)!.primaryKey!;
  const { values, skipped, unresolvedLinks } = plainCopy(
    object,
    type,
    context.fresh,
    freshSchemas,
    options.properties,
  );
  // Built by assignment: on Node 20 a spread followed by more keys costs microseconds per object.
  const data = Object.assign({}, values);
  data[primaryKeyName] = object[primaryKeyName];
  if (options.extra) Object.assign(data, options.extra);
  context.fresh.create(type, data, options.mode ?? "modified");
  tally.upserted++;
  tally.fieldsWritten += Object.keys(values).filter((p) => p !== primaryKeyName).length;
  for (const record of skipped) tally.skip(record);
  const resolved = options.extra ?? {};
  linkRetries.add(
    type,
    object,
    unresolvedLinks.map((record) => record.property!).filter((property) => !(property in resolved)),
  );
}
