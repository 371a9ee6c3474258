import {
  type ClientResetStrategy,
  type Recovery,
  type RecoveryEvent,
  type RecoveryPlan,
  type RecoveryReport,
  type SyncTracker,
  createRecovery,
} from "@realm-recovery/core";
import type { SimulatedClient } from "../simulator/simulated-client.js";
import type { PlainObjects } from "../simulator/plain-objects.js";
import { SyncSimulator } from "../simulator/sync-simulator.js";
import { dryRunStrategy } from "./dry-run-strategy.js";
import type { Scenario, ScenarioConflictPolicy, ScenarioStep } from "./scenario.js";
import { ScenarioError } from "./scenario-error.js";

/** What a scenario asks of the strategy it runs. */
export interface ScenarioStrategyOptions {
  /** The scenario's `conflictPolicy`, when it names one. */
  readonly conflictPolicy?: ScenarioConflictPolicy;
}

/** Builds the strategy and tracker each client uses (one fresh instance per client). */
export interface ScenarioPlugins {
  readonly strategy: (options: ScenarioStrategyOptions) => ClientResetStrategy;
  readonly tracker: () => SyncTracker;
}

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Directory for the clients' files (must be empty or absent). */
  readonly baseDir: string;
  /** Global time at start. @default Date.UTC(2026, 0, 1) */
  readonly startTimeMs?: number;
  /** Called before each step runs (progress displays). */
  readonly onStep?: (index: number, step: ScenarioStep) => void;
  /** Preview each recovery instead of running it (see `dryRunStrategy`): plans land in `plans`. */
  readonly dryRun?: boolean;
}

/** A write a step made, kept so outcomes can be scored against the rules. */
export interface ScenarioWrite {
  readonly step: number;
  readonly client: string;
  /** Global time of the step. */
  readonly time: number;
  readonly type: string;
  readonly id: unknown;
  /** Properties set, or null for a delete. */
  readonly set: Readonly<Record<string, unknown>> | null;
  /** Whether the write was not uploaded when its client was reset. */
  atRisk: boolean;
}

/** An event as `simulate --json` prints it: the client it happened on, errors as plain data. */
export type ScenarioEvent = { readonly client: string; readonly type: RecoveryEvent["type"] } & Record<
  string,
  unknown
>;

/** The outcome of a scenario run. */
export interface ScenarioResult {
  /** The server's objects by type, sorted by primary key (stamp properties included). */
  readonly server: PlainObjects;
  /** Each client's objects. */
  readonly clients: Record<string, PlainObjects>;
  /** Every recovery report, in the order recoveries finished. */
  readonly reports: (RecoveryReport & { readonly client: string })[];
  /** Every recovery event of every client, in order. */
  readonly events: ScenarioEvent[];
  /** Every write the steps made. */
  readonly writes: ScenarioWrite[];
  /** With `dryRun`: each recovery's plan, in order. */
  readonly plans: (RecoveryPlan & { readonly client: string })[];
}

interface Device {
  readonly client: SimulatedClient;
  recovery: Recovery;
}

