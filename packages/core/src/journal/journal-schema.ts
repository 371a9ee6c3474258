import type { ObjectSchemaLike } from "../contracts/realm-like.js";

/** Object type of the journal's single metadata object. */
export const JOURNAL_META = "RecoveryJournalMeta";
/** Object type of tombstones. */
export const JOURNAL_TOMBSTONE = "RecoveryTombstone";
/** Object type of change-log entries. */
export const JOURNAL_CHANGE = "RecoveryChange";
/** Primary key of the metadata object. */
export const META_ID = "meta";
/**
 * Primary key of the metadata object whose `pendingBackupPath` names the backup whose reset was
 * carried out (kept apart from {@link META_ID} so the journal's schema, and its files, stay as they were).
 */
export const META_RESET_DONE_ID = "reset-done";
/** Prefix of the primary keys of metadata objects whose `pendingBackupPath` is a finished backup to delete. */
export const META_DELETE_PREFIX = "delete:";

/**
 * The journal realm's schema. Primary keys of recorded objects are kept in `mixed` properties so
 * strings, ints, ObjectIds and UUIDs round-trip as themselves.
 */
export const JOURNAL_SCHEMA: ObjectSchemaLike[] = [
  {
    name: JOURNAL_META,
    primaryKey: "_id",
    properties: {
      _id: "string",
      lastSyncedAt: "int?",
      pendingOriginalPath: "string?",
      pendingBackupPath: "string?",
      pendingLastSyncedAt: "int?",
      pendingDetectedAt: "int?",
    },
  },
  {
    name: JOURNAL_TOMBSTONE,
    primaryKey: "_id",
    properties: { _id: "string", objectType: "string", primaryKey: "mixed", deletedAt: "int" },
  },
  {
    name: JOURNAL_CHANGE,
    primaryKey: "_id",
    properties: {
      _id: "string",
      objectType: "string",
      primaryKey: "mixed",
      property: "string?",
      stamp: "int",
    },
  },
];
