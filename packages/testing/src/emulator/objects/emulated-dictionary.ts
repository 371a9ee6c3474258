import { EmulatorError } from "../emulator-error.js";
import type { Row } from "../store/row.js";
import { MANAGED_COLLECTION, toPlain } from "./emulated-object.js";
import type { ObjectHost } from "./object-host.js";

/** The dictionary itself behind its proxy: methods work on it, not through the proxy's traps. */
const RAW = Symbol("realm-emulator.dictionary");

/**
 * A live dictionary property, like `Realm.Dictionary`: read and write keys as properties
 * (`dog.stamps.age`), or with `set({ ... })` / `remove(keys)`, inside a write transaction.
 */
export class EmulatedDictionary<T = unknown> {
  declare readonly [MANAGED_COLLECTION]: true;
  readonly [key: string]: unknown;
  private readonly [RAW]: EmulatedDictionary<T>;

  constructor(
    private readonly host: ObjectHost,
    private readonly row: Row,
    private readonly property: string,
  ) {
    this[RAW] = this;
    return new Proxy(this as EmulatedDictionary, EmulatedDictionary.handler) as this;
  }

  /** One handler shared by every dictionary: a read makes one proxy, not a set of closures. */
  private static readonly handler: ProxyHandler<EmulatedDictionary> = {
    // Own fields and methods (the class's and Object's) first, one `in` check; any other string
    // is an entry. Methods are called on the proxy and continue on `this[RAW]`, past the traps.
    get: (target, key, receiver) =>
      key === RAW
        ? target
        : typeof key === "symbol" || key in target
          ? Reflect.get(target, key, receiver)
          : target.read(key),
    set: (target, key, value) => {
      if (typeof key === "symbol") return false;
      target.set({ [key]: value });
      return true;
    },
    deleteProperty: (target, key) => {
      if (typeof key === "string") target.remove(key);
      return true;
    },
    has: (target, key) => (typeof key === "string" ? target.storedMap().has(key) : key in target),
    ownKeys: (target) => [...target.storedMap().keys()],
    getOwnPropertyDescriptor: (target, key) =>
      typeof key === "string" && target.storedMap().has(key)
        ? { value: target.read(key), enumerable: true, configurable: true, writable: true }
        : undefined,
  };

  /** Number of entries. */
  get size(): number {
    return this[RAW].storedMap().size;
  }

  /** Whether the owning object still exists. */
  isValid(): boolean {
    const self = this[RAW];
    return self.row.live && !self.host.isClosed;
  }

  /** Sets (adds or replaces) the given entries. */
  set(entries: Record<string, T>): this {
    const self = this[RAW];
    self.host.writeDictionary(self.row, self.property, { set: entries });
    return this;
  }

  /** Removes the given keys. */
  remove(keys: string | string[]): this {
    const self = this[RAW];
    self.host.writeDictionary(self.row, self.property, { remove: typeof keys === "string" ? [keys] : keys });
    return this;
  }

  /** The keys. */
  keys(): string[] {
    return [...this[RAW].storedMap().keys()];
  }

  /** The values. */
  values(): T[] {
    return this[RAW].externalEntries().map(([, value]) => value);
  }

  /** `[key, value]` pairs. */
  entries(): [string, T][] {
    return this[RAW].externalEntries();
  }

  /** Plain object copy. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of this[RAW].externalEntries())
      out[key] = typeof value === "object" && value !== null ? toPlain(value, new Map()) : value;
    return out;
  }

  private read(key: string): T | undefined {
    const map = this.storedMap();
    return map.has(key) ? (this.host.toExternal(map.get(key), this.row, this.property) as T) : undefined;
  }

  private externalEntries(): [string, T][] {
    const map = this.storedMap();
    // Sized up front: a list grown by push reserves room for 16 pairs, and dictionaries are small.
    const out = new Array<[string, T]>(map.size);
    let index = 0;
    map.forEach((value, key) => {
      // Primitives (stamps, most values) are their own external value.
      const external =
        typeof value === "object" && value !== null
          ? this.host.toExternal(value, this.row, this.property)
          : value;
      out[index++] = [key, external as T];
    });
    return out;
  }

  private storedMap(): Map<string, unknown> {
    if (!this.isValid())
      throw new EmulatorError(
        "INVALIDATED",
        "Dictionary is no longer valid: its object was deleted or its realm closed",
      );
    return (this.row.values[this.property] as Map<string, unknown> | undefined) ?? new Map();
  }
}

// A flag on the prototype, not a field per dictionary: a dictionary is made on every read.
Object.defineProperty(EmulatedDictionary.prototype, MANAGED_COLLECTION, { value: true });
