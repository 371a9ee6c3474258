import type { PlainObjects } from "@realm-recovery/testing";
import type { ResetObservation, ScheduleRun, WriteRecord } from "./run-schedule.js";
import { dataFields } from "./schedule.js";

/**
 * Whether an unsynced local delete of a device whose LastSynced is still null must be recovered.
 * It must: a tombstone is an explicit local delete, and a device can sync without ever recording
 * LastSynced (e.g. the progress tracker records nothing on a device that only downloads). The
 * engine applies every tombstone when LastSynced is null; set this to false only to study the old
 * behaviour (the oracles then accept both outcomes).
 */
export const NEVER_SYNCED_DELETES_RECOVERED = true;

/** A plain object as the simulator prints it. */
export type Plain = Record<string, unknown>;

/** What an object may look like after recovery: absent (null), or the allowed values of each data field. */
export type Shape = null | Readonly<Record<string, readonly unknown[]>>;

/** The outcomes a strategy's rules allow for one object, and why. */
export interface Expectation {
  readonly type: string;
  readonly id: string;
  readonly allowed: readonly Shape[];
  readonly why: string;
}

/** One object as the oracles see it around the reset. */
export interface ObjectView {
  readonly type: string;
  readonly id: string;
  /** The server's copy at the reset (what the fresh realm downloads). */
  readonly fresh: Plain | undefined;
  /** The reset client's copy at the reset (the backup). */
  readonly backup: Plain | undefined;
  /** The reset client's writes of this object before the reset, oldest first. */
  readonly localWrites: readonly WriteRecord[];
}

/** What an oracle gets: the run, and a way to find the write that produced a value. */
export interface OracleInput {
  readonly run: ScheduleRun;
  readonly reset: ResetObservation;
  readonly objects: readonly ObjectView[];
  /** The write whose unique value `value` is. */
  writeOf(value: unknown): WriteRecord | undefined;
}

/** What an oracle decided: the expectations, and the objects it could not judge and why. */
export class OracleResult {
  readonly expectations: Expectation[] = [];
  /** Objects left unjudged, counted by reason. */
  readonly unjudged: Record<string, number> = {};
  /** Keys (`type/id`) of the objects left unjudged. */
  readonly unjudgedKeys = new Set<string>();
  /** Rules broken outside the expected shapes (e.g. stamps out of step with values), as lines. */
  readonly broken: string[] = [];

  /** Expects one of `allowed` for `view`'s object. */
  expect(view: { type: string; id: string }, why: string, ...allowed: Shape[]): void {
    this.expectations.push({ type: view.type, id: view.id, allowed, why });
  }

  /** Leaves `view`'s object unjudged for `reason`. */
  skip(view: { type: string; id: string }, reason: string): void {
    this.unjudged[reason] = (this.unjudged[reason] ?? 0) + 1;
    this.unjudgedKeys.add(`${view.type}/${view.id}`);
  }
}

/** Builds the {@link OracleInput} of a run. */
export function oracleInput(run: ScheduleRun): OracleInput {
  const { reset } = run;
  const byIndex = new Map(run.writes.map((w) => [w.index, w]));
  const writeOf = (value: unknown): WriteRecord | undefined => {
    if (typeof value === "number") return byIndex.get(value);
    if (typeof value === "string" && /^w\d+$/.test(value)) return byIndex.get(Number(value.slice(1)));
    return undefined;
  };
  const keys = new Map<string, { type: string; id: string }>();
  for (const objects of [reset.fresh, reset.backup])
    for (const [type, list] of Object.entries(objects))
      if (isAppType(type))
        for (const object of list)
          keys.set(`${type}/${String(object._id)}`, { type, id: String(object._id) });
  for (const w of run.writes)
    if (w.client === reset.client && w.beforeReset) keys.set(`${w.type}/${w.id}`, w);
  const objects = [...keys.values()].map(({ type, id }) => ({
    type,
    id,
    fresh: find(reset.fresh, type, id),
    backup: find(reset.backup, type, id),
    localWrites: run.writes.filter(
      (w) => w.client === reset.client && w.beforeReset && w.type === type && w.id === id,
    ),
  }));
  return { run, reset, objects, writeOf };
}

/** The object `type`/`id` in `objects`, if there. */
export function find(objects: PlainObjects, type: string, id: string): Plain | undefined {
  return objects[type]?.find((o) => o._id === id);
}

/** Whether `type` is one of the schedules' app types (not a strategy's own model, such as a stamp table). */
export function isAppType(type: string): boolean {
  return dataFields(type).length > 0;
}

/** Whether `write` is one of the reset client's writes that had not reached the server at the reset. */
export function unsyncedLocal(write: WriteRecord | undefined, reset: ResetObservation): boolean {
  return write !== undefined && write.client === reset.client && write.beforeReset && !write.synced;
}

/** Exactly `object`'s data values. */
export function exactly(type: string, object: Plain): Shape {
  return Object.fromEntries(dataFields(type).map((f) => [f, [object[f]]]));
}

/** The reset client's latest write of an object if it is a delete (a tombstone the backup still reflects). */
export function latestDelete(view: ObjectView): WriteRecord | undefined {
  const last = view.localWrites.at(-1);
  return last?.op === "delete" ? last : undefined;
}

/** Checks the server's objects after recovery against the expectations; returns the violations. */
export function violations(result: OracleResult, recovered: PlainObjects): string[] {
  const out: string[] = [...result.broken];
  const judged = new Set(result.expectations.map((e) => `${e.type}/${e.id}`));
  for (const expectation of result.expectations) {
    const actual = find(recovered, expectation.type, expectation.id);
    const fits = expectation.allowed.some((shape) =>
      shape === null
        ? actual === undefined
        : actual !== undefined && Object.entries(shape).every(([f, values]) => values.includes(actual[f])),
    );
    if (!fits)
      out.push(
        `${expectation.type} ${expectation.id}: ${expectation.why}; expected ${describeShapes(expectation.allowed)}, got ${actual === undefined ? "absent" : JSON.stringify(dataOf(expectation.type, actual))}`,
      );
  }
  for (const [type, list] of Object.entries(recovered))
    if (isAppType(type))
      for (const object of list)
        if (
          !judged.has(`${type}/${String(object._id)}`) &&
          !result.unjudgedKeys.has(`${type}/${String(object._id)}`)
        )
          out.push(`${type} ${String(object._id)}: appeared from nowhere ${JSON.stringify(object)}`);
  return out;
}

function dataOf(type: string, object: Plain): Plain {
  return Object.fromEntries(dataFields(type).map((f) => [f, object[f]]));
}

function describeShapes(shapes: readonly Shape[]): string {
  return shapes
    .map((s) =>
      s === null
        ? "absent"
        : `{${Object.entries(s)
            .map(([f, v]) => `${f}: ${v.map((x) => JSON.stringify(x)).join("|")}`)
            .join(", ")}}`,
    )
    .join(" or ");
}
