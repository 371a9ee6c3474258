import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RecoveryContext,
  type RecoveryPlan,
  type StrategyEvent,
  RecoveryError,
} from "@realm-recovery/core";
import { Observable } from "rxjs";

/**
 * Wraps a strategy so a scenario's recoveries only preview: `recover` computes the plan with the
 * strategy's `preview`, hands it to `onPlan`, writes nothing and reports nothing recovered. For
 * `simulate --dry-run` only: in an app this would let the backup be deleted unrecovered.
 *
 * @example
 * const plans: RecoveryPlan[] = [];
 * const strategy = dryRunStrategy(fieldStrategy(), (plan) => plans.push(plan));
 */
export function dryRunStrategy(
  inner: ClientResetStrategy,
  onPlan: (plan: RecoveryPlan) => void,
): ClientResetStrategy {
  return {
    name: inner.name,
    recorder: inner.recorder,
    schema: (objectSchema: ObjectSchemaLike) => inner.schema(objectSchema),
    recover: (context: RecoveryContext) =>
      new Observable<StrategyEvent>((subscriber) => {
        if (typeof inner.preview !== "function") {
          subscriber.error(
            new RecoveryError("PREVIEW_UNSUPPORTED", "recover", `Strategy "${inner.name}" cannot preview`),
          );
          return;
        }
        const plan = inner.preview(context);
        onPlan(plan);
        subscriber.next({
          type: "recovered",
          report: {
            strategy: inner.name,
            upserted: 0,
            fieldsWritten: 0,
            deleted: 0,
            skipped: [],
            records: [],
            recordCount: 0,
            counts: { create: 0, update: 0, delete: 0, skip: 0 },
            durationMs: 0,
          },
        });
        subscriber.complete();
      }),
  };
}
