import { mkdirSync, renameSync, existsSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { RealmConfigLike, RealmLike } from "@realm-recovery/core";
import { type EmulatorConfiguration, RealmEmulator } from "../emulator/realm-emulator.js";
import { RealmStore } from "../emulator/store/realm-store.js";
import { type ClientResetErrorCode, SimulatedClientResetError } from "./client-reset-error.js";
import { EmulatorAdapter, notPossible } from "./emulator-adapter.js";
import { type FaultPoint, FaultPlan, SimulatedCrash, SimulatedFault } from "./fault-plan.js";
import { type PlainObjects, toPlainObjects } from "./plain-objects.js";
import type { RealmSyncState } from "./realm-sync-state.js";
import { SimulatedRealm } from "./simulated-realm.js";
import { SimulatedSyncSession } from "./simulated-sync-session.js";
import { type Json, decodeState, encodeState } from "./state-codec.js";
import type { SyncServer } from "./sync-server.js";

/** What a client needs from its simulator. */
export interface ClientHost {
  readonly server: SyncServer;
  /** The scenario's global time in ms. */
  readonly timeMs: number;
  /** Saves the simulation's state (a persistent simulator writes it to its state file). */
  persist?(): void;
}

/** The line a `halt` fault prints before it blocks, followed by the point's name. */
export const HALT_LINE = "realm-recovery-simulator: halted at";

/** How long a `halt` fault waits to be killed before the process exits with code 86. */
const HALT_WAIT_MS = 10_000;

interface SavedSyncState {
  path: string;
  pending: RealmSyncState["pending"];
  cursor: number;
  resetOrdered: RealmSyncState["resetOrdered"];
  resetDelivered: RealmSyncState["resetDelivered"];
  /** The session's transfer counters (Realm recomputes them from the file's history on reopening). */
  upload: { transferred: number; transferable: number };
  download: { transferred: number; transferable: number };
}

interface SavedClient {
  online: boolean;
  skew: number;
  backups: number;
  states: SavedSyncState[];
}

/** Options of a simulated client. */
export interface SimulatedClientOptions {
  /** Clock skew in ms against the simulator's global time. @default 0 */
  skewMs?: number;
  /** Whether the client starts online. @default true */
  online?: boolean;
}

function stamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, "")}-${iso.slice(11, 19).replace(/:/g, "")}`;
}

/**
 * One simulated device: its own files under `baseDir`, its own clock (global time + skew), an
 * online/offline switch, a `RealmAdapter` that opens synced `RealmEmulator`s, and the sync state of
 * each synced file. Data moves only when asked (`sync`, `upload`, `download`, or a session's
 * `uploadAllLocalChanges` / `downloadAllServerChanges`), so runs are deterministic.
 */
export class SimulatedClient {
  /** Faults planned for this client. */
  readonly faults = new FaultPlan();
  /** The adapter the engine uses on this device. */
  readonly adapter: EmulatorAdapter;
  private online: boolean;
  private skew: number;
  private readonly states = new Map<string, RealmSyncState>();
  private backups = 0;
  private uploadsHeld = false;
  private uploadReleases = 0;
  private readonly heldUploads: (() => void)[] = [];

  constructor(
    private readonly host: ClientHost,
    /** Client name. */
    readonly name: string,
    /** Directory holding this client's files. */
    readonly baseDir: string,
    options: SimulatedClientOptions = {},
  ) {
    this.online = options.online ?? true;
    this.skew = options.skewMs ?? 0;
    this.adapter = new SimulatorAdapter(this);
  }

  /** This device's wall clock: global time plus skew. Pass it to the engine's clock. */
  readonly now = (): number => this.host.timeMs + this.skew;

  /** Current clock skew in ms. */
  get skewMs(): number {
    return this.skew;
  }

  /** Steps this device's clock by `ms` (negative steps it back). */
  skewClock(ms: number): void {
    this.skew += ms;
    this.host.persist?.();
  }

  /** Whether the device is online. */
  get isOnline(): boolean {
    return this.online;
  }

  /** Takes the device offline. */
  goOffline(): void {
    this.online = false;
    this.host.persist?.();
    for (const state of this.states.values()) state.session.connectionChanged();
  }

  /** Brings the device online; a client reset ordered meanwhile is delivered now. */
  goOnline(): void {
    this.online = true;
    this.host.persist?.();
    for (const state of this.states.values()) {
      this.deliverReset(state);
      state.session.connectionChanged();
    }
  }

  /** The sync session of the synced realm at `path` (the default synced realm if omitted). */
  session(path?: string): SimulatedSyncSession {
    return this.state(path).session;
  }

  /** Open synced realm instances of this device. */
  openRealms(): RealmEmulator[] {
    return [...this.states.values()].flatMap((state) =>
      [...state.instances].filter((realm) => !realm.isClosed),
    );
  }

  /** Number of local changesets waiting for upload. */
  pendingChangesets(path?: string): number {
    return this.state(path).pending.length;
  }

  /**
   * Holds session uploads in flight: `uploadAllLocalChanges` calls wait (after capturing what they
   * will upload) until `releaseUploads`. Lets a test write while an upload is in flight.
   */
  holdUploads(): void {
    this.uploadsHeld = true;
  }

  /** Lets `count` held session uploads go out (all of them, and stops holding, when omitted). */
  releaseUploads(count?: number): void {
    if (count === undefined) {
      this.uploadsHeld = false;
      for (const release of this.heldUploads.splice(0)) release();
      return;
    }
    this.uploadReleases += count;
    while (this.uploadReleases > 0 && this.heldUploads.length > 0) {
      this.uploadReleases--;
      this.heldUploads.shift()!();
    }
  }

  /** Number of session uploads waiting in flight. */
  get uploadsInFlight(): number {
    return this.heldUploads.length;
  }

  /** Uploads every pending changeset now (online and no reset outstanding, else nothing moves). */
  upload(path?: string): void {
    const state = this.state(path);
    this.uploadState(state, state.pending.length);
  }

  /** Downloads every server change now into the open realm. */
  download(path?: string): void {
    this.downloadState(this.state(path));
  }

  /** Uploads, then downloads. */
  async sync(path?: string): Promise<void> {
    this.upload(path);
    this.download(path);
  }

  /** Orders a client reset: the server forgets this device's unuploaded changes and errors at the next connection. */
  orderClientReset(code: ClientResetErrorCode = 1032, path?: string): void {
    const state = this.state(path);
    // The server never applies what was not uploaded; those writes live on only in the local file.
    state.pending.length = 0;
    // Uploads in flight die with the old session (they fail once released).
    this.releaseUploads();
    state.resetOrdered = code;
    this.host.persist?.();
    state.session.connectionChanged();
    this.deliverReset(state);
  }

  /** Objects of the synced realm at `path` as plain values sorted by primary key. */
  objects(path?: string): PlainObjects {
    const state = this.state(path);
    const realm = this.openInstance(state);
    if (realm)
      return toPlainObjects(
        realm.exportPortable(),
        (type, pk) => realm.objectForPrimaryKey(type, pk) !== null,
      );
    if (!RealmEmulator.exists(state.path)) return {};
    const reader = new RealmEmulator({ path: state.path, readOnly: true });
    try {
      return toPlainObjects(
        reader.exportPortable(),
        (type, pk) => reader.objectForPrimaryKey(type, pk) !== null,
      );
    } finally {
      reader.close();
    }
  }

  /** Throws the fault planned at `point`, if any; a crash first drops every open realm of this device. */
  strike(point: FaultPoint): void {
    const kind = this.faults.take(point);
    if (!kind) return;
    if (kind === "halt") {
      // A real crash: say where, then block until killed from outside (nothing runs meanwhile).
      writeSync(1, `${HALT_LINE} ${point}\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HALT_WAIT_MS);
      process.exit(86);
    }
    if (kind === "crash") {
      for (const realm of this.openRealms()) realm.close();
      throw new SimulatedCrash(point);
    }
    throw new SimulatedFault(point);
  }

  /** Starts tracking a synced realm instance opened through this device's adapter. */
  attach(realm: RealmEmulator): void {
    const state = this.stateFor(realm.path);
    state.instances.add(realm);
    realm.bindSyncSession(state.session);
    if (!state.observed.has(realm.store)) {
      state.observed.add(realm.store);
      realm.store.observe((commit) => {
        if (commit.origin !== "local" || commit.instructions.length === 0) return;
        const current = this.states.get(state.path);
        if (current !== state) return;
        state.pending.push({ instructions: commit.instructions });
        this.host.persist?.();
        state.session.upload.transferable++;
        state.session.reportProgress("upload");
      });
    }
    state.session.connectionChanged();
    this.deliverReset(state);
  }

  /** Moves the realm at `originalPath` to its backup once the reset error was delivered and every instance closed. */
  initiateClientReset(originalPath: string): void {
    this.strike("initiate-client-reset");
    const path = resolve(originalPath);
    const state = this.states.get(path);
    const delivered = state?.resetDelivered;
    if (!state || !delivered || (RealmStore.find(path)?.openInstances ?? 0) > 0) throw notPossible(path);
    mkdirSync(dirname(delivered.backupPath), { recursive: true });
    if (existsSync(path)) renameSync(path, delivered.backupPath);
    state.session.removeAllListeners();
    // The fresh file starts a new sync history: nothing pending, a full download due.
    this.states.set(path, this.newState(path));
    this.host.persist?.();
  }

  /**
   * This device's state that Realm keeps on disk (each synced file's unuploaded changesets, download
   * cursor and client reset; online switch, clock skew) as JSON, for {@link load} in another process.
   */
  save(): Json {
    const saved: SavedClient = {
      online: this.online,
      skew: this.skew,
      backups: this.backups,
      states: [...this.states.values()].map(
        ({ path, pending, cursor, resetOrdered, resetDelivered, session }) => ({
          path,
          pending,
          cursor,
          resetOrdered,
          resetDelivered,
          upload: { ...session.upload },
          download: { ...session.download },
        }),
      ),
    };
    return encodeState(saved);
  }

  /** Restores what {@link save} returned, before any realm of this device is opened. */
  load(json: Json): void {
    const saved = decodeState(json) as SavedClient;
    this.online = saved.online;
    this.skew = saved.skew;
    this.backups = saved.backups;
    this.states.clear();
    for (const { path, pending, cursor, resetOrdered, resetDelivered, upload, download } of saved.states) {
      const state = this.newState(path);
      state.pending.push(...pending);
      state.cursor = cursor;
      state.resetOrdered = resetOrdered;
      state.resetDelivered = resetDelivered;
      Object.assign(state.session.upload, upload);
      Object.assign(state.session.download, download);
      this.states.set(path, state);
    }
  }

  private state(path?: string): RealmSyncState {
    return this.stateFor(this.adapter.resolvePath(path, true));
  }

  private stateFor(path: string): RealmSyncState {
    const absolute = resolve(path);
    let state = this.states.get(absolute);
    if (!state) this.states.set(absolute, (state = this.newState(absolute)));
    return state;
  }

  private newState(path: string): RealmSyncState {
    const state: RealmSyncState = {
      path,
      pending: [],
      cursor: 0,
      resetOrdered: null,
      resetDelivered: null,
      instances: new Set(),
      observed: new WeakSet(),
      session: new SimulatedSyncSession({
        isOnline: () => this.online,
        isUsable: () =>
          this.states.get(path) === state && state.resetOrdered === null && state.resetDelivered === null,
        pendingCount: () => state.pending.length,
        upload: (count) => this.uploadState(state, count),
        download: () => this.downloadState(state),
        uploadSlot: () => this.uploadSlot(),
      }),
    };
    return state;
  }

  private uploadSlot(): Promise<void> {
    if (!this.uploadsHeld) return Promise.resolve();
    if (this.uploadReleases > 0) {
      this.uploadReleases--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.heldUploads.push(resolve));
  }

  private openInstance(state: RealmSyncState): RealmEmulator | undefined {
    for (const realm of state.instances) {
      if (realm.isClosed) state.instances.delete(realm);
      else return realm;
    }
    return undefined;
  }

  private usable(state: RealmSyncState): boolean {
    return (
      this.online &&
      state.resetOrdered === null &&
      state.resetDelivered === null &&
      this.states.get(state.path) === state
    );
  }

  private uploadState(state: RealmSyncState, count: number): void {
    if (!this.usable(state) || count === 0) return;
    this.strike("upload");
    const batch = state.pending.splice(0, count);
    this.host.server.integrate(this.name, batch);
    this.host.persist?.();
    state.session.upload.transferred += batch.length;
    state.session.reportProgress("upload");
  }

  private downloadState(state: RealmSyncState): void {
    const realm = this.openInstance(state);
    if (!this.usable(state) || !realm) return;
    this.strike("download");
    const server = this.host.server;
    const remote =
      state.cursor === 0
        ? server.snapshot()
        : server.changesSince(state.cursor).flatMap((entry) => entry.instructions);
    const target = server.version;
    const session = state.session;
    session.download.transferable += target - state.cursor;
    session.reportProgress("download");
    // Server changes first, then this device's unuploaded changes again on top: the local state
    // converges on the server's once everything is uploaded, as Realm's merge does.
    const instructions = [...remote, ...state.pending.flatMap((changeset) => changeset.instructions)];
    if (this.faults.has("download-partial") && instructions.length > 1) {
      // A download cut short: the first half is integrated (committed), the cursor stays where it
      // was, so the next download brings everything again.
      const half = Math.floor(instructions.length / 2);
      realm.applyRemote(instructions.slice(0, half));
      this.strike("download-partial");
    }
    realm.applyRemote(instructions);
    state.cursor = target;
    this.host.persist?.();
    session.download.transferred = session.download.transferable;
    session.reportProgress("download");
  }

  private deliverReset(state: RealmSyncState): void {
    const realm = this.openInstance(state);
    if (state.resetOrdered === null || !this.online || !realm) return;
    const code = state.resetOrdered;
    this.backups++;
    const backupPath = join(
      dirname(state.path),
      "recovered-realms",
      `recovered_realm-${stamp(this.now())}-${String(this.backups).padStart(8, "0")}`,
    );
    state.resetOrdered = null;
    state.resetDelivered = { code, backupPath };
    this.host.persist?.();
    state.session.connectionChanged();
    const sync = realm.config.sync ?? {};
    const session = state.session;
    const error = new SimulatedClientResetError(code, state.path, backupPath);
    const mode = sync.clientReset?.mode ?? "recoverUnsyncedChanges";
    setImmediate(() => {
      if (mode === "manual" && sync.clientReset?.onManual) sync.clientReset.onManual(session, backupPath);
      else if (mode !== "manual" && code === 1028 && sync.clientReset?.onFallback)
        sync.clientReset.onFallback(session, backupPath);
      else sync.onError?.(session, error);
    });
  }
}

/** The adapter of a simulated client: opens synced realms wired to the simulator, moves backups, strikes faults. */
class SimulatorAdapter extends EmulatorAdapter {
  constructor(private readonly client: SimulatedClient) {
    super({ baseDir: client.baseDir });
  }

  override async open(config: RealmConfigLike): Promise<RealmLike> {
    this.client.strike(config.readOnly ? "open-backup" : "open");
    const emulatorConfig: EmulatorConfiguration = {
      ...(config as EmulatorConfiguration),
      path: this.resolvePath(config.path, config.sync !== undefined),
    };
    if (!config.sync) return new RealmEmulator(emulatorConfig);
    const realm = new SimulatedRealm(emulatorConfig, (point) => this.client.strike(point));
    this.client.attach(realm);
    return realm;
  }

  override initiateClientReset(originalPath: string): void {
    this.client.initiateClientReset(this.resolvePath(originalPath, true));
  }

  override deleteFile(path: string): void {
    this.client.strike("delete-file");
    super.deleteFile(path);
  }
}
