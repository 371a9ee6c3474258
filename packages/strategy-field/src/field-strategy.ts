import {
  type CanonicalObjectSchemaLike,
  type ClientResetStrategy,
  LinkRetries,
  type ObjectSchemaLike,
  type RealmLike,
  type RealmObjectLike,
  type RecoveryContext,
  RecoveryError,
  RecoveryTally,
  type StrategyEvent,
  type Timestamp,
  applyTombstones,
  inBatches,
  plainCopy,
  schemaMap,
} from "@realm-recovery/core";
import { Observable } from "rxjs";
import { FieldRecorder } from "./field-recorder.js";
import { fieldStampsOf, newestFieldStamp } from "./field-stamps.js";

/** Options of the {@link FieldStrategy}. */
export interface FieldStrategyOptions {
  /** Name of the `int{}` dictionary property holding one stamp per field. @default "fieldStamps" */
  stampsProperty?: string;
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
  private readonly batchSize: number;

  constructor(options: FieldStrategyOptions = {}) {
    this.stampsProperty = options.stampsProperty ?? "fieldStamps";
    this.batchSize = options.batchSize ?? 1000;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.stampsProperty)) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `fieldStrategy: "${this.stampsProperty}" is not a valid property name`,
      );
    }
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RecoveryError(
        "INVALID_OPTIONS",
        "configure",
        `fieldStrategy: batchSize must be a positive integer, got ${this.batchSize}`,
      );
    }
    this.recorder = new FieldRecorder(this.stampsProperty);
  }

  schema(objectSchema: ObjectSchemaLike): ObjectSchemaLike {
    if (objectSchema.properties[this.stampsProperty]) return objectSchema;
    return { ...objectSchema, properties: { ...objectSchema.properties, [this.stampsProperty]: "int{}" } };
  }

  recover(context: RecoveryContext): Observable<StrategyEvent> {
    return new Observable<StrategyEvent>((subscriber) => {
      const tally = new RecoveryTally(this.name);
      const backupSchemas = schemaMap(context.backup);
      const freshSchemas = schemaMap(context.fresh);
      const linkRetries = new LinkRetries();
      for (const type of context.objectTypes) {
        if (context.signal.aborted) break;
        const backupSchema = backupSchemas.get(type);
        if (!backupSchema) continue;
        const candidates = this.candidates(context, type, backupSchema);
        if (!freshSchemas.has(type)) {
          if (candidates.length > 0) {
            tally.skip({
              type,
              reason: `type missing in the fresh schema: ${candidates.length} object(s) not recovered`,
            });
          }
          continue;
        }
        let done = 0;
        for (const batch of inBatches(candidates, this.batchSize)) {
          context.fresh.write(() => {
            for (const candidate of batch)
              this.merge(context.fresh, freshSchemas, type, backupSchema, candidate, tally, linkRetries);
          });
          done += batch.length;
          subscriber.next({ type: "recovery-progress", objectType: type, done, total: candidates.length });
        }
        applyTombstones(
          context,
          type,
          tally,
          (fresh, deletedAt) => (newestFieldStamp(fresh, this.stampsProperty) ?? -1) > deletedAt,
        );
      }
      linkRetries.resolve(context.fresh, freshSchemas, tally);
      subscriber.next({ type: "recovered", report: tally.report() });
      subscriber.complete();
    });
  }

  /** Backup objects with at least one field stamped after LastSynced (every field when never synced). */
  private candidates(
    context: RecoveryContext,
    type: string,
    backupSchema: CanonicalObjectSchemaLike,
  ): FieldCandidate[] {
    const since = context.lastSyncedAt;
    const fieldNames = Object.keys(backupSchema.properties).filter(
      (p) => p !== backupSchema.primaryKey && p !== this.stampsProperty,
    );
    const out: FieldCandidate[] = [];
    for (const object of context.backup.objects(type)) {
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

  private merge(
    fresh: RealmLike,
    freshSchemas: ReadonlyMap<string, CanonicalObjectSchemaLike>,
    type: string,
    backupSchema: CanonicalObjectSchemaLike,
    { object, fields }: FieldCandidate,
    tally: RecoveryTally,
    linkRetries: LinkRetries,
  ): void {
    const primaryKeyName = backupSchema.primaryKey!;
    const primaryKey = object[primaryKeyName];
    const current = fresh.objectForPrimaryKey(type, primaryKey);
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
      : Object.keys(backupSchema.properties).filter((p) => p !== this.stampsProperty);
    const { values, skipped, unresolvedLinks } = plainCopy(object, type, fresh, freshSchemas, properties);
    fresh.create(
      type,
      { ...values, [primaryKeyName]: primaryKey, [this.stampsProperty]: stamps },
      "modified",
    );
    tally.upserted++;
    tally.fieldsWritten += Object.keys(values).filter((p) => p !== primaryKeyName).length;
    for (const record of skipped) tally.skip(record);
    linkRetries.add(
      type,
      object,
      unresolvedLinks.map((record) => record.property!),
    );
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
