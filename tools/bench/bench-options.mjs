// The recovery benchmark's command line (see recovery-bench.mjs), read once for every module of it:
// the parent and its child processes (`--child`, `--stamping-child`) run the same script.
import { parseArgs } from "node:util";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";

/** The options as given (strings), and the parsed ones below. */
export const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,1000000" },
    repeat: { type: "string", default: "5" },
    changes: { type: "string", default: "1000" },
    strategies: { type: "string", default: "object,field,overwrite,changelog" },
    // The report's record limit (`reportRecordLimit`); the engine's default unless given.
    records: { type: "string" },
    // Which measurements to run (all by default): timing, memory, stamping.
    parts: { type: "string", default: "timing,memory,stamping" },
    // Internal: time the given strategies and print their samples as JSON (see timing-rows.mjs).
    child: { type: "boolean", default: false },
    // Internal, with --child: leave out the peak-heap runs (a further process of the same sizes).
    "skip-peaks": { type: "boolean", default: false },
    // Internal: measure stamping in this many rounds and print the samples as JSON (see stamping.mjs).
    "stamping-child": { type: "string" },
  },
});
export const sizes = values.sizes.split(",").map(Number);
export const repeat = Number(values.repeat);
export const fixedChanges = Number(values.changes);
export const parts = new Set(values.parts.split(","));

/** The strategies chosen (`--strategies`), by name: a factory each. */
export const strategies = Object.fromEntries(
  Object.entries({
    object: objectStrategy,
    field: fieldStrategy,
    overwrite: overwriteStrategy,
    changelog: changelogStrategy,
  }).filter(([name]) => values.strategies.split(",").includes(name)),
);
