#!/usr/bin/env node
// Recovery benchmark (DESIGN §7): backups of 10k, 100k and 1M objects with 10 % unsynced. For each
// strategy: `recover` time and peak heap growth, as a ratio against a hand-written single-transaction
// copy of the same objects on the same emulator, measured in the same run. Also the stamping
// overhead of `recovery.write` against raw writes. Prints a table and writes bench-results/recovery.json.
// Usage: node --expose-gc tools/bench/recovery-bench.mjs [--sizes 10000,100000,1000000]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { HybridLogicalClock, RealmJournal, createRecovery, silentLogger } from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";
import { EmulatorAdapter, RealmEmulator } from "@realm-recovery/testing";
import { lastValueFrom, tap } from "rxjs";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "10000,100000,1000000" } } });
const sizes = values.sizes.split(",").map(Number);
const Dog = { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int" } };
const LAST_SYNCED = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), "recovery-bench-"));
const gc = globalThis.gc ?? (() => undefined);
const heap = () => process.memoryUsage().heapUsed;

function schemaFor(strategy) {
  return [strategy.schema(Dog)];
}

/** Values of object i: stamps after LastSynced for every tenth object (the unsynced 10 %). */
function dogValues(name, i) {
  const stamp = i % 10 === 0 ? LAST_SYNCED + i + 1 : LAST_SYNCED - 1;
  const base = { _id: String(i), name: `dog${i}`, age: i % 20 };
  if (name === "object") return { ...base, lastUpdated: stamp };
  if (name === "field") return { ...base, fieldStamps: { name: stamp, age: stamp }, lastUpdated: stamp };
  return base;
}

async function setup(name, strategy, size, run) {
  const schema = schemaFor(strategy);
  const backupWriter = new RealmEmulator({ path: join(dir, `${run}-backup.realm`), schema, inMemory: true });
  const fresh = new RealmEmulator({ path: join(dir, `${run}-fresh.realm`), schema, inMemory: true });
  backupWriter.write(() => {
    for (let i = 0; i < size; i++) backupWriter.create("Dog", dogValues(name, i));
  });
  fresh.write(() => {
    for (let i = 0; i < size; i++) {
      const values = dogValues(name, i);
      if (name === "object") values.lastUpdated = LAST_SYNCED - 1;
      if (name === "field")
        Object.assign(values, {
          fieldStamps: { name: LAST_SYNCED - 1, age: LAST_SYNCED - 1 },
          lastUpdated: LAST_SYNCED - 1,
        });
      fresh.create("Dog", { ...values, name: `server${i}` });
    }
  });
  const journal = await RealmJournal.open(new EmulatorAdapter({ baseDir: dir }), `${run}-journal.realm`);
  if (name === "changelog") {
    const entries = [];
    for (let i = 0; i < size; i += 10)
      entries.push({
        objectType: "Dog",
        primaryKey: String(i),
        property: "name",
        stamp: LAST_SYNCED + i + 1,
      });
    journal.appendChanges(entries);
  }
  const backup = new RealmEmulator({ path: backupWriter.path, readOnly: true, inMemory: true });
  return { backupWriter, backup, fresh, journal };
}

function teardown({ backupWriter, backup, fresh, journal }) {
  backup.close();
  backupWriter.close();
  fresh.close();
  journal.close();
}

/** The hand-written copy: one transaction upserting plain values of the chosen backup objects. */
function handCopy(backup, fresh, all) {
  const objects = [...backup.objects("Dog")].filter((d) => all || Number(d._id) % 10 === 0);
  fresh.write(() => {
    for (const dog of objects)
      fresh.create("Dog", { _id: dog._id, name: dog.name, age: dog.age }, "modified");
  });
}

async function measureRecovery(name, strategy, size, run) {
  const env = await setup(name, strategy, size, run);
  gc();
  const before = heap();
  let peak = before;
  const start = performance.now();
  await lastValueFrom(
    strategy
      .recover({
        backup: env.backup,
        fresh: env.fresh,
        lastSyncedAt: LAST_SYNCED,
        journal: env.journal,
        clock: new HybridLogicalClock(),
        deviceId: "bench",
        objectTypes: ["Dog"],
        signal: new AbortController().signal,
        logger: silentLogger,
      })
      .pipe(tap(() => (peak = Math.max(peak, heap())))),
  );
  const ms = performance.now() - start;
  peak = Math.max(peak, heap());
  teardown(env);
  return { ms, peakMb: (peak - before) / 1e6 };
}

