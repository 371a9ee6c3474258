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
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { GCProfiler, getHeapSpaceStatistics, getHeapStatistics } from "node:v8";
import { HybridLogicalClock, RealmJournal, createRecovery, silentLogger } from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";
import { EmulatorAdapter, RealmEmulator } from "@realm-recovery/testing";
import { lastValueFrom, tap } from "rxjs";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,1000000" },
    repeat: { type: "string", default: "5" },
    changes: { type: "string", default: "1000" },
    strategies: { type: "string", default: "object,field,overwrite,changelog" },
    // The report's record limit (`reportRecordLimit`); the engine's default unless given.
    records: { type: "string" },
    // Which measurements to run (all by default): timing, memory, stamping.
    parts: { type: "string", default: "timing,memory,stamping" },
    // Internal: time the given strategies and print their samples as JSON (see timingRowsInChildren).
    child: { type: "boolean", default: false },
    // Internal, with --child: leave out the peak-heap runs (a further process of the same sizes).
    "skip-peaks": { type: "boolean", default: false },
    // Internal: measure stamping in this many rounds and print the samples as JSON (see measureStamping).
    "stamping-child": { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const repeat = Number(values.repeat);
const fixedChanges = Number(values.changes);
const parts = new Set(values.parts.split(","));
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
const batchFor = (size) => Math.max(1, Math.round(200_000 / size));
const Dog = { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int" } };
const LAST_SYNCED = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), "recovery-bench-"));
const gc = globalThis.gc ?? (() => undefined);
/**
 * Heap in use, sampled after every recovery event. From V8 directly: `process.memoryUsage()` also
 * reads the resident set size from /proc (a fraction of a millisecond per call), which the
 * strategies, sampled once per batch, paid and the single-transaction copy did not.
 */
const heap = () => getHeapStatistics().used_heap_size;
/**
 * A stopwatch of this process's CPU time (user + system) and of the wall clock; both ratios are
 * reported. CPU time does not count the time other processes held the cores (a shared machine's
 * load), but does count V8's background collector threads; the wall clock is the run's duration.
 */
function stopwatch() {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
  };
}

function schemaFor(strategy) {
  return [strategy.schema(Dog)];
}

/** Values of object i: stamps after LastSynced for every `step`th object (the unsynced ones). */
function dogValues(name, i, step) {
  const stamp = i % step === 0 ? LAST_SYNCED + i + 1 : LAST_SYNCED - 1;
  const base = { _id: String(i), name: `dog${i}`, age: i % 20 };
  if (name === "object") return { ...base, lastUpdated: stamp };
  if (name === "field") return { ...base, fieldStamps: { name: stamp, age: stamp }, lastUpdated: stamp };
  return base;
}

