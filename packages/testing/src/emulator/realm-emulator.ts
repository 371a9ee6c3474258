import { rmSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type {
  CanonicalObjectSchemaLike,
  CollectionChangeCallbackLike,
  ObjectChangeCallbackLike,
  ObjectSchemaLike,
  RealmConfigLike,
  RealmEventNameLike,
  RealmLike,
  RealmObjectLike,
  ResultsLike,
  SyncSessionLike,
  UpdateModeLike,
} from "@realm-recovery/core";
import { EmulatorError } from "./emulator-error.js";
import { EmulatedDictionary } from "./objects/emulated-dictionary.js";
import { EmulatedList } from "./objects/emulated-list.js";
import { objectClassFor } from "./objects/emulated-object.js";
import { EmulatedResults } from "./objects/emulated-results.js";
import { handleOf } from "./objects/managed-handle.js";
import { Notifier } from "./objects/notifier.js";
import type { ObjectHost } from "./objects/object-host.js";
import {
  type ConversionContext,
  convertEntriesInto,
  fillValues,
  toInternal,
} from "./objects/value-converter.js";
import { type EmulatedObjectSchema, normalizeSchema, toCanonical } from "./schema/normalize-schema.js";
import type { Instruction } from "./store/changeset.js";
import {
  fromPortable,
  portableDictionaryEntries,
  rowToPortable,
  toPortable,
} from "./store/portable-codec.js";
import { type CommitInfo, RealmStore, defaultFor } from "./store/realm-store.js";
import { LinkRef, Row } from "./store/row.js";
import { internalEqual } from "./values/internal-equal.js";

/** The sync part of an emulator configuration (the fields Realm's `SyncConfiguration` has that we read). */
export interface EmulatorSyncConfiguration {
  /** Client-reset handling, as in realm's `SyncConfiguration.clientReset`. */
  clientReset?: {
    mode: string;
    onManual?: (session: SyncSessionLike, path: string) => void;
    onFallback?: (session: SyncSessionLike, path: string) => void;
  };
  /** Error callback, as in realm's `SyncConfiguration.onError`. */
  onError?: (session: SyncSessionLike, error: unknown) => void;
  /** Any other sync options (user, flexible, ...) pass through untouched. */
  [option: string]: unknown;
}

/** Options of a `RealmEmulator`, shaped like realm's `Configuration`. */
export interface EmulatorConfiguration extends Omit<RealmConfigLike, "schema"> {
  /** File path; relative paths resolve against the directory of `RealmEmulator.defaultPath`. */
  path?: string;
  /** Object schemas (ignored for a read-only open, which reads the file's schema). */
  schema?: (ObjectSchemaLike | CanonicalObjectSchemaLike)[];
  /** Open read-only; the file must exist. */
  readOnly?: boolean;
  /** Keep the realm in memory only (lost when the last instance closes). */
  inMemory?: boolean;
  /** Sync configuration; makes this a synced realm with sync history. */
  sync?: EmulatorSyncConfiguration;
  /** Schema version (accepted, not interpreted). */
  schemaVersion?: number;
}

type RealmListener = (realm: RealmLike, name: RealmEventNameLike) => void;

/**
 * A faithful in-process emulation of a Realm JS v12 realm (`RealmLike`): schemas, write
 * transactions with rollback, `UpdateMode`s, primary keys, links, lists, dictionaries, embedded
 * objects, live results with the RQL subset, listeners with change sets, and persistence to a file
 * at `path`. Instances opened on one path share one database, as in Realm.
 *
 * @example
 * const realm = await RealmEmulator.open({ path: "dogs.realm", schema: [DogSchema] });
 * realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
 * realm.objects("Dog").filtered("name == $0", "Rex").length; // 1
 */
export class RealmEmulator implements RealmLike, ObjectHost {
  /** Realm's `UpdateMode` values, so code written as `Realm.UpdateMode.Modified` runs unchanged. */
  static readonly UpdateMode = { Never: "never", Modified: "modified", All: "all" } as const;
  /** The path used when a configuration has none; relative paths resolve against its directory. */
  static defaultPath = resolve(process.cwd(), "default.realm");

  readonly path: string;
  readonly store: RealmStore;
  private readonly readOnly: boolean;
  private readonly notifier = new Notifier();
  private readonly unobserve: () => void;
  private readonly realmListeners = new Map<RealmListener, () => void>();
  private closed = false;
  private session: SyncSessionLike | null = null;

  constructor(readonly config: EmulatorConfiguration = {}) {
    this.path = RealmEmulator.resolvePath(config.path);
    this.readOnly = config.readOnly === true;
    const history = config.sync ? "sync" : "local";
    if (config.sync) validateSyncConfig(config.sync);
    const store = RealmStore.acquire(this.path, history, {
      inMemory: config.inMemory === true,
      mustExist: this.readOnly,
    });
    if (!this.readOnly && store.history !== history) {
      RealmStore.release(store);
      throw new EmulatorError(
        "INCOMPATIBLE_HISTORIES",
        `Incompatible histories. Realm at '${this.path}' has ${store.history} history but was opened as a ${history} realm`,
      );
    }
    if (!this.readOnly && config.schema) {
      const schemas = normalizeSchema(config.schema);
      if (history === "sync") validateSyncSchema(schemas);
      store.applySchema(schemas);
    } else if (!this.readOnly && store.schemas.size === 0 && !store.persistent) {
      store.applySchema([]);
    } else if (!this.readOnly && store.persistent && !RealmStore.exists(this.path)) {
      store.applySchema([]);
    }
    this.store = store;
    store.openInstances++;
    this.unobserve = store.observe((commit) => this.notifier.onCommit(commit));
  }

  /** Opens a realm asynchronously (`Realm.open`). */
  static async open(config: EmulatorConfiguration = {}): Promise<RealmEmulator> {
    return new RealmEmulator(config);
  }

  /** Whether a realm file exists at the configuration's path (`Realm.exists`). */
  static exists(config: EmulatorConfiguration | string = {}): boolean {
    return RealmStore.exists(RealmEmulator.resolvePath(typeof config === "string" ? config : config.path));
  }

  /** Deletes a realm file; throws if an instance is open on it (`Realm.deleteFile`). */
  static deleteFile(config: EmulatorConfiguration | string = {}): void {
    const path = RealmEmulator.resolvePath(typeof config === "string" ? config : config.path);
    const open = RealmStore.find(path);
    if (open && open.openInstances > 0) {
      throw new EmulatorError(
        "FILE_ACCESS",
        `Cannot delete files of an open Realm: '${path}' is still in use.`,
      );
    }
    if (open) RealmStore.release(open);
    deleteRealmFiles(path);
  }

  /** The absolute path a configured path resolves to. */
  static resolvePath(path: string | undefined): string {
    if (!path) return RealmEmulator.defaultPath;
    return isAbsolute(path) ? path : resolve(dirname(RealmEmulator.defaultPath), path);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get isInTransaction(): boolean {
    return !this.closed && this.store.tx !== null;
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  get schema(): CanonicalObjectSchemaLike[] {
    this.assertOpen();
    return [...this.store.schemas.values()].map(toCanonical);
  }

  get syncSession(): SyncSessionLike | null {
    return this.closed ? null : this.session;
  }

  /** Number of listeners registered on this instance, its results and objects (for leak checks). */
  get listenerCount(): number {
    return this.notifier.listenerCount;
  }

  /** Attaches the sync session a simulator created for this realm. */
  bindSyncSession(session: SyncSessionLike): void {
    this.session = session;
  }

  objects(type: string): ResultsLike<RealmObjectLike> & EmulatedResults {
    this.assertOpen();
    const schema = this.store.schemaOf(type);
    if (schema.embedded)
      throw new EmulatorError("UNKNOWN_OBJECT_TYPE", `You cannot query an embedded object type ('${type}').`);
    return new EmulatedResults(this, type);
  }

  objectForPrimaryKey(type: string, primaryKey: unknown): RealmObjectLike | null {
    this.assertOpen();
    const schema = this.store.schemaOf(type);
    if (!schema.primaryKey) {
      throw new EmulatorError("PRIMARY_KEY_INVALID", `Expected a primary key on '${type}'`);
    }
    const row = this.store.rowForPrimaryKey(type, primaryKey);
    return row ? this.wrap(row) : null;
  }

  create(
    type: string,
    values: Record<string, unknown>,
    mode: UpdateModeLike | boolean = "never",
  ): RealmObjectLike {
    this.assertWritable();
    const updateMode: UpdateModeLike = mode === true ? "all" : mode === false ? "never" : mode;
    if (updateMode !== "never" && updateMode !== "modified" && updateMode !== "all") {
      throw new EmulatorError(
        "TYPE_MISMATCH",
        `Unsupported 'updateMode'. Only 'never', 'modified' or 'all' is supported.`,
      );
    }
    return this.wrap(this.createRow(type, values, updateMode));
  }

  delete(subject: unknown): void {
    this.assertWritable();
    if (subject === null || subject === undefined) return;
    const handle = handleOf(subject);
    if (handle) {
      this.deleteRow(handle);
      return;
    }
    if (typeof subject === "object" && Symbol.iterator in subject) {
      // Collect first: deleting while iterating a live result would skip objects.
      for (const item of [...(subject as Iterable<unknown>)]) this.delete(item);
      return;
    }
    throw new EmulatorError("TYPE_MISMATCH", "Can only delete objects, lists or results");
  }

  write<T>(callback: () => T): T {
    this.beginTransaction();
    let result: T;
    try {
      result = callback();
    } catch (error) {
      this.cancelTransaction();
      throw error;
    }
    this.commitTransaction();
    return result;
  }

  /** Opens a write transaction (`Realm.beginTransaction`). */
  beginTransaction(): void {
    this.assertOpen();
    if (this.readOnly)
      throw new EmulatorError("READ_ONLY", "Can't perform transactions on read-only Realms.");
    this.store.begin("local");
  }

  /** Commits the open write transaction (`Realm.commitTransaction`). */
  commitTransaction(): void {
    this.assertOpen();
    this.store.commit();
  }

  /** Rolls back the open write transaction (`Realm.cancelTransaction`). */
  cancelTransaction(): void {
    this.store.rollback();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.notifier.stop();
    this.unobserve();
    for (const remove of this.realmListeners.values()) remove();
    this.realmListeners.clear();
    this.store.openInstances--;
    if (this.store.openInstances === 0) {
      this.store.rollback();
      this.store.compact();
      // In-memory realms vanish with their last instance, as in Realm; file-backed ones are re-read.
      RealmStore.release(this.store);
    }
  }

  addListener(eventName: RealmEventNameLike, callback: RealmListener): void {
    this.assertOpen();
    if (eventName !== "change") return;
    const deliver = () => callback(this, eventName);
    this.notifier.addRealmListener(deliver);
    this.realmListeners.set(callback, () => this.notifier.removeRealmListener(deliver));
  }

  removeListener(_eventName: RealmEventNameLike, callback: RealmListener): void {
    this.realmListeners.get(callback)?.();
    this.realmListeners.delete(callback);
  }

  /** Removes every realm-wide listener. */
  removeAllListeners(): void {
    for (const remove of this.realmListeners.values()) remove();
    this.realmListeners.clear();
  }

  // ---- sync plumbing used by the simulator ----

  /**
   * Applies instructions downloaded from the server in one transaction that is not uploaded again.
   * Listeners see only real changes.
   */
  applyRemote(instructions: readonly Instruction[]): CommitInfo {
    this.assertOpen();
    this.store.begin("remote");
    try {
      for (const instruction of instructions) this.applyInstruction(instruction);
    } catch (error) {
      this.store.rollback();
      throw error;
    }
    return this.store.commit();
  }

  /** Every object of every type in portable form (what a full download or server snapshot holds). */
  exportPortable(): Instruction[] {
    const out: Instruction[] = [];
    for (const schema of this.store.schemas.values()) {
      if (schema.embedded || !schema.primaryKey) continue;
      for (const row of this.store.rows(schema.name).values()) {
        out.push({
          op: "create",
          type: schema.name,
          primaryKey: row.values[schema.primaryKey],
          values: rowToPortable(this.store, row),
        });
      }
    }
    return out;
  }

  // ---- ObjectHost ----

  readValue(row: Row, property: string): unknown {
    return this.toExternal(row.values[property], row, property);
  }

  toExternal(value: unknown, row: Row, property: string): unknown {
    if (typeof value !== "object" || value === null) return value;
    if (value instanceof LinkRef) {
      const target = this.store.rowForKey(value.type, value.key);
      return target ? this.wrap(target) : null;
    }
    if (value instanceof Row) return value.live ? this.wrap(value) : null;
    if (Array.isArray(value) && row.values[property] === value) return new EmulatedList(this, row, property);
    if (value instanceof Map && row.values[property] === value)
      return new EmulatedDictionary(this, row, property);
    if (value instanceof Date) return new Date(value.getTime());
    return value;
  }

  writeValue(row: Row, property: string, value: unknown): void {
    this.assertWritable();
    const schema = this.store.schemaOf(row.type);
    const prop = schema.properties[property];
    if (!prop)
      throw new EmulatorError("TYPE_MISMATCH", `No property '${property}' on object of type '${row.type}'`);
    if (schema.primaryKey === property && !internalEqual(row.values[property], value)) {
      throw new EmulatorError(
        "PRIMARY_KEY_INVALID",
        `Cannot change value of primary key outside migration function`,
      );
    }
    const internal = toInternal(this.conversion("never"), schema, prop, value, row);
    this.store.set(row, property, internal);
    this.recordSet(row, property);
  }

  writeDictionary(
    row: Row,
    property: string,
    changes: { readonly set?: Readonly<Record<string, unknown>>; readonly remove?: readonly string[] },
  ): void {
    this.assertWritable();
    const schema = this.store.schemaOf(row.type);
    const prop = schema.properties[property]!;
    const before = (row.values[property] as Map<string, unknown> | undefined) ?? new Map<string, unknown>();
    // Only the given entries are converted (and validated), straight into a copy of the stored
    // dictionary (the stored one stays as it was, for rollback); the others keep their values.
    const after = new Map<string, unknown>();
    // forEach, not new Map(before): that walks the entries as [key, value] arrays, one per entry.
    before.forEach((value, key) => after.set(key, value));
    if (changes.set) convertEntriesInto(after, this.conversion("never"), schema, prop, changes.set, row);
    for (const key of changes.remove ?? []) after.delete(key);
    this.store.set(row, property, after);
    if (!this.emitsInstructions()) return;
    const [top, topProperty] = this.store.topLevel(row, property);
    if (top !== row) {
      // A dictionary inside an embedded object syncs with its top-level property, as a whole.
      this.recordSet(row, property);
      return;
    }
    const primaryKey = this.syncKeyOf(row);
    const instructions = this.store.tx!.instructions;
    for (const [key, value] of after) {
      if (before.has(key) && internalEqual(before.get(key), value)) continue;
      instructions.push({
        op: "dictionary-set",
        type: row.type,
        primaryKey,
        property: topProperty,
        key,
        value: toPortable(this.store, value),
      });
    }
    this.recordDictionaryErase(
      row,
      topProperty,
      [...before.keys()].filter((key) => !after.has(key)),
    );
  }

  /** Records the erase of `keys` from a top-level row's dictionary property (synced realms only). */
  private recordDictionaryErase(row: Row, property: string, keys: readonly string[]): void {
    if (!this.emitsInstructions() || keys.length === 0) return;
    const primaryKey = this.syncKeyOf(row);
    for (const key of keys)
      this.store.tx!.instructions.push({ op: "dictionary-erase", type: row.type, primaryKey, property, key });
  }

  canonicalSchema(type: string): CanonicalObjectSchemaLike {
    return cachedCanonical(this.store.schemaOf(type));
  }

  wrap(row: Row): RealmObjectLike {
    const Class = objectClassFor(this.store.schemaOf(row.type));
    return new Class(this, row);
  }

  addObjectListener(
    object: RealmObjectLike,
    row: Row,
    callback: ObjectChangeCallbackLike,
    keyPaths: readonly string[] | null,
  ): void {
    this.assertOpen();
    this.notifier.addObject(object, row, callback, keyPaths);
  }

  removeObjectListener(row: Row, callback?: ObjectChangeCallbackLike): void {
    this.notifier.removeObject(row, callback);
  }

  addCollectionListener(
    results: ResultsLike<RealmObjectLike>,
    callback: CollectionChangeCallbackLike<RealmObjectLike>,
    keyPaths: readonly string[] | null,
  ): void {
    this.notifier.addCollection(results as EmulatedResults, callback, keyPaths);
  }

  removeCollectionListener(
    results: ResultsLike<RealmObjectLike>,
    callback?: CollectionChangeCallbackLike<RealmObjectLike>,
  ): void {
    this.notifier.removeCollection(results as EmulatedResults, callback);
  }

  // ---- internals ----

  /** One conversion context per update mode, made once (every create and property write needs one). */
  private readonly conversions = new Map<UpdateModeLike, ConversionContext>();

  private conversion(mode: UpdateModeLike): ConversionContext {
    let ctx = this.conversions.get(mode);
    if (!ctx) {
      ctx = {
        store: this.store,
        mode,
        createLinked: (type, values, linkMode) => this.createRow(type, values, linkMode),
      };
      this.conversions.set(mode, ctx);
    }
    return ctx;
  }

  private createRow(type: string, values: Record<string, unknown>, mode: UpdateModeLike): Row {
    const store = this.store;
    const schema = store.schemaOf(type);
    if (schema.embedded) {
      throw new EmulatorError(
        "TYPE_MISMATCH",
        `Cannot create an object of an embedded type ('${type}') directly: assign it to a property of its parent`,
      );
    }
    if (typeof values !== "object" || values === null) {
      throw new EmulatorError(
        "TYPE_MISMATCH",
        `Can only create objects of type '${type}' from an object, got ${String(values)}`,
      );
    }
    const source = handleOf(values) ? plainValuesOf(values as RealmObjectLike, schema) : values;
    const pkName = schema.primaryKey;
    if (pkName) {
      const pkValue = source[pkName];
      const existing = pkValue === undefined ? undefined : store.rowForPrimaryKey(type, pkValue);
      if (existing) {
        if (mode === "never") {
          throw new EmulatorError(
            "DUPLICATE_PRIMARY_KEY",
            `Attempting to create an object of type '${type}' with an existing primary key value '${String(pkValue)}'.`,
          );
        }
        this.updateRow(schema, existing, source, mode);
        return existing;
      }
      if (
        pkValue === undefined &&
        schema.properties[pkName]!.default === undefined &&
        !schema.properties[pkName]!.optional
      ) {
        throw new EmulatorError("TYPE_MISMATCH", `Missing value for property '${type}.${pkName}'`);
      }
    }
    const row = new Row(type, store.newKey(), {});
    fillValues(this.conversion(mode), schema, row, source, true);
    store.insert(row);
    if (this.emitsInstructions()) {
      store.tx!.instructions.push({
        op: "create",
        type,
        primaryKey: pkName ? row.values[pkName] : row.key,
        values: rowToPortable(store, row),
      });
    }
    return row;
  }

  private updateRow(
    schema: EmulatedObjectSchema,
    row: Row,
    values: Record<string, unknown>,
    mode: UpdateModeLike,
  ): void {
    const ctx = this.conversion(mode);
    for (const name of schema.propertyNames) {
      if (!(name in values) || values[name] === undefined || name === schema.primaryKey) continue;
      const internal = toInternal(ctx, schema, schema.properties[name]!, values[name], row);
      // UpdateMode.Modified writes only values that differ; UpdateMode.All rewrites every given one.
      if (mode === "modified" && internalEqual(row.values[name], internal)) continue;
      this.store.set(row, name, internal);
      this.recordSet(row, name);
    }
  }

  private deleteRow(handle: NonNullable<ReturnType<typeof handleOf>>): void {
    if (handle.store !== this.store)
      throw new EmulatorError("WRONG_REALM", "Can't delete an object from another Realm");
    const row = handle.row;
    if (!row.live)
      throw new EmulatorError(
        "INVALIDATED",
        "Object is invalid. Either it has been previously deleted or the Realm it belongs to has been closed.",
      );
    if (row.parent) {
      // Deleting an embedded object clears it from its parent.
      const parent = row.parent;
      const property = row.parentProperty!;
      const current = parent.values[property];
      const next = Array.isArray(current)
        ? current.filter((item) => item !== row)
        : current instanceof Map
          ? new Map([...current].filter(([, v]) => v !== row))
          : null;
      this.store.set(parent, property, next);
      row.live = false;
      if (current instanceof Map && next instanceof Map && !parent.parent) {
        // Deleting an embedded object held in a dictionary erases its key, as Dictionary.remove does.
        this.recordDictionaryErase(
          parent,
          property,
          [...current.keys()].filter((key) => !next.has(key)),
        );
      } else this.recordSet(parent, property);
      return;
    }
    const schema = this.store.schemaOf(row.type);
    const primaryKey = schema.primaryKey ? row.values[schema.primaryKey] : row.key;
    this.store.remove(row);
    if (this.emitsInstructions())
      this.store.tx!.instructions.push({ op: "delete", type: row.type, primaryKey });
  }

  private recordSet(row: Row, property: string): void {
    if (!this.emitsInstructions()) return;
    const [top, topProperty] = this.store.topLevel(row, property);
    this.store.tx!.instructions.push({
      op: "set",
      type: top.type,
      primaryKey: this.syncKeyOf(top),
      property: topProperty,
      value: toPortable(this.store, top.values[topProperty]),
    });
  }

  /** How sync instructions name a top-level row: its primary key, or its object key without one. */
  private syncKeyOf(row: Row): unknown {
    const pkName = this.store.schemaOf(row.type).primaryKey;
    return pkName ? row.values[pkName] : row.key;
  }

  private emitsInstructions(): boolean {
    return this.store.history === "sync" && this.store.tx?.origin === "local";
  }

  private applyInstruction(instruction: Instruction): void {
    const store = this.store;
    const schema = store.schemas.get(instruction.type);
    if (!schema?.primaryKey) return; // a type this realm does not have: ignored, as sync ignores unknown tables
    const existing = store.rowForPrimaryKey(instruction.type, instruction.primaryKey);
    switch (instruction.op) {
      case "create": {
        if (existing) {
          // A create of an object this realm has sets its fields; a dictionary gains the created
          // keys one by one (Realm inserts them into the new object's empty dictionary).
          for (const [name, value] of Object.entries(instruction.values)) {
            const entries = portableDictionaryEntries(value);
            if (entries && schema.properties[name]?.type === "dictionary")
              this.applyDictionaryEntries(schema, existing, name, entries, []);
            else this.applySet(schema, existing, name, value);
          }
          return;
        }
        const row = new Row(instruction.type, store.newKey(), {});
        for (const name of schema.propertyNames) {
          const property = schema.properties[name]!;
          row.values[name] =
            name in instruction.values
              ? fromPortable(store, instruction.values[name] as never, row, name, property.objectType)
              : defaultFor(property.type, property.optional, property.default);
        }
        store.insert(row);
        return;
      }
      case "set":
        if (existing) this.applySet(schema, existing, instruction.property, instruction.value);
        return;
      case "dictionary-set":
      case "dictionary-erase":
        if (existing) this.applyDictionaryKey(schema, existing, instruction);
        return;
      case "delete":
        if (existing) store.remove(existing);
        return;
    }
  }

  private applySet(schema: EmulatedObjectSchema, row: Row, name: string, value: unknown): void {
    const property = schema.properties[name];
    if (!property || name === schema.primaryKey) return;
    this.store.set(row, name, fromPortable(this.store, value as never, row, name, property.objectType));
  }

  private applyDictionaryKey(
    schema: EmulatedObjectSchema,
    row: Row,
    instruction: Extract<Instruction, { op: "dictionary-set" | "dictionary-erase" }>,
  ): void {
    if (instruction.op === "dictionary-erase")
      this.applyDictionaryEntries(schema, row, instruction.property, {}, [instruction.key]);
    else
      this.applyDictionaryEntries(
        schema,
        row,
        instruction.property,
        { [instruction.key]: instruction.value },
        [],
      );
  }

  /** Sets and erases keys of a dictionary property from downloaded (portable) entries. */
  private applyDictionaryEntries(
    schema: EmulatedObjectSchema,
    row: Row,
    name: string,
    entries: Readonly<Record<string, unknown>>,
    erase: readonly string[],
  ): void {
    const property = schema.properties[name];
    if (property?.type !== "dictionary") return;
    const current = row.values[name];
    const next = new Map(current instanceof Map ? (current as Map<string, unknown>) : []);
    for (const key of erase) next.delete(key);
    for (const [key, value] of Object.entries(entries))
      next.set(key, fromPortable(this.store, value as never, row, name, property.objectType));
    this.store.set(row, name, next);
  }

  private assertOpen(): void {
    if (this.closed) throw new EmulatorError("CLOSED", "Cannot access realm that has been closed.");
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.readOnly)
      throw new EmulatorError("READ_ONLY", "Can't perform transactions on read-only Realms.");
    this.store.requireTransaction();
  }
}

const canonicalCache = new WeakMap<EmulatedObjectSchema, CanonicalObjectSchemaLike>();

/**
 * The canonical form of a schema, made once per schema and frozen, as Realm's `objectSchema()`
 * hands out its class's cached schema (`realm.schema` still builds fresh copies).
 */
function cachedCanonical(schema: EmulatedObjectSchema): CanonicalObjectSchemaLike {
  let canonical = canonicalCache.get(schema);
  if (!canonical) {
    canonical = toCanonical(schema);
    for (const property of Object.values(canonical.properties)) Object.freeze(property);
    Object.freeze(canonical.properties);
    canonicalCache.set(schema, Object.freeze(canonical));
  }
  return canonical;
}

function plainValuesOf(object: RealmObjectLike, schema: EmulatedObjectSchema): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of schema.propertyNames) if (name in object) values[name] = object[name];
  return values;
}

function validateSyncConfig(sync: EmulatorSyncConfiguration): void {
  const reset = sync.clientReset;
  if (reset?.mode === "manual" && !reset.onManual && !sync.onError) {
    throw new EmulatorError(
      "SYNC_CONFIG_INVALID",
      "Client reset mode 'manual' needs an onManual callback or an onError handler: otherwise a reset could never be handled",
    );
  }
}

function validateSyncSchema(schemas: readonly EmulatedObjectSchema[]): void {
  for (const schema of schemas) {
    if (schema.embedded || schema.asymmetric) continue;
    if (schema.primaryKey !== "_id") {
      throw new EmulatorError(
        "SCHEMA_INVALID",
        `There must be a primary key property named '_id' on a synchronized Realm but none was found for type '${schema.name}'`,
      );
    }
  }
}

/** Deletes a realm file and its auxiliary files (`.lock`, `.note`, `.management`, compaction temp). */
export function deleteRealmFiles(path: string): void {
  for (const file of [path, `${path}.lock`, `${path}.note`, `${path}.compact`]) rmSync(file, { force: true });
  rmSync(`${path}.management`, { recursive: true, force: true });
}
