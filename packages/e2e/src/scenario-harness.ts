import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RealmLike,
  type Recovery,
  type RecoveryEvent,
  type SyncTracker,
  createRecovery,
} from "@realm-recovery/core";
import { type SimulatedClient, SyncSimulator } from "@realm-recovery/testing";

/** The seed documents' Dog, with a primary key (the seed's schema lacked one). */
export const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};

/** One device running the app: its simulated client, its recovery and the events it saw. */
export interface Device {
  readonly client: SimulatedClient;
  readonly recovery: Recovery;
  readonly events: RecoveryEvent[];
  realm: RealmLike;
}

/** A simulator in a temp dir plus helpers to add devices that use realm-recovery the way the README shows. */
export class Scenario {
  readonly sim: SyncSimulator;
  private readonly dir = mkdtempSync(join(tmpdir(), "e2e-"));
  private readonly devices: Device[] = [];

  constructor() {
    this.sim = new SyncSimulator({ baseDir: this.dir });
  }

  /** Adds a device that opens the Dog realm through `recovery.open`. */
  async device(
    name: string,
    strategy: ClientResetStrategy,
    tracker: SyncTracker,
    options: { skewMs?: number } = {},
  ): Promise<Device> {
    const client = this.sim.addClient(name, options);
    const recovery = createRecovery({ adapter: client.adapter, strategy, tracker, wallClock: client.now });
    const events: RecoveryEvent[] = [];
    recovery.events$.subscribe((event) => events.push(event));
    const realm = await recovery.open({ schema: recovery.schema([Dog]), sync: { flexible: true } });
    const device: Device = { client, recovery, events, realm };
    recovery.state$.subscribe((state) => {
      if (state.realm) device.realm = state.realm;
    });
    this.devices.push(device);
    return device;
  }

  /** Lets queued notifications and uploads run. */
  async settle(turns = 5): Promise<void> {
    for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Waits until `device` finished (or failed) a client-reset recovery. */
  async recovered(device: Device): Promise<RecoveryEvent> {
    for (let i = 0; i < 200; i++) {
      const last = device.events.find((e) => e.type === "backup-deleted" || e.type === "failed");
      if (last) return last;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(
      `${device.client.name} never finished recovering: ${device.events.map((e) => e.type).join(", ")}`,
    );
  }

  /** Detaches every device, closes every realm and removes the files. */
  async dispose(): Promise<void> {
    for (const device of this.devices) await device.recovery.detach();
    for (const client of this.sim.allClients()) for (const realm of client.openRealms()) realm.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
