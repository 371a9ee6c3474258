import type { ObjectSchemaLike, RealmLike } from "./realm-like.js";

/** The part of a realm configuration the engine reads or changes; everything else passes through. */
export interface RealmConfigLike {
  /** Realm file path. */
  path?: string;
  /** Object schemas. */
  schema?: ObjectSchemaLike[];
  /** Open read-only (how a client-reset backup is opened). */
  readOnly?: boolean;
  /** Sync configuration; present for a synced realm. */
  sync?: object;
}

/**
 * The few realm operations that are static or app-level in realm JS: open a realm, move a realm to
 * a client-reset backup, delete a file. `realmJsAdapter(Realm, app)` implements it for real Realm,
 * `EmulatorAdapter` (in `@realm-recovery/testing`) for the emulator.
 *
 * @example
 * const adapter = realmJsAdapter(Realm, app);
 * const realm = await adapter.open({ schema, sync: { user, flexible: true } });
 */
export interface RealmAdapter {
  /** Opens a realm (`Realm.open`). */
  open(config: RealmConfigLike): Promise<RealmLike>;
  /**
   * Moves the realm at `originalPath` into a backup (`Realm.App.Sync.initiateClientReset`). Throws if
   * no reset is pending or an instance of the realm is still open.
   */
  initiateClientReset(originalPath: string): void;
  /** Whether a realm file exists at `path` (`Realm.exists`). */
  exists(path: string): boolean;
  /** Deletes the realm file at `path` and its auxiliary files (`Realm.deleteFile`). */
  deleteFile(path: string): void;
}
