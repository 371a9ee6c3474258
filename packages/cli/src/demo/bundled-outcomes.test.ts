import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenario } from "@realm-recovery/testing";
import { afterAll, describe, expect, it } from "vitest";
import { resolvePlugins } from "../commands/resolve-plugins.js";
import { BUNDLED_SCENARIOS } from "./bundled-scenarios.js";
import { type OutcomeScore, scoreOutcome } from "./score-outcome.js";

type Expected = Record<string, [recovered: number, atRisk: number, clobbered: number, lost: number]>;

// Written from DESIGN §5, scenario by scenario (not copied from a run):
// - object: the newer whole object wins; field: each newer field wins; overwrite: the backup wins
//   everywhere and recovers no deletes; changelog: logged fields are replayed over remote values.
// - clock-skew: a's earlier write carries the later stamp, so every stamped strategy lets it
//   overwrite b's newer write (the price of a skewed wall clock), and overwrite does too.
const EXPECTED: Record<string, Expected> = {
  "seed-dog": { object: [0, 1, 0, 1], field: [1, 1, 0, 0], overwrite: [1, 1, 1, 0], changelog: [1, 1, 0, 0] },
  "concurrent-fields": {
    object: [1, 1, 1, 0],
    field: [1, 1, 0, 0],
    overwrite: [1, 1, 1, 0],
    changelog: [1, 1, 0, 0],
  },
  "local-delete": {
    object: [1, 1, 0, 0],
    field: [1, 1, 0, 0],
    overwrite: [0, 1, 0, 1],
    changelog: [1, 1, 0, 0],
  },
  "remote-create": {
    object: [1, 1, 0, 0],
    field: [1, 1, 0, 0],
    overwrite: [1, 1, 0, 0],
    changelog: [1, 1, 0, 0],
  },
  // b's later age wins under newer-wins; client-wins (the change log) and overwrite clobber it.
  "same-field": {
    object: [0, 0, 0, 0],
    field: [0, 0, 0, 0],
    overwrite: [0, 0, 1, 0],
    changelog: [0, 0, 1, 0],
  },
  // newer-wins cannot date b's delete, so it re-creates the dog (clobbering the delete);
  // the change log's client-wins lets the server delete beat a's update.
  "remote-delete": {
    object: [0, 0, 1, 0],
    field: [0, 0, 1, 0],
    overwrite: [0, 0, 1, 0],
    changelog: [0, 0, 0, 0],
  },
  "write-during-upload": {
    object: [1, 1, 0, 0],
    field: [1, 1, 0, 0],
    overwrite: [1, 1, 0, 0],
    changelog: [1, 1, 0, 0],
  },
  "clock-skew": {
    object: [0, 0, 1, 0],
    field: [0, 0, 1, 0],
    overwrite: [0, 0, 1, 0],
    changelog: [0, 0, 1, 0],
  },
  "never-synced": {
    object: [4, 4, 0, 0],
    field: [4, 4, 0, 0],
    overwrite: [4, 4, 0, 0],
    changelog: [4, 4, 0, 0],
  },
};

const dir = mkdtempSync(join(tmpdir(), "bundled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

describe.each(BUNDLED_SCENARIOS.map((b) => [b.id, b] as const))(
  "bundled scenario %s with the listener tracker",
  (id, bundled) => {
    it.each(Object.entries(EXPECTED[id]!))(
      "scores as the rules say under the %s strategy",
      async (strategy, [recovered, atRisk, clobbered, lost]) => {
        const result = await runScenario(
          { ...bundled.scenario, strategy, tracker: "listener" },
          resolvePlugins(strategy, "listener"),
          {
            baseDir: join(dir, String(++runs)),
          },
        );
        const score: OutcomeScore = scoreOutcome(result, { Dog: "_id" });
        expect(score).toEqual({ recovered, atRisk, clobbered, lost });
      },
    );
  },
);
