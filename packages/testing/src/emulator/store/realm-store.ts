import { resolve } from "node:path";
import { EmulatorError } from "../emulator-error.js";
import { type EmulatedObjectSchema, normalizeSchema, toCanonical } from "../schema/normalize-schema.js";
import { internalEqual } from "../values/internal-equal.js";
import type { Instruction } from "./changeset.js";
import { PrimaryKeyIndex } from "./primary-key-index.js";
import { type HistoryKind, RealmFile, type StoredRow } from "./realm-file.js";
import { LinkRef, Row } from "./row.js";
import { Transaction, type TransactionOrigin } from "./transaction.js";
import { decodeValues, encodeValues } from "./value-codec.js";

/** What one committed transaction changed, as listeners and the sync session see it. */
export interface CommitInfo {
  readonly origin: TransactionOrigin;
  /** Store version after the commit. */
  readonly version: number;
  /** Top-level rows created (and still alive at commit). */
  readonly created: ReadonlySet<Row>;
  /** Top-level rows that existed before and were deleted. */
  readonly deleted: ReadonlySet<Row>;
  /** Top-level rows that existed before and are still alive, with the properties written. */
  readonly modified: ReadonlyMap<Row, ReadonlySet<string>>;
  /** Sync instructions of local writes. */
  readonly instructions: readonly Instruction[];
}

/** Called after every commit of a store. */
export type CommitObserver = (commit: CommitInfo) => void;

/** A client reset the (simulated) server has ordered for this file, not yet carried out. */
export interface PendingClientReset {
  /** Where `initiateClientReset` will move the file. */
  readonly backupPath: string;
}

const stores = new Map<string, RealmStore>();

/**
 * The shared state of one realm file in this process: every `RealmEmulator` instance opened on the
 * same path shares one store, as Realm instances of one file share one database. The store owns the
 * tables, the primary-key index, the open write transaction and the file.
 */
export class RealmStore {
  /** Object schemas by type name. */
  readonly schemas = new Map<string, EmulatedObjectSchema>();
  /** Number of open `RealmEmulator` instances on this store. */
  openInstances = 0;
  /** Incremented by every commit. */
  version = 0;
  /** Incremented by every change to stored data, committed or not (lets live results cache safely). */
  mutations = 0;
  /** The open write transaction, if any. */
  tx: Transaction | null = null;
  /** A client reset ordered by the server and waiting for `initiateClientReset`. */
  pendingClientReset: PendingClientReset | null = null;

  private readonly tables = new Map<string, Map<number, Row>>();
  private readonly primaryKeys = new Map<string, PrimaryKeyIndex>();
  /** For each type, the (owner type, property) pairs that can link to it. */
  private readonly linkSources = new Map<string, [string, string][]>();
  private readonly observers = new Set<CommitObserver>();
  private nextKey = 1;
  private nextEmbeddedKey = -1;

  private constructor(
    readonly path: string,
    readonly history: HistoryKind,
    private readonly file: RealmFile | null,
  ) {}

  /** The store for `path` if an instance holds it open in this process. */
  static find(path: string): RealmStore | undefined {
    return stores.get(resolve(path));
  }

  /**
   * The store for `path`: the one already open in this process, else loaded from the file, else a
   * new empty one. `inMemory` stores are never written to disk.
   */
  static acquire(
    path: string,
    history: HistoryKind,
    options: { inMemory: boolean; mustExist: boolean },
  ): RealmStore {
    const absolute = resolve(path);
    const open = stores.get(absolute);
    if (open) return open;
    const file = options.inMemory ? null : new RealmFile(absolute);
    if (file?.exists()) {
      const contents = file.read();
      const store = new RealmStore(absolute, contents.history, file);
      store.applySchema(normalizeSchema(contents.schema), false);
      for (const [type, key, values] of contents.rows.values()) {
        const row = new Row(type, key, {});
        Object.assign(row.values, decodeValues(values, row));
        store.index(row);
      }
      store.nextKey = contents.nextKey;
      stores.set(absolute, store);
      return store;
    }
    if (options.mustExist) {
      throw new EmulatorError(
        "FILE_ACCESS",
        `Unable to open a realm at path '${absolute}': No such file or directory`,
      );
    }
    const store = new RealmStore(absolute, history, file);
    stores.set(absolute, store);
    return store;
  }

  /** Whether a realm file exists at `path` (or an in-memory store of that path is open). */
  static exists(path: string): boolean {
    return stores.has(resolve(path)) || new RealmFile(resolve(path)).exists();
  }

  /** Forgets an unused store (after its last instance closed, or its file moved). */
  static release(store: RealmStore): void {
    if (stores.get(store.path) === store) stores.delete(store.path);
  }

  /** Whether the store has a file on disk. */
  get persistent(): boolean {
    return this.file !== null;
  }

