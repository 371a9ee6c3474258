// The realms the recovery benchmark runs on, the hand-written copy it measures each strategy
// against, and one recovery.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HybridLogicalClock, RealmJournal, silentLogger } from "@realm-recovery/core";
import { EmulatorAdapter, RealmEmulator } from "@realm-recovery/testing";
import { lastValueFrom, tap } from "rxjs";
import { values } from "./bench-options.mjs";

/** The benchmark's object type (each strategy adds its stamps to it). */
export const Dog = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int" },
};
/** The LastSynced time of every run: objects stamped after it are unsynced. */
export const LAST_SYNCED = 1_000_000;
/** Where every realm of this process goes (removed when the process ends). */
export const dir = mkdtempSync(join(tmpdir(), "recovery-bench-"));
/** Runs set up so far in this process: each run's realm files are named after its number. */
let runs = 0;
/** A number for the next run's realm files, never given before in this process. */
export const nextRun = () => runs++;

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
export async function setup(name, strategy, size, run, step = 10) {
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

export function teardown({ backupWriter, backup, fresh, journal }) {
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
export function handCopy(name, { backup, fresh, journal }) {
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

/** One recovery of `env` by `strategy`; `sample` runs after each recovery event. */
export function recover(strategy, env, sample) {
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
