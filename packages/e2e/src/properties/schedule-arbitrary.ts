import fc from "fast-check";
import {
  OBJECT_IDS,
  type PropertyType,
  type Schedule,
  type ScheduleStep,
  dataFields,
  describeSchedule,
} from "./schedule.js";

const MAX_CLIENTS = 4;

const client = fc.nat({ max: MAX_CLIENTS - 1 });
// Mostly one type, so that devices keep meeting on the same objects.
const type = fc.constantFrom<PropertyType>("Dog", "Dog", "Dog", "Cat");

const write: fc.Arbitrary<ScheduleStep> = fc
  .record({
    op: fc.constantFrom("create", "update", "update", "update", "delete"),
    client: fc.nat({ max: MAX_CLIENTS }),
    type,
    id: fc.constantFrom(...OBJECT_IDS),
    pick: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  })
  .map(({ op, client, type, id, pick }) => {
    const all = dataFields(type);
    const chosen = all.filter((_, i) => pick[i]);
    const fields = op === "update" ? (chosen.length > 0 ? chosen : [all[0]!]) : [];
    return { op, client, type, id, fields };
  });

const step: fc.Arbitrary<ScheduleStep> = fc.oneof(
  { weight: 12, arbitrary: write },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom("offline", "online"), client }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("sync"), client }) },
  { weight: 2, arbitrary: fc.constant({ op: "syncAll" } as const) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom("holdUploads", "releaseUploads"), client }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("advanceClock"), ms: fc.integer({ min: 1, max: 3000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("skewClock"), client, ms: fc.integer({ min: -3000, max: 3000 }) }),
  },
) as fc.Arbitrary<ScheduleStep>;

/**
 * Random schedules (see {@link Schedule}): 2–4 clients with skews of up to ±3 s, some offline from
 * the start, up to `maxSteps`
 * steps over two ids of two types, and a client reset at a random point (mostly a few steps before
 * the end). Client numbers wrap around the client count, which keeps shrinking effective.
 * Counterexamples print as readable step lists.
 *
 * @example
 * fc.assert(fc.asyncProperty(scheduleArbitrary(), async (schedule) => ...));
 */
export function scheduleArbitrary(maxSteps = 30): fc.Arbitrary<Schedule> {
  return fc
    .record({
      clients: fc.integer({ min: 2, max: MAX_CLIENTS }),
      skews: fc.array(fc.integer({ min: -3000, max: 3000 }), {
        minLength: MAX_CLIENTS,
        maxLength: MAX_CLIENTS,
      }),
      startOffline: fc.array(
        fc.nat({ max: 3 }).map((n) => n === 0),
        { minLength: MAX_CLIENTS, maxLength: MAX_CLIENTS },
      ),
      steps: fc.array(step, { minLength: 1, maxLength: maxSteps, size: "max" }),
      resetBeforeEnd: fc.nat({ max: 6 }),
      resetClient: client,
      // The device to reset starts offline more often than not, so it has unsynced writes to lose.
      resetStartsOffline: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
    })
    .map(({ clients, skews, startOffline, steps, resetBeforeEnd, resetClient, resetStartsOffline }) => {
      const reset = resetClient % clients;
      // Client numbers wrap around; a write's MAX_CLIENTS stands for the device to reset, so that
      // device makes more of the writes (and so has unsynced ones).
      const wrap = (s: ScheduleStep): ScheduleStep =>
        "client" in s ? { ...s, client: s.client === MAX_CLIENTS ? reset : s.client % clients } : s;
      const schedule: Schedule = {
        clients,
        skews: skews.slice(0, clients),
        startOffline: startOffline
          .slice(0, clients)
          .map((offline, i) => (i === resetClient % clients ? resetStartsOffline : offline)),
        steps: steps.map(wrap),
        resetAt: Math.max(0, steps.length - resetBeforeEnd),
        resetClient: reset,
      };
      return Object.defineProperty(schedule, fc.toStringMethod, {
        value: () => `\n${describeSchedule(schedule)}\n`,
        enumerable: false,
      });
    });
}
