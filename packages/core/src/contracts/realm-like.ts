/**
 * The exact subset of the realm@12 public API that realm-recovery uses. Member names and signatures
 * mirror realm's own declarations; `realm-like.test-d.ts` proves real `Realm` and
 * `Realm.App.Sync.Session` stay assignable to these types. Realm's string enums (`UpdateMode`,
 * `ProgressDirection`, ...) are written as their string literal values, which real Realm accepts
 * at run time, so nothing here needs the `realm` module itself.
 */

/** How `create` treats an existing object with the same primary key (realm's `UpdateMode` values). */
export type UpdateModeLike = "never" | "modified" | "all";

/** A property type name as realm reports it in a canonical schema. */
export type PropertyTypeName =
  | "bool"
  | "int"
  | "float"
  | "double"
  | "decimal128"
  | "objectId"
  | "string"
  | "data"
  | "date"
  | "list"
  | "set"
  | "dictionary"
  | "linkingObjects"
  | "object"
  | "mixed"
  | "uuid"
  | "counter";

/** One property of a canonical (normalized) object schema, as `realm.schema` returns it. */
export interface CanonicalPropertySchemaLike {
  /** Property name. */
  readonly name: string;
  /** Base type; collections and links carry the element type in `objectType`. */
  readonly type: PropertyTypeName;
  /** Element type of a collection, or the linked object type of a link. */
  readonly objectType?: string;
  /** Whether the property (or collection element) may be null. */
  readonly optional: boolean;
  /** Whether the property is indexed. */
  readonly indexed: boolean | "full-text";
  /** Name in the file, if different from `name`. */
  readonly mapTo: string;
  /** Default value used when `create` omits the property. */
  readonly default?: unknown;
}

/** An object schema as realm reports it from `realm.schema` (normalized form). */
export interface CanonicalObjectSchemaLike {
  /** Object type name. */
  readonly name: string;
  /** Primary key property name, if the type has one. */
  readonly primaryKey?: string;
  /** Whether objects of this type live only inside a parent object. */
  readonly embedded?: boolean;
  /** Whether objects are write-only and sent to the server only. */
  readonly asymmetric?: boolean;
  /** Properties by name. */
  readonly properties: Readonly<Record<string, CanonicalPropertySchemaLike>>;
}

/** A property in the shorthand or object form users write in a schema (`"int?"`, `"Dog[]"`, `{ type: "list", objectType: "Dog" }`). */
export type PropertySchemaLike =
  | string
  | {
      readonly type: Exclude<PropertyTypeName, "counter">;
      readonly objectType?: string;
      readonly optional?: boolean;
      readonly indexed?: boolean | "full-text";
      readonly mapTo?: string;
      readonly default?: unknown;
      readonly property?: string;
    };

/** An object schema as users declare it (realm's `ObjectSchema`). */
export interface ObjectSchemaLike {
  /** Object type name. */
  name: string;
  /** Primary key property name. */
  primaryKey?: string;
  /** Whether objects of this type only live inside a parent object. */
  embedded?: boolean;
  /** Whether objects are write-only and sent to the server only. */
  asymmetric?: boolean;
  /** Properties by name. */
  properties: Record<string, PropertySchemaLike>;
}

/** The change set a collection listener receives (realm's `CollectionChangeSet`). */
export interface CollectionChangeSetLike {
  /** Indices of inserted objects in the new collection. */
  insertions: number[];
  /** Indices of deleted objects in the old collection. */
  deletions: number[];
  /** Indices of modified objects in the new collection. */
  newModifications: number[];
  /** Indices of modified objects in the old collection. */
  oldModifications: number[];
}

/** The change set an object listener receives (realm's `ObjectChangeSet`). */
export interface ObjectChangeSetLike {
  /** Whether the object was deleted. */
  deleted: boolean;
  /** Names of the properties that changed. */
  changedProperties: string[];
}

/** Callback of `RealmObjectLike.addListener`. */
export type ObjectChangeCallbackLike = (object: RealmObjectLike, changes: ObjectChangeSetLike) => void;

/** A managed realm object: its properties by name plus realm's object methods. */
export interface RealmObjectLike {
  /** Property values by name. */
  readonly [property: string]: unknown;
  /** Whether the object still exists and its realm is open. */
  isValid(): boolean;
  /** The object's schema. */
  objectSchema(): CanonicalObjectSchemaLike;
  /** Names of the object's properties. */
  keys(): string[];
  /** `[name, value]` pairs of the object's properties. */
  entries(): [string, unknown][];
  /** A plain snapshot of the object (links become nested plain objects). */
  toJSON(): Record<string, unknown>;
  /** Calls `callback` after every change to this object. */
  addListener(callback: ObjectChangeCallbackLike, keyPaths?: string | string[]): void;
  /** Removes a listener added with `addListener`. */
  removeListener(callback: ObjectChangeCallbackLike): void;
  /** Removes every listener of this object. */
  removeAllListeners(): void;
}

/** Callback of `ResultsLike.addListener`. */
export type CollectionChangeCallbackLike<T> = (
  collection: ResultsLike<T>,
  changes: CollectionChangeSetLike,
) => void;

