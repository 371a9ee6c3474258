import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RealmEmulator, SyncSimulator, type SimulatedClient } from "@realm-recovery/testing";
import { Observable, Subject } from "rxjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClientResetStrategy, StampedUpsert } from "../contracts/client-reset-strategy.js";
import type { ObjectSchemaLike, RealmLike } from "../contracts/realm-like.js";
import type { RecoveryContext } from "../contracts/recovery-context.js";
import type { RecoveryEvent, StrategyEvent } from "../contracts/recovery-event.js";
import type { Recovery } from "../contracts/recovery.js";
import type { SyncTracker } from "../contracts/sync-tracker.js";
import type { Timestamp } from "../clock/timestamp.js";
import { type RecoveryError } from "../errors/recovery-error.js";
import { createRecovery } from "./create-recovery.js";

/** A test double: copies every backup object stamped after LastSynced (no conflict handling). */
class CopyNewerStrategy implements ClientResetStrategy {
  readonly name = "copy-newer";
  readonly upserts: StampedUpsert[] = [];
  failuresLeft = 0;
  readonly recorder = {
    recordUpsert: (write: StampedUpsert) => {
      this.upserts.push(write);
      return { stamp: write.stamp };
    },
    latestStamp: (object: Record<string, unknown>) => (object.stamp as number | null) ?? null,
  };
  schema(schema: ObjectSchemaLike): ObjectSchemaLike {
    return { ...schema, properties: { ...schema.properties, stamp: "int?" } };
  }
  recover(ctx: RecoveryContext): Observable<StrategyEvent> {
    return new Observable((subscriber) => {
      if (this.failuresLeft-- > 0) throw new Error("strategy exploded");
      let upserted = 0;
      for (const type of ctx.objectTypes) {
        const objects =
          ctx.lastSyncedAt === null
            ? [...ctx.backup.objects(type)]
            : [...ctx.backup.objects(type).filtered("stamp > $0", ctx.lastSyncedAt)];
        ctx.fresh.write(() => {
          for (const object of objects) ctx.fresh.create(type, object.toJSON(), "modified");
        });
        upserted += objects.length;
        subscriber.next({
          type: "recovery-progress",
          objectType: type,
          done: objects.length,
          total: objects.length,
        });
      }
      subscriber.next({
        type: "recovered",
        report: { strategy: this.name, upserted, fieldsWritten: 0, deleted: 0, skipped: [], durationMs: 0 },
      });
      subscriber.complete();
    });
  }
}

/** A test double: emits LastSynced only when the test says so. */
class ManualTracker implements SyncTracker {
  readonly name = "manual";
  readonly stamps = new Subject<Timestamp>();
  subscribers = 0;
  track(): Observable<Timestamp> {
    return new Observable((subscriber) => {
      this.subscribers++;
      const subscription = this.stamps.subscribe(subscriber);
      return () => {
        this.subscribers--;
        subscription.unsubscribe();
      };
    });
  }
}

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

let dir: string;
let sim: SyncSimulator;
let a: SimulatedClient;
let strategy: CopyNewerStrategy;
let tracker: ManualTracker;
let recovery: Recovery;
let events: RecoveryEvent[];

function build(client: SimulatedClient): Recovery {
  const created = createRecovery({ adapter: client.adapter, strategy, tracker, wallClock: client.now });
  created.events$.subscribe((event) => events.push(event));
  return created;
}

async function openDogs(r: Recovery): Promise<RealmLike> {
  return r.open({ schema: r.schema([Dog]), sync: {} });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "engine-"));
  sim = new SyncSimulator({ baseDir: dir });
  a = sim.addClient("a");
  strategy = new CopyNewerStrategy();
  tracker = new ManualTracker();
  events = [];
  recovery = build(a);
});
afterEach(async () => {
  await recovery.detach();
  for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !predicate(); i++) await tick();
  if (!predicate()) throw new Error("condition not reached");
}

