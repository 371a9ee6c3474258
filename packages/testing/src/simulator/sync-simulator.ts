import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ClientResetErrorCode } from "./client-reset-error.js";
import { SimulatedClient, type SimulatedClientOptions } from "./simulated-client.js";
import { SyncServer } from "./sync-server.js";
import { type PlainObjects, toPlainObjects } from "./plain-objects.js";
import type { Json } from "./state-codec.js";

/** Options of a {@link SyncSimulator}. */
export interface SyncSimulatorOptions {
  /** Directory under which every client keeps its files (one sub-directory per client). */
  baseDir: string;
  /** Global time at start, in ms since the epoch. @default Date.UTC(2026, 0, 1) */
  startTimeMs?: number;
  /**
   * Makes the simulation persistent: its state (global time, the server, and what Realm keeps on
   * disk per device: unuploaded changesets, download cursors, client resets) is written to this
   * JSON file after every change, and a simulator created with an existing file continues from it
   * (with its clients added). Lets a test kill a process mid-recovery and go on in a new one. The
   * file is replaced atomically; a kill between a realm commit and the write of the file loses that
   * commit's changeset from the simulated sync history, so kill only at fault points.
   */
  stateFile?: string;
}

interface SavedSimulation {
  timeMs: number;
  server: Json;
  clients: { name: string; options: SimulatedClientOptions; state: Json }[];
}

/**
 * A deterministic sync server with named clients. Clients write to their own emulated realms;
 * changes move only when a test, a scenario step or the library asks, and the server merges them in
 * arrival order with fixed rules.
 *
 * @example
 * const sim = new SyncSimulator({ baseDir });
 * const a = sim.addClient("a");
 * const realm = await a.adapter.open({ schema: [Dog], sync: { clientReset: { mode: "manual", onManual } } });
 * realm.write(() => realm.create("Dog", { _id: "1", name: "Rex" }));
 * await a.sync();
 * sim.serverObjects().Dog; // [{ _id: "1", name: "Rex" }]
 */
export class SyncSimulator {
  /** The server. */
  readonly server = new SyncServer();
  /** Root directory of the clients' files. */
  readonly baseDir: string;
  private time: number;
  private readonly clients = new Map<string, SimulatedClient>();
  private readonly clientOptions = new Map<string, SimulatedClientOptions>();
  private readonly stateFile: string | undefined;
  private loading = false;

  constructor(options: SyncSimulatorOptions) {
    this.baseDir = resolve(options.baseDir);
    this.time = options.startTimeMs ?? Date.UTC(2026, 0, 1);
    this.stateFile = options.stateFile === undefined ? undefined : resolve(options.stateFile);
    if (this.stateFile && existsSync(this.stateFile)) this.load(this.stateFile);
  }

  /** Writes the state file of a persistent simulator (see `stateFile`); a no-op otherwise. */
  persist(): void {
    if (!this.stateFile || this.loading) return;
    const saved: SavedSimulation = {
      timeMs: this.time,
      server: this.server.save(),
      clients: this.allClients().map((client) => ({
        name: client.name,
        options: this.clientOptions.get(client.name) ?? {},
        state: client.save(),
      })),
    };
    const temp = `${this.stateFile}.tmp`;
    writeFileSync(temp, JSON.stringify(saved));
    renameSync(temp, this.stateFile);
  }

  private load(file: string): void {
    const saved = JSON.parse(readFileSync(file, "utf8")) as SavedSimulation;
    this.loading = true;
    try {
      this.time = saved.timeMs;
      this.server.load(saved.server);
      for (const { name, options, state } of saved.clients) this.addClient(name, options).load(state);
    } finally {
      this.loading = false;
    }
  }

  /** Global time in ms. */
  get timeMs(): number {
    return this.time;
  }

  /** Moves global time forward (every client's clock moves with it). */
  advanceClock(ms: number): void {
    if (ms < 0)
      throw new RangeError("Global time only moves forward: use a client's skewClock to step one clock back");
    this.time += ms;
    this.persist();
  }

  /** Adds a client with its own directory and clock. */
  addClient(name: string, options: SimulatedClientOptions = {}): SimulatedClient {
    if (this.clients.has(name)) throw new Error(`Client "${name}" already exists`);
    const client = new SimulatedClient(this, name, join(this.baseDir, name), options);
    this.clients.set(name, client);
    this.clientOptions.set(name, options);
    this.persist();
    return client;
  }

  /** The client called `name`. */
  client(name: string): SimulatedClient {
    const client = this.clients.get(name);
    if (!client)
      throw new Error(`No client named "${name}" (known: ${[...this.clients.keys()].join(", ") || "none"})`);
    return client;
  }

  /** Every client, in the order added. */
  allClients(): SimulatedClient[] {
    return [...this.clients.values()];
  }

  /** Every online client uploads, then every online client downloads. */
  async syncAll(): Promise<void> {
    const online = this.allClients().filter((client) => client.isOnline && client.openRealms().length > 0);
    for (const client of online) client.upload();
    for (const client of online) client.download();
  }

  /** Orders a client reset of `name`'s default synced realm (see `SimulatedClient.orderClientReset`). */
  clientReset(name: string, code: ClientResetErrorCode = 1032): void {
    this.client(name).orderClientReset(code);
  }

  /** The server's objects as plain values, by type, sorted by primary key. */
  serverObjects(): PlainObjects {
    return toPlainObjects(this.server.snapshot(), (type, pk) => this.server.has(type, pk));
  }
}