/** A live query result (realm's `Results`). */
export interface ResultsLike<T = RealmObjectLike> extends Iterable<T> {
  /** Number of objects currently matching. */
  readonly length: number;
  /** The object at `index`. */
  readonly [index: number]: T;
  /** A new live result narrowed by an RQL `query`; values are passed as `$0…$n`, never interpolated. */
  filtered(query: string, ...args: unknown[]): ResultsLike<T>;
  /** A new live result sorted by a property. */
  sorted(descriptor: string, reverse?: boolean): ResultsLike<T>;
  /** A frozen copy of the current objects. */
  snapshot(): ResultsLike<T>;
  /** Objects between `start` and `end` as an array. */
  slice(start?: number, end?: number): T[];
  /** Every object mapped through `callback`. */
  map<U>(callback: (value: T, index: number, array: readonly T[]) => U): U[];
  /** Whether the result is still usable (its realm is open). */
  isValid(): boolean;
  /** Whether no object matches. */
  isEmpty(): boolean;
  /** Calls `callback` once initially and after every change to the result. */
  addListener(callback: CollectionChangeCallbackLike<T>, keyPaths?: string | string[]): void;
  /** Removes a listener added with `addListener`. */
  removeListener(callback: CollectionChangeCallbackLike<T>): void;
  /** Removes every listener of this result. */
  removeAllListeners(): void;
}

/** Upload or download (realm's `ProgressDirection`). */
export type ProgressDirectionLike = "upload" | "download";

/** Report until unregistered, or only for work outstanding now (realm's `ProgressMode`). */
export type ProgressModeLike = "reportIndefinitely" | "forCurrentlyOutstandingWork";

/** Progress callback: `(estimate)` on realm ≥ 12.12, or the deprecated `(transferred, transferable)`. */
export type ProgressNotificationCallbackLike =
  ((estimate: number) => void) | ((transferred: number, transferable: number) => void);

/** Connection state of a sync session (realm's `ConnectionState`). */
export type ConnectionStateLike = "disconnected" | "connecting" | "connected";

/** Callback of `SyncSessionLike.addConnectionNotification`. */
export type ConnectionNotificationCallbackLike = (
  newState: ConnectionStateLike,
  oldState: ConnectionStateLike,
) => void;

/** State of a sync session (realm's `SessionState`). */
export type SessionStateLike = "active" | "inactive" | "invalid";

/** The sync session of a synced realm (realm's `Realm.App.Sync.Session`). */
export interface SyncSessionLike {
  /** Session state. */
  readonly state: SessionStateLike;
  /** Connection state. */
  readonly connectionState: ConnectionStateLike;
  /** Whether the session is connected to the server. */
  isConnected(): boolean;
  /** Stops syncing until `resume()`. */
  pause(): void;
  /** Resumes syncing after `pause()`. */
  resume(): void;
  /** Registers a progress callback for one direction. */
  addProgressNotification(
    direction: ProgressDirectionLike,
    mode: ProgressModeLike,
    callback: ProgressNotificationCallbackLike,
  ): void;
  /** Unregisters a progress callback. */
  removeProgressNotification(callback: ProgressNotificationCallbackLike): void;
  /** Registers a connection-state callback. */
  addConnectionNotification(callback: ConnectionNotificationCallbackLike): void;
  /** Unregisters a connection-state callback. */
  removeConnectionNotification(callback: ConnectionNotificationCallbackLike): void;
  /** Resolves once every local change made so far has been uploaded. */
  uploadAllLocalChanges(timeoutMs?: number): Promise<void>;
  /** Resolves once every server change known now has been downloaded. */
  downloadAllServerChanges(timeoutMs?: number): Promise<void>;
}

/** Realm-wide events (realm's `RealmEventName`). */
export type RealmEventNameLike = "change" | "schema" | "beforenotify";

/** An open realm (realm's `Realm` instance). */
export interface RealmLike {
  /** Absolute path of the realm file. */
  readonly path: string;
  /** Whether `close()` has been called. */
  readonly isClosed: boolean;
  /** Whether a write transaction is open. */
  readonly isInTransaction: boolean;
  /** The realm's schema in canonical form. */
  readonly schema: CanonicalObjectSchemaLike[];
  /** The sync session, or null for a local realm. */
  readonly syncSession: SyncSessionLike | null;
  /** Live results of every object of `type`. */
  objects(type: string): ResultsLike<RealmObjectLike>;
  /** The object of `type` with primary key `primaryKey`, or null. Throws for a type without a primary key. */
  objectForPrimaryKey(type: string, primaryKey: unknown): RealmObjectLike | null;
  /** Creates (or with an update mode, upserts) an object from plain values. Only inside `write`. */
  create(type: string, values: Record<string, unknown>, mode?: UpdateModeLike | boolean): RealmObjectLike;
  /** Deletes an object, an array of objects or a result. Only inside `write`. */
  delete(subject: unknown): void;
  /** Runs `callback` in a write transaction; rolls it back if `callback` throws. */
  write<T>(callback: () => T): T;
  /** Closes this instance. */
  close(): void;
  /** Registers a realm-wide listener. */
  addListener(
    eventName: RealmEventNameLike,
    callback: (realm: RealmLike, name: RealmEventNameLike) => void,
  ): void;
  /** Removes a realm-wide listener. */
  removeListener(
    eventName: RealmEventNameLike,
    callback: (realm: RealmLike, name: RealmEventNameLike) => void,
  ): void;
}
