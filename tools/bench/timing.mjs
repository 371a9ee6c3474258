// Recovery time against the hand copy (DESIGN §7) within one process: pairs of alternated copies
// and recoveries, each run on realms of its own, and the peak heap of one run.
import { setTimeout as sleep } from "node:timers/promises";
import { GCProfiler } from "node:v8";
import { repeat, sizes, strategies, values } from "./bench-options.mjs";
import { handCopy, nextRun, recover, setup, teardown } from "./bench-realms.mjs";
import { stopwatch } from "./bench-stats.mjs";
import { fillYoungGeneration, gc, heap, settle } from "./heap.mjs";

/**
 * Copy/recovery pairs per size: --repeat; at most three at a million objects, where a run takes
 * seconds but one major collection more or less (marking a heap of two million-object realms) moved
 * a single pair's ratio by a third.
 */
const runsFor = (size) => (size >= 1_000_000 ? Math.min(repeat, 3) : repeat);
/**
 * Runs per side of a pair: some 200 ms of copies. A single 10k run takes milliseconds, and whether a
 * collection fell into it moved its time by half or more.
 */
export const batchFor = (size) => Math.max(1, Math.round(200_000 / size));

/**
 * Times one run of the hand copy (`kind` "copy") or the strategy's recovery ("recover") on realms of
 * its own, set up right before it after a full collection and closed right after it (both
 * untimed). For a million objects and more; smaller sizes set up a whole pair at once (see
 * {@link timePair}).
 */
async function timeRun(kind, name, size) {
  const env = await setup(name, strategies[name](), size, nextRun());
  gc();
  const time = await timedRun(kind, name, env);
  teardown(env);
  return time;
}

/**
 * One pair: `batchFor(size)` copies and as many recoveries, alternated run by run, each on realms of
 * its own; returns both sides' mean times and how many major collections fell into their timed runs.
 *
 * Below a million objects, the realms of the whole pair (and of `warmupsFor(size)` untimed runs per
 * side before it) are set up first, then one full collection clears the setup's garbage. Setting
 * up each run's realms right before it, as before, left the dead realms of earlier runs to V8's own
 * major collections, which then fell into timed runs: at 10k objects (setups of 12 MB a run) one
 * every six to eight runs, and with an even period nearly always into runs of one kind. With the
 * field strategy 31 of 120 copies and none of 120 recoveries took one (those copies took 10 to 45
 * ms, median 26, against a median of 8 for the other copies), so the row read 0.9×; a change
 * elsewhere in the emulator moved the phase, 39 recoveries and one copy took one, and it read 1.9×.
 * Now no major collection falls into a timed run (the count is printed with the spread). The full
 * collection before a pair throws away code optimised for the previous pair's realms ("weak
 * objects" deoptimisations): the untimed runs re-optimise it (at 10k, the first run after it took
 * 5.6 times as long as the runs after the sixth, the sixth 1.2 times).
 *
 * A million objects and more: each run alone, set up right before it after a full collection
 * ({@link timeRun}). Re-optimising costs milliseconds against a run of a second, while a major
 * collection of earlier runs' dead realms inside a run moved single pairs' ratios from 0.7 to 2.8;
 * and the realms of a whole pair alive at once would take gigabytes.
 */
