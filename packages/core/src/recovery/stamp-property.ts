import type { ConflictPolicy } from "../contracts/conflict-policy.js";
import type { ObjectSchemaLike } from "../contracts/realm-like.js";
import { RecoveryError } from "../errors/recovery-error.js";

/** Checks that a strategy's stamp property option is a usable property name (it also appears in queries). */
export function assertPropertyName(strategy: string, name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new RecoveryError(
      "INVALID_OPTIONS",
      "configure",
      `${strategy}: "${name}" is not a valid property name`,
    );
  }
}

/**
 * `objectSchema` with the stamp property `name` of `type` added (unchanged if it already has it).
 *
 * @example
 * withStampProperty(DogSchema, "lastUpdated", "int?");
 */
export function withStampProperty(
  objectSchema: ObjectSchemaLike,
  name: string,
  type: string,
): ObjectSchemaLike {
  if (objectSchema.properties[name]) return objectSchema;
  return { ...objectSchema, properties: { ...objectSchema.properties, [name]: type } };
}

/**
 * The creation stamp property a stamped strategy keeps under `policy`: none under newer-wins (which
 * never needs to tell a local create from an update of a remotely deleted object), else `name`
 * (default `"createdAt"`), checked as a property name.
 *
 * @example
 * creationStampProperty("objectStrategy", "client-wins", undefined); // "createdAt"
 */
export function creationStampProperty(
  strategy: string,
  policy: ConflictPolicy,
  name: string | undefined,
): string | null {
  if (policy === "newer-wins") return null;
  const property = name ?? "createdAt";
  assertPropertyName(strategy, property);
  return property;
}
