import { BehaviorSubject, Subject, type Observable, type Subscription } from "rxjs";
import type { DependencyContainer } from "tsyringe";
import { inject, injectable } from "../di/tsyringe.js";
import type { Clock } from "../clock/clock.js";
import { type Timestamp, timestampToDate, timestampWallMs } from "../clock/timestamp.js";
import type { ClientResetStrategy } from "../contracts/client-reset-strategy.js";
import type { Journal } from "../contracts/journal.js";
import type { Logger } from "../contracts/logger.js";
import type { RealmAdapter, RealmConfigLike } from "../contracts/realm-adapter.js";
import type { ObjectSchemaLike, RealmLike, SyncSessionLike } from "../contracts/realm-like.js";
import type { RecoveryEvent } from "../contracts/recovery-event.js";
import type { RecoveryPlan } from "../contracts/recovery-record.js";
import type { RecoveryReport, SkippedRecord } from "../contracts/recovery-report.js";
import type {
  ClientResetConfigLike,
  Recovery,
  RecoveryState,
  ResumeOptions,
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
import { TrackedTypes } from "./tracked-types.js";
import { runTrackedWrite } from "./tracked-write.js";

interface ManagedRealm {
  realm: RealmLike;
  readonly config: RealmConfigLike;
  readonly journal: Journal;
  readonly objectTypes: readonly string[];
  tracking: Subscription | null;
  /** What tracked writes know of the types of the realm they were last made on (see `write`). */
  writtenTypes: TrackedTypes | null;
}

/**
 * How far past the device's wall clock a LastSynced may be before it is distrusted. A little ahead is
 * normal (the hybrid logical clock runs ahead of the wall clock after seeing stamps of devices whose
 * clocks are ahead); far ahead means the clock was wrong when it was recorded, or was reset since.
 */
export const LAST_SYNCED_FUTURE_TOLERANCE_MS = 60_000;

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
    const ownModels = this.strategyModels();
    const clash = ownModels.find((model) => schemas.some((s) => s.name === model.name));
    if (clash) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `The app's schema has a model named "${clash.name}", which the ${this.strategy.name} strategy keeps for itself: rename one of them (strategy options name their models)`,
      );
    }
    this.schemaTypes = schemas.filter((s) => !s.embedded && !s.asymmetric).map((s) => s.name);
    const appSchemas = schemas.map((schema) => {
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
    return [...appSchemas, ...ownModels];
  }

  /** The strategy's own synced models (never tracked or recovered as app data). */
  private strategyModels(): ObjectSchemaLike[] {
    try {
      return this.strategy.models?.() ?? [];
    } catch (cause) {
      throw new PluginError(this.strategy.name, "configure", cause);
    }
  }

  clientReset<M extends ClientResetConfigLike["mode"] = "manual">(
    options: { mode?: M } = {},
  ): ClientResetConfigLike & { readonly mode: M } {
    const mode = (options.mode ?? "manual") as M;
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
    this.deleteFinishedBackups(journal);
    const lastSynced = journal.lastSyncedAt();
    if (lastSynced !== null) this.clock.observe(lastSynced);
    const ownModels = new Set(this.strategyModels().map((model) => model.name));
    const objectTypes = (
      this.options.objectTypes ??
      this.schemaTypes ??
      realm.schema.filter((s) => !s.embedded && !s.asymmetric).map((s) => s.name)
    ).filter((type) => !ownModels.has(type));
    const missingKey = realm.schema.find((s) => objectTypes.includes(s.name) && !s.primaryKey);
    if (missingKey) {
      throw new RecoveryError(
        "MISSING_PRIMARY_KEY",
        "attach",
        `Object type "${missingKey.name}" has no primary key: realm-recovery matches backup and fresh objects by primary key`,
      );
    }
    if (journal instanceof RealmJournal && journal.created)
      this.warnIfJournalLost(realm, objectTypes, journal);
    this.managed = { realm, config, journal, objectTypes, tracking: null, writtenTypes: null };
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
    // Kept for the realm's life: a recovery reopens the realm as a new instance, which gets its own.
    if (managed.writtenTypes?.realm !== realm)
      managed.writtenTypes = new TrackedTypes(realm, new Set(managed.objectTypes));
    return runTrackedWrite(
      {
        realm,
        strategy: this.strategy,
        clock: this.clock,
        journal: managed.journal,
        types: managed.writtenTypes,
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
        : this.trustedLastSynced(pending ? pending.lastSyncedAt : managed.journal.lastSyncedAt()).value;
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

  resumePending(options: ResumeOptions = {}): Promise<RecoveryReport> {
    const managed = this.managed;
    if (!managed)
      return Promise.reject(
        new RecoveryError("NOT_ATTACHED", "resume", "Attach the realm before resuming a recovery"),
      );
    if (this.running)
      return Promise.reject(
        new RecoveryError("RECOVERY_IN_PROGRESS", "resume", "A recovery is already running"),
      );
    this.deleteFinishedBackups(managed.journal);
    let pending = managed.journal.pendingRecovery();
    if (!pending && options.backupPath !== undefined) {
      try {
        pending = this.adoptBackup(managed, options.backupPath);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (!pending)
      return Promise.reject(
        new RecoveryError("NO_PENDING_RECOVERY", "resume", "No pending recovery is recorded in the journal"),
      );
    const { originalPath, backupPath, lastSyncedAt } = pending;
    if (this.adapter.exists(backupPath)) {
      // Once the realm was moved to its backup, the reset itself is done: continue from the fresh
      // realm (Realm may also have carried out the reset by itself when the app started).
      if (!pending.resetDone) managed.journal.markResetDone();
      return this.run(originalPath, backupPath, lastSyncedAt, true);
    }
    if (pending.resetDone) {
      // The reset was carried out but its backup is gone: the live realm is the fresh one, and
      // closing it to reset again would fail (Realm has no reset pending) for nothing.
      return Promise.reject(
        this.backupMissing(backupPath, "the reset was carried out, then the file vanished"),
      );
    }
    // No backup and no record of the reset: it was interrupted before the realm was moved (or the
    // marker predates that record). Carry the reset out now.
    return this.run(originalPath, backupPath, lastSyncedAt, false).catch(async (error: RecoveryError) => {
      if (error.step !== "backup" || this.adapter.exists(backupPath)) throw error;
      // Realm refused to move the realm: no reset is pending for it, so the live file was never
      // reset. Reopen it for the app instead of leaving it closed, and say what is missing.
      await this.reopenLive(managed);
      throw this.backupMissing(
        backupPath,
        `Realm has no client reset pending for ${originalPath} (${error.message})`,
        error,
      );
    });
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

  /** Lists a backup the journal lost track of (its file was deleted) as the pending recovery. */
  private adoptBackup(managed: ManagedRealm, backupPath: string) {
    if (!this.adapter.exists(backupPath))
      throw this.backupMissing(backupPath, "no file exists at the path given to resumePending");
    // The journal that knew LastSynced is gone: null makes every backup object a candidate.
    managed.journal.markPending({
      originalPath: managed.realm.path,
      backupPath,
      lastSyncedAt: null,
      detectedAt: this.clock.now(),
    });
    managed.journal.markResetDone();
    return managed.journal.pendingRecovery();
  }

  private backupMissing(backupPath: string, why: string, cause?: unknown): RecoveryError {
    const error = new RecoveryError(
      "BACKUP_MISSING",
      "resume",
      `The backup of the pending recovery is missing at ${backupPath}: ${why}. Nothing can be recovered from it; the live realm is left open and the pending marker is kept: restore the file there and call resumePending() again.`,
      { backupPath, ...(cause === undefined ? {} : { cause }) },
    );
    this.logger.error(error.message, { code: error.code });
    return error;
  }

  private async reopenLive(managed: ManagedRealm): Promise<void> {
    try {
      managed.realm = await this.adapter.open(managed.config);
    } catch (cause) {
      this.logger.error("Could not reopen the realm after a refused client reset", {
        cause: String((cause as Error)?.message ?? cause),
      });
      return;
    }
    this.startTracking(managed);
    this.setState({ status: "attached", realm: managed.realm, error: null });
  }

  /** Deletes the backups of finished recoveries that a failure or crash left behind. */
  private deleteFinishedBackups(journal: Journal): void {
    const pending = journal.pendingRecovery()?.backupPath;
    for (const path of journal.backupsToDelete()) {
      if (path === pending) continue;
      try {
        if (this.adapter.exists(path)) this.adapter.deleteFile(path);
        journal.forgetBackup(path);
        this.logger.info("Deleted the backup of a finished recovery", { backupPath: path });
      } catch (cause) {
        this.logger.warn("Could not delete the backup of a finished recovery; will retry", {
          backupPath: path,
          cause: String((cause as Error)?.message ?? cause),
        });
      }
    }
  }

  /** Warns that a journal was created for a realm that already holds data: what it knew is gone. */
  private warnIfJournalLost(realm: RealmLike, objectTypes: readonly string[], journal: Journal): void {
    const known = new Set(realm.schema.map((s) => s.name));
    const hasData = objectTypes.some((type) => known.has(type) && !realm.objects(type).isEmpty());
    if (!hasData) return;
    this.logger.warn(
      "The recovery journal was missing for a realm that holds data, so a new one was created: LastSynced is unknown until the next upload (a recovery before then considers every backup object), local deletes recorded before are lost, and a backup kept from an earlier reset is no longer pending (pass its path to resumePending({ backupPath }) to recover it)",
      { path: realm.path, journalPath: journal.path },
    );
  }

  /**
   * A LastSynced later than the device's wall clock (beyond {@link LAST_SYNCED_FUTURE_TOLERANCE_MS})
   * cannot be trusted: it was recorded by a clock that was wrong, or the clock was reset since.
   * Using it could leave unsynced writes stamped before it unrecovered, so the recovery runs as if
   * LastSynced were the epoch (stamp 0): every stamped backup object, change-log entry and
   * tombstone is a candidate, and conflicts are still settled by the strategy's rules. Not null:
   * null means "never synced", for which strategies re-apply no local deletes. A warning is logged
   * and a note (`type: "*"`) is added to the report's `skipped`.
   */
  private trustedLastSynced(lastSyncedAt: Timestamp | null): {
    value: Timestamp | null;
    note?: SkippedRecord;
  } {
    if (lastSyncedAt === null) return { value: null };
    const wallMs = (this.options.wallClock ?? Date.now)();
    if (timestampWallMs(lastSyncedAt) <= wallMs + LAST_SYNCED_FUTURE_TOLERANCE_MS)
      return { value: lastSyncedAt };
    const reason = `LastSynced ${timestampToDate(lastSyncedAt).toISOString()} is later than the device clock ${new Date(wallMs).toISOString()}: not trusted, every stamped backup object, change and delete was considered`;
    return { value: 0, note: { type: "*", reason } };
  }

  private run(
    originalPath: string,
    backupPath: string,
    recordedLastSynced: Timestamp | null,
    resetDone: boolean,
  ): Promise<RecoveryReport> {
    const managed = this.managed!;
    const { value: lastSyncedAt, note } = this.trustedLastSynced(recordedLastSynced);
    if (note) this.logger.warn(note.reason, { backupPath });
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
          ...(note ? { notes: [note] } : {}),
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