async function timePair(name, size) {
  const count = batchFor(size);
  const copy = { ms: 0, wallMs: 0 };
  const result = { ms: 0, wallMs: 0 };
  const majors = { copy: 0, recover: 0 };
  const scavenges = { copy: 0, recover: 0 };
  const tally = (kind, time) => {
    addTime(kind === "copy" ? copy : result, time, count);
    majors[kind] += time.majors;
    scavenges[kind] += time.scavenges / count;
  };
  if (size >= 1_000_000) {
    for (let i = 0; i < count; i++) for (const kind of SIDES) tally(kind, await timeRun(kind, name, size));
    return { copy, result, majors, scavenges };
  }
  const warmups = warmupsFor(size);
  const envs = [];
  for (let i = 0; i < warmups + count; i++) {
    envs.push({
      copy: await setup(name, strategies[name](), size, nextRun()),
      recover: await setup(name, strategies[name](), size, nextRun()),
    });
  }
  gc();
  // Lets the collector's threads finish sweeping, which would otherwise be counted in the CPU time
  // of the first runs.
  await sleep(50);
  for (let i = 0; i < envs.length; i++) {
    // Both runs of a step start with the same part of the young generation taken (see
    // fillYoungGeneration); over a pair's runs the parts are spread evenly from empty to full.
    const taken = i < warmups ? 0 : (i - warmups + 0.5) / count;
    // Which side runs first alternates step by step, so neither always follows the other. Measured
    // at 10k with both orders: object 1.41–1.43× either way, field 1.50× and 1.52×, changelog 1.32×
    // and 1.32×, so a run's position does not move the ratio; the order stays balanced regardless.
    const order = i % 2 === 0 ? SIDES : SIDES_REVERSED;
    for (const kind of order) {
      settle();
      fillYoungGeneration(taken);
      const time = await timedRun(kind, name, envs[i][kind]);
      if (i >= warmups) tally(kind, time);
    }
  }
  for (const env of envs) {
    teardown(env.copy);
    teardown(env.recover);
  }
  return { copy, result, majors, scavenges };
}

/** The two sides of a pair, in the order a step runs them (see {@link timePair}). */
const SIDES = ["copy", "recover"];
const SIDES_REVERSED = ["recover", "copy"];

/** Untimed runs per side before a pair's timed ones (see {@link timePair}). */
const warmupsFor = (size) => (size <= 10_000 ? 6 : 2);

/**
 * The CPU and wall time of one run of `kind` on `env`, and how many major collections (or steps
 * of incremental marking) fell into it.
 */
async function timedRun(kind, name, env) {
  const collections = new GCProfiler();
  collections.start();
  const stop = stopwatch();
  await runOnce(kind, name, env, () => undefined);
  const time = stop();
  const { statistics } = collections.stop();
  const count = (...types) => statistics.filter(({ gcType }) => types.includes(gcType)).length;
  return { ...time, majors: count("MarkSweepCompact", "IncrementalMarking"), scavenges: count("Scavenge") };
}

/** One hand copy (`kind` "copy") or recovery ("recover") of `env`; `sample` runs after each recovery event. */
async function runOnce(kind, name, env, sample) {
  if (kind === "copy") handCopy(name, env);
  else await recover(strategies[name](), env, sample);
}

/** Adds a run's `time` to `total` as a mean over `count` runs. */
function addTime(total, time, count) {
  total.ms += time.ms / count;
  total.wallMs += time.wallMs / count;
}

/**
 * Peak heap growth of one run (sampled after every recovery event), from a collected heap. Untimed:
 * the collection it needs slows the runs after it (see {@link timePair}).
 */
export async function measurePeak(kind, name, size, step = 10) {
  const env = await setup(name, strategies[name](), size, nextRun(), step);
  gc();
  const before = heap();
  let peak = before;
  const sample = () => (peak = Math.max(peak, heap()));
  await runOnce(kind, name, env, sample);
  sample();
  teardown(env);
  return (peak - before) / 1e6;
}

/**
 * The timing samples of `names` (one strategy each, in a child process of its own; see `--child`):
 * after a warm-up, the hand copy and the recovery alternated in pairs (see {@link timePair}), and
 * (unless `--skip-peaks`) the peak heap of one recovery and one copy per size.
 */
export async function timingSamples(names) {
  const samples = [];
  for (const name of names) await timePair(name, 2000);
  for (const size of sizes) {
    const pairs = Object.fromEntries(names.map((name) => [name, []]));
    // At a million objects, one pair more than counted: the first pair there, without untimed runs
    // of its own, was an outlier (ratios of 1.6 to 2.3 next to 1.1 to 1.5), paying for growing the
    // heap to realms of the new size and for code meeting them for the first time.
    for (let r = size >= 1_000_000 ? -1 : 0; r < runsFor(size); r++) {
      for (const name of names) {
        const pair = await timePair(name, size);
        if (r >= 0) pairs[name].push(pair);
      }
    }
    for (const name of names) {
      const peaks = values["skip-peaks"]
        ? {}
        : {
            peakMb: await measurePeak("recover", name, size),
            baselinePeakMb: await measurePeak("copy", name, size),
          };
      samples.push({ size, strategy: name, pairs: pairs[name], ...peaks });
    }
  }
  return samples;
}
