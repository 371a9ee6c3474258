import { type ClientResetStrategy, type RecoveryError, createRecovery } from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";
import { type FaultKind, RealmEmulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Device, Dog, Scenario } from "./scenario-harness.js";

// Faults inside the recovery step itself: recovery writes the fresh realm in transactions of
// `batchSize` candidates, and the simulator can fail or crash a synced realm's write transaction
// before it commits (`write`: it rolls back) or right after it committed (`commit`: between batches).

const STRATEGIES: [string, () => ClientResetStrategy][] = [
  ["object", () => objectStrategy({ batchSize: 2 })],
  ["field", () => fieldStrategy({ batchSize: 2 })],
  ["overwrite", () => overwriteStrategy({ batchSize: 2 })],
  ["changelog", () => changelogStrategy({ batchSize: 2 })],
];

let scenario: Scenario;
beforeEach(() => {
  scenario = new Scenario();
});
afterEach(() => scenario.dispose());

type Fault = { point: "write" | "commit" | "download-partial"; kind: FaultKind; skip: number };

/**
 * Six dogs synced; b renames dog 5 remotely; a, offline, updates 1–3, creates 7–9 and deletes 4,
 * then is reset. Returns a once its first recovery finished or failed.
 */
async function resetWithManyUnsyncedWrites(
  make: () => ClientResetStrategy,
  fault?: Fault,
  on: Scenario = scenario,
) {
  const a = await on.device("a", make(), listenerTracker());
  const b = await on.device("b", make(), listenerTracker());
  on.sim.advanceClock(1);
  a.recovery.write(a.realm, (tx) => {
    for (const id of ["1", "2", "3", "4", "5", "6"]) tx.create("Dog", { _id: id, name: `dog ${id}`, age: 1 });
  });
  await on.sim.syncAll();
  await on.settle();
  a.client.goOffline();
  on.sim.advanceClock(1);
  b.recovery.write(b.realm, (tx) => tx.update("Dog", "5", { name: "renamed by b" }));
  await b.client.sync();
  on.sim.advanceClock(1);
  a.recovery.write(a.realm, (tx) => {
    for (const id of ["1", "2", "3"]) tx.update("Dog", id, { age: 10 + Number(id) });
    for (const id of ["7", "8", "9"]) tx.create("Dog", { _id: id, name: `new ${id}`, age: 0 });
    tx.delete("Dog", "4");
  });
  await on.settle();
  if (fault) a.client.faults.inject(fault.point, fault.kind, 1, { skip: fault.skip });
  on.sim.clientReset("a");
  a.client.goOnline();
  const last = await on.recovered(a);
  return { a, b, last };
}

/** The dogs on the server and on a after an unfaulted run of the same schedule. */
async function unfaultedOutcome(make: () => ClientResetStrategy) {
  const control = new Scenario();
  try {
    const { a, last } = await resetWithManyUnsyncedWrites(make, undefined, control);
    expect(last.type).toBe("backup-deleted");
    await control.sim.syncAll();
    return { server: dogs(control.sim.serverObjects().Dog), device: dogs(a.client.objects().Dog) };
  } finally {
    await control.dispose();
  }
}

/** What users see of the dogs: their own properties, without the strategies' stamps. */
function dogs(objects: Record<string, unknown>[] | undefined) {
  return (objects ?? []).map(({ _id, name, age }) => ({ _id, name, age }));
}

// What newer-wins strategies end with: local updates, creates and the delete recovered, b's rename kept.
const EXPECTED = [
  { _id: "1", name: "dog 1", age: 11 },
  { _id: "2", name: "dog 2", age: 12 },
  { _id: "3", name: "dog 3", age: 13 },
  { _id: "5", name: "renamed by b", age: 1 },
  { _id: "6", name: "dog 6", age: 1 },
  { _id: "7", name: "new 7", age: 0 },
  { _id: "8", name: "new 8", age: 0 },
  { _id: "9", name: "new 9", age: 0 },
];
// Overwrite (single-writer realms) restores the whole backup: b's rename is overwritten and the local
// delete is not recovered (documented in OverwriteStrategy).
const EXPECTED_OVERWRITE = [
  ...EXPECTED.slice(0, 3),
  { _id: "4", name: "dog 4", age: 1 },
  { _id: "5", name: "dog 5", age: 1 },
  ...EXPECTED.slice(4),
];

/** The marker's backup path, read straight from the journal file. */
function pendingBackupPath(device: Device): string | null {
  const journal = new RealmEmulator({
    path: `${device.client.adapter.resolvePath(undefined, true)}.recovery-journal.realm`,
    readOnly: true,
  });
  try {
    return (journal.objectForPrimaryKey("RecoveryJournalMeta", "meta")?.pendingBackupPath as string) ?? null;
  } finally {
    journal.close();
  }
}

