/**
 * The recovery engine (`createRecovery`), the contracts plugins implement (`ClientResetStrategy`,
 * `SyncTracker`, `RealmLike`), the journal, the hybrid logical clock, typed errors, DI tokens,
 * `realmJsAdapter` and the recovery building blocks the strategies share.
 *
 * @packageDocumentation
 * @module @realm-recovery/core
 */
// The one public door of @realm-recovery/core: explicit named exports only.
export type { Clock } from "./clock/clock.js";
export { HybridLogicalClock, type WallClock } from "./clock/hybrid-logical-clock.js";
export {
  type Timestamp,
  LOGICAL_TICKS_PER_MS,
  isTimestamp,
  timestampFrom,
  timestampLogical,
  timestampToDate,
  timestampWallMs,
  newestStamp,
  newestStampOfDictionary,
  stampValue,
  stampsOfDictionary,
} from "./clock/timestamp.js";
export type {
  ClientResetStrategy,
  DeclaredStamps,
  StampedDelete,
  StampedObject,
  StampedUpsert,
  WriteRecorder,
} from "./contracts/client-reset-strategy.js";
export type { ChangeLogEntry, Journal, PendingRecovery, Tombstone } from "./contracts/journal.js";
export { type Logger, silentLogger } from "./contracts/logger.js";
export type { RealmAdapter, RealmConfigLike } from "./contracts/realm-adapter.js";
export type {
  CanonicalObjectSchemaLike,
  CanonicalPropertySchemaLike,
  CollectionChangeCallbackLike,
  CollectionChangeSetLike,
  ConnectionNotificationCallbackLike,
  ConnectionStateLike,
  ObjectChangeCallbackLike,
  ObjectChangeSetLike,
  ObjectSchemaLike,
  ProgressDirectionLike,
  ProgressModeLike,
  ProgressNotificationCallbackLike,
  PropertySchemaLike,
  PropertyTypeName,
  RealmEventNameLike,
  RealmLike,
  RealmObjectLike,
  ResultsLike,
  SessionStateLike,
  SyncSessionLike,
  UpdateModeLike,
} from "./contracts/realm-like.js";
export type { RecoveryContext } from "./contracts/recovery-context.js";
export {
  type ConflictKind,
  type ConflictMeta,
  type ConflictPolicy,
  type ConflictResolver,
  SKIP,
  type Skip,
} from "./contracts/conflict-policy.js";
export type {
  DecisionRule,
  RecoveryAction,
  RecoveryActionCounts,
  RecoveryPlan,
  RecoveryRecord,
} from "./contracts/recovery-record.js";
export type {
  RecoveredEvent,
  RecoveryEvent,
  RecoveryEventType,
  RecoveryProgressEvent,
  StrategyEvent,
} from "./contracts/recovery-event.js";
export type { RecoveryReport, SkippedRecord } from "./contracts/recovery-report.js";
export type { SyncTracker, TrackingContext } from "./contracts/sync-tracker.js";
export type {
  ClientResetConfigLike,
  Recovery,
  RecoveryState,
  RecoveryStatus,
  ResumeOptions,
  TrackedTransaction,
} from "./contracts/recovery.js";
export { createRecoveryContainer } from "./di/container.js";
export { type Token, registerValue, resolveToken, token } from "./di/token.js";
export { CLIENT_RESET_STRATEGY, CLOCK, JOURNAL, LOGGER, REALM_ADAPTER, SYNC_TRACKER } from "./di/tokens.js";
export { type RecoveryOptions, createRecovery } from "./engine/create-recovery.js";
export { LAST_SYNCED_FUTURE_TOLERANCE_MS } from "./engine/recovery-engine.js";
export { type PluginSpec } from "./engine/plugin-spec.js";
export { declaredStampValues, newestDeclaredStamp, recordDeclaredStamps } from "./engine/declared-stamps.js";
export { JOURNAL_SCHEMA } from "./journal/journal-schema.js";
export { RealmJournal, defaultJournalPath } from "./journal/realm-journal.js";
export { type RealmModuleLike, realmJsAdapter } from "./realm/realm-js-adapter.js";
export { mergeDictionaryEntries, upsertDictionaryEntries } from "./realm/dictionary-entries.js";
export { applyTombstones } from "./recovery/apply-tombstones.js";
export {
  type BatchedRecoveryPlan,
  type RecoveryScope,
  assertBatchSize,
  batchedRecovery,
  planRecovery,
} from "./recovery/batched-recovery.js";
export { copyIntoFresh, upsertIntoFresh } from "./recovery/copy-into-fresh.js";
export {
  type DecidedFields,
  type FieldsToDecide,
  decideFields,
  fieldsDecision,
} from "./recovery/decide-fields.js";
export { type ObjectDecision, type RelatedEntries, applyDecision } from "./recovery/object-decision.js";
export { type RecordSubject, makeRecord } from "./recovery/make-record.js";
export { wholeCopyDecision } from "./recovery/whole-copy-decision.js";
export { plainEqual, plainRecord, plainValue } from "./recovery/plain-value.js";
export { propertiesExcept } from "./recovery/properties-except.js";
export {
  type Conflict,
  type ConflictOutcome,
  assertConflictPolicy,
  namedPolicyOutcome,
  remoteChangedSince,
  settleConflict,
} from "./recovery/settle-conflict.js";
export { type DeleteRules, tombstoneDecisions } from "./recovery/tombstone-decisions.js";
export { inBatches } from "./recovery/in-batches.js";
export { LinkRetries } from "./recovery/link-retries.js";
export { type PlainCopy, plainCopy, schemaMap } from "./recovery/plain-copy.js";
export { DEFAULT_REPORT_RECORD_LIMIT, RecoveryTally } from "./recovery/recovery-tally.js";
export { assertPropertyName, creationStampProperty, withStampProperty } from "./recovery/stamp-property.js";
export { primaryKeyString } from "./recovery/primary-key-string.js";
export { RecoveryErrorCode } from "./errors/recovery-error-code.js";
export {
  PluginError,
  RecoveryError,
  type RecoveryErrorOptions,
  describeCause,
} from "./errors/recovery-error.js";
export type { RecoveryStep } from "./errors/recovery-step.js";
