import type { Timestamp } from "../clock/timestamp.js";
import type { ChangeLogEntry, Journal, PendingRecovery, Tombstone } from "../contracts/journal.js";
import type { RealmAdapter } from "../contracts/realm-adapter.js";
import type { RealmLike, RealmObjectLike } from "../contracts/realm-like.js";
import { RecoveryError } from "../errors/recovery-error.js";
import { describeCause } from "../errors/recovery-error.js";
import { primaryKeyString } from "../recovery/primary-key-string.js";
import {
  JOURNAL_CHANGE,
  JOURNAL_META,
  JOURNAL_SCHEMA,
  JOURNAL_TOMBSTONE,
  META_DELETE_PREFIX,
  META_ID,
  META_RESET_DONE_ID,
} from "./journal-schema.js";

/** Where the journal of the realm at `realmPath` lives: beside it, never inside `recovered-realms/`. */
export function defaultJournalPath(realmPath: string): string {
  return `${realmPath}.recovery-journal.realm`;
}

function recordId(objectType: string, primaryKey: unknown, property: string | null = null): string {
  return `${objectType}\u0000${primaryKeyString(primaryKey)}\u0000${property ?? ""}`;
}

/**
 * The {@link Journal} kept in a separate, local, never-synced realm beside the synced one. Every
 * record is its own small write transaction, so a crash keeps what was recorded; inside a
 * {@link RealmJournal.batch} (a tracked transaction) the tombstones and change-log entries wait for
 * one transaction at its end, which still commits before the tracked transaction does.
 *
 * @example
 * const journal = await RealmJournal.open(adapter, defaultJournalPath(realm.path));
 * journal.recordLastSynced(clock.now());
 */
export class RealmJournal implements Journal {
  /** Whether a {@link batch} is running. */
  private inBatch = false;
  /**
   * What the running batch recorded and has not written yet: null until it records something (most
   * tracked transactions record nothing here, and one runs per transaction) and outside a batch.
   */
  private batched: { changes: ChangeLogEntry[]; tombstones: Tombstone[] } | null = null;

  private constructor(
    private readonly realm: RealmLike,
    /** Whether this open created the journal file (it did not exist before). */
    readonly created: boolean,
  ) {}

  /** Opens (or creates) the journal realm at `path`. */
  static async open(adapter: RealmAdapter, path: string): Promise<RealmJournal> {
    try {
      const created = !adapter.exists(path);
      const realm = await adapter.open({ path, schema: JOURNAL_SCHEMA });
      return new RealmJournal(realm, created);
    } catch (cause) {
      throw new RecoveryError(
        "JOURNAL_FAILED",
        "attach",
        `Could not open the recovery journal at ${path}: ${describeCause(cause)}`,
        {
          cause,
        },
      );
    }
  }

  get path(): string {
    return this.realm.path;
  }

  lastSyncedAt(): Timestamp | null {
    return (this.meta()?.lastSyncedAt as Timestamp | null | undefined) ?? null;
  }

  recordLastSynced(stamp: Timestamp): void {
    const current = this.lastSyncedAt();
    if (current !== null && stamp <= current) return;
    this.write(() => this.realm.create(JOURNAL_META, { _id: META_ID, lastSyncedAt: stamp }, "modified"));
  }

  recordTombstone(tombstone: Tombstone): void {
    if (this.inBatch) (this.batched ??= { changes: [], tombstones: [] }).tombstones.push(tombstone);
    else this.write(() => this.putTombstones([tombstone]));
  }

  /** Removes the tombstone of an object (a delete that did not happen after all). */
  removeTombstone(objectType: string, primaryKey: unknown): void {
    this.write(() =>
      this.realm.delete(this.realm.objectForPrimaryKey(JOURNAL_TOMBSTONE, recordId(objectType, primaryKey))),
    );
  }

  tombstones(since: Timestamp | null): Tombstone[] {
    this.writeBatched();
    const all = this.realm.objects(JOURNAL_TOMBSTONE);
    const rows = since === null ? all : all.filtered("deletedAt > $0", since);
    return rows.map((row) => ({
      objectType: row.objectType as string,
      primaryKey: row.primaryKey,
      deletedAt: row.deletedAt as Timestamp,
    }));
  }

  appendChanges(entries: readonly ChangeLogEntry[]): void {
    if (entries.length === 0) return;
    if (this.inBatch) {
      const batched = (this.batched ??= { changes: [], tombstones: [] }).changes;
      // A loop, not push(...entries): spreading a long list of entries overflows the stack.
      for (const entry of entries) batched.push(entry);
    } else this.write(() => this.putChanges(entries));
  }

  changes(since: Timestamp | null): ChangeLogEntry[] {
    this.writeBatched();
    const all = this.realm.objects(JOURNAL_CHANGE);
    const rows = since === null ? all : all.filtered("stamp > $0", since);
    return rows.map((row) => ({
      objectType: row.objectType as string,
      primaryKey: row.primaryKey,
      property: (row.property as string | null) ?? null,
      stamp: row.stamp as Timestamp,
    }));
  }

