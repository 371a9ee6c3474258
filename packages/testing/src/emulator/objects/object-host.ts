import type {
  CanonicalObjectSchemaLike,
  CollectionChangeCallbackLike,
  ObjectChangeCallbackLike,
  RealmObjectLike,
  ResultsLike,
} from "@realm-recovery/core";
import type { RealmStore } from "../store/realm-store.js";
import type { Row } from "../store/row.js";

/** What managed objects, lists, dictionaries and results need from the realm instance that made them. */
export interface ObjectHost {
  readonly store: RealmStore;
  readonly isClosed: boolean;
  /** Reads a property of a row in its external (user-facing) form. */
  readValue(row: Row, property: string): unknown;
  /** Writes a property of a row from a user value (inside a write transaction). */
  writeValue(row: Row, property: string, value: unknown): void;
  /**
   * Sets (user values) and removes keys of a dictionary property, as `Dictionary.set` / `remove`
   * do: the other keys stay as they are, and only the keys whose value changed are synced.
   */
  writeDictionary(
    row: Row,
    property: string,
    changes: { readonly set?: Readonly<Record<string, unknown>>; readonly remove?: readonly string[] },
  ): void;
  /** Converts a stored value to its user-facing form. */
  toExternal(value: unknown, row: Row, property: string): unknown;
  /** The canonical schema of a type. */
  canonicalSchema(type: string): CanonicalObjectSchemaLike;
  /** Wraps a row as a managed object. */
  wrap(row: Row): RealmObjectLike;
  /** Registers an object listener. */
  addObjectListener(
    object: RealmObjectLike,
    row: Row,
    callback: ObjectChangeCallbackLike,
    keyPaths: readonly string[] | null,
  ): void;
  /** Removes an object listener (all of a row's when `callback` is omitted). */
  removeObjectListener(row: Row, callback?: ObjectChangeCallbackLike): void;
  /** Registers a collection listener. */
  addCollectionListener(
    results: ResultsLike<RealmObjectLike>,
    callback: CollectionChangeCallbackLike<RealmObjectLike>,
    keyPaths: readonly string[] | null,
  ): void;
  /** Removes a collection listener (all of a result's when `callback` is omitted). */
  removeCollectionListener(
    results: ResultsLike<RealmObjectLike>,
    callback?: CollectionChangeCallbackLike<RealmObjectLike>,
  ): void;
}

/** Normalizes the `keyPaths` argument of `addListener`. */
export function keyPathList(keyPaths: string | string[] | undefined): readonly string[] | null {
  if (keyPaths === undefined) return null;
  return typeof keyPaths === "string" ? [keyPaths] : keyPaths;
}
