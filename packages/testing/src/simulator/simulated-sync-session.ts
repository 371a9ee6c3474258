import type {
  ConnectionNotificationCallbackLike,
  ConnectionStateLike,
  ProgressDirectionLike,
  ProgressModeLike,
  ProgressNotificationCallbackLike,
  SessionStateLike,
  SyncSessionLike,
} from "@realm-recovery/core";

interface ProgressListener {
  readonly direction: ProgressDirectionLike;
  readonly mode: ProgressModeLike;
  readonly callback: ProgressNotificationCallbackLike;
  /** For `forCurrentlyOutstandingWork`: the amount that must be transferred before it stops. */
  readonly target: number;
}

/** The transfer counters of one direction. */
export interface TransferCounters {
  transferred: number;
  transferable: number;
}

/** What a session asks of the client that owns it. */
export interface SessionDriver {
  /** Whether the client is online. */
  isOnline(): boolean;
  /** Whether the session can sync (no client reset outstanding). */
  isUsable(): boolean;
  /** Uploads the first `count` pending changesets. */
  upload(count: number): void;
  /** Number of changesets waiting to be uploaded. */
  pendingCount(): number;
  /** Downloads everything the server has for this realm. */
  download(): void;
  /** Resolves when an upload may go out (immediately unless the client holds uploads in flight). */
  uploadSlot(): Promise<void>;
}

function call(
  callback: ProgressNotificationCallbackLike,
  transferred: number,
  transferable: number,
  estimate: number,
): void {
  // Realm ≥ 12.12 passes one `estimate` to a callback declaring one parameter, else the
  // deprecated (transferred, transferable) pair.
  if (callback.length === 1) (callback as (estimate: number) => void)(estimate);
  else (callback as (transferred: number, transferable: number) => void)(transferred, transferable);
}

/**
 * A simulated `Realm.App.Sync.Session`: connection state and notifications, upload and download
 * progress notifications in both modes and both callback forms, and `uploadAllLocalChanges` /
 * `downloadAllServerChanges` that move data through the simulated server. Notifications are
 * delivered asynchronously, like Realm's.
 */
export class SimulatedSyncSession implements SyncSessionLike {
  /** Upload counters (changesets). */
  readonly upload: TransferCounters = { transferred: 0, transferable: 0 };
  /** Download counters (changesets). */
  readonly download: TransferCounters = { transferred: 0, transferable: 0 };
  private readonly progress: ProgressListener[] = [];
  private readonly connection = new Set<ConnectionNotificationCallbackLike>();
  private readonly waiting: (() => void)[] = [];
  private paused = false;
  // Sessions start disconnected and connect when their realm opens (see `connectionChanged`).
  private lastConnection: ConnectionStateLike = "disconnected";

  constructor(private readonly driver: SessionDriver) {}

  get state(): SessionStateLike {
    if (!this.driver.isUsable()) return "invalid";
    return this.paused ? "inactive" : "active";
  }

  get connectionState(): ConnectionStateLike {
    return this.driver.isOnline() && !this.paused && this.driver.isUsable() ? "connected" : "disconnected";
  }

  isConnected(): boolean {
    return this.connectionState === "connected";
  }

  pause(): void {
    this.paused = true;
    this.connectionChanged();
  }

  resume(): void {
    this.paused = false;
    this.connectionChanged();
  }

  /** Number of progress and connection callbacks registered (for leak checks). */
  get listenerCount(): number {
    return this.progress.length + this.connection.size;
  }

  addProgressNotification(
    direction: ProgressDirectionLike,
    mode: ProgressModeLike,
    callback: ProgressNotificationCallbackLike,
  ): void {
    const counters = direction === "upload" ? this.upload : this.download;
    const listener: ProgressListener = { direction, mode, callback, target: counters.transferable };
    this.progress.push(listener);
    if (mode === "forCurrentlyOutstandingWork" && counters.transferred >= counters.transferable) {
      // Nothing outstanding: one call with estimate 0, then the registration ends (Realm's behaviour).
      this.removeProgressNotification(callback);
      setImmediate(() => call(callback, 0, 0, 0));
      return;
    }
    const { transferred, transferable } = counters;
    setImmediate(
      () =>
        this.progress.includes(listener) &&
        call(callback, transferred, transferable, estimateOf(transferred, transferable)),
    );
  }

  removeProgressNotification(callback: ProgressNotificationCallbackLike): void {
    for (let i = this.progress.length - 1; i >= 0; i--)
      if (this.progress[i]!.callback === callback) this.progress.splice(i, 1);
  }

  addConnectionNotification(callback: ConnectionNotificationCallbackLike): void {
    this.connection.add(callback);
  }

  removeConnectionNotification(callback: ConnectionNotificationCallbackLike): void {
    this.connection.delete(callback);
  }

  async uploadAllLocalChanges(): Promise<void> {
    // Realm waits for the changes committed before the call; later writes are not part of it.
    const count = this.driver.pendingCount();
    await this.whenConnected();
    await nextTurn();
    await this.driver.uploadSlot();
    await this.whenConnected();
    this.driver.upload(count);
  }

  async downloadAllServerChanges(): Promise<void> {
    await this.whenConnected();
    await nextTurn();
    await this.whenConnected();
    this.driver.download();
  }

  /** Reports new or transferred work of one direction to progress listeners. */
  reportProgress(direction: ProgressDirectionLike): void {
    const counters = direction === "upload" ? this.upload : this.download;
    const { transferred, transferable } = counters;
    for (const listener of [...this.progress]) {
      if (listener.direction !== direction) continue;
      if (listener.mode === "forCurrentlyOutstandingWork") {
        const done = transferred >= listener.target;
        setImmediate(() =>
          call(
            listener.callback,
            Math.min(transferred, listener.target),
            listener.target,
            done ? 1 : transferred / listener.target,
          ),
        );
        if (done) this.removeProgressNotification(listener.callback);
      } else {
        setImmediate(
          () =>
            this.progress.includes(listener) &&
            call(listener.callback, transferred, transferable, estimateOf(transferred, transferable)),
        );
      }
    }
  }

  /** Re-evaluates the connection state and notifies listeners of a change; wakes waiting transfers. */
  connectionChanged(): void {
    const next = this.connectionState;
    const previous = this.lastConnection;
    if (next === previous) return;
    this.lastConnection = next;
    const steps: [ConnectionStateLike, ConnectionStateLike][] =
      next === "connected"
        ? [
            ["connecting", previous],
            ["connected", "connecting"],
          ]
        : [[next, previous]];
    for (const callback of [...this.connection]) {
      setImmediate(() => {
        for (const [to, from] of steps) if (this.connection.has(callback)) callback(to, from);
      });
    }
    if (next === "connected") for (const wake of this.waiting.splice(0)) wake();
  }

  /** Removes every callback (when the client resets or the realm goes away). */
  removeAllListeners(): void {
    this.progress.length = 0;
    this.connection.clear();
  }

  private whenConnected(): Promise<void> {
    if (!this.driver.isUsable()) {
      return Promise.reject(
        new Error("Sync session is invalid: a client reset is required before it can sync again"),
      );
    }
    if (this.isConnected()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

function estimateOf(transferred: number, transferable: number): number {
  return transferable === 0 ? 1 : Math.min(1, transferred / transferable);
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
