import type {
  CanonicalObjectSchemaLike,
  CanonicalPropertySchemaLike,
  RealmLike,
  RealmObjectLike,
} from "../contracts/realm-like.js";
import type { SkippedRecord } from "../contracts/recovery-report.js";

/** Plain values of a backup object, ready to `create` in the fresh realm, and what could not be copied. */
export interface PlainCopy {
  /** Values by property name (only properties the fresh schema has, with the same type). */
  readonly values: Record<string, unknown>;
  /** Properties left out, and why. */
  readonly skipped: SkippedRecord[];
  /** Links whose target is not (yet) in the fresh realm; they were set to null. */
  readonly unresolvedLinks: SkippedRecord[];
}

/** The canonical schemas of a realm, by type name. */
export function schemaMap(realm: RealmLike): Map<string, CanonicalObjectSchemaLike> {
  return new Map(realm.schema.map((schema) => [schema.name, schema]));
}

function sameShape(a: CanonicalPropertySchemaLike, b: CanonicalPropertySchemaLike): boolean {
  return a.type === b.type && a.objectType === b.objectType && (a.optional === b.optional || b.optional);
}

/**
 * Copies a backup object's values into plain data for the fresh realm. A managed object of one realm
 * must never be handed to another realm's `create`: links are re-pointed at the fresh realm's object
 * with the same primary key (or set to null and reported when it does not exist there), embedded
 * objects and collections are copied as plain values. Properties the fresh schema lacks or types it
 * changed are reported in `skipped` instead of failing the recovery; links whose target is missing
 * in the fresh realm are listed in `unresolvedLinks` (copy again once the target is recovered).
 *
 * @example
 * const { values, skipped } = plainCopy(backupDog, "Dog", fresh, freshSchemas);
 * fresh.write(() => fresh.create("Dog", values, "modified"));
 */
export function plainCopy(
  object: RealmObjectLike,
  objectType: string,
  fresh: RealmLike,
  freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
  properties?: readonly string[],
): PlainCopy {
  const freshSchema = freshSchemas.get(objectType);
  const backupSchema = object.objectSchema();
  const primaryKeyName = backupSchema.primaryKey;
  const primaryKey = primaryKeyName ? object[primaryKeyName] : undefined;
  const values: Record<string, unknown> = {};
  const skipped: SkippedRecord[] = [];
  const unresolvedLinks: SkippedRecord[] = [];
  const names = properties ?? Object.keys(backupSchema.properties);
  for (const name of names) {
    const backupProperty = backupSchema.properties[name];
    const freshProperty = freshSchema?.properties[name];
    if (!backupProperty) continue;
    if (!freshProperty) {
      skipped.push({
        type: objectType,
        primaryKey,
        property: name,
        reason: "property missing in the fresh schema",
      });
      continue;
    }
    if (!sameShape(backupProperty, freshProperty)) {
      skipped.push({
        type: objectType,
        primaryKey,
        property: name,
        reason: `property type changed from ${describe(backupProperty)} to ${describe(freshProperty)}`,
      });
      continue;
    }
    values[name] = copyValue(object[name], freshProperty, fresh, freshSchemas, (reason) =>
      unresolvedLinks.push({ type: objectType, primaryKey, property: name, reason }),
    );
  }
  return { values, skipped, unresolvedLinks };
}

function describe(property: CanonicalPropertySchemaLike): string {
  return `${property.type}${property.objectType ? `<${property.objectType}>` : ""}${property.optional ? "?" : ""}`;
}

function copyValue(
  value: unknown,
  property: CanonicalPropertySchemaLike,
  fresh: RealmLike,
  freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
  report: (reason: string) => void,
): unknown {
  if (value === null || value === undefined) return value ?? null;
  const elementSchema = property.objectType ? freshSchemas.get(property.objectType) : undefined;
  const element = (item: unknown): unknown => copyElement(item, elementSchema, fresh, freshSchemas, report);
  switch (property.type) {
    case "list":
    case "set":
      return [...(value as Iterable<unknown>)]
        .map(element)
        .filter((item) => !(elementSchema && !elementSchema.embedded && item === null));
    case "dictionary": {
      const entries =
        typeof (value as { entries?: unknown }).entries === "function"
          ? [...(value as { entries(): Iterable<[string, unknown]> }).entries()]
          : Object.entries(value as Record<string, unknown>);
      return Object.fromEntries(entries.map(([key, item]) => [key, element(item)]));
    }
    default:
      return element(value);
  }
}

function copyElement(
  value: unknown,
  schema: CanonicalObjectSchemaLike | undefined,
  fresh: RealmLike,
  freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
  report: (reason: string) => void,
): unknown {
  if (!schema || value === null || value === undefined) return value ?? null;
  const object = value as RealmObjectLike;
  if (schema.embedded) {
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      if (name in object) out[name] = copyValue(object[name], property, fresh, freshSchemas, report);
    }
    return out;
  }
  const primaryKeyName = schema.primaryKey;
  const target = primaryKeyName ? fresh.objectForPrimaryKey(schema.name, object[primaryKeyName]) : null;
  if (!target) report(`linked ${schema.name} is missing in the fresh realm`);
  return target;
}
