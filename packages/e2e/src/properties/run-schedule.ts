import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type Recovery,
  type RecoveryEvent,
  type SyncTracker,
  createRecovery,
} from "@realm-recovery/core";
import { type PlainObjects, type SimulatedClient, SyncSimulator } from "@realm-recovery/testing";
import { RecordingClock } from "./recording-clock.js";
import {
  OBJECT_IDS,
  PROPERTY_TYPES,
  type PropertyType,
  type Schedule,
  type ScheduleStep,
  type WriteStep,
  clientName,
} from "./schedule.js";

/** The schemas of the property schedules. */
export const PROPERTY_SCHEMAS: ObjectSchemaLike[] = Object.entries(PROPERTY_TYPES).map(([name, fields]) => ({
  name,
  primaryKey: "_id",
  properties: { _id: "string", ...fields },
}));

/** A tracked write a step made. Its values are unique to it, so any value seen later names its write. */
export interface WriteRecord {
  /** Write number (≥ 1): string fields get `w<index>`, int fields `<index>`. */
  readonly index: number;
  readonly client: string;
  readonly op: WriteStep["op"];
  readonly type: string;
  readonly id: string;
  /** Fields set (none for a delete). */
  readonly values: Readonly<Record<string, string | number>>;
  /** The HLC stamp the engine gave the write. */
  readonly stamp: number;
  /** Made before the client reset. */
  readonly beforeReset: boolean;
  /** For writes before the reset: whether the write had reached the server when the reset was ordered. */
  synced: boolean;
}

/** What was seen around the client reset. */
export interface ResetObservation {
  readonly client: string;
  /** The reset client's LastSynced when the reset was ordered. */
  readonly lastSyncedAt: number | null;
  /** The server's objects when the reset was ordered (what the fresh realm downloads). */
  readonly fresh: PlainObjects;
  /** The reset client's objects when the reset was ordered (the backup). */
  readonly backup: PlainObjects;
  /** The server's objects once the recovery finished (recovered writes uploaded). */
  readonly recovered: PlainObjects;
  /** The reset client's objects once the recovery finished. */
  readonly recoveredClient: PlainObjects;
  /** The `failed` event's message, if the recovery failed. */
  readonly failure: string | null;
}

/** Everything a property needs to judge one run. */
export interface ScheduleRun {
  readonly writes: WriteRecord[];
  readonly reset: ResetObservation;
  /** The server's and every client's objects after every device went online and synced twice. */
  readonly final: { readonly server: PlainObjects; readonly clients: Record<string, PlainObjects> };
}

/** The strategy and tracker every device uses (a fresh instance per device). */
export interface Plugins {
  readonly strategy: () => ClientResetStrategy;
  readonly tracker: () => SyncTracker;
}

interface Device {
  readonly name: string;
  readonly client: SimulatedClient;
  readonly clock: RecordingClock;
  readonly recovery: Recovery;
  readonly events: RecoveryEvent[];
  /** This device's writes in the order made: each committed exactly one changeset. */
  readonly writes: WriteRecord[];
}

