import type { ClientResetStrategy, SyncTracker } from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { progressTracker } from "@realm-recovery/tracker-progress";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkRun } from "./check-run.js";
import { propertyOptions } from "./property-options.js";
import { runSchedule } from "./run-schedule.js";
import { scheduleArbitrary } from "./schedule-arbitrary.js";

const strategies: Record<string, () => ClientResetStrategy> = {
  object: () => objectStrategy(),
  field: () => fieldStrategy(),
  overwrite: () => overwriteStrategy(),
  changelog: () => changelogStrategy(),
  "changelog-newer": () => changelogStrategy({ conflictPolicy: "newer-wins" }),
};
const trackers: Record<string, () => SyncTracker> = {
  listener: () => listenerTracker(),
  progress: () => progressTracker(),
};

const options = propertyOptions(process.env);
interface Count {
  schedules: number;
  judged: number;
  conflicts: number;
  unjudged: Record<string, number>;
}
const counts: Record<string, Count> = {};
const started = Date.now();

afterAll(() => {
  const total = Object.values(counts).reduce((sum, c) => sum + c.schedules, 0);
  const lines = Object.entries(counts).map(
    ([combo, c]) =>
      `  ${combo.padEnd(20)} ${String(c.schedules).padStart(6)} schedules, ${c.judged} objects judged, ${c.conflicts} with a conflict` +
      (Object.keys(c.unjudged).length > 0 ? `, unjudged: ${JSON.stringify(c.unjudged)}` : ""),
  );
  console.log(
    `client-reset properties: ${total} schedules in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${options.seed}` +
      ` (pair number i of the list below uses seed + i; rerun: PROPS_SEED=${options.seed} PROPS_RUNS=${options.runs} npm run test:props)\n${lines.join("\n")}`,
  );
});

const combos = Object.keys(strategies).flatMap((strategy) =>
  Object.keys(trackers).map((tracker) => `${strategy}/${tracker}`),
);

describe.each(Object.keys(strategies))("client-reset properties of the %s strategy", (strategy) => {
  it.each(Object.keys(trackers))(
    `hold for random schedules with the %s tracker (${options.runs} schedules)`,
    async (tracker) => {
      const combo = `${strategy}/${tracker}`;
      if (!options.includes(combo)) return;
      const count: Count = (counts[combo] = { schedules: 0, judged: 0, conflicts: 0, unjudged: {} });
      const plugins = { strategy: strategies[strategy]!, tracker: trackers[tracker]! };
      await fc.assert(
        fc.asyncProperty(scheduleArbitrary(), async (schedule) => {
          const verdict = checkRun(strategy, await runSchedule(schedule, plugins));
          count.schedules++;
          count.judged += verdict.judged;
          count.conflicts += verdict.conflicts;
          for (const [reason, n] of Object.entries(verdict.unjudged))
            count.unjudged[reason] = (count.unjudged[reason] ?? 0) + n;
          if (verdict.violations.length > 0)
            throw new Error(
              `${combo} broke its rules:\n  ${verdict.violations.join("\n  ")}\n` +
                `(replay: PROPS_SEED=${options.seed} PROPS_ONLY=${combo} PROPS_PATH=<path printed above> npm run test:props)`,
            );
        }),
        options.fastCheck(combos.indexOf(combo)),
      );
      expect(count.schedules).toBeGreaterThanOrEqual(options.runs);
    },
    options.timeoutMs,
  );
});