/** The unsynced writes are still in the backup file. */
function expectBackupHoldsUnsyncedWrites(backupPath: string): void {
  const backup = new RealmEmulator({ path: backupPath, readOnly: true });
  try {
    expect(backup.objectForPrimaryKey("Dog", "1")!.age).toBe(11);
    expect(backup.objectForPrimaryKey("Dog", "9")!.name).toBe("new 9");
    expect(backup.objectForPrimaryKey("Dog", "4")).toBeNull();
  } finally {
    backup.close();
  }
}

async function expectConverged(
  a: Device,
  backupPath: string,
  make: () => ClientResetStrategy,
): Promise<void> {
  await scenario.sim.syncAll();
  const expected = await unfaultedOutcome(make);
  expect(dogs(scenario.sim.serverObjects().Dog)).toEqual(expected.server);
  expect(dogs(a.client.objects().Dog)).toEqual(expected.device);
  expect(RealmEmulator.exists(backupPath)).toBe(false);
  expect(pendingBackupPath(a)).toBeNull();
}

/** A new process: a new recovery over the same files. */
async function restart(a: Device, make: () => ClientResetStrategy) {
  await a.recovery.detach();
  for (const realm of a.client.openRealms()) realm.close();
  const next = createRecovery({
    adapter: a.client.adapter,
    strategy: make(),
    tracker: listenerTracker(),
    wallClock: a.client.now,
  });
  await next.open({ schema: next.schema([Dog]), sync: { flexible: true } });
  return next;
}

describe.each(STRATEGIES)("the %s strategy with batchSize 2", (name, make) => {
  it("recovers every unsynced write in several batches without faults (the control)", async () => {
    const { a, last } = await resetWithManyUnsyncedWrites(make);
    expect(last.type).toBe("backup-deleted");
    const progress = a.events.filter((e) => e.type === "recovery-progress");
    expect(progress.length).toBeGreaterThan(2);
    await scenario.sim.syncAll();
    const expected = name === "overwrite" ? EXPECTED_OVERWRITE : EXPECTED;
    expect(dogs(scenario.sim.serverObjects().Dog)).toEqual(expected);
    expect(dogs(a.client.objects().Dog)).toEqual(expected);
  });

  // skip 0: the first batch; 1: a middle one; 2: the third transaction.
  it.each([0, 1, 2])(
    "a fail inside recovery transaction %i rolls it back, keeps backup and marker; resume in the same process converges",
    async (skip) => {
      const { a, last } = await resetWithManyUnsyncedWrites(make, { point: "write", kind: "fail", skip });
      expect(last).toMatchObject({ type: "failed", step: "recover" });
      const backupPath = (last as { error: RecoveryError }).error.backupPath!;
      expect(pendingBackupPath(a)).toBe(backupPath);
      expectBackupHoldsUnsyncedWrites(backupPath);
      // The first recovery transaction rolled back: the fresh realm still holds the server's state.
      if (skip === 0) expect(a.client.objects().Dog).toEqual(scenario.sim.serverObjects().Dog);
      await a.recovery.resumePending();
      await expectConverged(a, backupPath, make);
    },
  );

  it.each([
    ["write", 0],
    ["write", 2],
    ["commit", 0],
    ["commit", 1],
  ] as const)(
    "a crash at %s (after %i transactions) keeps backup and marker; a new process recovers twice (upload fails once) and converges",
    async (point, skip) => {
      const { a, last } = await resetWithManyUnsyncedWrites(make, { point, kind: "crash", skip });
      expect(last).toMatchObject({ type: "failed", step: "recover" });
      const backupPath = pendingBackupPath(a)!;
      expect(backupPath).toBeTruthy();
      expectBackupHoldsUnsyncedWrites(backupPath);
      const next = await restart(a, make);
      // The first resume recovers fully and then fails to upload; the second recovers again over
      // the already recovered fresh realm: recovery is idempotent.
      a.client.faults.inject("upload", "fail");
      await expect(next.resumePending()).rejects.toMatchObject({ code: "UPLOAD_FAILED", backupPath });
      expectBackupHoldsUnsyncedWrites(backupPath);
      const report = await next.resumePending();
      expect(report.strategy).toBe(name);
      await expect(next.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
      await expectConverged(a, backupPath, make);
      await next.detach();
    },
  );
});

describe.each(["fail", "crash"] as const)("a %s part-way through the fresh realm's download", (kind) => {
  it("leaves part of the server's data in the fresh realm, keeps backup and marker; a new process converges", async () => {
    const make = () => objectStrategy({ batchSize: 2 });
    const { a, last } = await resetWithManyUnsyncedWrites(make, { point: "download-partial", kind, skip: 0 });
    expect(last).toMatchObject({ type: "failed", step: "download", error: { code: "DOWNLOAD_FAILED" } });
    const backupPath = pendingBackupPath(a)!;
    expectBackupHoldsUnsyncedWrites(backupPath);
    const partial = a.client.objects().Dog ?? [];
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(scenario.sim.serverObjects().Dog!.length);
    const next = await restart(a, make);
    await next.resumePending();
    await expectConverged(a, backupPath, make);
    await next.detach();
  });
});
