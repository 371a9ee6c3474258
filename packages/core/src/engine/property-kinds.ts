import type { DeclaredStamps } from "../contracts/client-reset-strategy.js";
import type { CanonicalObjectSchemaLike } from "../contracts/realm-like.js";
import { isPlainEntries } from "../realm/dictionary-entries.js";

/** A property of a plain scalar type (bool, int, float, double, string). */
const SCALAR = 1;
/** A dictionary property. */
const DICTIONARY = 2;

const SCALAR_PROPERTY_TYPES: ReadonlySet<string> = new Set(["bool", "int", "float", "double", "string"]);

/**
 * Which properties of one object type a tracked update may set directly on the object, and which are
 * dictionaries whose entries are merged key by key. One map lookup answers both for a property: a
 * write asks for every key it sets, so a per-key schema lookup plus a set lookup showed up as a
 * quarter of a tracked update's cost.
 *
 * @example
 * const kinds = new PropertyKinds(realm.schema.find((s) => s.name === "Dog"));
 * kinds.canSet({ age: 3 }, ["age"]); // true: a plain value for an int property
 */
export class PropertyKinds {
  readonly #kinds = new Map<string, number>();
  #checkedStamps: DeclaredStamps | undefined;
  #stampsSettable = false;

  /** @param schema - the type's schema (undefined: no property is settable or a dictionary) */
  constructor(schema: CanonicalObjectSchemaLike | undefined) {
    const properties = schema?.properties ?? {};
    for (const name in properties) {
      const type = properties[name]!.type;
      if (SCALAR_PROPERTY_TYPES.has(type)) this.#kinds.set(name, SCALAR);
      else if (type === "dictionary") this.#kinds.set(name, DICTIONARY);
    }
  }

  /** Whether `property` is a dictionary (bound, so it can be handed on as a test). */
  readonly isDictionary = (property: string): boolean => this.#kinds.get(property) === DICTIONARY;

  /**
   * Whether `values[key]` for every key of `keys` can be set on the object directly with the same
   * effect as `create(..., "modified")`: properties of plain scalar types holding plain scalar values
   * (no links, collections or embedded objects, whose assignment means something else than an upsert).
   */
  canSet(values: Readonly<Record<string, unknown>>, keys: readonly string[]): boolean {
    for (const key of keys) {
      if (this.#kinds.get(key) !== SCALAR || !isPlainScalar(values[key])) return false;
    }
    return true;
  }

  /**
   * Whether declared `stamps` can be set on an object directly: `updated` and `created` plain scalar
   * properties, `fields` a dictionary. Asked on every tracked update, answered once per declaration.
   */
  canSetStamps(stamps: DeclaredStamps): boolean {
    if (this.#checkedStamps !== stamps) {
      const scalarOrAbsent = (property: string | undefined) =>
        property === undefined || this.#kinds.get(property) === SCALAR;
      this.#stampsSettable =
        scalarOrAbsent(stamps.updated) &&
        scalarOrAbsent(stamps.created) &&
        (stamps.fields === undefined || this.#kinds.get(stamps.fields) === DICTIONARY);
      this.#checkedStamps = stamps;
    }
    return this.#stampsSettable;
  }

  /** Whether every recorder value can be set directly: a plain scalar, or entries for a dictionary. */
  canSetExtra(extra: Readonly<Record<string, unknown>>): boolean {
    for (const key in extra) {
      const kind = this.#kinds.get(key);
      const value = extra[key];
      if (kind === SCALAR ? !isPlainScalar(value) : kind !== DICTIONARY || !isPlainEntries(value))
        return false;
    }
    return true;
  }
}

function isPlainScalar(value: unknown): boolean {
  const kind = typeof value;
  return value === null || kind === "string" || kind === "number" || kind === "boolean";
}
