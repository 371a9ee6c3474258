import { BehaviorSubject, Subject, type Observable, type Subscription } from "rxjs";
import type { DependencyContainer } from "tsyringe";
import { inject, injectable } from "../di/tsyringe.js";
import type { Clock } from "../clock/clock.js";
import type { Timestamp } from "../clock/timestamp.js";
import type { ClientResetStrategy } from "../contracts/client-reset-strategy.js";
import type { Journal } from "../contracts/journal.js";
import type { Logger } from "../contracts/logger.js";
import type { RealmAdapter, RealmConfigLike } from "../contracts/realm-adapter.js";
import type { ObjectSchemaLike, RealmLike, SyncSessionLike } from "../contracts/realm-like.js";
import type { RecoveryEvent } from "../contracts/recovery-event.js";
import type { RecoveryPlan } from "../contracts/recovery-record.js";
import type { RecoveryReport } from "../contracts/recovery-report.js";
import type {
  ClientResetConfigLike,
  Recovery,
  RecoveryState,
  TrackedTransaction,
} from "../contracts/recovery.js";
import type { SyncTracker } from "../contracts/sync-tracker.js";
import { CLIENT_RESET_STRATEGY, CLOCK, JOURNAL, LOGGER, REALM_ADAPTER, SYNC_TRACKER } from "../di/tokens.js";
import { registerValue } from "../di/token.js";
import { PluginError, RecoveryError } from "../errors/recovery-error.js";
import type { RecoveryStep } from "../errors/recovery-step.js";
import { RealmJournal } from "../journal/realm-journal.js";
import { ENGINE_CONTAINER, ENGINE_OPTIONS, type EngineOptions } from "./engine-options.js";
import { type PipelineResult, recoveryPipeline } from "./recovery-pipeline.js";
import { runTrackedWrite } from "./tracked-write.js";

interface ManagedRealm {
  realm: RealmLike;
  readonly config: RealmConfigLike;
  readonly journal: Journal;
  readonly objectTypes: readonly string[];
  tracking: Subscription | null;
}

function isClientResetError(error: unknown): error is { name: string; config?: { path?: string } } {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ClientReset";
}

/**
 * The realm-recovery engine behind `createRecovery`. Core's one decorated class: every constructor
 * parameter names its token explicitly, because tsyringe cannot rely on emitted metadata here.
 */
@injectable()
export class RecoveryEngine implements Recovery {
  private readonly events = new Subject<RecoveryEvent>();
  private readonly stateSubject = new BehaviorSubject<RecoveryState>({
    status: "idle",
    realm: null,
    error: null,
  });
  private managed: ManagedRealm | null = null;
  private schemaTypes: string[] | undefined;
  private running: Promise<RecoveryReport> | null = null;
  private readonly abort = new AbortController();
  private detached = false;

  readonly events$: Observable<RecoveryEvent> = this.events.asObservable();
  readonly state$: Observable<RecoveryState> = this.stateSubject.asObservable();

  constructor(
    @inject(REALM_ADAPTER) private readonly adapter: RealmAdapter,
    @inject(CLIENT_RESET_STRATEGY) private readonly strategy: ClientResetStrategy,
    @inject(SYNC_TRACKER) private readonly tracker: SyncTracker,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(LOGGER) private readonly logger: Logger,
    @inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
    @inject(ENGINE_CONTAINER) private readonly container: DependencyContainer,
  ) {}

  get realm(): RealmLike | null {
    return this.stateSubject.value.realm;
  }

  get state(): RecoveryState {
    return this.stateSubject.value;
  }

  schema(schemas: ObjectSchemaLike[]): ObjectSchemaLike[] {
    this.schemaTypes = schemas.filter((s) => !s.embedded && !s.asymmetric).map((s) => s.name);
    return schemas.map((schema) => {
      if (schema.embedded || schema.asymmetric) return schema;
      if (!schema.primaryKey) {
        throw new RecoveryError(
          "MISSING_PRIMARY_KEY",
          "configure",
          `Object type "${schema.name}" has no primary key: realm-recovery matches backup and fresh objects by primary key`,
        );
      }
      try {
        return this.strategy.schema(schema);
      } catch (cause) {
        throw new PluginError(this.strategy.name, "configure", cause);
      }
    });
  }

