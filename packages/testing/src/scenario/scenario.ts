import type { ObjectSchemaLike } from "@realm-recovery/core";
import type { FaultPoint } from "../simulator/fault-plan.js";

/**
 * One step of a scenario (DESIGN §6). `client` names the device it runs on (none for `syncAll`).
 * Beyond DESIGN's ops, `holdUploads` / `releaseUploads {count?}` keep session uploads in flight so a
 * scenario can write while an upload is under way.
 */
export type ScenarioStep =
  | {
      readonly client: string;
      readonly op: "create";
      readonly type: string;
      readonly value: Record<string, unknown>;
    }
  | {
      readonly client: string;
      readonly op: "update";
      readonly type: string;
      readonly id: unknown;
      readonly set: Record<string, unknown>;
    }
  | { readonly client: string; readonly op: "delete"; readonly type: string; readonly id: unknown }
  | { readonly client: string; readonly op: "sync" | "offline" | "online" | "clientReset" | "resume" }
  | { readonly client: string; readonly op: "advanceClock" | "skewClock"; readonly ms: number }
  | { readonly client: string; readonly op: "crash"; readonly at: FaultPoint }
  | { readonly client: string; readonly op: "holdUploads" }
  | { readonly client: string; readonly op: "releaseUploads"; readonly count?: number }
  | { readonly op: "syncAll" }
  | { readonly op: "advanceClock"; readonly ms: number };

/** A conflict policy a JSON scenario can name (resolver functions need code: see `ScenarioPlugins`). */
export type ScenarioConflictPolicy = "newer-wins" | "client-wins";

/**
 * A JSON scenario: a schema, the strategy and tracker every client uses, the clients, and the steps.
 *
 * @example
 * { "schema": [...], "strategy": "field", "tracker": "listener", "clients": ["a", "b"],
 *   "steps": [{ "client": "a", "op": "create", "type": "Dog", "value": { "_id": "1", "name": "Rex" } }] }
 */
export interface Scenario {
  /** Optional title shown by the CLI. */
  readonly name?: string;
  /** Object schemas (every top-level type needs an `_id` primary key, as on a synced realm). */
  readonly schema: ObjectSchemaLike[];
  /** Strategy name (resolved by the runner's caller). */
  readonly strategy: string;
  /** Tracker name (resolved by the runner's caller). */
  readonly tracker: string;
  /** The strategy's conflict policy; the strategy's own default when omitted. */
  readonly conflictPolicy?: ScenarioConflictPolicy;
  /** Client names; each starts online. */
  readonly clients: string[];
  /** Steps, in order. */
  readonly steps: ScenarioStep[];
}
