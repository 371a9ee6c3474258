import {
  type ClientResetStrategy,
  type RecoveryReport,
  RecoveryError,
  createRecovery,
} from "@realm-recovery/core";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { RealmEmulator, SyncSimulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { filter, firstValueFrom } from "rxjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Dog } from "./scenario-harness.js";

// The per-record report (capped, exact counts) and recovery.preview() through the public engine API.

let dir: string;
let sim: SyncSimulator;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rr-records-"));
  sim = new SyncSimulator({ baseDir: dir });
});
afterEach(() => {
  for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
  rmSync(dir, { recursive: true, force: true });
});

async function device(options: { reportRecordLimit?: number; strategy?: ClientResetStrategy } = {}) {
  const client = sim.addClient("a");
  const recovery = createRecovery({
    adapter: client.adapter,
    strategy: options.strategy ?? objectStrategy(),
    tracker: listenerTracker(),
    wallClock: client.now,
    ...(options.reportRecordLimit === undefined ? {} : { reportRecordLimit: options.reportRecordLimit }),
  });
  const realm = await recovery.open({ schema: recovery.schema([Dog]), sync: { flexible: true } });
  return { client, recovery, realm };
}

describe("RecoveryReport.records", () => {
  it("keeps at most reportRecordLimit records while counting every one exactly", async () => {
    const { client, recovery, realm } = await device({ reportRecordLimit: 2 });
    client.goOffline();
    recovery.write(realm, (tx) => {
      for (const id of ["1", "2", "3", "4", "5"]) tx.create("Dog", { _id: id, name: `Dog ${id}`, age: 1 });
    });
    const recovered = firstValueFrom(recovery.events$.pipe(filter((e) => e.type === "recovered")));
    sim.clientReset("a");
    client.goOnline();
    const { report } = (await recovered) as { report: RecoveryReport };
    expect(report.recordCount).toBe(5);
    expect(report.counts).toEqual({ create: 5, update: 0, delete: 0, skip: 0 });
    expect(report.records).toEqual([
      expect.objectContaining({
        primaryKey: "1",
        action: "create",
        rule: "never-synced",
        resolved: { _id: "1", name: "Dog 1", age: 1 },
      }),
      expect.objectContaining({ primaryKey: "2", action: "create" }),
    ]);
    await recovery.detach();
  });

  it("refuses a negative limit with INVALID_OPTIONS", () => {
    expect(() =>
      createRecovery({
        adapter: sim.addClient("x").adapter,
        strategy: objectStrategy(),
        tracker: listenerTracker(),
        reportRecordLimit: -1,
      }),
    ).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));
  });
});

describe("recovery.preview()", () => {
  it("plans from any backup and fresh realm without writing either", async () => {
    const { recovery, realm } = await device();
    recovery.write(realm, (tx) => {
      tx.create("Dog", { _id: "1", name: "Rex", age: 1 });
      tx.create("Dog", { _id: "2", name: "Fido", age: 2 });
    });
    const fresh = await RealmEmulator.open({
      path: join(dir, "fresh.realm"),
      schema: recovery.schema([Dog]),
    });
    fresh.write(() =>
      fresh.create("Dog", { _id: "2", name: "Server Fido", age: 9, lastUpdated: Number.MAX_SAFE_INTEGER }),
    );
    const plan = recovery.preview(realm, fresh, { lastSyncedAt: 0 });
    expect(plan).toMatchObject({
      strategy: "object",
      lastSyncedAt: 0,
      counts: { create: 1, update: 0, delete: 0, skip: 1 },
    });
    expect(plan.records).toEqual([
      expect.objectContaining({ primaryKey: "1", action: "create", rule: "local-create" }),
      expect.objectContaining({
        primaryKey: "2",
        action: "skip",
        rule: "remote-newer",
        local: { _id: "2", name: "Fido", age: 2 },
        remote: { _id: "2", name: "Server Fido", age: 9 },
      }),
    ]);
    // Nothing was written.
    expect(fresh.objects("Dog").length).toBe(1);
    expect(realm.objectForPrimaryKey("Dog", "2")?.name).toBe("Fido");
    fresh.close();
    await recovery.detach();
  });

  it("throws NOT_ATTACHED before attach and PREVIEW_UNSUPPORTED for a strategy without preview()", async () => {
    const unattached = createRecovery({
      adapter: sim.addClient("b").adapter,
      strategy: objectStrategy(),
      tracker: listenerTracker(),
    });
    const some = await RealmEmulator.open({ path: join(dir, "some.realm"), schema: [Dog] });
    expect(() => unattached.preview(some, some)).toThrow(expect.objectContaining({ code: "NOT_ATTACHED" }));
    const inner = objectStrategy();
    const noPreview: ClientResetStrategy = {
      name: "no-preview",
      recorder: inner.recorder,
      schema: (s) => inner.schema(s),
      recover: (context) => inner.recover(context),
    };
    const { recovery, realm } = await device({ strategy: noPreview });
    let error: unknown;
    try {
      recovery.preview(realm, some);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RecoveryError);
    expect(error).toMatchObject({ code: "PREVIEW_UNSUPPORTED" });
    some.close();
    await recovery.detach();
  });
});
