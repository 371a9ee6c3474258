// Stamping overhead (DESIGN §7): `recovery.write` against the same writes with what the strategy
// keeps written by hand (see stamping-by-hand.mjs), in child processes of their own.
import { join } from "node:path";
import { createRecovery } from "@realm-recovery/core";
import { EmulatorAdapter, RealmEmulator } from "@realm-recovery/testing";
import { strategies } from "./bench-options.mjs";
import { Dog, dir } from "./bench-realms.mjs";
import { inTurn, median, minimum, quantile, stopwatch } from "./bench-stats.mjs";
import { childJson } from "./child-json.mjs";
import { stampingByHand } from "./stamping-by-hand.mjs";

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
export function measureStamping() {
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
export const STAMPING_PROCESSES = 3;
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
 * This process's stamping samples (`--stamping-child`): `rounds` pairs per kind of write for every
 * stamping strategy chosen, by strategy (see {@link measureStampingOf}).
 */
export async function stampingSamples(rounds) {
  const samples = {};
  for (const name of Object.keys(stampingByHand).filter((name) => name in strategies))
    samples[name] = await measureStampingOf(name, stampingByHand[name], 1000, rounds);
  return samples;
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
