import { renameSync } from "node:fs";
import {
  type Logger,
  type RecoveryError,
  type RecoveryEvent,
  type RecoveryReport,
  createRecovery,
} from "@realm-recovery/core";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { type FaultKind, type FaultPoint, RealmEmulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Device, Dog, Scenario } from "./scenario-harness.js";

// Bad input around a client reset: a LastSynced from the future, a lost journal, a lost backup, a
// backup left behind after a finished recovery. Each ends in a typed error or a note in the report,
// never in a lost backup.

let scenario: Scenario;
beforeEach(() => {
  scenario = new Scenario();
});
afterEach(() => scenario.dispose());

const DAY = 24 * 60 * 60 * 1000;

function journalPath(device: Device): string {
  return `${device.client.adapter.resolvePath(undefined, true)}.recovery-journal.realm`;
}

/** Reads (and optionally changes) the journal's pending backup path while the app is not running. */
function editJournal(device: Device, change?: Record<string, unknown>): string | null {
  const journal = new RealmEmulator({ path: journalPath(device) });
  try {
    if (change)
      journal.write(() => journal.create("RecoveryJournalMeta", { _id: "meta", ...change }, "modified"));
    const meta = journal.objectForPrimaryKey("RecoveryJournalMeta", "meta");
    return (meta?.pendingBackupPath as string | null | undefined) ?? null;
  } finally {
    journal.close();
  }
}

/** Stops the app: detaches its recovery and closes every realm, as a process exit would. */
async function stop(device: Device): Promise<void> {
  await device.recovery.detach();
  for (const realm of device.client.openRealms()) realm.close();
}

/** Starts the app again on the same files, with a logger that keeps warnings and errors. */
async function start(device: Device) {
  const logged: { level: string; message: string }[] = [];
  const keep =
    (level: string) =>
    (message: string): void => {
      logged.push({ level, message });
    };
  const logger: Logger = {
    debug: () => undefined,
    info: keep("info"),
    warn: keep("warn"),
    error: keep("error"),
  };
  const recovery = createRecovery({
    adapter: device.client.adapter,
    strategy: objectStrategy(),
    tracker: listenerTracker(),
    wallClock: device.client.now,
    logger,
  });
  const events: RecoveryEvent[] = [];
  recovery.events$.subscribe((event) => events.push(event));
  const realm = await recovery.open({ schema: recovery.schema([Dog]), sync: { flexible: true } });
  return { recovery, realm, logged, events };
}