/** An event as plain data, with file paths made relative to the run's directory so output is stable. */
function plainEvent(client: string, event: RecoveryEvent, baseDir: string): ScenarioEvent {
  const relative = (text: string) => text.split(baseDir).join(".");
  switch (event.type) {
    case "failed":
      return {
        client,
        type: event.type,
        step: event.step,
        error: { code: event.error.code, message: relative(event.error.message) },
      };
    case "reset-detected":
      return { client, type: event.type, originalPath: relative(event.originalPath) };
    case "backup-created":
      return { client, type: event.type, backupPath: relative(event.backupPath) };
    default:
      return { client, ...event };
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs a scenario on a fresh {@link SyncSimulator}: one device per client, each using realm-recovery
 * with the given plugins. Global time moves 1 ms per step (`advanceClock` moves it further); data
 * moves only when a step or the library asks; a `clientReset` runs the whole recovery before the
 * next step starts. Deterministic: the same scenario gives the same result.
 *
 * @example
 * const result = await runScenario(parseScenario(json), { strategy: () => objectStrategy(), tracker: () => listenerTracker() }, { baseDir });
 * result.server.Dog; // [{ _id: "1", name: "Max", age: 1, lastUpdated: ... }]
 */
export async function runScenario(
  scenario: Scenario,
  plugins: ScenarioPlugins,
  options: RunScenarioOptions,
): Promise<ScenarioResult> {
  const sim = new SyncSimulator({
    baseDir: options.baseDir,
    ...(options.startTimeMs !== undefined ? { startTimeMs: options.startTimeMs } : {}),
  });
  const events: ScenarioEvent[] = [];
  const reports: (RecoveryReport & { client: string })[] = [];
  const writes: ScenarioWrite[] = [];
  const plans: (RecoveryPlan & { client: string })[] = [];
  const devices = new Map<string, Device>();

  const startRecovery = async (client: SimulatedClient): Promise<Recovery> => {
    const strategy = plugins.strategy(
      scenario.conflictPolicy === undefined ? {} : { conflictPolicy: scenario.conflictPolicy },
    );
    const recovery = createRecovery({
      adapter: client.adapter,
      strategy: options.dryRun
        ? dryRunStrategy(strategy, (plan) => plans.push({ client: client.name, ...plan }))
        : strategy,
      tracker: plugins.tracker(),
      wallClock: client.now,
    });
    recovery.events$.subscribe((event) => {
      events.push(plainEvent(client.name, event, sim.baseDir));
      if (event.type === "recovered") reports.push({ client: client.name, ...event.report });
    });
    await recovery.open({ schema: recovery.schema(scenario.schema), sync: { flexible: true } });
    return recovery;
  };

  const quiesce = async () => {
    // Let notifications, tracker uploads and any running recovery finish before the next step.
    for (let turn = 0; turn < 2000; turn++) {
      await settle();
      const busy = [...devices.values()].some(
        (d) => d.client.isOnline && d.recovery.state.status === "recovering",
      );
      if (!busy && turn >= 8) return;
    }
  };

  try {
    for (const name of scenario.clients) {
      const client = sim.addClient(name);
      devices.set(name, { client, recovery: await startRecovery(client) });
    }
    await quiesce();
    for (const [index, step] of scenario.steps.entries()) {
      options.onStep?.(index, step);
      sim.advanceClock(step.op === "advanceClock" ? step.ms : 1);
      try {
        await runStep(step, index);
      } catch (cause) {
        if (cause instanceof ScenarioError) throw cause;
        const where = `steps[${index}]`;
        throw new ScenarioError(
          `${where} (${step.op}${"client" in step ? ` on ${step.client}` : ""}) failed: ${(cause as Error).message ?? String(cause)}`,
          where,
        );
      }
      await quiesce();
    }
    const clients: Record<string, PlainObjects> = {};
    for (const [name, device] of devices) clients[name] = device.client.objects();
    return { server: sim.serverObjects(), clients, reports, events, writes, plans };
  } finally {
    for (const device of devices.values()) await device.recovery.detach();
    for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
  }

  async function runStep(step: ScenarioStep, index: number): Promise<void> {
    if (step.op === "syncAll") return sim.syncAll();
    if (!("client" in step)) return; // a global advanceClock: time already moved
    const device = devices.get(step.client)!;
    const { client, recovery } = device;
    const record = (type: string, id: unknown, set: Record<string, unknown> | null) =>
      writes.push({ step: index, client: client.name, time: sim.timeMs, type, id, set, atRisk: false });
    switch (step.op) {
      case "create": {
        const realm = currentRealm(recovery, step.client);
        recovery.write(realm, (tx) => tx.create(step.type, step.value));
        const pk = scenario.schema.find((s) => s.name === step.type)?.primaryKey;
        return void record(step.type, pk ? step.value[pk] : undefined, step.value);
      }
      case "update":
        recovery.write(currentRealm(recovery, step.client), (tx) => tx.update(step.type, step.id, step.set));
        return void record(step.type, step.id, step.set);
      case "delete":
        recovery.write(currentRealm(recovery, step.client), (tx) => tx.delete(step.type, step.id));
        return void record(step.type, step.id, null);
      case "sync":
        return client.sync();
      case "offline":
        return client.goOffline();
      case "online":
        return client.goOnline();
      case "advanceClock":
        return;
      case "skewClock":
        return client.skewClock(step.ms);
      case "clientReset": {
        // The writes not uploaded now exist only locally: one pending changeset per write step.
        const pending = client.pendingChangesets();
        const mine = writes.filter((w) => w.client === client.name && !w.atRisk);
        for (const write of mine.slice(Math.max(0, mine.length - pending))) write.atRisk = true;
        return client.orderClientReset();
      }
      case "crash":
        return client.faults.inject(step.at, "crash");
      case "holdUploads":
        return client.holdUploads();
      case "releaseUploads":
        return client.releaseUploads(step.count);
      case "resume": {
        // A new process: a new recovery over the same files, which finishes the pending recovery.
        await recovery.detach();
        for (const realm of client.openRealms()) realm.close();
        device.recovery = await startRecovery(client);
        await device.recovery.resumePending().catch(() => undefined);
        return;
      }
    }
  }
}

function currentRealm(recovery: Recovery, client: string) {
  const realm = recovery.realm;
  if (!realm || realm.isClosed)
    throw new Error(`client "${client}" has no open realm (is a recovery still pending?)`);
  return realm;
}
