import type { Timestamp } from "../clock/timestamp.js";
import { type ConflictKind, type ConflictPolicy, SKIP } from "../contracts/conflict-policy.js";
import type { DecisionRule } from "../contracts/recovery-record.js";
import { RecoveryError } from "../errors/recovery-error.js";
import { callPlugin } from "../engine/tracked-write.js";
import { plainEqual } from "./plain-value.js";

/** One conflict to settle: a local change meeting a different remote state. */
export interface Conflict {
  /** What kind of conflict. */
  readonly kind: ConflictKind;
  /** Object type. */
  readonly objectType: string;
  /** Primary key. */
  readonly primaryKey: unknown;
  /** The property, for field-level conflicts. */
  readonly property?: string;
  /** The local side as a plain value (null for a local delete). */
  readonly local: unknown;
  /** The remote side as a plain value (null for a remote delete). */
  readonly remote: unknown;
  /** Stamp of the local write or delete. */
  readonly localStamp: Timestamp | null;
  /** Stamp of the remote write (null when unknown). */
  readonly remoteStamp: Timestamp | null;
  /** LastSynced of the recovering device. */
  readonly lastSyncedAt: Timestamp | null;
  /**
   * For an `"update"`: whether the remote side changed since this device last synced. Strategies
   * with stamps know (see {@link remoteChangedSince}); leave it out when it cannot be told (a
   * change log), and a resolver is asked whenever the values differ.
   */
  readonly remoteChanged?: boolean | undefined;
}

/**
 * Whether a remote write stamped `remoteStamp` is a change this device had not seen when it last
 * synced: stamped, not this device's own write (`localStamp`), and after LastSynced.
 *
 * @example
 * remoteChangedSince(remoteStamp, localStamp, context.lastSyncedAt);
 */
export function remoteChangedSince(
  remoteStamp: Timestamp | null,
  localStamp: Timestamp | null,
  lastSyncedAt: Timestamp | null,
): boolean {
  return (
    remoteStamp !== null &&
    remoteStamp !== localStamp &&
    (lastSyncedAt === null || remoteStamp > lastSyncedAt)
  );
}

/** Who won a conflict: the local side, the remote side, or a value a resolver returned. */
export type ConflictOutcome =
  | { readonly winner: "local"; readonly rule: DecisionRule }
  | { readonly winner: "remote"; readonly rule: DecisionRule }
  | { readonly winner: "resolved"; readonly value: unknown; readonly rule: DecisionRule };

/**
 * Settles one conflict under `policy` (see {@link ConflictPolicy} for the rules). For an `"update"`
 * under a resolver, equal values or a remote side unchanged since LastSynced are no conflict: the
 * newer-wins rule decides without asking. A resolver that returns null for a `"remote-delete"` keeps the object
 * deleted, and for a `"local-delete"` applies the delete.
 *
 * @example
 * settleConflict("client-wins", "field", { kind: "update", ... }); // { winner: "local", rule: "client-wins" }
 */
export function settleConflict(
  policy: ConflictPolicy,
  strategy: string,
  conflict: Conflict,
): ConflictOutcome {
  if (policy === "newer-wins" || policy === "client-wins")
    return namedPolicyOutcome(policy, conflict.kind, conflict.localStamp, conflict.remoteStamp);
  const newerWins = newerWinsOutcome(conflict.kind, conflict.localStamp, conflict.remoteStamp);
  if (
    conflict.kind === "update" &&
    (conflict.remoteChanged === false || plainEqual(conflict.local, conflict.remote))
  )
    return newerWins;
  const { kind, objectType, primaryKey, property, localStamp, remoteStamp, lastSyncedAt } = conflict;
  const value = callPlugin(strategy, () =>
    policy(conflict.local, conflict.remote, {
      strategy,
      kind,
      objectType,
      primaryKey,
      ...(property === undefined ? {} : { property }),
      localStamp,
      remoteStamp,
      lastSyncedAt,
    }),
  );
  if (value === SKIP) return { winner: "remote", rule: "resolver-skip" };
  if (value === null && kind === "remote-delete") return { winner: "remote", rule: "resolver-skip" };
  if (value === null && kind === "local-delete") return { winner: "local", rule: "resolver" };
  return { winner: "resolved", value, rule: "resolver" };
}

