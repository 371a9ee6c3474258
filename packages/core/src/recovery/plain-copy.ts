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
  readonly skipped: readonly SkippedRecord[];
  /** Links whose target is not (yet) in the fresh realm; they were set to null. */
  readonly unresolvedLinks: readonly SkippedRecord[];
}

/** The canonical schemas of a realm, by type name. */
export function schemaMap(realm: RealmLike): Map<string, CanonicalObjectSchemaLike> {
  return new Map(realm.schema.map((schema) => [schema.name, schema]));
}

function sameShape(a: CanonicalPropertySchemaLike, b: CanonicalPropertySchemaLike): boolean {
  return a.type === b.type && a.objectType === b.objectType && (a.optional === b.optional || b.optional);
}

/**
 * How to copy objects of one type with one backup schema into the fresh realm, worked out once per
 * recovery instead of per object: which properties are read as they are, which need converting
 * (links, embedded objects, collections), which cannot be copied and why.
 */
export interface CopyPlan {
  /** Scalar properties: copied as read (absent values as null). */
  readonly direct: readonly string[];
  /**
   * Per entry of `direct`, whether the value `plainValue` gives for it is the value itself: every
   * scalar type but `mixed`, which may hold a link that `plainValue` turns into a primary key.
   */
  readonly directPlain: readonly boolean[];
  /** Links, embedded objects and collections, with their fresh schema. */
  readonly converted: readonly (readonly [string, CanonicalPropertySchemaLike])[];
  /** Properties left out: missing in the fresh schema or with another type there. */
  readonly skipped: readonly { readonly property: string; readonly reason: string }[];
  /** Properties copied other than the primary key (the fields a copy writes). */
  readonly fieldCount: number;
}

const planCache = new WeakMap<
  ReadonlyMap<string, CanonicalObjectSchemaLike>,
  WeakMap<CanonicalObjectSchemaLike, Map<string, CopyPlan>>
>();

/**
 * The {@link CopyPlan} for copying `properties` (all when omitted) of objects with `backupSchema` as
 * `objectType` into a realm with `freshSchemas`; cached per fresh schema map, backup schema and
 * property list, so a recovery computes it once per type (and per set of changed fields).
 *
 * @example
 * const plan = copyPlanFor(backup.schema[0], "Dog", schemaMap(fresh));
 * plan.skipped; // [{ property: "color", reason: "property missing in the fresh schema" }]
 */
export function copyPlanFor(
  backupSchema: CanonicalObjectSchemaLike,
  objectType: string,
  freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
  properties?: readonly string[],
): CopyPlan {
  // Objects in a row mostly copy the same fields (the same logged or changed ones): compare with
  // the last list before building a key.
  const last = lastPlan;
  if (
    last !== null &&
    last.freshSchemas === freshSchemas &&
    last.backupSchema === backupSchema &&
    last.objectType === objectType &&
    sameList(last.properties, properties)
  )
    return last.plan;
  let bySchema = planCache.get(freshSchemas);
  if (!bySchema) planCache.set(freshSchemas, (bySchema = new WeakMap()));
  let plans = bySchema.get(backupSchema);
  if (!plans) bySchema.set(backupSchema, (plans = new Map()));
  const key = properties ? `${objectType}\u0000${properties.join("\u0000")}` : objectType;
  let plan = plans.get(key);
  if (!plan) plans.set(key, (plan = makeCopyPlan(backupSchema, freshSchemas.get(objectType), properties)));
  lastPlan = { freshSchemas, backupSchema, objectType, properties: properties && [...properties], plan };
  return plan;
}

/** The plan {@link copyPlanFor} returned last, with what it was for (the list copied). */
let lastPlan: {
  readonly freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>;
  readonly backupSchema: CanonicalObjectSchemaLike;
  readonly objectType: string;
  readonly properties: readonly string[] | undefined;
  readonly plan: CopyPlan;
} | null = null;

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function makeCopyPlan(
  backupSchema: CanonicalObjectSchemaLike,
  freshSchema: CanonicalObjectSchemaLike | undefined,
  properties: readonly string[] = Object.keys(backupSchema.properties),
): CopyPlan {
  const direct: string[] = [];
  const directPlain: boolean[] = [];
  const converted: [string, CanonicalPropertySchemaLike][] = [];
  const skipped: { property: string; reason: string }[] = [];
  for (const name of properties) {
    const backupProperty = backupSchema.properties[name];
    const freshProperty = freshSchema?.properties[name];
    if (!backupProperty) continue;
    if (!freshProperty) {
      skipped.push({ property: name, reason: "property missing in the fresh schema" });
    } else if (!sameShape(backupProperty, freshProperty)) {
      const reason = `property type changed from ${describe(backupProperty)} to ${describe(freshProperty)}`;
      skipped.push({ property: name, reason });
    } else if (freshProperty.objectType || COLLECTIONS.has(freshProperty.type)) {
      converted.push([name, freshProperty]);
    } else {
      direct.push(name);
      directPlain.push(freshProperty.type !== "mixed");
    }
  }
  const copied = [...direct, ...converted.map(([name]) => name)];
  const fieldCount = copied.filter((name) => name !== freshSchema?.primaryKey).length;
  return { direct, directPlain, converted, skipped, fieldCount };
}

const COLLECTIONS = new Set(["list", "set", "dictionary"]);

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
  const plan = copyPlanFor(object.objectSchema(), objectType, freshSchemas, properties);
  return copyByPlan(object, objectType, plan, fresh, freshSchemas);
}

/**
 * {@link plainCopy} with a plan from {@link copyPlanFor} (for callers that copy many objects of a
 * type). The returned `values` object is the caller's to extend. `known` holds values of `object`
 * the caller has already read, as `plainValue` gives them (a report record's `local`, say): scalar
 * properties found there are not read from `object` again.
 *
 * @example
 * const plan = copyPlanFor(scope.backupSchema, "Dog", freshSchemas);
 * const { values } = copyByPlan(backupDog, "Dog", plan, fresh, freshSchemas);
 */
export function copyByPlan(
  object: RealmObjectLike,
  objectType: string,
  plan: CopyPlan,
  fresh: RealmLike,
  freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
  known?: Readonly<Record<string, unknown>>,
): PlainCopy {
  const values: Record<string, unknown> = {};
  const { direct, directPlain } = plan;
  for (let i = 0; i < direct.length; i++) {
    const name = direct[i]!;
    // A read through a managed object's accessor costs several lookups in a plain object.
    const value = known !== undefined && directPlain[i] ? known[name] : undefined;
    values[name] = value !== undefined ? value : (object[name] ?? null);
  }
  let unresolvedLinks: SkippedRecord[] | undefined;
  for (const [name, freshProperty] of plan.converted) {
    values[name] = copyValue(object[name], freshProperty, fresh, freshSchemas, (reason) =>
      (unresolvedLinks ??= []).push({
        type: objectType,
        primaryKey: primaryKeyOf(object),
        property: name,
        reason,
      }),
    );
  }
  const skipped =
    plan.skipped.length === 0
      ? NOTHING_SKIPPED
      : plan.skipped.map(({ property, reason }) => ({
          type: objectType,
          primaryKey: primaryKeyOf(object),
          property,
          reason,
        }));
  return { values, skipped, unresolvedLinks: unresolvedLinks ?? NOTHING_SKIPPED };
}

/** The empty list most copies report (shared: a copy per object would be garbage). */
const NOTHING_SKIPPED: readonly SkippedRecord[] = Object.freeze([]);

function primaryKeyOf(object: RealmObjectLike): unknown {
  const name = object.objectSchema().primaryKey;
  return name ? object[name] : undefined;
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
