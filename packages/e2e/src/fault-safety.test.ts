import { readFileSync, writeFileSync } from "node:fs";
import { type RecoveryError, createRecovery } from "@realm-recovery/core";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { type FaultKind, type FaultPoint, RealmEmulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Dog, Scenario } from "./scenario-harness.js";

// Each point of the client-reset flow where the simulator can fail or crash, and the step of
// DESIGN §4 it interrupts.
const POINTS: [FaultPoint, string][] = [
  ["initiate-client-reset", "backup"],
  ["open", "open-fresh"],
  ["download", "download"],
  ["open-backup", "open-backup"],
  ["upload", "upload"],
];
const KINDS: FaultKind[] = ["fail", "crash"];

let scenario: Scenario;
beforeEach(() => {
  scenario = new Scenario();
});
afterEach(() => scenario.dispose());

/** a syncs Dog 1, then changes it offline and is reset: the unsynced age 2 must survive. */
async function resetWithUnsyncedWrite(fault?: { point: FaultPoint; kind: FaultKind }) {
  const a = await scenario.device("a", objectStrategy(), listenerTracker());
  scenario.sim.advanceClock(1);
  a.recovery.write(a.realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
  await scenario.settle();
  a.client.goOffline();
  scenario.sim.advanceClock(1);
  a.recovery.write(a.realm, (tx) => tx.update("Dog", "1", { age: 2 }));
  if (fault) a.client.faults.inject(fault.point, fault.kind);
  scenario.sim.clientReset("a");
  a.client.goOnline();
  const last = await scenario.recovered(a);
  return { a, last };
}

describe("without faults", () => {
  it("recovers the unsynced write (the control for the fault runs)", async () => {
    const { last } = await resetWithUnsyncedWrite();
    expect(last.type).toBe("backup-deleted");
    expect(scenario.sim.serverObjects().Dog).toMatchObject([{ _id: "1", name: "Rex", age: 2 }]);
  });
});

describe.each(KINDS)("a %s", (kind) => {
  it.each(POINTS)(
    "at %s keeps the backup and the pending marker, and a new process resumes to the same state",
    async (point, step) => {
      const { a, last } = await resetWithUnsyncedWrite({ point, kind });
      expect(last).toMatchObject({ type: "failed", step });
      const error = (last as { error: RecoveryError }).error;
      const journalPath = `${a.realm.path}.recovery-journal.realm`;
      const journal = new RealmEmulator({ path: journalPath, readOnly: true });
      const marker = journal.objectForPrimaryKey("RecoveryJournalMeta", "meta")!;
      expect(marker.pendingBackupPath).toBeTruthy();
      const backupPath = marker.pendingBackupPath as string;
      journal.close();
      // The backup holds the unsynced write until recovery and upload succeed (before the move, the live file does).
      const holder = new RealmEmulator({
        path: RealmEmulator.exists(backupPath) ? backupPath : a.realm.path,
        readOnly: true,
      });
      expect(holder.objectForPrimaryKey("Dog", "1")!.age).toBe(2);
      holder.close();
      if (step !== "backup") expect(error.backupPath).toBe(backupPath);

      // A new process: a new recovery over the same files.
      await a.recovery.detach();
      for (const realm of a.client.openRealms()) realm.close();
      const next = createRecovery({
        adapter: a.client.adapter,
        strategy: objectStrategy(),
        tracker: listenerTracker(),
        wallClock: a.client.now,
      });
      await next.open({ schema: next.schema([Dog]), sync: { flexible: true } });
      const report = await next.resumePending();
      expect(report.strategy).toBe("object");
      expect(RealmEmulator.exists(backupPath)).toBe(false);
      await expect(next.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
      await scenario.sim.syncAll();
      expect(scenario.sim.serverObjects().Dog).toMatchObject([{ _id: "1", name: "Rex", age: 2 }]);
      expect(next.realm!.objectForPrimaryKey("Dog", "1")!.age).toBe(2);
      await next.detach();
    },
  );
});

describe("a corrupt backup", () => {
  it("fails recovery with BACKUP_UNREADABLE at open-backup and keeps the file and the marker", async () => {
    const { a, last } = await resetWithUnsyncedWrite({ point: "open-backup", kind: "fail" });
    const backupPath = (last as { error: RecoveryError }).error.backupPath!;
    writeFileSync(backupPath, "this is not a realm file\n");
    await expect(a.recovery.resumePending()).rejects.toMatchObject({
      code: "BACKUP_UNREADABLE",
      step: "open-backup",
      backupPath,
    });
    expect(readFileSync(backupPath, "utf8")).toBe("this is not a realm file\n");
    await expect(a.recovery.resumePending()).rejects.toMatchObject({ code: "BACKUP_UNREADABLE" });
  });
});

describe.each(KINDS)("a %s when deleting the backup", (kind) => {
  it("comes after recovery, upload and clearing the marker: nothing is left to resume and no write is lost", async () => {
    const { a, last } = await resetWithUnsyncedWrite({ point: "delete-file", kind });
    expect(last).toMatchObject({
      type: "failed",
      step: "delete-backup",
      error: { code: "BACKUP_DELETE_FAILED" },
    });
    expect(scenario.sim.serverObjects().Dog).toMatchObject([{ _id: "1", name: "Rex", age: 2 }]);
    await expect(a.recovery.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
  });
});

describe("a new process resuming after a crash", () => {
  it("still re-applies the backup's local deletes although its tracker records LastSynced first", async () => {
    const a = await scenario.device("a", objectStrategy(), listenerTracker());
    scenario.sim.advanceClock(1);
    a.recovery.write(a.realm, (tx) => {
      tx.create("Dog", { _id: "1", name: "Rex", age: 1 });
      tx.create("Dog", { _id: "2", name: "Max", age: 2 });
    });
    await scenario.settle();
    a.client.goOffline();
    scenario.sim.advanceClock(1);
    a.recovery.write(a.realm, (tx) => tx.delete("Dog", "2"));
    a.client.faults.inject("download", "crash");
    scenario.sim.clientReset("a");
    a.client.goOnline();
    expect((await scenario.recovered(a)).type).toBe("failed");
    await a.recovery.detach();
    const next = createRecovery({
      adapter: a.client.adapter,
      strategy: objectStrategy(),
      tracker: listenerTracker(),
      wallClock: a.client.now,
    });
    await next.open({ schema: next.schema([Dog]), sync: { flexible: true } });
    await scenario.settle();
    await next.resumePending();
    await scenario.sim.syncAll();
    expect(scenario.sim.serverObjects().Dog!.map((d) => d._id)).toEqual(["1"]);
    await next.detach();
  });
});