  clientReset(options: { mode?: ClientResetConfigLike["mode"] } = {}): ClientResetConfigLike {
    const mode = options.mode ?? "manual";
    const handle = (session: SyncSessionLike, path: string) => this.onReset(session, path);
    return mode === "manual" ? { mode, onManual: handle } : { mode, onFallback: handle };
  }

  onError(
    next?: (session: SyncSessionLike, error: unknown) => void,
  ): (session: SyncSessionLike, error: unknown) => void {
    return (session, error) => {
      if (isClientResetError(error) && error.config?.path) this.onReset(session, error.config.path);
      else next?.(session, error);
    };
  }

  async open(config: RealmConfigLike): Promise<RealmLike> {
    const sync = config.sync as { clientReset?: unknown; onError?: unknown } | undefined;
    const withHandlers: RealmConfigLike =
      sync && !sync.clientReset ? { ...config, sync: { ...sync, clientReset: this.clientReset() } } : config;
    let realm: RealmLike;
    try {
      realm = await this.adapter.open(withHandlers);
    } catch (cause) {
      throw new RecoveryError(
        "REALM_OPEN_FAILED",
        "attach",
        `Could not open the realm: ${String((cause as Error)?.message ?? cause)}`,
        { cause },
      );
    }
    await this.attach(realm, withHandlers);
    return realm;
  }

