import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ObjectSchemaLike,
  type RealmLike,
  type Recovery,
  type RecoveryEvent,
  type RecoveryEventType,
  type RecoveryReport,
  createRecovery,
} from "@realm-recovery/core";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { type SimulatedClient, SyncSimulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { filter, firstValueFrom, timeout } from "rxjs";

/** The app's one object type: a to-do item. */
export const TaskSchema: ObjectSchemaLike = {
  name: "Task",
  primaryKey: "_id",
  properties: { _id: "string", title: "string", done: "bool" },
};

/** A task as plain data. */
export interface PlainTask {
  readonly _id: string;
  readonly title: string;
  readonly done: boolean;
}

/** One check of the outcome: what should have happened, and whether it did. */
export interface ExampleCheck {
  readonly description: string;
  readonly ok: boolean;
}

/** What the example saw: the reset's steps on the phone, its report, and where the data ended. */
export interface ExampleResult {
  /** Every step of the phone's client reset, in order (progress events left out). */
  readonly steps: readonly RecoveryEventType[];
  /** What the strategy did, from the `recovered` event (null if recovery failed first). */
  readonly report: RecoveryReport | null;
  /** The server's tasks after both devices synced again. */
  readonly server: readonly PlainTask[];
  /** The tasks in the phone's realm after the reset (the fresh realm recovery handed over). */
  readonly phone: readonly PlainTask[];
  /** Whether the phone's offline writes survived and the laptop's write was kept. */
  readonly checks: readonly ExampleCheck[];
}

/** One device running the app: a simulated sync client with its own recovery engine. */
interface Device {
  readonly client: SimulatedClient;
  readonly recovery: Recovery;
  realm: RealmLike;
}

const RECOVERY_TIMEOUT_MS = 10_000;

/**
 * Lets queued notifications, the tracker's uploads and their results run. A real app gets this for
 * free (time passes between user actions); a script that syncs and writes back to back must yield,
 * or the tracker has not yet recorded LastSynced and recovery treats the realm as never synced.
 */
async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Opens the app's realm on a new simulated device, the way an app does with real Realm. */
async function addDevice(sim: SyncSimulator, name: string): Promise<Device> {
  const client = sim.addClient(name);
  const recovery = createRecovery({
    // With real Realm: `adapter: realmJsAdapter(Realm, app)`; the rest of the wiring is the same.
    adapter: client.adapter,
    strategy: fieldStrategy(),
    tracker: listenerTracker(),
    wallClock: client.now,
  });
  // The schema gains the strategy's stamp properties; `sync.clientReset` is filled in by recovery.
  const realm = await recovery.open({ schema: recovery.schema([TaskSchema]), sync: { flexible: true } });
  const device: Device = { client, recovery, realm };
  // After a client reset the app must switch to the fresh realm recovery opened.
  recovery.state$.subscribe((state) => {
    if (state.realm) device.realm = state.realm;
  });
  return device;
}

function tasksOf(objects: readonly Record<string, unknown>[] | undefined): PlainTask[] {
  return (objects ?? [])
    .map((o) => ({ _id: String(o["_id"]), title: String(o["title"]), done: o["done"] === true }))
    .sort((x, y) => x._id.localeCompare(y._id));
}

function realmTasks(realm: RealmLike): PlainTask[] {
  return tasksOf(realm.objects("Task").map((task) => task.toJSON() as Record<string, unknown>));
}

/**
 * Runs the example on a fresh simulator in a temp directory: a phone and a laptop share tasks; the
 * phone goes offline, completes one task, adds one and deletes one; the laptop renames the task the
 * phone completed; the server then forces a client reset on the phone. Recovery (field strategy,
 * listener tracker) brings the phone's unsynced writes back into the fresh realm and uploads them.
 *
 * @example
 * const result = await runOfflineResetExample();
 * result.checks.every((check) => check.ok); // true: the offline writes survived
 */
export async function runOfflineResetExample(): Promise<ExampleResult> {
  const dir = mkdtempSync(join(tmpdir(), "realm-recovery-node-app-"));
  const sim = new SyncSimulator({ baseDir: dir });
  const devices: Device[] = [];
  try {
    const phone = await addDevice(sim, "phone");
    const laptop = await addDevice(sim, "laptop");
    devices.push(phone, laptop);
    const steps: RecoveryEventType[] = [];
    let report: RecoveryReport | null = null;
    phone.recovery.events$.subscribe((event: RecoveryEvent) => {
      if (event.type !== "recovery-progress") steps.push(event.type);
      if (event.type === "recovered") report = event.report;
    });

    // Both devices start from the same two tasks.
    phone.recovery.write(phone.realm, (tx) => {
      tx.create("Task", { _id: "1", title: "Buy milk", done: false });
      tx.create("Task", { _id: "2", title: "Call the vet", done: false });
    });
    await phone.client.sync();
    await laptop.client.sync();
    await settle();
    sim.advanceClock(1_000);

    // The phone goes offline and keeps working: these writes exist only on the phone.
    phone.client.goOffline();
    phone.recovery.write(phone.realm, (tx) => {
      tx.update("Task", "1", { done: true });
      tx.create("Task", { _id: "3", title: "Book flights", done: false });
      tx.delete("Task", "2");
    });
    sim.advanceClock(1_000);

    // Meanwhile the laptop renames task 1 and syncs.
    laptop.recovery.write(laptop.realm, (tx) => tx.update("Task", "1", { title: "Buy oat milk" }));
    await laptop.client.sync();
    await settle();
    sim.advanceClock(1_000);

    // The server forces a client reset on the phone (its unsynced changes are gone server-side).
    const finished = firstValueFrom(
      phone.recovery.events$.pipe(
        filter((event) => event.type === "backup-deleted" || event.type === "failed"),
        timeout(RECOVERY_TIMEOUT_MS),
      ),
    );
    sim.clientReset("phone");
    phone.client.goOnline();
    const last = await finished;
    if (last.type === "failed") throw last.error;
    await sim.syncAll();
    await settle();

    const server = tasksOf(sim.serverObjects()["Task"]);
    const phoneTasks = realmTasks(phone.realm);
    const task = (id: string) => server.find((t) => t._id === id);
    const checks: ExampleCheck[] = [
      { description: "phone's offline 'done' of task 1 survived", ok: task("1")?.done === true },
      { description: "phone's offline task 3 survived", ok: task("3")?.title === "Book flights" },
      { description: "phone's offline delete of task 2 survived", ok: task("2") === undefined },
      { description: "laptop's rename of task 1 was kept", ok: task("1")?.title === "Buy oat milk" },
      {
        description: "the phone's fresh realm matches the server",
        ok: JSON.stringify(phoneTasks) === JSON.stringify(server),
      },
    ];
    return { steps, report, server, phone: phoneTasks, checks };
  } finally {
    for (const device of devices) await device.recovery.detach();
    for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
