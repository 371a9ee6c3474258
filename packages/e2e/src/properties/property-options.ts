import type { Parameters } from "fast-check";

/** How many schedules to run, with which seed, for which strategy/tracker pairs. */
export interface PropertyOptions {
  /** Schedules per strategy/tracker pair. */
  readonly runs: number;
  readonly seed: number;
  /** Whether the pair `strategy/tracker` runs. */
  includes(combo: string): boolean;
  /** Parameters for `fc.assert` of the pair number `index` (each pair gets its own seed: `seed + index`). */
  fastCheck(index: number): Parameters<unknown>;
  /** Vitest timeout of one pair. */
  readonly timeoutMs: number;
}

/**
 * Reads the property run's settings from the environment: `PROPS_RUNS` schedules per
 * strategy/tracker pair (default 25: 250 in all, for the normal suite), `PROPS_SEED`
 * (default: random, always printed), `PROPS_PATH` (fast-check's path of a printed counterexample:
 * replays it directly) and `PROPS_ONLY` (comma-separated pairs such as `field/listener`).
 *
 * @example
 * PROPS_SEED=123 PROPS_PATH="4:1:0" PROPS_ONLY=field/listener npm run test:props
 */
export function propertyOptions(env: Record<string, string | undefined>): PropertyOptions {
  const runs = positiveInteger(env.PROPS_RUNS, 25, "PROPS_RUNS");
  const seed = env.PROPS_SEED ? Number(env.PROPS_SEED) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  if (!Number.isInteger(seed)) throw new Error(`PROPS_SEED must be an integer, got ${env.PROPS_SEED}`);
  const only =
    env.PROPS_ONLY?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  return {
    runs,
    seed,
    includes: (combo) => only.length === 0 || only.includes(combo),
    fastCheck: (index) => ({
      numRuns: runs,
      seed: seed + index,
      ...(env.PROPS_PATH ? { path: env.PROPS_PATH } : {}),
    }),
    timeoutMs: 120_000 + runs * 1_000,
  };
}

function positiveInteger(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}