  async attach(realm: RealmLike, config: RealmConfigLike): Promise<void> {
    this.assertNotDetached("attach");
    if (this.managed && this.managed.realm !== realm && !this.managed.realm.isClosed) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "attach",
        "This recovery already manages a realm: create one recovery per synced realm",
      );
    }
    const previous = this.managed;
    // Re-attaching: the old tracking must stop (it would keep writing LastSynced from a stale
    // instance), and a journal belongs to one realm path only.
    previous?.tracking?.unsubscribe();
    if (previous) previous.tracking = null;
    const sameFile = previous !== null && previous.realm.path === realm.path;
    if (previous && !sameFile) previous.journal.close();
    const journal = sameFile
      ? previous.journal
      : await RealmJournal.open(this.adapter, this.options.journalPath(realm.path));
    const lastSynced = journal.lastSyncedAt();
    if (lastSynced !== null) this.clock.observe(lastSynced);
    const objectTypes =
      this.options.objectTypes ??
      this.schemaTypes ??
      realm.schema.filter((s) => !s.embedded && !s.asymmetric).map((s) => s.name);
    const missingKey = realm.schema.find((s) => objectTypes.includes(s.name) && !s.primaryKey);
    if (missingKey) {
      throw new RecoveryError(
        "MISSING_PRIMARY_KEY",
        "attach",
        `Object type "${missingKey.name}" has no primary key: realm-recovery matches backup and fresh objects by primary key`,
      );
    }
    this.managed = { realm, config, journal, objectTypes, tracking: null };
    // This recovery's container is the managed realm's scope: its journal is resolvable there.
    registerValue(this.container, JOURNAL, journal);
    this.startTracking(this.managed);
    this.setState({ status: "attached", realm, error: null });
  }

  write<T>(realm: RealmLike, fn: (tx: TrackedTransaction) => T): T {
    const managed = this.managed;
    if (!managed || this.detached || managed.realm !== realm || realm.isClosed) {
      throw new RecoveryError(
        "NOT_ATTACHED",
        "write",
        "recovery.write needs the realm attached to this recovery (open it with recovery.open or recovery.attach)",
      );
    }
    return runTrackedWrite(
      {
        realm,
        strategy: this.strategy,
        clock: this.clock,
        journal: managed.journal,
        objectTypes: new Set(managed.objectTypes),
      },
      fn,
    );
  }

  lastSyncedAt(): Timestamp | null {
    return this.managed?.journal.lastSyncedAt() ?? null;
  }

  preview(
    backup: RealmLike,
    fresh: RealmLike,
    options: { lastSyncedAt?: Timestamp | null } = {},
  ): RecoveryPlan {
    const managed = this.managed;
    if (!managed)
      throw new RecoveryError("NOT_ATTACHED", "recover", "Attach the realm before previewing a recovery");
    const strategy = this.strategy;
    if (typeof strategy.preview !== "function") {
      throw new RecoveryError(
        "PREVIEW_UNSUPPORTED",
        "recover",
        `Strategy "${strategy.name}" has no preview(): it cannot plan a recovery without writing`,
      );
    }
    const pending = managed.journal.pendingRecovery();
    const lastSyncedAt =
      options.lastSyncedAt !== undefined
        ? options.lastSyncedAt
        : pending
          ? pending.lastSyncedAt
          : managed.journal.lastSyncedAt();
    const context = {
      backup,
      fresh,
      lastSyncedAt,
      journal: managed.journal,
      clock: this.clock,
      deviceId: this.options.deviceId,
      objectTypes: managed.objectTypes,
      signal: this.abort.signal,
      logger: this.logger,
    };
    try {
      return strategy.preview(context);
    } catch (cause) {
      throw cause instanceof RecoveryError ? cause : new PluginError(strategy.name, "recover", cause);
    }
  }

  resumePending(): Promise<RecoveryReport> {
    const managed = this.managed;
    if (!managed)
      return Promise.reject(
        new RecoveryError("NOT_ATTACHED", "resume", "Attach the realm before resuming a recovery"),
      );
    if (this.running)
      return Promise.reject(
        new RecoveryError("RECOVERY_IN_PROGRESS", "resume", "A recovery is already running"),
      );
    const pending = managed.journal.pendingRecovery();
    if (!pending)
      return Promise.reject(
        new RecoveryError("NO_PENDING_RECOVERY", "resume", "No pending recovery is recorded in the journal"),
      );
    // Once the realm was moved to its backup, the reset itself is done: continue from the fresh realm.
    const resetDone = this.adapter.exists(pending.backupPath);
    return this.run(pending.originalPath, pending.backupPath, pending.lastSyncedAt, resetDone);
  }

  async detach(): Promise<void> {
    if (this.detached) return;
    this.detached = true;
    this.abort.abort();
    const managed = this.managed;
    if (managed) {
      managed.tracking?.unsubscribe();
      managed.tracking = null;
      await this.running?.catch(() => undefined);
      managed.journal.close();
    }
    this.setState({ status: "detached", realm: null, error: null });
    this.events.complete();
    this.stateSubject.complete();
  }

  private onReset(session: SyncSessionLike, backupPath: string): void {
    const managed = this.managed;
    if (!managed || this.detached) {
      this.logger.error("Client reset for a realm this recovery does not manage", { backupPath });
      return;
    }
    if (managed.realm.syncSession && managed.realm.syncSession !== session) {
      this.logger.warn("Client reset reported by a session of another realm instance", { backupPath });
    }
    if (this.running) {
      this.logger.warn("Client reset reported while a recovery is running; ignored", { backupPath });
      return;
    }
    const earlier = managed.journal.pendingRecovery();
    if (earlier && this.adapter.exists(earlier.backupPath)) {
      // Overwriting the marker would orphan the earlier backup and the unsynced data in it.
      this.fail(
        new RecoveryError(
          "RECOVERY_IN_PROGRESS",
          "detect",
          `A new client reset arrived while the recovery from ${earlier.backupPath} is still pending: that backup is kept and not replaced; finish it with resumePending() first`,
          { backupPath: earlier.backupPath },
        ),
        "detect",
      );
      return;
    }
    const lastSyncedAt = managed.journal.lastSyncedAt();
    this.events.next({ type: "reset-detected", originalPath: managed.realm.path });
    try {
      managed.journal.markPending({
        originalPath: managed.realm.path,
        backupPath,
        lastSyncedAt,
        detectedAt: this.clock.now(),
      });
    } catch (error) {
      this.fail(error as RecoveryError, "detect");
      return;
    }
    this.run(managed.realm.path, backupPath, lastSyncedAt, false).catch(() => undefined);
  }

  private run(
    originalPath: string,
    backupPath: string,
    lastSyncedAt: Timestamp | null,
    resetDone: boolean,
  ): Promise<RecoveryReport> {
    const managed = this.managed!;
    // No tracking while recovering: the tracker would record LastSynced for a realm mid-recovery.
    managed.tracking?.unsubscribe();
    managed.tracking = null;
    this.setState({
      status: "recovering",
      realm: managed.realm.isClosed ? null : managed.realm,
      error: null,
    });
    const promise = new Promise<RecoveryReport>((resolve, reject) => {
      let result: PipelineResult | null = null;
      recoveryPipeline(
        {
          adapter: this.adapter,
          strategy: this.strategy,
          clock: this.clock,
          journal: managed.journal,
          logger: this.logger,
          deviceId: this.options.deviceId,
          objectTypes: managed.objectTypes,
          config: managed.config,
          originalPath,
          backupPath,
          lastSyncedAt,
          signal: this.abort.signal,
          ...(this.options.reportRecordLimit === undefined
            ? {}
            : { reportRecordLimit: this.options.reportRecordLimit }),
          closeLive: () => {
            managed.tracking?.unsubscribe();
            managed.tracking = null;
            if (!managed.realm.isClosed) managed.realm.close();
          },
          fresh: resetDone && !managed.realm.isClosed ? managed.realm : null,
          onFreshOpened: (fresh) => {
            if (managed.realm === fresh) return;
            managed.realm = fresh;
            this.setState({ status: "recovering", realm: fresh, error: null });
          },
        },
        { skipUntilFresh: resetDone },
      ).subscribe({
        next: (item) => {
          if ("type" in item) this.events.next(item);
          else result = item;
        },
        error: (error: RecoveryError) => {
          this.fail(error, error.step);
          reject(error);
        },
        complete: () => {
          managed.realm = result!.fresh;
          this.startTracking(managed);
          this.setState({ status: "attached", realm: result!.fresh, error: null });
          resolve(result!.report);
        },
      });
    });
    this.running = promise;
    const clear = () => {
      if (this.running === promise) this.running = null;
    };
    promise.then(clear, clear);
    return promise;
  }

  private startTracking(managed: ManagedRealm): void {
    managed.tracking?.unsubscribe();
    managed.tracking = null;
    const session = managed.realm.syncSession;
    if (!session) {
      this.logger.warn("The realm has no sync session: LastSynced is not tracked", {
        path: managed.realm.path,
      });
      return;
    }
    let source: Observable<Timestamp>;
    try {
      source = this.tracker.track(managed.realm, session, {
        clock: this.clock,
        objectTypes: managed.objectTypes,
        logger: this.logger,
      });
    } catch (cause) {
      throw new PluginError(this.tracker.name, "track", cause);
    }
    managed.tracking = source.subscribe({
      next: (stamp) => {
        managed.journal.recordLastSynced(stamp);
        // While a recovery is pending, its tombstones and change log are still needed: a prune
        // now would drop the unsynced deletes of the backup before they are recovered.
        if (!managed.journal.pendingRecovery()) managed.journal.prune(stamp);
      },
      error: (cause: unknown) =>
        this.logger.error(new PluginError(this.tracker.name, "track", cause).message),
    });
  }

  private fail(error: RecoveryError, step: RecoveryStep): void {
    this.logger.error(error.message, { code: error.code, step });
    this.events.next({ type: "failed", error, step });
    this.setState({
      status: "failed",
      realm: this.managed?.realm.isClosed === false ? this.managed.realm : null,
      error,
    });
  }

  private setState(state: RecoveryState): void {
    if (!this.stateSubject.closed) this.stateSubject.next(state);
  }

  private assertNotDetached(step: RecoveryStep): void {
    if (this.detached) throw new RecoveryError("NOT_ATTACHED", step, "This recovery was detached");
  }
}
