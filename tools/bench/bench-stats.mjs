// Clocks and summary statistics of the recovery benchmark.
import { performance } from "node:perf_hooks";

/**
 * A stopwatch of this process's CPU time (user + system) and of the wall clock; both ratios are
 * reported. CPU time does not count the time other processes held the cores (a shared machine's
 * load), but does count V8's background collector threads; the wall clock is the run's duration.
 */
export function stopwatch() {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
  };
}

/** The least of `samples`. */
export const minimum = (samples) => Math.min(...samples);
/** Mean of `samples`. */
export const mean = (samples) => samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
/** The median of `samples` (the upper middle one of an even count: see {@link quantile}). */
export const median = (samples) => quantile(samples, 0.5);
/** The `q`-quantile of `samples` (0: the least, 1: the greatest), the nearest sample below. */
export const quantile = (samples, q) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(q * samples.length))];
/** Runs `a` then `b` in even rounds and `b` then `a` in odd ones, so neither side always goes first. */
export const inTurn = (round, a, b) => {
  if (round % 2 === 0) {
    a();
    b();
  } else {
    b();
    a();
  }
};