describe("createRecovery", () => {
  it("stamps tracked writes through the strategy's recorder with strictly increasing stamps", async () => {
    const realm = await openDogs(recovery);
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    recovery.write(realm, (tx) => tx.update("Dog", "1", { age: 2, name: "Rex" }));
    expect(strategy.upserts.map((u) => u.changed)).toEqual([["name", "age"], ["age"]]);
    expect(strategy.upserts[1]!.stamp).toBeGreaterThan(strategy.upserts[0]!.stamp);
    expect(realm.objectForPrimaryKey("Dog", "1")!.stamp).toBe(strategy.upserts[1]!.stamp);
  });

  it("records a tombstone in the journal for a tracked delete", async () => {
    const realm = await openDogs(recovery);
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex" }));
    recovery.write(realm, (tx) => tx.delete("Dog", "1"));
    const journal = new RealmEmulator({ path: `${realm.path}.recovery-journal.realm`, readOnly: true });
    expect(journal.objects("RecoveryTombstone").map((t) => t.primaryKey)).toEqual(["1"]);
    journal.close();
  });

  it("rejects a tracked type without a primary key with a typed error", () => {
    expect(() => recovery.schema([{ name: "Note", properties: { text: "string" } }])).toThrow(
      expect.objectContaining({ code: "MISSING_PRIMARY_KEY", step: "configure" }),
    );
  });

  it("appends the strategy's own models to the schema, never tracks them, and refuses an app model of the same name", async () => {
    const Stamps: ObjectSchemaLike = { name: "Stamps", primaryKey: "_id", properties: { _id: "string" } };
    const withModel = Object.assign(Object.create(strategy) as CopyNewerStrategy, { models: () => [Stamps] });
    const own = createRecovery({ adapter: a.adapter, strategy: withModel, tracker, wallClock: a.now });
    const schema = own.schema([Dog]);
    expect(schema.map((s) => s.name)).toEqual(["Dog", "Stamps"]);
    expect(() => own.schema([Dog, Stamps])).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", step: "configure" }),
    );
  });

  it("refuses tracked writes on a realm it does not manage", async () => {
    const other = new RealmEmulator({ path: join(dir, "other.realm"), schema: [Dog] });
    expect(() => recovery.write(other, () => undefined)).toThrow(
      expect.objectContaining({ code: "NOT_ATTACHED" }),
    );
    other.close();
  });

  it("records LastSynced from the tracker in the journal", async () => {
    await openDogs(recovery);
    expect(recovery.lastSyncedAt()).toBeNull();
    tracker.stamps.next(5_000);
    tracker.stamps.next(4_000);
    expect(recovery.lastSyncedAt()).toBe(5_000);
  });

  it("runs the whole client-reset flow, emitting every step in order, and hands over the fresh realm", async () => {
    const realm = await openDogs(recovery);
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex" }));
    await a.sync();
    tracker.stamps.next(recovery.lastSyncedAt() ?? strategy.upserts[0]!.stamp);
    a.goOffline();
    recovery.write(realm, (tx) => tx.update("Dog", "1", { name: "Unsynced" }));
    sim.clientReset("a");
    a.goOnline();
    await waitFor(() => events.some((e) => e.type === "backup-deleted" || e.type === "failed"));
    expect(events.map((e) => e.type)).toEqual([
      "reset-detected",
      "realm-closed",
      "backup-created",
      "fresh-opened",
      "download-complete",
      "backup-opened",
      "recovery-progress",
      "recovered",
      "upload-complete",
      "backup-deleted",
    ]);
    expect(realm.isClosed).toBe(true);
    expect(recovery.realm).not.toBe(realm);
    expect(recovery.realm!.objectForPrimaryKey("Dog", "1")!.name).toBe("Unsynced");
    expect(sim.serverObjects().Dog![0]!.name).toBe("Unsynced");
    expect(tracker.subscribers).toBe(1);
    // Tracked writes go on, on the fresh realm, stamped past everything before.
    const fresh = recovery.realm!;
    recovery.write(fresh, (tx) => tx.update("Dog", "1", { name: "After" }));
    expect(fresh.objectForPrimaryKey("Dog", "1")!.stamp).toBe(strategy.upserts.at(-1)!.stamp);
    expect(strategy.upserts.at(-1)!.stamp).toBeGreaterThan(strategy.upserts.at(-2)!.stamp);
  });

  it("also handles the reset through the onError form", async () => {
    const onError = recovery.onError();
    const realm = await recovery.open({
      schema: recovery.schema([Dog]),
      sync: { clientReset: { mode: "manual" }, onError },
    });
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex" }));
    sim.clientReset("a");
    await waitFor(() => events.some((e) => e.type === "backup-deleted" || e.type === "failed"));
    expect(events.at(-1)!.type).toBe("backup-deleted");
    expect(sim.serverObjects().Dog).toHaveLength(1);
  });

  it("keeps the backup and pending marker when the backup cannot be opened, then resumePending finishes", async () => {
    const realm = await openDogs(recovery);
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex" }));
    a.faults.inject("open-backup");
    sim.clientReset("a");
    await waitFor(() => events.some((e) => e.type === "failed"));
    const failed = events.find((e) => e.type === "failed")!;
    expect(failed).toMatchObject({
      type: "failed",
      step: "open-backup",
      error: { code: "BACKUP_UNREADABLE" },
    });
    const backupPath = (failed as { error: RecoveryError }).error.backupPath!;
    expect(RealmEmulator.exists(backupPath)).toBe(true);
    const report = await recovery.resumePending();
    expect(report.upserted).toBe(1);
    expect(RealmEmulator.exists(backupPath)).toBe(false);
    expect(sim.serverObjects().Dog).toHaveLength(1);
    await expect(recovery.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
  });

  it("names the plugin when the strategy throws, keeps the backup, and resumes once it works", async () => {
    const realm = await openDogs(recovery);
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex" }));
    strategy.failuresLeft = 1;
    sim.clientReset("a");
    await waitFor(() => events.some((e) => e.type === "failed"));
    const failed = events.find((e) => e.type === "failed") as { error: RecoveryError; step: string };
    expect(failed.step).toBe("recover");
    expect(failed.error).toMatchObject({ code: "PLUGIN_FAILED", plugin: "copy-newer" });
    await expect(recovery.resumePending()).resolves.toMatchObject({ upserted: 1 });
  });

  it("keeps the backup when the upload fails", async () => {
    const realm = await openDogs(recovery);
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex" }));
    sim.clientReset("a");
    a.faults.inject("upload");
    await waitFor(() => events.some((e) => e.type === "failed"));
    expect(events.at(-1)).toMatchObject({ type: "failed", step: "upload", error: { code: "UPLOAD_FAILED" } });
    await recovery.resumePending();
    expect(sim.serverObjects().Dog).toHaveLength(1);
  });

  it("accepts plugins as classes and as registrations", async () => {
    const fromClass = createRecovery({
      adapter: a.adapter,
      strategy: CopyNewerStrategy,
      tracker: { useFactory: () => new ManualTracker() },
    });
    expect(() => fromClass.schema([Dog])).not.toThrow();
    await fromClass.detach();
    expect(() => createRecovery({ adapter: a.adapter, strategy: { nope: true } as never, tracker })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });

  it("detach stops the tracker, closes the journal and completes the streams", async () => {
    const realm = await openDogs(recovery);
    let completed = 0;
    recovery.events$.subscribe({ complete: () => completed++ });
    recovery.state$.subscribe({ complete: () => completed++ });
    expect(tracker.subscribers).toBe(1);
    await recovery.detach();
    expect(tracker.subscribers).toBe(0);
    expect(completed).toBe(2);
    expect(() => recovery.write(realm, () => undefined)).toThrow(
      expect.objectContaining({ code: "NOT_ATTACHED" }),
    );
  });

  it("re-attaching stops the previous tracking instead of leaking it", async () => {
    const realm = await openDogs(recovery);
    await recovery.attach(realm, { schema: recovery.schema([Dog]), sync: {} });
    expect(tracker.subscribers).toBe(1);
  });

  it("refuses a second reset while an earlier recovery is pending, keeping the earlier backup", async () => {
    const realm = await openDogs(recovery);
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex" }));
    a.faults.inject("open-backup");
    sim.clientReset("a");
    await waitFor(() => events.some((e) => e.type === "failed"));
    const firstBackup = (events.find((e) => e.type === "failed") as { error: RecoveryError }).error
      .backupPath!;
    events.length = 0;
    sim.clientReset("a");
    await waitFor(() => events.some((e) => e.type === "failed"));
    expect(events.at(-1)).toMatchObject({
      type: "failed",
      step: "detect",
      error: { code: "RECOVERY_IN_PROGRESS", backupPath: firstBackup },
    });
    expect(RealmEmulator.exists(firstBackup)).toBe(true);
  });
});
