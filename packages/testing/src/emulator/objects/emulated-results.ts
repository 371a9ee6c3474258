import type { CollectionChangeCallbackLike, RealmObjectLike, ResultsLike } from "@realm-recovery/core";
import { EmulatorError } from "../emulator-error.js";
import { type CompiledQuery, compileQuery } from "../query/index.js";
import { LinkRef, Row } from "../store/row.js";
import { compareForSort } from "../values/compare-for-sort.js";
import { keyPathList, type ObjectHost } from "./object-host.js";

interface SortKey {
  readonly path: readonly string[];
  readonly reverse: boolean;
}

function isIndex(key: string | symbol): key is string {
  if (typeof key !== "string" || key === "") return false;
  // Every read of a method or field passes here: rule out names by their first character first.
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^\d+$/.test(key);
}

/**
 * A live query result, like `Realm.Results`: re-evaluated whenever the realm changed (including
 * inside the current write transaction), indexable, iterable, filterable with the RQL subset and
 * observable with collection listeners that receive change sets.
 */
export class EmulatedResults implements ResultsLike<RealmObjectLike> {
  readonly [index: number]: RealmObjectLike;
  private cache: Row[] | null = null;
  private cacheStamp = -1;

  constructor(
    private readonly host: ObjectHost,
    /** Object type of the result. */
    readonly type: string,
    private readonly queries: readonly CompiledQuery[] = [],
    private readonly sortKeys: readonly SortKey[] = [],
    private readonly frozen: readonly Row[] | null = null,
  ) {
    return new Proxy(this, {
      get: (target, key, receiver) =>
        isIndex(key) ? target.at(Number(key)) : Reflect.get(target, key, receiver),
    });
  }

  get length(): number {
    return this.rows().length;
  }

  /** The object at `index`, or undefined. */
  at(index: number): RealmObjectLike | undefined {
    const rows = this.rows();
    const i = index < 0 ? rows.length + index : index;
    const row = rows[i];
    return row ? this.host.wrap(row) : undefined;
  }

  *[Symbol.iterator](): Iterator<RealmObjectLike> {
    // `this` is the proxy: read the host once, not through the trap for every object.
    const host = this.host;
    for (const row of this.rows()) if (row.live) yield host.wrap(row);
  }

  filtered(query: string, ...args: unknown[]): EmulatedResults {
    this.assertValid();
    return new EmulatedResults(
      this.host,
      this.type,
      [...this.queries, compileQuery(query, args)],
      this.sortKeys,
      this.frozen,
    );
  }

  sorted(descriptor: string, reverse = false): EmulatedResults {
    this.assertValid();
    const path = descriptor.split(".");
    return new EmulatedResults(
      this.host,
      this.type,
      this.queries,
      [{ path, reverse }, ...this.sortKeys],
      this.frozen,
    );
  }

  snapshot(): EmulatedResults {
    return new EmulatedResults(this.host, this.type, [], [], [...this.rows()]);
  }

  slice(start?: number, end?: number): RealmObjectLike[] {
    return this.rows()
      .slice(start, end)
      .map((row) => this.host.wrap(row));
  }

  isValid(): boolean {
    return !this.host.isClosed;
  }

  isEmpty(): boolean {
    return this.rows().length === 0;
  }

  map<U>(fn: (object: RealmObjectLike, index: number, array: readonly RealmObjectLike[]) => U): U[] {
    return [...this].map(fn);
  }

  /** Plain copies of every object. */
  toJSON(): Record<string, unknown>[] {
    return [...this].map((object) => object.toJSON());
  }

  addListener(callback: CollectionChangeCallbackLike<RealmObjectLike>, keyPaths?: string | string[]): void {
    this.assertValid();
    this.host.addCollectionListener(this, callback, keyPathList(keyPaths));
  }

  removeListener(callback: CollectionChangeCallbackLike<RealmObjectLike>): void {
    this.host.removeCollectionListener(this, callback);
  }

  removeAllListeners(): void {
    this.host.removeCollectionListener(this);
  }

  /** The matching rows, in order, computed afresh if the realm changed since the last call. */
  rows(): readonly Row[] {
    this.assertValid();
    if (this.frozen) return this.frozen;
    const stamp = this.host.store.mutations;
    if (this.cache && this.cacheStamp === stamp) return this.cache;
    const store = this.host.store;
    const rows: Row[] = [];
    const table = store.rows(this.type);
    if (this.queries.length === 0) {
      for (const row of table.values()) rows.push(row);
    } else {
      let current: Row = null as unknown as Row;
      // A plain property of the object itself (most queries) is read directly; paths through
      // links, lists and dictionaries take the general walk.
      const read = (path: readonly string[]): unknown => {
        if (path.length === 1) {
          const value = current.values[path[0]!];
          if (typeof value !== "object" || value === null) return value;
        }
        return readPath(store, current, path);
      };
      // Read once: `this` is the proxy, so `this.queries` inside the loop went through its trap for
      // every row.
      const queries = this.queries;
      outer: for (const row of table.values()) {
        current = row;
        for (let i = 0; i < queries.length; i++) if (!queries[i]!(read)) continue outer;
        rows.push(row);
      }
    }
    const sortKeys = this.sortKeys;
    if (sortKeys.length > 0) {
      rows.sort((a, b) => {
        for (const { path, reverse } of sortKeys) {
          const order = compareForSort(readPath(store, a, path), readPath(store, b, path));
          if (order !== 0) return reverse ? -order : order;
        }
        return 0;
      });
    }
    this.cache = rows;
    this.cacheStamp = stamp;
    return rows;
  }

  private assertValid(): void {
    if (this.host.isClosed) throw new EmulatorError("CLOSED", "Cannot access realm that has been closed.");
  }
}

/** Reads a key path from a row for queries and sorting: links are followed, lists read as arrays. */
export function readPath(store: ObjectHost["store"], row: Row, path: readonly string[]): unknown {
  let value: unknown = row;
  for (const segment of path) {
    value = step(store, value, segment);
    if (value === null || value === undefined) return value;
  }
  return toQueryValue(store, value);
}

function step(store: ObjectHost["store"], value: unknown, segment: string): unknown {
  if (value instanceof LinkRef) value = store.rowForKey(value.type, value.key) ?? null;
  if (value instanceof Row) return value.values[segment];
  if (value instanceof Map) return value.get(segment);
  if (Array.isArray(value)) return value.map((item) => step(store, item, segment));
  return undefined;
}

function toQueryValue(store: ObjectHost["store"], value: unknown): unknown {
  if (value instanceof Map) return [...value.values()].map((item) => toQueryValue(store, item));
  if (Array.isArray(value)) return value.map((item) => toQueryValue(store, item));
  return value;
}
