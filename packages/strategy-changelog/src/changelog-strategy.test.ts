import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  HybridLogicalClock,
  type Journal,
  type ObjectSchemaLike,
  RealmJournal,
  type RecoveryReport,
  silentLogger,
} from "@realm-recovery/core";
import { EmulatorAdapter, RealmEmulator } from "@realm-recovery/testing";
import { lastValueFrom, toArray } from "rxjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changelogStrategy } from "./changelog-strategy.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const strategy = changelogStrategy();

let dir: string;
let backupWriter: RealmEmulator;
let fresh: RealmEmulator;
let journal: Journal;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "changelog-strategy-"));
  backupWriter = new RealmEmulator({ path: join(dir, "backup.realm"), schema: [Dog] });
  fresh = new RealmEmulator({ path: join(dir, "fresh.realm"), schema: [Dog] });
  journal = await RealmJournal.open(new EmulatorAdapter({ baseDir: dir }), "journal.realm");
});
afterEach(() => {
  for (const realm of [backupWriter, fresh]) if (!realm.isClosed) realm.close();
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

async function recover(lastSyncedAt: number | null): Promise<RecoveryReport> {
  backupWriter.close();
  const backup = new RealmEmulator({ path: join(dir, "backup.realm"), readOnly: true });
  const events = await lastValueFrom(
    strategy
      .recover({
        backup,
        fresh,
        lastSyncedAt,
        journal,
        clock: new HybridLogicalClock(),
        deviceId: "test",
        objectTypes: ["Dog"],
        signal: new AbortController().signal,
        logger: silentLogger,
      })
      .pipe(toArray()),
  );
  backup.close();
  const last = events.at(-1)!;
  if (last.type !== "recovered") throw new Error("no report");
  return last.report;
}

const log = (primaryKey: string, property: string | null, stamp: number) =>
  journal.appendChanges([{ objectType: "Dog", primaryKey, property, stamp }]);
const dog = (id = "1") => fresh.objectForPrimaryKey("Dog", id)?.toJSON();

describe("ChangelogStrategy", () => {
  it("logs tracked writes in the journal instead of stamping objects, one entry per object and property", () => {
    expect(strategy.schema(Dog)).toBe(Dog);
    strategy.recorder.recordUpsert({
      objectType: "Dog",
      primaryKey: "1",
      changed: ["age"],
      previous: null,
      stamp: 5,
      journal,
    });
    strategy.recorder.recordUpsert({
      objectType: "Dog",
      primaryKey: "1",
      changed: ["age", "name"],
      previous: null,
      stamp: 7,
      journal,
    });
    strategy.recorder.recordDelete({ objectType: "Dog", primaryKey: "2", stamp: 8, journal });
    expect(journal.changes(null)).toEqual([
      { objectType: "Dog", primaryKey: "1", property: "age", stamp: 7 },
      { objectType: "Dog", primaryKey: "1", property: "name", stamp: 7 },
      { objectType: "Dog", primaryKey: "2", property: null, stamp: 8 },
    ]);
  });

  it("replays only the logged properties after LastSynced, with the backup's latest values", async () => {
    backupWriter.write(() => backupWriter.create("Dog", { _id: "1", name: "Local name", age: 2 }));
    fresh.write(() => fresh.create("Dog", { _id: "1", name: "Remote name", age: 1 }));
    log("1", "age", 30);
    log("1", "name", 10);
    const report = await recover(20);
    expect(dog()).toMatchObject({ name: "Remote name", age: 2 });
    expect(report).toMatchObject({ upserted: 1, fieldsWritten: 1 });
  });

  it("creates a locally created object whole", async () => {
    backupWriter.write(() => backupWriter.create("Dog", { _id: "2", name: "New", age: 3 }));
    log("2", "name", 30);
    await recover(20);
    expect(dog("2")).toEqual({ _id: "2", name: "New", age: 3 });
  });

  it("re-applies a logged delete, and never infers one from an object missing in the backup", async () => {
    fresh.write(() => {
      fresh.create("Dog", { _id: "1", name: "Deleted locally" });
      fresh.create("Dog", { _id: "9", name: "Never downloaded" });
    });
    log("1", null, 30);
    const report = await recover(20);
    expect(dog("1")).toBeUndefined();
    expect(dog("9")).toBeDefined();
    expect(report.deleted).toBe(1);
  });

  it("is pruned once LastSynced passes its entries, so it stays bounded by unsynced work", () => {
    log("1", "age", 10);
    log("1", "name", 30);
    journal.prune(20);
    expect(journal.changes(null).map((e) => e.property)).toEqual(["name"]);
  });

  it("recovers every backup object whole when the realm never synced", async () => {
    backupWriter.write(() => backupWriter.create("Dog", { _id: "1", name: "Local", age: 4 }));
    fresh.write(() => fresh.create("Dog", { _id: "1", name: "Remote", age: 1 }));
    await recover(null);
    expect(dog()).toEqual({ _id: "1", name: "Local", age: 4 });
  });
});
