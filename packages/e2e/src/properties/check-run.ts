import { primaryKeyString } from "@realm-recovery/core";
import { DEFAULT_STAMP_MODEL } from "@realm-recovery/strategy-changelog";
import type { PlainObjects } from "@realm-recovery/testing";
import { isDeepStrictEqual } from "node:util";
import { changelogOracle } from "./changelog-oracle.js";
import { fieldOracle } from "./field-oracle.js";
import { objectOracle } from "./object-oracle.js";
import {
  type OracleInput,
  type OracleResult,
  type Plain,
  oracleInput,
  unsyncedLocal,
  violations,
} from "./oracle-support.js";
import { overwriteOracle } from "./overwrite-oracle.js";
import type { ScheduleRun } from "./run-schedule.js";

/** The strategies the properties cover, each with its oracle. */
export const ORACLES: Record<string, (input: OracleInput) => OracleResult> = {
  object: objectOracle,
  field: fieldOracle,
  overwrite: overwriteOracle,
  changelog: changelogOracle,
  // The change log under newer-wins: the field rules, its stamps in its synced stamp model.
  "changelog-newer": (input) =>
    fieldOracle(input, { stampsOf: stampModelReader(input.reset.recovered, DEFAULT_STAMP_MODEL) }),
};

/** Reads an object's field stamps from the change log's stamp model among `objects`. */
function stampModelReader(objects: PlainObjects, model: string) {
  const byId = new Map((objects[model] ?? []).map((holder) => [holder._id, holder.stamps]));
  return (type: string, object: Plain) => byId.get(`${type}:${primaryKeyString(object._id)}`);
}

/** The outcome of judging one run. */
export interface RunVerdict {
  /** Every broken rule, as readable lines (empty: the run passed). */
  readonly violations: string[];
  /** Objects the oracle could not judge, by reason. */
  readonly unjudged: Record<string, number>;
  /** Number of objects judged. */
  readonly judged: number;
  /** Objects that an unsynced local write and a later remote write both changed (the hard cases). */
  readonly conflicts: number;
}

/**
 * Judges a run of `strategy`: the recovery finished; LastSynced never covered an unsynced write
 * (DESIGN §5); the server after recovery matches the strategy's oracle; the reset client equals the
 * server after its recovery upload; and every client equals the server once everything synced.
 *
 * @example
 * expect(checkRun("field", await runSchedule(schedule, plugins)).violations).toEqual([]);
 */
export function checkRun(strategy: string, run: ScheduleRun): RunVerdict {
  const { reset } = run;
  const out: string[] = [];
  if (reset.failure) out.push(`${reset.client}: ${reset.failure}`);
  const since = reset.lastSyncedAt;
  for (const write of run.writes) {
    if (write.client !== reset.client || !write.beforeReset || write.synced || since === null) continue;
    if (write.stamp <= since)
      out.push(
        `LastSynced ${since} covers write ${write.index} (stamp ${write.stamp}) that never reached the server`,
      );
  }
  const oracle = ORACLES[strategy];
  if (!oracle) throw new Error(`No oracle for strategy "${strategy}"`);
  const input = oracleInput(run);
  const result = oracle(input);
  // A conflict: another device wrote an object, and its write reached the server, after the reset
  // device's first unsynced write of it (so that device never saw it).
  const conflicts = input.objects.filter((view) => {
    const first = view.localWrites.find((w) => unsyncedLocal(w, reset));
    return (
      first !== undefined &&
      run.writes.some(
        (w) =>
          w.client !== reset.client &&
          w.beforeReset &&
          w.synced &&
          w.index > first.index &&
          w.type === view.type &&
          w.id === view.id,
      )
    );
  }).length;
  if (!reset.failure) out.push(...violations(result, reset.recovered));
  if (!isDeepStrictEqual(reset.recoveredClient, reset.recovered))
    out.push(
      `${reset.client} differs from the server after its recovery: ${JSON.stringify(reset.recoveredClient)} vs ${JSON.stringify(reset.recovered)}`,
    );
  for (const [name, objects] of Object.entries(run.final.clients))
    if (!isDeepStrictEqual(objects, run.final.server))
      out.push(
        `${name} did not converge: ${JSON.stringify(objects)} vs server ${JSON.stringify(run.final.server)}`,
      );
  if (out.length > 0) out.unshift(`(reset client ${reset.client}, LastSynced ${String(since)})`);
  return { violations: out, unjudged: result.unjudged, judged: result.expectations.length, conflicts };
}
