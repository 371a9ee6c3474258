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
  // Private fields rather than a defined property: wrapping a row (every read of a result, link or
  // `objectForPrimaryKey`) then allocates one small object, and the handle only when asked for.
  readonly #host: ObjectHost;
  readonly #row: Row;
  #handle: Internals | undefined;

  constructor(host: ObjectHost, row: Row) {
    this.#host = host;
    this.#row = row;
  }

  /** What this object points at (see `handleOf`). */
  get [MANAGED](): Internals {
    const host = this.#host;
    return (this.#handle ??= { host, row: this.#row, store: host.store, isClosed: () => host.isClosed });
  }

  /** Reads property `name` of a live object (the per-type accessors call this). */
  static read(object: EmulatedObject, name: string): unknown {
    const host = object.#host;
    const row = object.#row;
    if (!row.live || host.isClosed) {
      throw new EmulatorError("INVALIDATED", "Accessing object which has been invalidated or deleted");
    }
    // A primitive (most reads) is its own value; objects and collections are converted by the host.
    const value = row.values[name];
    return typeof value !== "object" || value === null ? value : host.readValue(row, name);
  }

  /** Writes property `name` of a live object (the per-type accessors call this). */
  static write(object: EmulatedObject, name: string, value: unknown): void {
    const host = object.#host;
    const row = object.#row;
    if (!row.live || host.isClosed) {
      throw new EmulatorError("INVALIDATED", "Accessing object which has been invalidated or deleted");
    }
    host.writeValue(row, name, value);
  }

  isValid(): boolean {
    return this.#row.live && !this.#host.isClosed;
  }

  objectSchema(): CanonicalObjectSchemaLike {
    return this.#host.canonicalSchema(this.#row.type);
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
    this.#host.addObjectListener(this, this.#row, callback, keyPathList(keyPaths));
  }

  removeListener(callback: ObjectChangeCallbackLike): void {
    this.#host.removeObjectListener(this.#row, callback);
  }

  removeAllListeners(): void {
    this.#host.removeObjectListener(this.#row);
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

/** A managed-object class: `EmulatedObject` plus one accessor per property of a type. */
type ObjectClass = new (host: ObjectHost, row: Row) => EmulatedObject;

/**
 * Classes by shape (type name and property names). An accessor only names the property it reads and
 * asks the object's own realm for the value, so realms of the same shape share one class: a realm
 * opened with a schema seen before (every test and benchmark run, a reopened file) finds it built.
 * With a class per realm, each realm brought new hidden classes, code the JIT had optimised for a
 * closed realm's objects was thrown away when they were collected, and property reads from
 * strategies, which meet the objects of many realms, fell into slower polymorphic lookups.
 */
const classesByShape = new Map<string, ObjectClass>();
/** Each schema's class, found without building its shape key (objects are wrapped on every read). */
const classesBySchema = new WeakMap<EmulatedObjectSchema, ObjectClass>();

/** The managed-object class of a type, shared by every realm whose type has the same shape. */
export function objectClassFor(schema: EmulatedObjectSchema): ObjectClass {
  let cls = classesBySchema.get(schema);
  if (!cls) {
    const shape = `${schema.name}\u0000${schema.propertyNames.join("\u0000")}`;
    cls = classesByShape.get(shape);
    if (!cls) classesByShape.set(shape, (cls = classForShape(schema)));
    classesBySchema.set(schema, cls);
  }
  return cls;
}

function classForShape(schema: EmulatedObjectSchema): ObjectClass {
  const cls = class extends EmulatedObject {};
  Object.defineProperty(cls, "name", { value: schema.name });
  for (const name of schema.propertyNames) {
    Object.defineProperty(cls.prototype, name, {
      enumerable: true,
      configurable: false,
      get(this: EmulatedObject) {
        return EmulatedObject.read(this, name);
      },
      set(this: EmulatedObject, value: unknown) {
        EmulatedObject.write(this, name, value);
      },
    });
  }
  return cls;
}
