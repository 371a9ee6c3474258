#!/usr/bin/env node
// Recovery benchmark (DESIGN §7): backups of 10k, 100k and 1M objects with 10 % unsynced. For each
// strategy: `recover` time and peak heap growth, as a ratio against the hand-written copy a developer
// would write instead, on the same realms and emulator, measured in the same run: the objects the
// strategy recovers, found the cheapest way its data allows, copied whole (stamps included) in one
// transaction (see `handCopy`). Each run has realms of its own and is timed alone, with no garbage of
// the setups left to collect inside it (see `timePair`) and part of the young generation taken (see
// `fillYoungGeneration`); copies and recoveries alternate in pairs, and the median of the pairs'
// ratios counts, so a busy machine slows neither side alone. Each strategy runs in processes of its
// own (three at 10k and 100k, their pairs pooled: see `processesFor`).
// Memory: the same recoveries with a fixed number of changes (--changes) in realms of every size, to
// show that memory follows the changes, not the realm. Stamping (object, field, changelog):
// `recovery.write` against the same writes with what the strategy keeps written by hand, in
// transactions of 1000 writes and of one (see `stampingByHand`). Prints tables and writes
// bench-results/recovery.json.
// Usage: node --expose-gc tools/bench/recovery-bench.mjs [--sizes 10000,100000,1000000] [--repeat 5]
//        [--changes 1000] [--strategies object,field,overwrite,changelog] [--records 1000]
//        [--parts timing,memory,stamping]
// This file runs the parts and prints them; timing.mjs and timing-rows.mjs time the recoveries,
// stamping.mjs the writes, on the realms of bench-realms.mjs.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fixedChanges, parts, sizes, strategies, values } from "./bench-options.mjs";
import { dir } from "./bench-realms.mjs";
import { STAMPING_PROCESSES, measureStamping, stampingSamples } from "./stamping.mjs";
import { measurePeak, timingSamples } from "./timing.mjs";
import { timingRowsInChildren } from "./timing-rows.mjs";

try {
  if (values.child) {
    process.stdout.write(JSON.stringify(await timingSamples(Object.keys(strategies))));
  } else if (values["stamping-child"] !== undefined) {
    process.stdout.write(JSON.stringify(await stampingSamples(Number(values["stamping-child"]))));
  } else await report();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The parent's run: timing (in children), memory and stamping; prints the tables and the JSON. */
async function report() {
  const rows = parts.has("timing") ? timingRowsInChildren(Object.keys(strategies)) : [];
  const memoryRows = [];
  // Memory against the number of changes: the same number of unsynced objects in every realm size.
  for (const size of parts.has("memory") ? sizes : []) {
    const step = Math.max(1, Math.floor(size / fixedChanges));
    for (const name of Object.keys(strategies)) {
      const peakMb = await measurePeak("recover", name, size, step);
      memoryRows.push({ size, changes: Math.ceil(size / step), strategy: name, peakMb });
      process.stderr.write(
        `  ${size} objects, ${Math.ceil(size / step)} changes, ${name}: ${peakMb.toFixed(1)} MB\n`,
      );
    }
  }
  const stamping = parts.has("stamping") ? measureStamping() : null;
  if (rows.length > 0) {
    console.log(
      "\nRecovery time against the hand-written single-transaction copy of the same objects, stamps included (same run, 10 % unsynced)\n",
    );
    console.log(
      "objects    strategy    recover ms  copy ms   ratio   peak heap MB  copy heap MB  wall: recover / copy ms  ratio",
    );
    for (const r of rows) {
      console.log(
        `${String(r.size).padEnd(10)} ${r.strategy.padEnd(11)} ${r.ms.toFixed(1).padStart(10)} ${r.baselineMs.toFixed(1).padStart(8)} ${r.ratio.toFixed(2).padStart(6)}×  ${r.peakMb.toFixed(1).padStart(12)}  ${r.baselinePeakMb.toFixed(1).padStart(12)}  ${`${r.wallMs.toFixed(0)} / ${r.baselineWallMs.toFixed(0)}`.padStart(23)} ${r.wallRatio.toFixed(2).padStart(6)}×`,
      );
    }
    console.log(
      "(ms: CPU time of this process per run, median over the pairs; ratio: median of the pairs' ratios, a pair\n" +
        " being as many copies and recoveries, each run alone on realms of its own, alternated. CPU time\n" +
        " includes V8's background collector threads, so a strategy that allocates more pays there although\n" +
        " its run is not longer; the wall clock is the run's duration, the same way)",
    );
  }
  if (memoryRows.length > 0) {
    console.log(
      `\nPeak heap growth with a fixed number of changes (about ${fixedChanges}) in realms of each size\n`,
    );
    console.log(`strategy    ${sizes.map((size) => `${size} objects`.padStart(16)).join("")}`);
    for (const name of Object.keys(strategies)) {
      const cells = sizes.map((size) => {
        const r = memoryRows.find((m) => m.size === size && m.strategy === name);
        return `${r.peakMb.toFixed(1)} MB`.padStart(16);
      });
      console.log(`${name.padEnd(11)} ${cells.join("")}`);
    }
  }
  if (stamping && Object.keys(stamping).length > 0) {
    const { create } = Object.values(stamping)[0];
    console.log(
      `\nStamping against the same writes by hand (median ratio of ${create.rounds} alternated pairs of samples of ${create.writes} writes each from ${STAMPING_PROCESSES} processes, CPU time, in transactions of ${create.perTransaction} writes or of one):`,
    );
    for (const [name, kinds] of Object.entries(stamping)) {
      for (const [kind, s] of Object.entries(kinds)) {
        console.log(
          `  ${name.padEnd(9)} ${kind.padEnd(28)} recovery.write ${s.stampedMs.toFixed(2)} ms vs realm.write ${s.rawMs.toFixed(2)} ms: overhead ${(s.overhead * 100).toFixed(1)} % (pairs' quartiles ${(s.pairQuartiles[0] * 100).toFixed(0)}–${(s.pairQuartiles[1] * 100).toFixed(0)} %; best samples: ${s.bestStampedMs.toFixed(2)} vs ${s.bestRawMs.toFixed(2)} ms, ${(s.bestOverhead * 100).toFixed(1)} %)`,
        );
      }
    }
  }
  console.log(
    "Targets: recovery ≤ 1.3× the hand-written copy; stamping overhead < 10 %; memory grows with the changes, not the realm.",
  );
  mkdirSync("bench-results", { recursive: true });
  writeFileSync(
    "bench-results/recovery.json",
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        rows,
        memory: { changes: fixedChanges, rows: memoryRows },
        stamping,
      },
      null,
      2,
    ),
  );
  console.log("wrote bench-results/recovery.json");
}