async function measureHandCopy(size, all, run) {
  const strategy = overwriteStrategy();
  const env = await setup("overwrite", strategy, size, run);
  gc();
  const before = heap();
  const start = performance.now();
  handCopy(env.backup, env.fresh, all);
  const ms = performance.now() - start;
  const peakMb = (heap() - before) / 1e6;
  teardown(env);
  return { ms, peakMb };
}

async function measureStamping(count) {
  const adapter = new EmulatorAdapter({ baseDir: dir });
  const recovery = createRecovery({
    adapter,
    strategy: objectStrategy(),
    tracker: { name: "none", track: () => ({ subscribe: () => ({ unsubscribe() {} }) }) },
  });
  const tracked = await recovery.open({
    path: "stamped.realm",
    inMemory: true,
    schema: recovery.schema([Dog]),
    sync: {},
  });
  // The same kind of realm as the tracked one (synced, so both record sync instructions).
  const raw = new RealmEmulator({
    path: join(dir, "raw.realm"),
    schema: [objectStrategy().schema(Dog)],
    inMemory: true,
    sync: {},
  });
  const time = (fn) => {
    gc();
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  // Alternate the two, best of ten rounds each after a collection, so neither profits from the
  // other's JIT warm-up or pays for its garbage.
  let stampedMs = Infinity;
  let rawMs = Infinity;
  for (let round = 0; round < 10; round++) {
    stampedMs = Math.min(
      stampedMs,
      time(() =>
        recovery.write(tracked, (tx) => {
          for (let i = 0; i < count; i++) tx.create("Dog", { _id: `${round}-${i}`, name: "d", age: 1 });
        }),
      ),
    );
    rawMs = Math.min(
      rawMs,
      time(() =>
        raw.write(() => {
          for (let i = 0; i < count; i++)
            raw.create("Dog", {
              _id: `${round}-${i}`,
              name: "d",
              age: 1,
              lastUpdated: 1_767_225_600_000_000 + i,
            });
        }),
      ),
    );
  }
  await recovery.detach();
  tracked.close();
  raw.close();
  return { stampedMs, rawMs };
}

const strategies = {
  object: objectStrategy,
  field: fieldStrategy,
  overwrite: overwriteStrategy,
  changelog: changelogStrategy,
};
const rows = [];
let run = 0;
try {
  // Warm the JIT on a small run of everything first, so the first measured strategy is not penalised.
  await measureHandCopy(2000, false, run++);
  for (const make of Object.values(strategies)) await measureRecovery(make().name, make(), 2000, run++);
  for (const size of sizes) {
    const copy10 = await measureHandCopy(size, false, run++);
    const copyAll = await measureHandCopy(size, true, run++);
    for (const [name, make] of Object.entries(strategies)) {
      const result = await measureRecovery(name, make(), size, run++);
      const baseline = name === "overwrite" ? copyAll : copy10;
      rows.push({
        size,
        strategy: name,
        ms: result.ms,
        baselineMs: baseline.ms,
        ratio: result.ms / baseline.ms,
        peakMb: result.peakMb,
        baselinePeakMb: baseline.peakMb,
      });
      process.stderr.write(
        `  ${size} ${name}: ${result.ms.toFixed(0)} ms (${(result.ms / baseline.ms).toFixed(2)}×)\n`,
      );
    }
  }
  const stamping = await measureStamping(10_000);
  console.log(
    "\nRecovery time against a hand-written single-transaction copy of the same objects (same run)\n",
  );
  console.log("objects    strategy    recover ms  copy ms   ratio   peak heap MB  copy heap MB");
  for (const r of rows) {
    console.log(
      `${String(r.size).padEnd(10)} ${r.strategy.padEnd(11)} ${r.ms.toFixed(1).padStart(10)} ${r.baselineMs.toFixed(1).padStart(8)} ${r.ratio.toFixed(2).padStart(6)}×  ${r.peakMb.toFixed(1).padStart(12)}  ${r.baselinePeakMb.toFixed(1).padStart(12)}`,
    );
  }
  const overhead = stamping.stampedMs / stamping.rawMs - 1;
  console.log(
    `\nStamping: 10k tracked creates ${stamping.stampedMs.toFixed(1)} ms vs raw ${stamping.rawMs.toFixed(1)} ms: overhead ${(overhead * 100).toFixed(1)} %`,
  );
  console.log(
    "Targets: recovery ≤ 1.3× the hand-written copy; stamping overhead < 10 %; memory grows with the changes, not the realm.",
  );
  mkdirSync("bench-results", { recursive: true });
  writeFileSync(
    "bench-results/recovery.json",
    JSON.stringify(
      { date: new Date().toISOString(), node: process.version, rows, stamping: { ...stamping, overhead } },
      null,
      2,
    ),
  );
  console.log("wrote bench-results/recovery.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