  /** Adds or updates types; existing objects gain new properties (default or null) and lose removed ones. */
  applySchema(schemas: readonly EmulatedObjectSchema[], persist = true): void {
    for (const schema of schemas) {
      const previous = this.schemas.get(schema.name);
      this.schemas.set(schema.name, schema);
      if (!this.tables.has(schema.name)) this.tables.set(schema.name, new Map());
      if (schema.primaryKey && !this.primaryKeys.has(schema.name))
        this.primaryKeys.set(schema.name, new PrimaryKeyIndex());
      if (previous) this.migrateRows(schema);
    }
    this.linkSources.clear();
    for (const schema of this.schemas.values()) {
      for (const property of Object.values(schema.properties)) {
        if (!property.elementIsObject || !property.objectType) continue;
        const target = this.schemas.get(property.objectType);
        if (target?.embedded) continue;
        const list = this.linkSources.get(property.objectType) ?? [];
        list.push([schema.name, property.name]);
        this.linkSources.set(property.objectType, list);
      }
    }
    if (persist && this.file) {
      const canonical = [...this.schemas.values()].map(toCanonical);
      if (this.file.exists()) this.file.appendSchema(canonical);
      else this.file.create(this.history, canonical);
    }
  }

  /** The schema of `type`, or an `UNKNOWN_OBJECT_TYPE` error. */
  schemaOf(type: string): EmulatedObjectSchema {
    const schema = this.schemas.get(type);
    if (!schema) throw new EmulatorError("UNKNOWN_OBJECT_TYPE", `Object type '${type}' not found in schema.`);
    return schema;
  }

  /** The rows of `type` in insertion order. */
  rows(type: string): Map<number, Row> {
    const table = this.tables.get(type);
    if (!table) {
      const schema = this.schemaOf(type);
      if (schema.embedded) return new Map();
      throw new EmulatorError("UNKNOWN_OBJECT_TYPE", `Object type '${type}' not found in schema.`);
    }
    return table;
  }

  /** The live row of `type` with object key `key`. */
  rowForKey(type: string, key: number): Row | undefined {
    return this.tables.get(type)?.get(key);
  }

  /** The live row of `type` with primary key `primaryKey`. */
  rowForPrimaryKey(type: string, primaryKey: unknown): Row | undefined {
    return this.primaryKeys.get(type)?.get(primaryKey);
  }

  /** A fresh object key for a top-level object. */
  newKey(): number {
    return this.nextKey++;
  }

  /** A fresh object key for an embedded object. */
  newEmbeddedKey(): number {
    return this.nextEmbeddedKey--;
  }

