import {
  type ClientResetStrategy,
  type ConflictResolver,
  type RealmLike,
  type RecoveryPlan,
  type RecoveryReport,
  SKIP,
  plainEqual,
  plainRecord,
} from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import fc from "fast-check";
import { tap } from "rxjs";
import { describe, expect, it } from "vitest";
import { type Device, Scenario } from "./scenario-harness.js";

// DESIGN §9: "Running the plan afterwards gives exactly the previewed result." On random schedules,
// a wrapper previews each recovery and then runs it on the same context: the report's records must
// equal the plan's, and the fresh realm must hold every previewed resolved value afterwards.

const RUNS = Number(process.env.PREVIEW_RUNS ?? 30);

/** One random thing a device does. */
type Intent =
  | {
      readonly kind: "write";
      readonly device: 0 | 1;
      readonly id: string;
      readonly field: "name" | "age";
      readonly value: number;
    }
  | { readonly kind: "delete"; readonly device: 0 | 1; readonly id: string }
  | { readonly kind: "sync"; readonly device: 0 | 1 }
  | { readonly kind: "toggle-b" }
  | { readonly kind: "advance"; readonly ms: number };

const intent: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      device: fc.constantFrom(0 as const, 1 as const),
      id: fc.constantFrom("1", "2", "3"),
      field: fc.constantFrom("name" as const, "age" as const),
      value: fc.integer({ min: 0, max: 9 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("delete" as const),
      device: fc.constantFrom(0 as const, 1 as const),
      id: fc.constantFrom("1", "2", "3"),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("sync" as const),
      device: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "toggle-b" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 1, max: 50 }) }),
  },
);

/** A plan and what recovery then reported and left in the fresh realm. */
interface Observed {
  readonly plan: RecoveryPlan;
  readonly report: RecoveryReport;
  readonly fresh: RealmLike;
}

/** Previews, then recovers with the same context, checking the outcome while the fresh realm is open. */
function previewThenRecover(
  inner: ClientResetStrategy,
  check: (observed: Observed) => void,
): ClientResetStrategy {
  return {
    name: inner.name,
    recorder: inner.recorder,
    schema: (objectSchema) => inner.schema(objectSchema),
    recover: (context) => {
      const plan = inner.preview!(context);
      return inner
        .recover(context)
        .pipe(
          tap(
            (event) =>
              event.type === "recovered" && check({ plan, report: event.report, fresh: context.fresh }),
          ),
        );
    },
  };
}

/** Every previewed record holds in the fresh realm after recovery. */
function assertPlanApplied({ plan, report, fresh }: Observed): void {
  expect(report.records).toEqual(plan.records);
  expect(report.counts).toEqual(plan.counts);
  for (const record of plan.records) {
    const object = fresh.objectForPrimaryKey(record.objectType, record.primaryKey);
    const where = `${record.action} ${record.objectType} ${String(record.primaryKey)} ${record.property ?? "*"} (${record.rule})`;
    if (record.action === "delete") {
      expect(object, where).toBeNull();
      continue;
    }
    if (record.resolved === undefined) {
      // A skipped object the server does not have stays absent.
      expect(object, where).toBeNull();
      continue;
    }
    expect(object, where).not.toBeNull();
    const actual =
      record.property === undefined
        ? plainRecord(object!)
        : { [record.property]: plainRecord(object!)[record.property] };
    const expected =
      record.property === undefined
        ? (record.resolved as Record<string, unknown>)
        : { [record.property]: record.resolved };
    for (const [name, value] of Object.entries(expected)) {
      expect(
        plainEqual(actual[name], value),
        `${where}: ${name} = ${String(actual[name])}, previewed ${String(value)}`,
      ).toBe(true);
    }
  }
}

const keepLarger: ConflictResolver = (local, remote, meta) =>
  meta.kind !== "update"
    ? SKIP
    : typeof local === "number" && typeof remote === "number"
      ? Math.max(local, remote)
      : local;

const strategies: [string, () => ClientResetStrategy][] = [
  ["object newer-wins", () => objectStrategy({ batchSize: 2 })],
  ["object client-wins", () => objectStrategy({ batchSize: 2, conflictPolicy: "client-wins" })],
  ["field newer-wins", () => fieldStrategy({ batchSize: 2 })],
  ["field resolver", () => fieldStrategy({ batchSize: 2, conflictPolicy: keepLarger })],
  ["changelog client-wins", () => changelogStrategy({ batchSize: 2 })],
  ["overwrite", () => overwriteStrategy({ batchSize: 2 })],
];

/** Recoveries checked and records they previewed. */
interface Checked {
  recoveries: number;
  records: number;
}

async function runSchedule(makeStrategy: () => ClientResetStrategy, intents: Intent[], checked: Checked) {
  const scenario = new Scenario();
  try {
    const strategyA = previewThenRecover(makeStrategy(), (observed) => {
      assertPlanApplied(observed);
      checked.recoveries++;
      checked.records += observed.plan.records.length;
    });
    const devices: Device[] = [
      await scenario.device("a", strategyA, listenerTracker()),
      await scenario.device("b", makeStrategy(), listenerTracker()),
    ];
    devices[0]!.client.goOffline();
    for (const step of intents) {
      scenario.sim.advanceClock(step.kind === "advance" ? step.ms : 1);
      if (step.kind === "toggle-b") {
        const b = devices[1]!.client;
        if (b.isOnline) b.goOffline();
        else b.goOnline();
      } else if (step.kind === "sync") {
        const device = devices[step.device]!;
        if (device.client.isOnline) await device.client.sync();
      } else if (step.kind !== "advance") {
        const device = devices[step.device]!;
        const exists = device.realm.objectForPrimaryKey("Dog", step.id) !== null;
        device.recovery.write(device.realm, (tx) => {
          if (step.kind === "delete") {
            if (exists) tx.delete("Dog", step.id);
          } else if (!exists) {
            tx.create("Dog", { _id: step.id, name: `n${step.value}`, age: step.value });
          } else {
            tx.update(
              "Dog",
              step.id,
              step.field === "age" ? { age: step.value } : { name: `n${step.value}` },
            );
          }
        });
      }
      await scenario.settle();
    }
    devices[1]!.client.goOnline();
    await devices[1]!.client.sync();
    scenario.sim.advanceClock(1);
    scenario.sim.clientReset("a");
    devices[0]!.client.goOnline();
    const last = await scenario.recovered(devices[0]!);
    if (last.type === "failed") throw last.error;
  } finally {
    await scenario.dispose();
  }
}

describe("preview: applying the recovery yields exactly the previewed records", () => {
  it.each(strategies)(
    "%s, on random schedules",
    async (_name, makeStrategy) => {
      const checked: Checked = { recoveries: 0, records: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(intent, { minLength: 1, maxLength: 14 }), async (intents) => {
          await runSchedule(makeStrategy, intents, checked);
        }),
        { numRuns: RUNS },
      );
      // Every schedule ended in one checked recovery, and the plans were not trivially empty.
      expect(checked.recoveries).toBe(RUNS);
      expect(checked.records).toBeGreaterThan(RUNS / 4);
    },
    120_000,
  );
});
