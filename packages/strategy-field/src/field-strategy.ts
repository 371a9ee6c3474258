import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RealmObjectLike,
  type RecoveryContext,
  type RecoveryScope,
  type StrategyEvent,
  type Timestamp,
  assertBatchSize,
  assertPropertyName,
  batchedRecovery,
  copyIntoFresh,
  withStampProperty,
} from "@realm-recovery/core";
import type { Observable } from "rxjs";
import { FieldRecorder } from "./field-recorder.js";
import { fieldStampsOf, newestFieldStamp } from "./field-stamps.js";

/** Options of the {@link FieldStrategy}. */
export interface FieldStrategyOptions {
  /** Name of the `int{}` dictionary property holding one stamp per field. @default "fieldStamps" */
  stampsProperty?: string;
  /** Name of the `int?` property holding the newest field stamp (finds changed objects fast). @default "lastUpdated" */
  newestProperty?: string;
  /** Objects written per fresh-realm write transaction. @default 1000 */
  batchSize?: number;
}

interface FieldCandidate {
  readonly object: RealmObjectLike;
  /** Fields to copy and the backup's stamp of each (null: unstamped, only for never-synced realms). */
  readonly fields: Map<string, Timestamp | null>;
}

/**
 * Field-level recovery: every tracked write stamps exactly the fields it changed. After a client
 * reset, each field stamped after LastSynced is copied alone, and only where it is newer than the
 * fresh realm's stamp of that field, so concurrent edits of different fields on two devices both
 * survive, and a newer remote value of the same field is never clobbered. Lists, dictionaries, links
 * and embedded objects count as one field each. Objects created locally are created whole; local
 * deletes are re-applied from tombstones unless a field was written remotely after the delete.
 *
 * @example
 * const recovery = createRecovery({ adapter, strategy: fieldStrategy(), tracker: listenerTracker() });
 */
export class FieldStrategy implements ClientResetStrategy {
  readonly name = "field";
  readonly recorder: FieldRecorder;
  private readonly stampsProperty: string;
  private readonly newestProperty: string;
  private readonly batchSize: number;

  constructor(options: FieldStrategyOptions = {}) {
    this.stampsProperty = options.stampsProperty ?? "fieldStamps";
    this.batchSize = options.batchSize ?? 1000;
    this.newestProperty = options.newestProperty ?? "lastUpdated";
    assertPropertyName("fieldStrategy", this.stampsProperty);
    assertPropertyName("fieldStrategy", this.newestProperty);
    assertBatchSize("fieldStrategy", this.batchSize);
    this.recorder = new FieldRecorder(this.stampsProperty, this.newestProperty);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    return withStampProperty(
      withStampProperty(objectSchema, this.stampsProperty, "int{}"),
      this.newestProperty,
      "int?",
    );
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return batchedRecovery<FieldCandidate>(context, {
      strategy: this.name,
      batchSize: this.batchSize,
      candidates: (scope) => this.candidates(scope),
      apply: (candidate, scope) => this.merge(candidate, scope),
      writtenAfter: (fresh, deletedAt) => (newestFieldStamp(fresh, this.stampsProperty) ?? -1) > deletedAt,
    });
  }

  /** Backup objects with at least one field stamped after LastSynced (every field when never synced). */
  private candidates({ context, type, backupSchema }: RecoveryScope): FieldCandidate[] {
    const since = context.lastSyncedAt;
    const fieldNames = Object.keys(backupSchema.properties).filter(
      (p) => p !== backupSchema.primaryKey && p !== this.stampsProperty && p !== this.newestProperty,
    );
    const out: FieldCandidate[] = [];
    // Only objects whose newest stamp is after LastSynced (or that have none recorded) can hold an
    // unsynced field: a query finds them without reading every object's dictionary.
    const all = context.backup.objects(type);
    const changedObjects =
      since !== null && backupSchema.properties[this.newestProperty]
        ? all.filtered(`${this.newestProperty} > $0 || ${this.newestProperty} == null`, since)
        : all;
    for (const object of changedObjects) {
      const stamps = fieldStampsOf(object, this.stampsProperty);
      const fields = new Map<string, Timestamp | null>();
      for (const field of fieldNames) {
        const stamp = stamps[field] ?? null;
        if (since === null || (stamp !== null && stamp > since)) fields.set(field, stamp);
      }
      if (fields.size > 0) out.push({ object, fields });
    }
    return out;
  }

  private merge({ object, fields }: FieldCandidate, scope: RecoveryScope): void {
    const { context, type, backupSchema, tally } = scope;
    const primaryKey = object[backupSchema.primaryKey!];
    const current = context.fresh.objectForPrimaryKey(type, primaryKey);
    const stamps = fieldStampsOf(current ?? object, this.stampsProperty);
    const toCopy: string[] = [];
    for (const [field, stamp] of fields) {
      const remote = stamps[field];
      // A newer remote write of the same field wins; so does any remote stamp over an unstamped local value.
      if (current && remote !== undefined && (stamp === null || remote > stamp)) {
        tally.skip({ type, primaryKey, property: field, reason: "remote field is newer" });
        continue;
      }
      toCopy.push(field);
      if (stamp !== null) stamps[field] = stamp;
    }
    if (toCopy.length === 0) return;
    // A locally created object (absent from the fresh realm) is created whole.
    const properties = current
      ? toCopy
      : Object.keys(backupSchema.properties).filter(
          (p) => p !== this.stampsProperty && p !== this.newestProperty,
        );
    const newest = Math.max(-1, ...Object.values(stamps));
    copyIntoFresh(object, scope, {
      properties,
      extra: { [this.stampsProperty]: stamps, ...(newest >= 0 ? { [this.newestProperty]: newest } : {}) },
    });
  }
}

/**
 * Creates a {@link FieldStrategy}.
 *
 * @example
 * fieldStrategy({ stampsProperty: "stamps" });
 */
export function fieldStrategy(options: FieldStrategyOptions = {}): FieldStrategy {
  return new FieldStrategy(options);
}