  /** Registers an observer of every commit; returns its removal. */
  observe(observer: CommitObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Opens a write transaction. */
  begin(origin: TransactionOrigin): Transaction {
    if (this.tx)
      throw new EmulatorError("ALREADY_IN_TRANSACTION", "The Realm is already in a write transaction");
    this.tx = new Transaction(origin);
    return this.tx;
  }

  /** The open transaction, or a `NOT_IN_TRANSACTION` error naming what was attempted. */
  requireTransaction(): Transaction {
    if (!this.tx) {
      throw new EmulatorError(
        "NOT_IN_TRANSACTION",
        "Cannot modify managed objects outside of a write transaction.",
      );
    }
    return this.tx;
  }

  /** Undoes everything the open transaction did. */
  rollback(): void {
    const tx = this.tx;
    if (!tx) return;
    this.tx = null;
    for (let i = tx.undo.length - 1; i >= 0; i--) tx.undo[i]!();
    this.mutations++;
  }

  /** Commits the open transaction: writes it to the file, bumps the version, tells observers. */
  commit(): CommitInfo {
    const tx = this.requireTransaction();
    this.tx = null;
    const created = new Set([...tx.created].filter((row) => row.live));
    const deleted = new Set([...tx.deleted].filter((row) => !tx.created.has(row)));
    const modified = new Map<Row, ReadonlySet<string>>();
    for (const [row, props] of tx.modified) {
      if (!row.live || tx.created.has(row)) continue;
      // Downloaded data reports only real changes; local writes report every property they set,
      // as Realm does (the difference between UpdateMode.All and UpdateMode.Modified).
      const originals = tx.originals.get(row);
      if (!originals) {
        modified.set(row, props);
        continue;
      }
      const changed = [...props].filter((p) => !internalEqual(originals.get(p), row.values[p]));
      if (changed.length > 0) modified.set(row, new Set(changed));
    }
    this.version++;
    if (this.file && (created.size > 0 || deleted.size > 0 || modified.size > 0)) {
      const put: StoredRow[] = [];
      for (const row of created) put.push([row.type, row.key, encodeValues(row.values)]);
      for (const row of modified.keys()) put.push([row.type, row.key, encodeValues(row.values)]);
      this.file.appendTransaction(
        put,
        [...deleted].map((row) => row.key),
        this.nextKey,
      );
    }
    const commit: CommitInfo = {
      origin: tx.origin,
      version: this.version,
      created,
      deleted,
      modified,
      instructions: tx.instructions,
    };
    for (const observer of [...this.observers]) observer(commit);
    return commit;
  }

  /** Adds a new top-level row (inside a transaction). */
  insert(row: Row): void {
    const tx = this.requireTransaction();
    this.index(row);
    tx.created.add(row);
    tx.undo.push(() => this.unindex(row));
  }

  /** Sets a property of a row (top-level or embedded), recording undo and the change. */
  set(row: Row, property: string, value: unknown): void {
    const tx = this.requireTransaction();
    const [top, topProperty] = this.topLevel(row, property);
    // Remember the top-level value as it was before this transaction first touched it: only
    // downloads compare with it at commit (local writes report every property they set).
    const keepOriginal = tx.origin === "remote" && !tx.modified.get(top)?.has(topProperty);
    tx.touch(top, topProperty, keepOriginal ? cloneForCompare(top.values[topProperty]) : undefined);
    const previous = row.values[property];
    row.values[property] = value;
    this.mutations++;
    tx.undo.push(() => {
      row.values[property] = previous;
    });
  }

  /** Deletes a top-level row: invalidates its embedded objects and clears links pointing at it. */
  remove(row: Row): void {
    const tx = this.requireTransaction();
    if (!row.live)
      throw new EmulatorError("INVALIDATED", "Accessing object which has been invalidated or deleted");
    this.unindex(row);
    tx.deleted.add(row);
    tx.undo.push(() => this.index(row));
    invalidateEmbedded(row, tx.undo);
    for (const [ownerType, property] of this.linkSources.get(row.type) ?? []) {
      for (const owner of this.tables.get(ownerType)?.values() ?? []) {
        const value = owner.values[property];
        if (value instanceof LinkRef) {
          if (value.key === row.key) this.set(owner, property, null);
        } else if (Array.isArray(value)) {
          if (value.some((item) => item instanceof LinkRef && item.key === row.key)) {
            this.set(
              owner,
              property,
              value.filter((item) => !(item instanceof LinkRef && item.key === row.key)),
            );
          }
        } else if (value instanceof Map) {
          let changed = false;
          const next = new Map<string, unknown>();
          for (const [k, v] of value) {
            const hit = v instanceof LinkRef && v.key === row.key;
            changed ||= hit;
            next.set(k, hit ? null : v);
          }
          if (changed) this.set(owner, property, next);
        }
      }
    }
  }

  /** Writes the whole store as one snapshot (called when the last instance closes). */
  compact(): void {
    if (!this.file) return;
    const rows: StoredRow[] = [];
    for (const table of this.tables.values()) {
      for (const row of table.values()) rows.push([row.type, row.key, encodeValues(row.values)]);
    }
    this.file.compact(this.history, [...this.schemas.values()].map(toCanonical), rows, this.nextKey);
  }

  /** The top-level row holding `row` and the top-level property that (transitively) holds it. */
  topLevel(row: Row, property: string): [Row, string] {
    let current = row;
    let prop = property;
    while (current.parent) {
      prop = current.parentProperty!;
      current = current.parent;
    }
    return [current, prop];
  }

  private index(row: Row): void {
    this.mutations++;
    row.live = true;
    this.tables.get(row.type)?.set(row.key, row);
    const schema = this.schemas.get(row.type);
    if (schema?.primaryKey) this.primaryKeys.get(row.type)!.set(row.values[schema.primaryKey], row);
  }

  private unindex(row: Row): void {
    this.mutations++;
    row.live = false;
    this.tables.get(row.type)?.delete(row.key);
    const schema = this.schemas.get(row.type);
    if (schema?.primaryKey) this.primaryKeys.get(row.type)!.delete(row.values[schema.primaryKey]);
  }

  private migrateRows(schema: EmulatedObjectSchema): void {
    for (const row of this.tables.get(schema.name)?.values() ?? []) {
      for (const name of Object.keys(row.values)) if (!(name in schema.properties)) delete row.values[name];
      for (const property of Object.values(schema.properties)) {
        if (property.name in row.values) continue;
        row.values[property.name] = defaultFor(property.type, property.optional, property.default);
      }
    }
  }
}

function invalidateEmbedded(row: Row, undo: (() => void)[]): void {
  for (const value of Object.values(row.values)) {
    const children =
      value instanceof Row
        ? [value]
        : Array.isArray(value)
          ? value
          : value instanceof Map
            ? [...value.values()]
            : [];
    for (const child of children) {
      if (child instanceof Row && child.live) {
        child.live = false;
        undo.push(() => {
          child.live = true;
        });
        invalidateEmbedded(child, undo);
      }
    }
  }
}

/** A structural copy used to remember an embedded container's original state for change detection. */
function cloneForCompare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneForCompare);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, cloneForCompare(v)]));
  if (value instanceof Row) {
    const copy = new Row(value.type, value.key, {});
    for (const [k, v] of Object.entries(value.values)) copy.values[k] = cloneForCompare(v);
    return copy;
  }
  return value;
}

/** The value a property gets when `create` omits it or a migration adds it. */
export function defaultFor(type: string, optional: boolean, declaredDefault: unknown): unknown {
  if (declaredDefault !== undefined)
    return typeof declaredDefault === "function" ? (declaredDefault as () => unknown)() : declaredDefault;
  if (type === "list" || type === "set") return [];
  if (type === "dictionary") return new Map();
  if (optional || type === "object" || type === "mixed") return null;
  switch (type) {
    case "bool":
      return false;
    case "int":
    case "float":
    case "double":
      return 0;
    case "string":
      return "";
    default:
      return null;
  }
}
