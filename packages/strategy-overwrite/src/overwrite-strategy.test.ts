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
import { OverwriteStrategy, overwriteStrategy } from "./overwrite-strategy.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const strategy = overwriteStrategy();

let dir: string;
let backupWriter: RealmEmulator;
let fresh: RealmEmulator;
let journal: Journal;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "overwrite-strategy-"));
  backupWriter = new RealmEmulator({ path: join(dir, "backup.realm"), schema: [Dog] });
  fresh = new RealmEmulator({ path: join(dir, "fresh.realm"), schema: [Dog] });
  journal = await RealmJournal.open(new EmulatorAdapter({ baseDir: dir }), "journal.realm");
});
afterEach(() => {
  for (const realm of [backupWriter, fresh]) if (!realm.isClosed) realm.close();
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

async function recover(): Promise<RecoveryReport> {
  backupWriter.close();
  const backup = new RealmEmulator({ path: join(dir, "backup.realm"), readOnly: true });
  const events = await lastValueFrom(
    strategy
      .recover({
        backup,
        fresh,
        lastSyncedAt: 123,
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

describe("OverwriteStrategy", () => {
  it("adds no stamp properties and records nothing", () => {
    expect(strategy.schema(Dog)).toBe(Dog);
    expect(
      strategy.recorder.recordUpsert({
        objectType: "Dog",
        primaryKey: "1",
        changed: ["age"],
        previous: null,
        stamp: 1,
        journal,
      }),
    ).toEqual({});
  });

  it("restores every backup object exactly, overwriting remote changes", async () => {
    backupWriter.write(() => {
      backupWriter.create("Dog", { _id: "1", name: "Rex", age: 2 });
      backupWriter.create("Dog", { _id: "2", name: "Old", age: null });
    });
    fresh.write(() => {
      fresh.create("Dog", { _id: "1", name: "Max", age: 1 });
      fresh.create("Dog", { _id: "2", name: "Old", age: 9 });
    });
    const report = await recover();
    expect(fresh.objects("Dog").toJSON()).toEqual([
      { _id: "1", name: "Rex", age: 2 },
      { _id: "2", name: "Old", age: null },
    ]);
    expect(report).toMatchObject({ strategy: "overwrite", upserted: 2, deleted: 0 });
  });

  it("recovers no deletes: an object missing from the backup stays as the server has it", async () => {
    fresh.write(() => fresh.create("Dog", { _id: "3", name: "Server only" }));
    journal.recordTombstone({ objectType: "Dog", primaryKey: "3", deletedAt: 999 });
    await recover();
    expect(fresh.objectForPrimaryKey("Dog", "3")).not.toBeNull();
  });

  it("rejects a bad batch size with a typed error", () => {
    expect(() => new OverwriteStrategy({ batchSize: -1 })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });
});
