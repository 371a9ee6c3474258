import type { Timestamp } from "../clock/timestamp.js";
import type { RealmObjectLike } from "../contracts/realm-like.js";
import type { RecoveryScope } from "./batched-recovery.js";
import { applyDecision } from "./object-decision.js";
import { type DeleteRules, tombstoneDecisions } from "./tombstone-decisions.js";

/**
 * Re-applies the local deletes of `scope.type` recorded as tombstones after LastSynced, in one
 * write transaction, by {@link tombstoneDecisions}: with the default newer-wins policy a delete is
 * applied only when the fresh object was not written after it (`writtenAfter` tells, from the
 * strategy's stamps).
 *
 * @example
 * applyTombstones(scope, { strategy: "mine", writtenAfter: (fresh, at) => (fresh.lastUpdated ?? 0) > at });
 */
export function applyTombstones(
  scope: RecoveryScope,
  rules: DeleteRules | ((fresh: RealmObjectLike, deletedAt: Timestamp) => boolean),
): void {
  const deleteRules = typeof rules === "function" ? { strategy: "custom", writtenAfter: rules } : rules;
  const decisions = tombstoneDecisions(scope, deleteRules);
  if (decisions.length === 0) return;
  scope.context.fresh.write(() => {
    for (const decision of decisions) applyDecision(decision, scope);
  });
}
