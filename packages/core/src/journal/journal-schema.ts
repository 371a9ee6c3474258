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
