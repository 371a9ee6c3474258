import type { Timestamp } from "../clock/timestamp.js";
import type { ConflictPolicy } from "../contracts/conflict-policy.js";
import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryRecord } from "../contracts/recovery-record.js";
import type { RecoveryScope } from "./batched-recovery.js";
import type { ObjectDecision } from "./object-decision.js";
import { propertiesExcept } from "./properties-except.js";
import { plainRecord } from "./plain-value.js";
import { settleConflict } from "./settle-conflict.js";

/** How a strategy dates the fresh realm's objects, for deciding local deletes. */
export interface DeleteRules {
  /** The strategy's name (for resolver metadata). */
  readonly strategy: string;
  /** How conflicts are settled. @default "newer-wins" */
  readonly conflictPolicy?: ConflictPolicy;
  /** Whether the fresh object was written after the local delete at `deletedAt`. */
  writtenAfter(fresh: RealmObjectLike, deletedAt: Timestamp): boolean;
  /** The newest stamp on the fresh object, for resolver metadata. */
  remoteStamp?(fresh: RealmObjectLike): Timestamp | null;
  /** Properties that are the strategy's own stamps (left out of the values a resolver sees). */
  readonly stampProperties?: readonly string[];
}

/**
 * Decides the local deletes of `scope.type` recorded as tombstones after LastSynced. An object back
 * in the backup (re-created after the delete) or already gone from the fresh realm needs nothing. A
 * fresh object written after the delete is a conflict settled by the policy: newer-wins keeps the
 * remote object, client-wins applies the delete, a resolver decides. With no LastSynced recorded
 * every tombstone counts: each is an explicit local delete, and a device can sync without ever
 * recording LastSynced (a lost journal, a tracker that saw no upload). A delete is never inferred
 * from an object missing in the backup.
 *
 * @example
 * for (const decision of tombstoneDecisions(scope, rules)) applyDecision(decision, scope);
 */
export function tombstoneDecisions(scope: RecoveryScope, rules: DeleteRules): ObjectDecision[] {
  const { context, type } = scope;
  const decisions: ObjectDecision[] = [];
  for (const { objectType, primaryKey, deletedAt } of context.journal.tombstones(context.lastSyncedAt)) {
    if (objectType !== type || context.backup.objectForPrimaryKey(type, primaryKey)) continue;
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    if (current) decisions.push(decideLocalDelete(scope, rules, current, primaryKey, deletedAt));
  }
  return decisions;
}

const NONE: readonly string[] = [];

function decideLocalDelete(
  scope: RecoveryScope,
  rules: DeleteRules,
  current: RealmObjectLike,
  primaryKey: unknown,
  deletedAt: Timestamp,
): ObjectDecision {
  const { context, type, tally } = scope;
  const policy = rules.conflictPolicy ?? "newer-wins";
  const dataProperties = (): readonly string[] =>
    propertiesExcept(current.objectSchema(), rules.stampProperties ?? NONE);
  const remoteStamp = rules.remoteStamp?.(current) ?? null;
  const base = { objectType: type, primaryKey, localStamp: deletedAt, remoteStamp };
  const conflict = rules.writtenAfter(current, deletedAt);
  const needsValues = tally.keepsNextRecord() || (conflict && typeof policy === "function");
  const remote = needsValues ? plainRecord(current, dataProperties()) : undefined;
  const outcome = conflict
    ? settleConflict(policy, rules.strategy, {
        kind: "local-delete",
        objectType: type,
        primaryKey,
        local: null,
        remote,
        localStamp: deletedAt,
        remoteStamp,
        lastSyncedAt: context.lastSyncedAt,
      })
    : ({ winner: "local", rule: "local-delete" } as const);
  if (outcome.winner === "local") {
    const record: RecoveryRecord = { ...base, action: "delete", remote, rule: outcome.rule };
    return { action: "delete", primaryKey, records: [record] };
  }
  if (outcome.winner === "remote") {
    const record: RecoveryRecord = { ...base, action: "skip", remote, resolved: remote, rule: outcome.rule };
    return {
      action: "skip",
      primaryKey,
      records: [record],
      skipped: [{ type, primaryKey, reason: "written remotely after the local delete" }],
    };
  }
  const values = outcome.value as Record<string, unknown>;
  const record: RecoveryRecord = {
    ...base,
    action: "update",
    remote,
    resolved: { ...remote, ...values },
    rule: outcome.rule,
  };
  return { action: "update", primaryKey, values, records: [record] };
}