/** A memory-backed directory when the machine has one (the runs are file-heavy), else the temp dir. */
function scratchDir(): string {
  return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `schedule` on a fresh {@link SyncSimulator}, every device using realm-recovery with
 * `plugins` and a recording clock, and returns what the properties judge: each write with its
 * stamp, the states around the client reset, and the final states after everything synced.
 * Global time moves 1 ms per step (plus `advanceClock`); data moves only when a step or a tracker
 * asks. A write step on an object the device does not have creates it; a create of an object it
 * has updates every field.
 *
 * @example
 * const run = await runSchedule(schedule, { strategy: () => fieldStrategy(), tracker: () => listenerTracker() });
 */
export async function runSchedule(schedule: Schedule, plugins: Plugins): Promise<ScheduleRun> {
  const dir = mkdtempSync(join(scratchDir(), "props-"));
  const sim = new SyncSimulator({ baseDir: dir });
  const devices: Device[] = [];
  const writes: WriteRecord[] = [];
  let reset: ResetObservation | null = null;

  const quiesce = async () => {
    for (let i = 0; i < 2000; i++) {
      await turn();
      const busy = devices.some((d) => d.client.isOnline && d.recovery.state.status === "recovering");
      if (!busy && i >= 8) return;
    }
  };

  try {
    for (let i = 0; i < schedule.clients; i++) {
      const name = clientName(i);
      const client = sim.addClient(name, { skewMs: schedule.skews[i] ?? 0 });
      const clock = new RecordingClock(client.now);
      const recovery = createRecovery({
        adapter: client.adapter,
        strategy: plugins.strategy(),
        tracker: plugins.tracker(),
        clock,
        deviceId: name,
      });
      const events: RecoveryEvent[] = [];
      recovery.events$.subscribe((event) => events.push(event));
      await recovery.open({ schema: recovery.schema(PROPERTY_SCHEMAS), sync: { flexible: true } });
      devices.push({ name, client, clock, recovery, events, writes: [] });
    }
    await quiesce();
    // Every device starts with every object, created by c0 and synced everywhere.
    for (const [type, fields] of Object.entries(PROPERTY_TYPES))
      for (const id of OBJECT_IDS)
        write(devices[0]!, {
          op: "create",
          client: 0,
          type: type as PropertyType,
          id,
          fields: Object.keys(fields),
        });
    await quiesce();
    await sim.syncAll();
    await quiesce();
    devices.forEach((device, i) => schedule.startOffline[i] && device.client.goOffline());
    await quiesce();
    for (const [index, step] of schedule.steps.entries()) {
      if (index === schedule.resetAt) reset = await clientReset();
      sim.advanceClock(step.op === "advanceClock" ? step.ms : 1);
      run(step);
      await quiesce();
    }
    reset ??= await clientReset();
    for (const device of devices) {
      device.client.releaseUploads();
      device.client.goOnline();
    }
    await quiesce();
    for (let round = 0; round < 2; round++) {
      await sim.syncAll();
      await quiesce();
    }
    const clients: Record<string, PlainObjects> = {};
    for (const device of devices) clients[device.name] = device.client.objects();
    return { writes, reset, final: { server: sim.serverObjects(), clients } };
  } finally {
    for (const device of devices) await device.recovery.detach();
    for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
    rmSync(dir, { recursive: true, force: true });
  }

  function run(step: ScheduleStep): void {
    if (step.op === "syncAll") return void sim.syncAll();
    if (step.op === "advanceClock") return;
    const device = devices[step.client]!;
    const { client } = device;
    switch (step.op) {
      case "offline":
        return client.goOffline();
      case "online":
        return client.goOnline();
      case "sync":
        return void client.sync();
      case "holdUploads":
        return client.holdUploads();
      case "releaseUploads":
        return client.releaseUploads();
      case "skewClock":
        return client.skewClock(step.ms);
      default:
        return write(device, step);
    }
  }

  function write(device: Device, step: WriteStep): void {
    const realm = device.recovery.realm;
    if (!realm || realm.isClosed) throw new Error(`${device.name} has no open realm`);
    // Every write step writes: a device without the object creates it, and a create of an object
    // the device has updates every field.
    const exists = realm.objectForPrimaryKey(step.type, step.id) !== null;
    const op = !exists ? "create" : step.op === "create" ? "update" : step.op;
    const index = writes.length + 1;
    const all = Object.keys(PROPERTY_TYPES[step.type]);
    const fields = op === "delete" ? [] : op === "update" && step.op === "update" ? step.fields : all;
    const types = PROPERTY_TYPES[step.type] as Record<string, string>;
    const values: Record<string, string | number> = {};
    for (const field of fields) values[field] = types[field]!.startsWith("int") ? index : `w${index}`;
    const pendingBefore = device.client.pendingChangesets();
    device.clock.lastIssued = null;
    device.recovery.write(realm, (tx) => {
      if (op === "create") tx.create(step.type, { _id: step.id, ...values });
      else if (op === "update") tx.update(step.type, step.id, values);
      else tx.delete(step.type, step.id);
    });
    const stamp = device.clock.lastIssued as number | null;
    if (stamp === null) throw new Error(`write ${index} on ${device.name} took no stamp`);
    if (device.client.pendingChangesets() !== pendingBefore + 1)
      throw new Error(`write ${index} on ${device.name} did not commit exactly one changeset`);
    const record: WriteRecord = {
      index,
      client: device.name,
      op,
      type: step.type,
      id: step.id,
      values,
      stamp,
      beforeReset: reset === null,
      synced: false,
    };
    writes.push(record);
    device.writes.push(record);
  }

  async function clientReset(): Promise<ResetObservation> {
    const pending = (d: Device) => d.client.pendingChangesets();
    let device = devices[schedule.resetClient]!;
    if (pending(device) === 0) {
      const most = devices.reduce((best, d) => (pending(d) > pending(best) ? d : best), device);
      if (pending(most) > 0) device = most;
    }
    const { client, recovery } = device;
    for (const d of devices) d.writes.forEach((w, i) => (w.synced = i < d.writes.length - pending(d)));
    const observation = {
      client: device.name,
      lastSyncedAt: recovery.lastSyncedAt(),
      fresh: sim.serverObjects(),
      backup: client.objects(),
    };
    sim.clientReset(device.name);
    client.goOnline();
    let done: RecoveryEvent | undefined;
    for (let i = 0; i < 5000 && !done; i++) {
      await turn();
      done = device.events.find((e) => e.type === "backup-deleted" || e.type === "failed");
    }
    await quiesce();
    const failure =
      done === undefined
        ? `recovery never finished: ${device.events.map((e) => e.type).join(", ")}`
        : done.type === "failed"
          ? `recovery failed at ${done.step}: ${done.error.message}`
          : null;
    return { ...observation, recovered: sim.serverObjects(), recoveredClient: client.objects(), failure };
  }
}
