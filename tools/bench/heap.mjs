// The recovery benchmark's hold on V8's heap: collections before timed runs, the young generation
// a run starts with, and the heap in use for peak memory.
import { getHeapSpaceStatistics, getHeapStatistics } from "node:v8";

/** A full (or, with `{ type: "minor" }`, young-generation) collection; needs `node --expose-gc`. */
export const gc = globalThis.gc ?? (() => undefined);
/**
 * Heap in use, sampled after every recovery event. From V8 directly: `process.memoryUsage()` also
 * reads the resident set size from /proc (a fraction of a millisecond per call), which the
 * strategies, sampled once per batch, paid and the single-transaction copy did not.
 */
export const heap = () => getHeapStatistics().used_heap_size;

/**
 * Clears the young generation before a timed run (two scavenges: what earlier runs left moves to
 * the old generation or is gone), so the run does not pay for collecting what came before it.
 */
export function settle() {
  gc({ type: "minor" });
  gc({ type: "minor" });
}

/** Where {@link fillYoungGeneration} leaves its garbage (module scope, so V8 cannot elide it). */
const sink = { garbage: undefined };

/**
 * Takes the part `taken` (0 to 1) of the young generation's free space with garbage, after
 * {@link settle} emptied it, so a run starts as one at an arbitrary moment of an app's life would.
 * A run started on an empty young generation paid for a scavenge only if it allocated more than
 * the whole young generation (16 MiB here): at 10k, overwrite's recovery allocated 16.5 MB without
 * report records and 17.1 MB with them, and those 0.6 MB cost one scavenge of 3 ms (of the fresh
 * realm's newly written objects) in every recovery and in no copy (11.2 MB), which was most of the
 * records' measured cost. With the parts spread evenly over a pair's runs, each side pays
 * scavenges in proportion to what it allocates, as it would in an app (counted per run: see
 * `scavengesPerRun`). Runs of a million objects (see {@link timeRun}) allocate hundreds of
 * megabytes and scavenge dozens of times, so where they start matters little; they start empty.
 */
export function fillYoungGeneration(taken) {
  const used = () => getHeapSpaceStatistics().find(({ space_name }) => space_name === "new_space");
  const { space_used_size: start, space_available_size: free } = used();
  const target = start + taken * free;
  // Arrays of 8 kB: far below the size V8 puts in the large-object space instead.
  while (used().space_used_size < target) for (let i = 0; i < 4; i++) sink.garbage = new Array(1022);
  sink.garbage = undefined;
}
