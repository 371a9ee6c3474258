// The timing rows of the recovery benchmark: each strategy timed in child processes of its own
// (see timing.mjs for what one process measures), their pairs pooled into one row per size.
import { sizes, values } from "./bench-options.mjs";
import { median, mean, quantile } from "./bench-stats.mjs";
import { childJson } from "./child-json.mjs";
import { batchFor } from "./timing.mjs";

/**
 * How many processes time a strategy at `size`, their pairs pooled. A 10k pair takes a few seconds,
 * and what V8 optimised, and when, differs from process to process: before pairs were set up at
 * once (see {@link timePair}), six processes gave object at 10k medians from 1.21 to 1.50. 100k
 * too (some 40 s per process and strategy): one process read changelog 1.14× in one full run and
 * 1.31× in the next, with the code unchanged but for the emulator's queries, which moved the 10k
 * rows by less than 0.1. A million objects keep one process: it takes minutes per strategy.
 */
const processesFor = (size) => (size <= 100_000 ? 3 : 1);

/**
 * Each strategy is timed in processes of its own: in one process the emulator's code, optimised
 * for the objects of the strategies run before, ran later strategies (and their copies) slower or
 * faster by chance, which moved a ratio by a third between runs. An app runs one strategy. The first
 * process times every size; sizes that take more (see {@link processesFor}) get further processes,
 * and their pairs are pooled into one row.
 */
export function timingRowsInChildren(names) {
  return names.flatMap((name) => {
    const samples = timingChild(name, sizes, false);
    const extra = Math.max(...sizes.map(processesFor)) - 1;
    for (let p = 1; p <= extra; p++) {
      const more = sizes.filter((size) => processesFor(size) > p);
      for (const sample of timingChild(name, more, true))
        samples.find((s) => s.size === sample.size).pairs.push(...sample.pairs);
    }
    return samples.map((sample) => timingRow(sample, processesFor(sample.size)));
  });
}

/** The timing samples of one strategy at `childSizes`, from a child process (see `--child`). */
function timingChild(name, childSizes, skipPeaks) {
  const args = ["--child", "--strategies", name, "--sizes", childSizes.join(","), "--repeat", values.repeat];
  if (values.records !== undefined) args.push("--records", values.records);
  if (skipPeaks) args.push("--skip-peaks");
  return childJson(`timing ${name}`, args);
}

/**
 * A table row from one strategy's pooled pairs at one size. The copies and recoveries of a pair ran
 * alternated: the ratio of such a pair is the least disturbed by the machine's load, and the median
 * of the pairs' ratios counts. The spread of the pairs' ratios goes to stderr.
 */
function timingRow({ size, strategy, pairs, peakMb, baselinePeakMb }, processes) {
  const medianOf = (of) => median(pairs.map(of));
  const ratios = pairs.map((pair) => pair.result.ms / pair.copy.ms);
  const at = (q) => quantile(ratios, q).toFixed(2);
  const row = {
    size,
    strategy,
    ms: medianOf((pair) => pair.result.ms),
    baselineMs: medianOf((pair) => pair.copy.ms),
    ratio: median(ratios),
    wallRatio: medianOf((pair) => pair.result.wallMs / pair.copy.wallMs),
    wallMs: medianOf((pair) => pair.result.wallMs),
    baselineWallMs: medianOf((pair) => pair.copy.wallMs),
    peakMb,
    baselinePeakMb,
    runs: pairs.length,
    batch: batchFor(size),
    processes,
    // Major collections (and incremental-marking steps) inside timed runs, per side.
    majorCollections: {
      copy: pairs.reduce((sum, pair) => sum + pair.majors.copy, 0),
      recover: pairs.reduce((sum, pair) => sum + pair.majors.recover, 0),
    },
    // Scavenges (young-generation collections) per timed run, per side (see fillYoungGeneration).
    scavengesPerRun: {
      copy: mean(pairs.map((pair) => pair.scavenges.copy)),
      recover: mean(pairs.map((pair) => pair.scavenges.recover)),
    },
  };
  const { copy, recover } = row.majorCollections;
  const scavenges = row.scavengesPerRun;
  process.stderr.write(
    `  ${size} ${strategy}: ${pairs.length} pairs in ${processes} process(es), ratio min ${at(0)} quartiles ${at(0.25)} ${at(0.5)} ${at(0.75)} max ${at(1)}: ${row.ratio.toFixed(2)}×; major collections in timed runs: ${copy} copy, ${recover} recovery; scavenges per run: ${scavenges.copy.toFixed(2)} copy, ${scavenges.recover.toFixed(2)} recovery\n`,
  );
  return row;
}