/** A backup (read-only), a fresh realm and a journal for one run; `step`: every step-th object is unsynced. */
async function setup(name, strategy, size, run, step = 10) {
  const schema = schemaFor(strategy);
  const backupWriter = new RealmEmulator({ path: join(dir, `${run}-backup.realm`), schema, inMemory: true });
  const fresh = new RealmEmulator({ path: join(dir, `${run}-fresh.realm`), schema, inMemory: true });
  backupWriter.write(() => {
    for (let i = 0; i < size; i++) backupWriter.create("Dog", dogValues(name, i, step));
  });
  fresh.write(() => {
    for (let i = 0; i < size; i++) {
      const values = dogValues(name, i, step);
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
    for (let i = 0; i < size; i += step)
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

/**
 * The hand-written copy a developer would write instead of the strategy, on the same realms: the
 * objects the strategy recovers, found the cheapest way the strategy's data allows (the stamp query
 * for object and field, the change log for changelog, every object for overwrite), with every
 * property of the schema (stamps included, so the copy can be judged at the next reset) copied in
 * one transaction. No conflicts are decided and nothing is reported: that is the strategy's extra.
 */
function handCopy(name, { backup, fresh, journal }) {
  const dogs = backup.objects("Dog");
  const chosen =
    name === "overwrite"
      ? dogs
      : name === "changelog"
        ? journal.changes(LAST_SYNCED).map((change) => backup.objectForPrimaryKey("Dog", change.primaryKey))
        : dogs.filtered("lastUpdated > $0", LAST_SYNCED);
  const properties = Object.entries(backup.schema.find((schema) => schema.name === "Dog").properties);
  const mode = name === "overwrite" ? "all" : "modified";
  fresh.write(() => {
    for (const dog of chosen) {
      const values = {};
      for (const [property, { type }] of properties)
        values[property] = type === "dictionary" ? dog[property].toJSON() : dog[property];
      fresh.create("Dog", values, mode);
    }
  });
}

/**
 * Times one run of the hand copy (`kind` "copy") or the strategy's recovery ("recover") on realms of
 * its own, set up right before it after a full collection and closed right after it (both
 * untimed). For a million objects and more; smaller sizes set up a whole pair at once (see
 * {@link timePair}).
 */
async function timeRun(kind, name, size) {
  const env = await setup(name, strategies[name](), size, run++);
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
      copy: await setup(name, strategies[name](), size, run++),
      recover: await setup(name, strategies[name](), size, run++),
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
 * Clears the young generation before a timed run (two scavenges: what earlier runs left moves to
 * the old generation or is gone), so the run does not pay for collecting what came before it.
 */
function settle() {
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
function fillYoungGeneration(taken) {
  const used = () => getHeapSpaceStatistics().find(({ space_name }) => space_name === "new_space");
  const { space_used_size: start, space_available_size: free } = used();
  const target = start + taken * free;
  // Arrays of 8 kB: far below the size V8 puts in the large-object space instead.
  while (used().space_used_size < target) for (let i = 0; i < 4; i++) sink.garbage = new Array(1022);
  sink.garbage = undefined;
}

/**
 * Peak heap growth of one run (sampled after every recovery event), from a collected heap. Untimed:
 * the collection it needs slows the runs after it (see {@link timePair}).
 */
async function measurePeak(kind, name, size, step = 10) {
  const env = await setup(name, strategies[name](), size, run++, step);
  gc();
  const before = heap();
  let peak = before;
  const sample = () => (peak = Math.max(peak, heap()));
  await runOnce(kind, name, env, sample);
  sample();
  teardown(env);
  return (peak - before) / 1e6;
}

function recover(strategy, env, sample) {
  return lastValueFrom(
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
        ...(values.records === undefined ? {} : { reportRecordLimit: Number(values.records) }),
      })
      .pipe(tap(sample)),
  );
}

/** Minimum of `samples` and the ratio of two such minimums as an overhead. */
const minimum = (samples) => Math.min(...samples);
/** Mean of `samples`. */
const mean = (samples) => samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
const median = (samples) => quantile(samples, 0.5);
/** The `q`-quantile of `samples` (0: the least, 1: the greatest), the nearest sample below. */
const quantile = (samples, q) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(q * samples.length))];
/** Runs `a` then `b` in even rounds and `b` then `a` in odd ones, so neither side always goes first. */
const inTurn = (round, a, b) => {
  if (round % 2 === 0) {
    a();
    b();
  } else {
    b();
    a();
  }
};

/**
 * A change-log entry as a hand-written log would keep it: what recovery needs to find the change,
 * keyed by (object, property) so the latest stamp replaces older ones.
 */
const change = (id, property, stamp) => ({
  _id: `Dog\u0000${id}\u0000${property}`,
  objectType: "Dog",
  primaryKey: id,
  property,
  stamp,
});

/**
 * What each strategy keeps on a write, written by hand: the realm a developer would open instead
 * (`schema`), what a transaction of such writes does around them (`transaction`: its realm write,
 * handing each write what it needs), and the writes themselves. `next(dog)`: a stamp newer than the
 * object's (as the strategies take), from a counter that starts each transaction at the wall clock.
 */
const stampingByHand = {
  object: {
    create: (raw, _log, id, stamp) => raw.create("Dog", { _id: id, name: "d", age: 1, lastUpdated: stamp }),
    update(raw, _log, id, age, next) {
      const dog = raw.objectForPrimaryKey("Dog", id);
      dog.age = age;
      dog.lastUpdated = next(dog.lastUpdated);
    },
  },
  field: {
    create: (raw, _log, id, stamp) =>
      raw.create("Dog", {
        _id: id,
        name: "d",
        age: 1,
        fieldStamps: { name: stamp, age: stamp },
        lastUpdated: stamp,
      }),
    update(raw, _log, id, age, next) {
      const dog = raw.objectForPrimaryKey("Dog", id);
      const stamp = next(dog.lastUpdated);
      dog.age = age;
      dog.fieldStamps.set({ age: stamp });
      dog.lastUpdated = stamp;
    },
  },
  // The writes as they are, each changed field logged in a journal realm of its own, written once
  // per transaction before the transaction commits (as recovery.write does).
  changelog: {
    journal: true,
    create(raw, log, id, stamp) {
      raw.create("Dog", { _id: id, name: "d", age: 1 });
      for (const property of ["$create", "name", "age"]) log.push(change(id, property, stamp));
    },
    update(raw, log, id, age, next) {
      raw.objectForPrimaryKey("Dog", id).age = age;
      log.push(change(id, "age", next(null)));
    },
  },
};

/**
 * Stamping overhead of each stamping strategy (object, field, changelog): the same creates (and
 * then updates of every object) through `recovery.write` and through a plain `realm.write` of what
 * the strategy keeps, written by hand (see {@link stampingByHand}), on the same kind of (synced)
 * realm. In transactions of 1000 writes (a bulk import) and of one write each (an app's edits
 * mostly are), 1000 writes per sample either way. The sides alternate sample by sample, in pairs
 * whose first side alternates round by round; the overhead is the median of the pairs' ratios, as
 * for the recovery times. The pairs come from three processes of their own (see
 * {@link STAMPING_PROCESSES}), pooled. The quartiles of the pairs and the best samples are reported too.
 */
function measureStamping() {
  const pooled = {};
  for (let p = 0; p < STAMPING_PROCESSES; p++) {
    for (const [name, kinds] of Object.entries(stampingChild())) {
      for (const [kind, samples] of Object.entries(kinds)) {
        const into = ((pooled[name] ??= {})[kind] ??= { ...samples, stamped: [], raw: [] });
        into.stamped.push(...samples.stamped);
        into.raw.push(...samples.raw);
      }
    }
  }
  const result = {};
  for (const [name, kinds] of Object.entries(pooled)) {
    result[name] = {};
    for (const [kind, samples] of Object.entries(kinds)) result[name][kind] = stampingStats(samples);
  }
  return result;
}

/**
 * Processes the stamping pairs come from. Within one process the overhead of a row held steady, but
 * between processes of the same code it moved from +20 % to +50 % (how V8 happened to optimise the
 * write path), which no number of samples in one process evens out.
 */
const STAMPING_PROCESSES = 3;
/** Rounds (pairs of samples) per kind of write in each stamping process. */
const STAMPING_ROUNDS = 100;

/** One process's stamping samples of every stamping strategy chosen (see {@link measureStampingOf}). */
function stampingChild() {
  const names = Object.keys(stampingByHand).filter((name) => name in strategies);
  return childJson("stamping", [
    "--strategies",
    names.join(","),
    "--stamping-child",
    String(STAMPING_ROUNDS),
  ]);
}

/**
 * Runs this script in a child process (with this process's Node flags) with `args`, and returns
 * what it printed as JSON; `what` names the measurement in the error when the child fails.
 */
function childJson(what, args) {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`${what} failed (exit ${child.status})`);
  return JSON.parse(child.stdout);
}

/** The stamping row of pooled samples: medians, the median and quartiles of the pairs' ratios, the best. */
function stampingStats({ writes, perTransaction, stamped, raw }) {
  const pairRatios = stamped.map((ms, i) => ms / raw[i]);
  return {
    writes,
    perTransaction,
    rounds: stamped.length,
    stampedMs: median(stamped),
    rawMs: median(raw),
    overhead: median(pairRatios) - 1,
    pairQuartiles: [quantile(pairRatios, 0.25) - 1, quantile(pairRatios, 0.75) - 1],
    bestStampedMs: minimum(stamped),
    bestRawMs: minimum(raw),
    bestOverhead: minimum(stamped) / minimum(raw) - 1,
  };
}

/**
 * An adapter that opens every realm in memory, the journal the engine opens beside the tracked realm
 * included. With the journal a file, each transaction appended its entries to it, and the system
 * time of those appends swung the change log's bulk creates from -30 % to +71 % between runs.
 */
class InMemoryAdapter extends EmulatorAdapter {
  open(config) {
    return super.open({ ...config, inMemory: true });
  }
}

/**
 * One process's stamping samples for one strategy (see {@link measureStamping}): per kind of write,
 * the CPU time of each sample of either side, in the order of the rounds (sample i of each side
 * make pair i).
 */
async function measureStampingOf(name, byHand, writes, rounds) {
  const adapter = new InMemoryAdapter({ baseDir: dir });
  const recovery = createRecovery({
    adapter,
    strategy: strategies[name](),
    tracker: { name: "none", track: () => ({ subscribe: () => ({ unsubscribe() {} }) }) },
  });
  const tracked = await recovery.open({
    path: `stamped-${name}.realm`,
    inMemory: true,
    schema: recovery.schema([Dog]),
    sync: {},
  });
  // The same kind of realm as the tracked one (synced, so both record sync instructions); a
  // journal like the tracked realm's (in memory too: see InMemoryAdapter) where the strategy keeps one.
  const raw = new RealmEmulator({
    path: join(dir, `raw-${name}.realm`),
    schema: [strategies[name]().schema(Dog)],
    inMemory: true,
    sync: {},
  });
  const journal = byHand.journal
    ? new RealmEmulator({
        path: join(dir, `raw-${name}-journal.realm`),
        inMemory: true,
        schema: [
          {
            name: "Change",
            primaryKey: "_id",
            properties: {
              _id: "string",
              objectType: "string",
              primaryKey: "string",
              property: "string",
              stamp: "int",
            },
          },
        ],
      })
    : null;
  let counter = 1_767_225_600_000_000;
  const next = (latest) => Math.max(counter++, (latest ?? -1) + 1);
  /**
   * CPU time of `writes` calls of `write(i, tx)`, `perTransaction` to a transaction of `realmWrite`
   * (`tx`: the transaction `recovery.write` hands its callback, or the list a hand-written
   * transaction logs its changes in).
   */
  const time = (realmWrite, perTransaction, write) => {
    const stop = stopwatch();
    for (let first = 0; first < writes; first += perTransaction)
      realmWrite((tx) => {
        for (let i = first; i < first + perTransaction; i++) write(i, tx);
      });
    return stop().ms;
  };
  const trackedWrite = (fn) => recovery.write(tracked, fn);
  const rawWrite = (fn) =>
    raw.write(() => {
      // A stamp is a time: a hand-stamped transaction reads the wall clock once (as recovery.write
      // does) and its writes count on from there, past the stamps already given.
      counter = Math.max(counter + 1, Date.now() * 1000);
      const log = [];
      fn(log);
      if (journal && log.length > 0)
        journal.write(() => {
          for (const entry of log) journal.create("Change", entry, "modified");
        });
    });
  // Both realms keep a steady size (each round's creates are deleted again, untimed, and created
  // again under the same keys, so a change log keeps one entry per field; the updates rewrite the
  // same objects), so neither side is timed while a growing heap is collected: with 200k objects
  // kept, major collections decided the median of either side more than the writes.
  const removeAll = (realm) => realm.write(() => realm.delete(realm.objects("Dog")));
  const stats = {};
  for (const perTransaction of [writes, 1]) {
    const samples = { create: { stamped: [], raw: [] }, update: { stamped: [], raw: [] } };
    for (let round = 0; round < rounds; round++) {
      const stamped = () =>
        samples.create.stamped.push(
          time(trackedWrite, perTransaction, (i, tx) =>
            tx.create("Dog", { _id: String(i), name: "d", age: 1 }),
          ),
        );
      const plain = () =>
        samples.create.raw.push(
          time(rawWrite, perTransaction, (i, log) => byHand.create(raw, log, String(i), counter++)),
        );
      inTurn(round, stamped, plain);
      removeAll(tracked);
      removeAll(raw);
    }
    time(trackedWrite, writes, (i, tx) => tx.create("Dog", { _id: String(i), name: "d", age: 1 }));
    time(rawWrite, writes, (i, log) => byHand.create(raw, log, String(i), counter++));
    for (let round = 0; round < rounds; round++) {
      const age = round + 2;
      inTurn(
        round,
        () =>
          samples.update.stamped.push(
            time(trackedWrite, perTransaction, (i, tx) => tx.update("Dog", String(i), { age })),
          ),
        () =>
          samples.update.raw.push(
            time(rawWrite, perTransaction, (i, log) => byHand.update(raw, log, String(i), age, next)),
          ),
      );
    }
    removeAll(tracked);
    removeAll(raw);
    for (const [kind, { stamped, raw: plain }] of Object.entries(samples)) {
      const label = perTransaction === 1 ? `${kind}, one per transaction` : kind;
      stats[label] = { writes, perTransaction, stamped, raw: plain };
    }
  }
  await recovery.detach();
  tracked.close();
  raw.close();
  journal?.close();
  return stats;
}

const strategies = Object.fromEntries(
  Object.entries({
    object: objectStrategy,
    field: fieldStrategy,
    overwrite: overwriteStrategy,
    changelog: changelogStrategy,
  }).filter(([name]) => values.strategies.split(",").includes(name)),
);
/**
 * The timing samples of `names` (one strategy each, in a child process of its own; see `--child`):
 * after a warm-up, the hand copy and the recovery alternated in pairs (see {@link timePair}), and
 * (unless `--skip-peaks`) the peak heap of one recovery and one copy per size.
 */
async function timingSamples(names) {
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
function timingRowsInChildren(names) {
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

let run = 0;
try {
  if (values.child) {
    process.stdout.write(JSON.stringify(await timingSamples(Object.keys(strategies))));
  } else if (values["stamping-child"] !== undefined) {
    const rounds = Number(values["stamping-child"]);
    const samples = {};
    for (const name of Object.keys(stampingByHand).filter((name) => name in strategies))
      samples[name] = await measureStampingOf(name, stampingByHand[name], 1000, rounds);
    process.stdout.write(JSON.stringify(samples));
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
