import { Observable, type Subscriber, catchError, concatMap, defer, from, throwError } from "rxjs";
import type { Clock } from "../clock/clock.js";
import type { Timestamp } from "../clock/timestamp.js";
import type { ClientResetStrategy } from "../contracts/client-reset-strategy.js";
import type { Journal } from "../contracts/journal.js";
import type { Logger } from "../contracts/logger.js";
import type { RealmAdapter, RealmConfigLike } from "../contracts/realm-adapter.js";
import type { RealmLike } from "../contracts/realm-like.js";
import type { RecoveryEvent } from "../contracts/recovery-event.js";
import type { RecoveryReport, SkippedRecord } from "../contracts/recovery-report.js";
import type { RecoveryErrorCode } from "../errors/recovery-error-code.js";
import { PluginError, RecoveryError, describeCause } from "../errors/recovery-error.js";
import type { RecoveryStep } from "../errors/recovery-step.js";

/** Everything one run of the client-reset flow needs. */
export interface PipelineInput {
  readonly adapter: RealmAdapter;
  readonly strategy: ClientResetStrategy;
  readonly clock: Clock;
  readonly journal: Journal;
  readonly logger: Logger;
  readonly deviceId: string;
  readonly objectTypes: readonly string[];
  /** The configuration the fresh realm is opened with (the app's normal sync config). */
  readonly config: RealmConfigLike;
  readonly originalPath: string;
  readonly backupPath: string;
  readonly lastSyncedAt: Timestamp | null;
  readonly signal: AbortSignal;
  /** Most records the report keeps. */
  readonly reportRecordLimit?: number;
  /** Entries the engine adds to the report's `skipped` (e.g. a LastSynced it could not trust). */
  readonly notes?: readonly SkippedRecord[];
  /** Closes every open instance of the live realm (and stops tracking it). */
  readonly closeLive: () => void;
  /** An already open fresh realm (when resuming after the reset was carried out). */
  readonly fresh: RealmLike | null;
  /** Called as soon as the fresh realm is open, so the app can switch to it even if a later step fails. */
  readonly onFreshOpened: (fresh: RealmLike) => void;
}

/** What a successful run ends with. */
export interface PipelineResult {
  readonly fresh: RealmLike;
  readonly report: RecoveryReport;
}

const FAILURE_CODES: Record<RecoveryStep, RecoveryErrorCode> = {
  configure: "INVALID_OPTIONS",
  attach: "INVALID_OPTIONS",
  write: "INVALID_OPTIONS",
  track: "PLUGIN_FAILED",
  detect: "CLIENT_RESET_FAILED",
  close: "CLIENT_RESET_FAILED",
  backup: "CLIENT_RESET_FAILED",
  "open-fresh": "REALM_OPEN_FAILED",
  download: "DOWNLOAD_FAILED",
  "open-backup": "BACKUP_UNREADABLE",
  recover: "PLUGIN_FAILED",
  upload: "UPLOAD_FAILED",
  "delete-backup": "BACKUP_DELETE_FAILED",
  resume: "CLIENT_RESET_FAILED",
};

/**
 * Types the backup holds objects of that the recovery does not cover because the fresh realm's
 * schema no longer has them (a model removed by an app upgrade between the reset and the resume):
 * reported as skipped, as a strategy reports a covered type missing in the fresh schema.
 */
export function droppedTypes(
  backup: RealmLike,
  fresh: RealmLike,
  objectTypes: readonly string[],
): SkippedRecord[] {
  const freshTypes = new Set(fresh.schema.map((schema) => schema.name));
  const covered = new Set(objectTypes);
  return backup.schema
    .filter((schema) => !schema.embedded && !schema.asymmetric && schema.primaryKey)
    .filter((schema) => !covered.has(schema.name) && !freshTypes.has(schema.name))
    .map((schema) => ({ type: schema.name, count: backup.objects(schema.name).length }))
    .filter(({ count }) => count > 0)
    .map(({ type, count }) => ({
      type,
      reason: `type missing in the fresh schema: ${count} object(s) in the backup not recovered`,
    }));
}

/** Wraps anything thrown at `step` in a {@link RecoveryError} carrying the step and the kept backup path. */
export function failureAt(step: RecoveryStep, cause: unknown, backupPath: string): RecoveryError {
  if (cause instanceof RecoveryError) return cause;
  return new RecoveryError(
    FAILURE_CODES[step],
    step,
    `Client-reset recovery failed at "${step}": ${describeCause(cause)}. The backup at ${backupPath} and the pending marker are kept; call resumePending() to finish.`,
    { cause, backupPath },
  );
}

interface StepContext {
  fresh: RealmLike | null;
  backup: RealmLike | null;
  report: RecoveryReport | null;
}

type StepRun = (
  context: StepContext,
  emit: (event: RecoveryEvent) => void,
) => Promise<void> | Observable<RecoveryEvent>;

/**
 * The client-reset flow of DESIGN §4 as an RxJS pipeline: each step runs after the previous one
 * completed, emits its event, and any failure becomes a {@link RecoveryError} naming the step. The
 * backup is deleted (and the pending marker cleared) only in the last step, after recovery and upload
 * succeeded. `skipUntilFresh` leaves out the close and backup steps when resuming after the reset
 * was already carried out.
 */