/** a syncs Dog 1 (age 1), then sets its age to 2 offline. */
async function unsyncedAge(): Promise<Device> {
  const a = await scenario.device("a", objectStrategy(), listenerTracker());
  scenario.sim.advanceClock(1);
  a.recovery.write(a.realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
  await scenario.settle();
  a.client.goOffline();
  scenario.sim.advanceClock(1);
  a.recovery.write(a.realm, (tx) => tx.update("Dog", "1", { age: 2 }));
  return a;
}

/** Orders a reset of a with an optional fault, and waits for the recovery's end. */
async function reset(a: Device, fault?: { point: FaultPoint; kind: FaultKind }) {
  if (fault) a.client.faults.inject(fault.point, fault.kind);
  scenario.sim.clientReset("a");
  a.client.goOnline();
  return scenario.recovered(a);
}

/** Waits for the end of the recovery the app's events show; returns its report. */
async function finished(events: RecoveryEvent[]): Promise<RecoveryReport> {
  for (let i = 0; i < 200 && !events.some((e) => e.type === "backup-deleted" || e.type === "failed"); i++)
    await scenario.settle(1);
  expect(events.at(-1)?.type).toBe("backup-deleted");
  const recovered = events.find((e) => e.type === "recovered");
  if (recovered?.type !== "recovered") throw new Error("no recovered event");
  return recovered.report;
}

function serverAge(): unknown {
  return scenario.sim.serverObjects().Dog?.find((dog) => dog._id === "1")?.age;
}

describe("a LastSynced later than the device clock", () => {
  it("is not trusted: the recovery considers every stamped object and delete, warns, and notes it in the report", async () => {
    const a = await unsyncedAge();
    scenario.sim.advanceClock(1);
    a.recovery.write(a.realm, (tx) => tx.create("Dog", { _id: "2", name: "Max", age: 3 }));
    a.client.goOnline();
    await scenario.sim.syncAll();
    await scenario.settle();
    a.client.goOffline();
    scenario.sim.advanceClock(1);
    a.recovery.write(a.realm, (tx) => {
      tx.update("Dog", "1", { age: 4 });
      tx.delete("Dog", "2");
    });
    await stop(a);
    // A journal whose LastSynced is ten days ahead (recorded by a wrong clock, or restored from
    // elsewhere): the unsynced age 2 is stamped before it.
    editJournal(a, { lastSyncedAt: (scenario.sim.timeMs + 10 * DAY) * 1000 });
    const app = await start(a);
    scenario.sim.clientReset("a");
    a.client.goOnline();
    const report = await finished(app.events);
    expect(report.skipped).toEqual([
      expect.objectContaining({ type: "*", reason: expect.stringContaining("later than the device clock") }),
    ]);
    expect(app.logged.some((l) => l.level === "warn" && l.message.includes("not trusted"))).toBe(true);
    await scenario.sim.syncAll();
    expect(serverAge()).toBe(4);
    expect(scenario.sim.serverObjects().Dog!.map((dog) => dog._id)).toEqual(["1"]);
    await app.recovery.detach();
  });

  it("a little ahead (within the tolerance) is trusted as usual", async () => {
    const a = await unsyncedAge();
    await stop(a);
    editJournal(a, { lastSyncedAt: (scenario.sim.timeMs + 1000) * 1000 });
    const app = await start(a);
    scenario.sim.clientReset("a");
    a.client.goOnline();
    expect((await finished(app.events)).skipped).toEqual([]);
    await app.recovery.detach();
  });
});

describe("a missing journal", () => {
  it("deleted between runs: a new one is created with a warning, and a reset still recovers everything", async () => {
    const a = await unsyncedAge();
    await stop(a);
    RealmEmulator.deleteFile(journalPath(a));
    const app = await start(a);
    expect(app.logged.some((l) => l.level === "warn" && l.message.includes("journal was missing"))).toBe(
      true,
    );
    scenario.sim.clientReset("a");
    a.client.goOnline();
    await finished(app.events);
    expect(serverAge()).toBe(2);
    await app.recovery.detach();
  });

  it("deleted while a backup is pending: resume finds nothing pending, the backup is kept, and resumePending({ backupPath }) recovers it", async () => {
    const a = await unsyncedAge();
    const last = await reset(a, { point: "upload", kind: "fail" });
    const backupPath = (last as { error: RecoveryError }).error.backupPath!;
    await stop(a);
    RealmEmulator.deleteFile(journalPath(a));
    const app = await start(a);
    await expect(app.recovery.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
    expect(RealmEmulator.exists(backupPath)).toBe(true);
    await expect(app.recovery.resumePending({ backupPath: `${backupPath}-nope` })).rejects.toMatchObject({
      code: "BACKUP_MISSING",
    });
    const report = await app.recovery.resumePending({ backupPath });
    expect(report.upserted).toBeGreaterThan(0);
    expect(RealmEmulator.exists(backupPath)).toBe(false);
    await scenario.sim.syncAll();
    expect(serverAge()).toBe(2);
    await app.recovery.detach();
  });
});

describe("a missing backup", () => {
  it("after the reset was carried out: BACKUP_MISSING, the live realm stays open, the marker is kept; restoring the file resumes", async () => {
    const a = await unsyncedAge();
    const last = await reset(a, { point: "open-backup", kind: "fail" });
    const backupPath = (last as { error: RecoveryError }).error.backupPath!;
    const live = a.recovery.realm!;
    renameSync(backupPath, `${backupPath}.away`);
    await expect(a.recovery.resumePending()).rejects.toMatchObject({
      code: "BACKUP_MISSING",
      step: "resume",
      backupPath,
    });
    expect(live.isClosed).toBe(false);
    expect(a.recovery.realm).toBe(live);
    await stop(a);
    expect(editJournal(a)).toBe(backupPath);
    renameSync(`${backupPath}.away`, backupPath);
    const app = await start(a);
    await app.recovery.resumePending();
    await scenario.sim.syncAll();
    expect(serverAge()).toBe(2);
    await app.recovery.detach();
  });

  it("with no reset pending in Realm (a stale marker): BACKUP_MISSING, and the live realm is reopened with its data", async () => {
    const a = await unsyncedAge();
    await stop(a);
    const backupPath = `${a.client.baseDir}/recovered-realms/never-made`;
    editJournal(a, {
      pendingOriginalPath: a.client.adapter.resolvePath(undefined, true),
      pendingBackupPath: backupPath,
      pendingLastSyncedAt: null,
      pendingDetectedAt: 1,
    });
    const app = await start(a);
    await expect(app.recovery.resumePending()).rejects.toMatchObject({ code: "BACKUP_MISSING", backupPath });
    expect(app.recovery.state.status).toBe("attached");
    const realm = app.recovery.realm!;
    expect(realm.isClosed).toBe(false);
    expect(realm.objectForPrimaryKey("Dog", "1")!.age).toBe(2);
    await app.recovery.detach();
  });
});

describe.each(["fail", "crash"] as const)("a backup left behind by a %s while deleting it", (kind) => {
  it("is recorded, and deleted when the app next attaches", async () => {
    const a = await unsyncedAge();
    const last = await reset(a, { point: "delete-file", kind });
    expect(last).toMatchObject({ type: "failed", error: { code: "BACKUP_DELETE_FAILED" } });
    const backupPath = (last as { error: RecoveryError }).error.backupPath!;
    expect(RealmEmulator.exists(backupPath)).toBe(true);
    await stop(a);
    const app = await start(a);
    expect(RealmEmulator.exists(backupPath)).toBe(false);
    await expect(app.recovery.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
    expect(serverAge()).toBe(2);
    await app.recovery.detach();
  });
});

describe("a backup left behind that cannot be deleted yet", () => {
  it("is kept listed and deleted by a later resumePending", async () => {
    const a = await unsyncedAge();
    const last = await reset(a, { point: "delete-file", kind: "fail" });
    const backupPath = (last as { error: RecoveryError }).error.backupPath!;
    a.client.faults.inject("delete-file", "fail");
    await expect(a.recovery.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
    expect(RealmEmulator.exists(backupPath)).toBe(true);
    await expect(a.recovery.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
    expect(RealmEmulator.exists(backupPath)).toBe(false);
  });
});