  prune(upTo: Timestamp): void {
    const oldChanges = this.realm.objects(JOURNAL_CHANGE).filtered("stamp <= $0", upTo);
    const oldTombstones = this.realm.objects(JOURNAL_TOMBSTONE).filtered("deletedAt <= $0", upTo);
    if (oldChanges.isEmpty() && oldTombstones.isEmpty()) return;
    this.write(() => {
      this.realm.delete(oldChanges);
      this.realm.delete(oldTombstones);
    });
  }

  pendingRecovery(): PendingRecovery | null {
    const meta = this.meta();
    if (!meta?.pendingBackupPath) return null;
    const done = this.realm.objectForPrimaryKey(JOURNAL_META, META_RESET_DONE_ID);
    return {
      originalPath: meta.pendingOriginalPath as string,
      backupPath: meta.pendingBackupPath as string,
      lastSyncedAt: (meta.pendingLastSyncedAt as Timestamp | null) ?? null,
      detectedAt: meta.pendingDetectedAt as Timestamp,
      resetDone: done !== null && done.pendingBackupPath === meta.pendingBackupPath,
    };
  }

  markResetDone(): void {
    const pending = this.pendingRecovery();
    if (!pending || pending.resetDone) return;
    this.write(() =>
      this.realm.create(
        JOURNAL_META,
        { _id: META_RESET_DONE_ID, pendingBackupPath: pending.backupPath },
        "modified",
      ),
    );
  }

  backupsToDelete(): string[] {
    return this.realm
      .objects(JOURNAL_META)
      .filtered("_id BEGINSWITH $0", META_DELETE_PREFIX)
      .map((row) => row.pendingBackupPath as string);
  }

  forgetBackup(path: string): void {
    const row = this.realm.objectForPrimaryKey(JOURNAL_META, META_DELETE_PREFIX + path);
    if (row) this.write(() => this.realm.delete(row));
  }

  markPending(pending: PendingRecovery): void {
    this.write(() =>
      this.realm.create(
        JOURNAL_META,
        {
          _id: META_ID,
          pendingOriginalPath: pending.originalPath,
          pendingBackupPath: pending.backupPath,
          pendingLastSyncedAt: pending.lastSyncedAt,
          pendingDetectedAt: pending.detectedAt,
        },
        "modified",
      ),
    );
  }

  clearPending(): void {
    const backupPath = this.meta()?.pendingBackupPath as string | null | undefined;
    if (!backupPath) return;
    this.write(() => {
      this.realm.create(
        JOURNAL_META,
        {
          _id: META_ID,
          pendingOriginalPath: null,
          pendingBackupPath: null,
          pendingLastSyncedAt: null,
          pendingDetectedAt: null,
        },
        "modified",
      );
      const done = this.realm.objectForPrimaryKey(JOURNAL_META, META_RESET_DONE_ID);
      if (done) this.realm.delete(done);
      this.realm.create(
        JOURNAL_META,
        { _id: META_DELETE_PREFIX + backupPath, pendingBackupPath: backupPath },
        "modified",
      );
    });
  }

  close(): void {
    if (!this.realm.isClosed) this.realm.close();
  }

  private meta(): RealmObjectLike | null {
    return this.realm.objectForPrimaryKey(JOURNAL_META, META_ID);
  }

  batch<T>(fn: () => T): T {
    if (this.inBatch) return fn();
    this.inBatch = true;
    try {
      const result = fn();
      this.writeBatched();
      return result;
    } finally {
      this.inBatch = false;
      this.batched = null;
    }
  }

  /** Writes what the running batch recorded so far (nothing outside a batch or when it is empty). */
  private writeBatched(): void {
    if (this.batched) this.write(() => undefined);
  }

  private putChanges(entries: readonly ChangeLogEntry[]): void {
    for (const { objectType, primaryKey, property, stamp } of entries) {
      // One entry per (object, property): the latest stamp replaces older ones, so the log stays
      // bounded by the number of distinct unsynced fields.
      this.realm.create(
        JOURNAL_CHANGE,
        { _id: recordId(objectType, primaryKey, property), objectType, primaryKey, property, stamp },
        "modified",
      );
    }
  }

  private putTombstones(tombstones: readonly Tombstone[]): void {
    for (const { objectType, primaryKey, deletedAt } of tombstones) {
      this.realm.create(
        JOURNAL_TOMBSTONE,
        { _id: recordId(objectType, primaryKey), objectType, primaryKey, deletedAt },
        "modified",
      );
    }
  }

  /**
   * Runs `fn` in a journal transaction, after what a running batch recorded (in order: a tombstone
   * recorded in the batch and removed after it stays removed).
   */
  private write(fn: () => void): void {
    const batched = this.batched;
    this.batched = null;
    try {
      this.realm.write(() => {
        if (batched) {
          this.putTombstones(batched.tombstones);
          this.putChanges(batched.changes);
        }
        fn();
      });
    } catch (cause) {
      throw new RecoveryError(
        "JOURNAL_FAILED",
        "write",
        `Could not write the recovery journal at ${this.path}: ${describeCause(cause)}`,
        {
          cause,
        },
      );
    }
  }
}