export function recoveryPipeline(
  input: PipelineInput,
  options: { skipUntilFresh: boolean },
): Observable<RecoveryEvent | PipelineResult> {
  const { adapter, strategy, journal, backupPath } = input;
  const context: StepContext = { fresh: input.fresh, backup: null, report: null };

  const steps: [RecoveryStep, StepRun][] = [];
  if (!options.skipUntilFresh) {
    steps.push(
      [
        "close",
        async (_c, emit) => {
          input.closeLive();
          emit({ type: "realm-closed" });
        },
      ],
      [
        "backup",
        async (_c, emit) => {
          adapter.initiateClientReset(input.originalPath);
          // From here on the live path holds the fresh realm: a resume must never reset it again.
          journal.markResetDone();
          emit({ type: "backup-created", backupPath });
        },
      ],
    );
  }
  steps.push(
    [
      "open-fresh",
      async (c, emit) => {
        if (!c.fresh || c.fresh.isClosed) c.fresh = await adapter.open(input.config);
        input.onFreshOpened(c.fresh);
        emit({ type: "fresh-opened" });
      },
    ],
    [
      "download",
      async (c, emit) => {
        const session = c.fresh!.syncSession;
        if (!session)
          throw new Error("the fresh realm has no sync session: open it with the app's sync configuration");
        await session.downloadAllServerChanges();
        emit({ type: "download-complete" });
      },
    ],
    [
      "open-backup",
      async (c, emit) => {
        if (!adapter.exists(backupPath)) throw new Error(`no backup realm exists at ${backupPath}`);
        c.backup = await adapter.open({ path: backupPath, readOnly: true });
        emit({ type: "backup-opened" });
      },
    ],
    [
      "recover",
      (c) =>
        new Observable<RecoveryEvent>((subscriber) => {
          const notes = [...droppedTypes(c.backup!, c.fresh!, input.objectTypes), ...(input.notes ?? [])];
          let inner;
          try {
            inner = strategy.recover({
              backup: c.backup!,
              fresh: c.fresh!,
              lastSyncedAt: input.lastSyncedAt,
              journal,
              clock: input.clock,
              deviceId: input.deviceId,
              objectTypes: input.objectTypes,
              signal: input.signal,
              logger: input.logger,
              ...(input.reportRecordLimit === undefined
                ? {}
                : { reportRecordLimit: input.reportRecordLimit }),
            });
          } catch (cause) {
            subscriber.error(new PluginError(strategy.name, "recover", cause, { backupPath }));
            return;
          }
          return inner.subscribe({
            next: (event) => {
              if (event.type === "recovered") {
                c.report =
                  notes.length === 0
                    ? event.report
                    : { ...event.report, skipped: [...event.report.skipped, ...notes] };
                subscriber.next({ ...event, report: c.report });
              } else subscriber.next(event);
            },
            error: (cause: unknown) =>
              subscriber.error(
                cause instanceof RecoveryError
                  ? cause
                  : new PluginError(strategy.name, "recover", cause, { backupPath }),
              ),
            complete: () =>
              c.report
                ? subscriber.complete()
                : subscriber.error(
                    new PluginError(
                      strategy.name,
                      "recover",
                      "completed without emitting a recovered event",
                      { backupPath },
                    ),
                  ),
          });
        }),
    ],
    [
      "upload",
      async (c, emit) => {
        // Take T before the upload starts: a write made while it runs is not covered by T.
        const uploadedUpTo = input.clock.now();
        await c.fresh!.syncSession!.uploadAllLocalChanges();
        journal.recordLastSynced(uploadedUpTo);
        emit({ type: "upload-complete" });
      },
    ],
    [
      "delete-backup",
      async (c, emit) => {
        c.backup?.close();
        // Clear the marker first: a crash between the two then leaves only a finished backup the
        // journal lists for deletion (the next attach or resume deletes it), never a marker
        // pointing at a deleted backup.
        journal.clearPending();
        adapter.deleteFile(backupPath);
        journal.forgetBackup(backupPath);
        emit({ type: "backup-deleted" });
      },
    ],
  );

  return new Observable<RecoveryEvent | PipelineResult>(
    (subscriber: Subscriber<RecoveryEvent | PipelineResult>) => {
      const subscription = from(steps)
        .pipe(
          concatMap(([step, run]) =>
            defer(() => {
              if (input.signal.aborted)
                throw new RecoveryError("ABORTED", step, "Recovery aborted", { backupPath });
              const events: RecoveryEvent[] = [];
              const result = run(context, (event) => events.push(event));
              if (result instanceof Observable) return result;
              return from(result.then(() => events)).pipe(concatMap((list) => from(list)));
            }).pipe(catchError((cause: unknown) => throwError(() => failureAt(step, cause, backupPath)))),
          ),
        )
        .subscribe({
          next: (event) => subscriber.next(event),
          error: (error: unknown) => {
            // Close the read-only backup so a later resume or delete can use the file.
            if (context.backup && !context.backup.isClosed) context.backup.close();
            subscriber.error(error);
          },
          complete: () => {
            subscriber.next({ fresh: context.fresh!, report: context.report! });
            subscriber.complete();
          },
        });
      return subscription;
    },
  );
}
