import type {
  CanonicalObjectSchemaLike,
  ObjectChangeCallbackLike,
  ObjectChangeSetLike,
  RealmObjectLike,
} from "@realm-recovery/core";
import { EmulatorError } from "../emulator-error.js";
import type { EmulatedObjectSchema } from "../schema/normalize-schema.js";
import type { Row } from "../store/row.js";
import { MANAGED, type ManagedHandle } from "./managed-handle.js";
import { keyPathList, type ObjectHost } from "./object-host.js";

export type { ObjectChangeSetLike };

interface Internals extends ManagedHandle {
  readonly host: ObjectHost;
}

/**
 * A managed emulator object. Like Realm v12's objects, its properties are accessors on a per-type
 * prototype that read and write the stored row, so values are always live, writes need a write
 * transaction, and reading a deleted object throws.
 */
export class EmulatedObject implements RealmObjectLike {
  readonly [property: string]: unknown;
  declare readonly [MANAGED]: Internals;

  constructor(host: ObjectHost, row: Row) {
    Object.defineProperty(this, MANAGED, {
      value: { host, row, store: host.store, isClosed: () => host.isClosed } satisfies Internals,
      enumerable: false,
    });
  }

  isValid(): boolean {
    const { row, host } = this[MANAGED];
    return row.live && !host.isClosed;
  }

  objectSchema(): CanonicalObjectSchemaLike {
    return this[MANAGED].host.canonicalSchema(this[MANAGED].row.type);
  }

  keys(): string[] {
    return Object.keys(this.objectSchema().properties);
  }

  entries(): [string, unknown][] {
    return this.keys().map((key) => [key, this[key]]);
  }

  toJSON(): Record<string, unknown> {
    return toPlain(this, new Map()) as Record<string, unknown>;
  }

  addListener(callback: ObjectChangeCallbackLike, keyPaths?: string | string[]): void {
    const { host, row } = this[MANAGED];
    host.addObjectListener(this, row, callback, keyPathList(keyPaths));
  }

  removeListener(callback: ObjectChangeCallbackLike): void {
    this[MANAGED].host.removeObjectListener(this[MANAGED].row, callback);
  }

  removeAllListeners(): void {
    this[MANAGED].host.removeObjectListener(this[MANAGED].row);
  }
}

/** A plain copy of a user-facing value (objects, lists and dictionaries become plain JSON-like values). */
export function toPlain(value: unknown, seen: Map<unknown, unknown>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof EmulatedObject) {
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const key of value.keys()) out[key] = toPlain(value[key], seen);
    return out;
  }
  if (
    typeof (value as { toJSON?: unknown }).toJSON === "function" &&
    (value as { [MANAGED_COLLECTION]?: true })[MANAGED_COLLECTION]
  ) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}

/** Marks live lists and dictionaries so `toPlain` asks them for their own plain copy. */
export const MANAGED_COLLECTION = Symbol("realm-emulator.collection");

const classCache = new WeakMap<EmulatedObjectSchema, new (host: ObjectHost, row: Row) => EmulatedObject>();

/** The managed-object class of a type: `EmulatedObject` plus one accessor per property. */
export function objectClassFor(
  schema: EmulatedObjectSchema,
): new (host: ObjectHost, row: Row) => EmulatedObject {
  const cached = classCache.get(schema);
  if (cached) return cached;
  const cls = class extends EmulatedObject {};
  Object.defineProperty(cls, "name", { value: schema.name });
  for (const name of schema.propertyNames) {
    Object.defineProperty(cls.prototype, name, {
      enumerable: true,
      configurable: false,
      get(this: EmulatedObject) {
        const { host, row } = this[MANAGED];
        if (!row.live || host.isClosed) {
          throw new EmulatorError("INVALIDATED", "Accessing object which has been invalidated or deleted");
        }
        return host.readValue(row, name);
      },
      set(this: EmulatedObject, value: unknown) {
        const { host, row } = this[MANAGED];
        if (!row.live || host.isClosed) {
          throw new EmulatorError("INVALIDATED", "Accessing object which has been invalidated or deleted");
        }
        host.writeValue(row, name, value);
      },
    });
  }
  classCache.set(schema, cls);
  return cls;
}