// Outcomes without a value are shared constants: settling runs once per changed field.
const LOCAL_NEWER: ConflictOutcome = Object.freeze({ winner: "local", rule: "local-newer" });
const REMOTE_NEWER: ConflictOutcome = Object.freeze({ winner: "remote", rule: "remote-newer" });
const RECREATED: ConflictOutcome = Object.freeze({ winner: "local", rule: "recreated" });
const REMOTE_AFTER_DELETE: ConflictOutcome = Object.freeze({
  winner: "remote",
  rule: "remote-written-after-delete",
});
const CLIENT_WINS: ConflictOutcome = Object.freeze({ winner: "local", rule: "client-wins" });
const REMOTE_DELETE_WINS: ConflictOutcome = Object.freeze({ winner: "remote", rule: "remote-delete-wins" });
const LOCAL_DELETE: ConflictOutcome = Object.freeze({ winner: "local", rule: "local-delete" });

/**
 * The outcome of a conflict under a named policy, from its kind and stamps alone: what
 * {@link settleConflict} decides for `"newer-wins"` and `"client-wins"`, without a {@link Conflict}
 * to build (field recovery settles every changed field).
 *
 * @example
 * namedPolicyOutcome("newer-wins", "update", localStamp, remoteStamp); // { winner: "local", rule: "local-newer" }
 */
export function namedPolicyOutcome(
  policy: "newer-wins" | "client-wins",
  kind: ConflictKind,
  localStamp: Timestamp | null,
  remoteStamp: Timestamp | null,
): ConflictOutcome {
  return policy === "newer-wins" ? newerWinsOutcome(kind, localStamp, remoteStamp) : clientWinsOutcome(kind);
}

function newerWinsOutcome(
  kind: ConflictKind,
  localStamp: Timestamp | null,
  remoteStamp: Timestamp | null,
): ConflictOutcome {
  if (kind === "remote-delete") return RECREATED;
  if (kind === "local-delete") return REMOTE_AFTER_DELETE;
  return remoteStamp !== null && (localStamp === null || remoteStamp > localStamp)
    ? REMOTE_NEWER
    : LOCAL_NEWER;
}

function clientWinsOutcome(kind: ConflictKind): ConflictOutcome {
  if (kind === "remote-delete") return REMOTE_DELETE_WINS;
  if (kind === "local-delete") return LOCAL_DELETE;
  return CLIENT_WINS;
}

/**
 * Checks a strategy's `conflictPolicy` option: one of the policy names or a resolver function.
 * Strategies that cannot date remote writes pass `newerWins: false` to refuse `"newer-wins"`.
 *
 * @example
 * assertConflictPolicy("objectStrategy", options.conflictPolicy ?? "newer-wins");
 */
export function assertConflictPolicy(
  strategy: string,
  policy: unknown,
  { newerWins = true }: { newerWins?: boolean } = {},
): asserts policy is ConflictPolicy {
  if (policy === "client-wins" || typeof policy === "function" || (newerWins && policy === "newer-wins"))
    return;
  const allowed = newerWins ? `"newer-wins", "client-wins"` : `"client-wins"`;
  const why =
    policy === "newer-wins"
      ? " (it keeps no stamps on the synced objects, so remote writes cannot be dated)"
      : "";
  throw new RecoveryError(
    "INVALID_OPTIONS",
    "configure",
    `${strategy}: conflictPolicy must be ${allowed} or a resolver function, got ${JSON.stringify(policy) ?? String(policy)}${why}`,
  );
}
