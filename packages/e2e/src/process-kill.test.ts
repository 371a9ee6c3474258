import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRecovery } from "@realm-recovery/core";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { HALT_LINE, RealmEmulator, SyncSimulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Dog } from "./scenario-harness.js";

// A real crash: a child process runs the recovery over files on disk and is killed with SIGKILL
// part-way through it; a new child process reopens the same files and resumes. The simulation is
// persistent (its state file holds the server and what Realm keeps on disk per device), so each
// process continues where the previous one stopped. Children run src/ through Vite's module runner.

const here = dirname(fileURLToPath(import.meta.url));
const runTs = join(here, "crash-child", "run-ts.mjs");
const child = join(here, "crash-child", "recovery-process.ts");

let dir: string;
let stateFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "e2e-kill-"));
  stateFile = join(dir, "simulation.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  halted: boolean;
}

/** Runs the child; kills it with SIGKILL as soon as it prints the halt line. */
function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [runTs, child, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let halted = false;
    const timer = setTimeout(() => proc.kill("SIGKILL"), 25_000);
    proc.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!halted && stdout.includes(HALT_LINE)) {
        halted = true;
        proc.kill("SIGKILL");
      }
    });
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on("error", reject);
    proc.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, halted });
    });
  });
}

/** The same schedule as batch-faults.test.ts, run in this process; device a ends offline with a reset ordered. */
async function prepare(): Promise<void> {
  const sim = new SyncSimulator({ baseDir: dir, stateFile });
  const make = () =>
    createRecovery({
      adapter: sim.client(name).adapter,
      strategy: objectStrategy({ batchSize: 2 }),
      tracker: listenerTracker(),
      wallClock: sim.client(name).now,
    });
  let name = "a";
  sim.addClient("a");
  const ra = make();
  const a = await ra.open({ schema: ra.schema([Dog]), sync: { flexible: true } });
  name = "b";
  sim.addClient("b");
  const rb = make();
  const b = await rb.open({ schema: rb.schema([Dog]), sync: { flexible: true } });
  sim.advanceClock(1);
  ra.write(a, (tx) => {
    for (const id of ["1", "2", "3", "4", "5", "6"]) tx.create("Dog", { _id: id, name: `dog ${id}`, age: 1 });
  });
  await sim.syncAll();
  // Let the trackers see the uploads and record LastSynced.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  sim.client("a").goOffline();
  sim.advanceClock(1);
  rb.write(b, (tx) => tx.update("Dog", "5", { name: "renamed by b" }));
  await sim.client("b").sync();
  sim.advanceClock(1);
  ra.write(a, (tx) => {
    for (const id of ["1", "2", "3"]) tx.update("Dog", id, { age: 10 + Number(id) });
    for (const id of ["7", "8", "9"]) tx.create("Dog", { _id: id, name: `new ${id}`, age: 0 });
    tx.delete("Dog", "4");
  });
  await ra.detach();
  await rb.detach();
  for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
  sim.clientReset("a");
}

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

const dogs = (objects: Record<string, unknown>[] | undefined) =>
  (objects ?? []).map(({ _id, name, age }) => ({ _id, name, age }));

function pendingBackupPath(sim: SyncSimulator): string | null {
  const path = `${sim.client("a").adapter.resolvePath(undefined, true)}.recovery-journal.realm`;
  const journal = new RealmEmulator({ path, readOnly: true });
  try {
    return (journal.objectForPrimaryKey("RecoveryJournalMeta", "meta")?.pendingBackupPath as string) ?? null;
  } finally {
    journal.close();
  }
}

describe("a process killed with SIGKILL in the middle of a recovery", () => {
  it("keeps backup and marker on disk, and a new process resumes to the unfaulted outcome", async () => {
    await prepare();

    const killed = await runChild(["recover", dir, stateFile, "2"]);
    expect(killed.stderr).toBe("");
    expect(killed.halted).toBe(true);
    expect(killed.signal).toBe("SIGKILL");

    const afterKill = new SyncSimulator({ baseDir: dir, stateFile });
    const backupPath = pendingBackupPath(afterKill)!;
    expect(backupPath).toBeTruthy();
    const backup = new RealmEmulator({ path: backupPath, readOnly: true });
    expect(backup.objectForPrimaryKey("Dog", "1")!.age).toBe(11);
    expect(backup.objectForPrimaryKey("Dog", "9")!.name).toBe("new 9");
    backup.close();
    // Two batches were committed before the kill: part of the unsynced writes is in the fresh realm.
    const fresh = dogs(afterKill.client("a").objects().Dog);
    const recovered = EXPECTED.filter((dog) => fresh.some((f) => JSON.stringify(f) === JSON.stringify(dog)));
    expect(fresh.find((dog) => dog._id === "9")).toBeUndefined();
    expect(recovered.length).toBeLessThan(EXPECTED.length);
    expect(dogs(afterKill.serverObjects().Dog).find((dog) => dog._id === "7")).toBeUndefined();

    const resumed = await runChild(["resume", dir, stateFile]);
    expect(resumed.stderr).toBe("");
    expect(resumed).toMatchObject({ code: 0, halted: false });
    const { report } = JSON.parse(resumed.stdout.trim().split("\n").at(-1)!) as {
      report: { strategy: string };
    };
    expect(report.strategy).toBe("object");

    const end = new SyncSimulator({ baseDir: dir, stateFile });
    expect(dogs(end.serverObjects().Dog)).toEqual(EXPECTED);
    expect(dogs(end.client("a").objects().Dog)).toEqual(EXPECTED);
    expect(RealmEmulator.exists(backupPath)).toBe(false);
    expect(pendingBackupPath(end)).toBeNull();
  }, 60_000);
});
