import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  HybridLogicalClock,
  type ObjectSchemaLike,
  PluginError,
  RecoveryError,
  type Timestamp,
  type TrackingContext,
  silentLogger,
  timestampFrom,
} from "@realm-recovery/core";
import {
  RealmEmulator,
  type SimulatedClient,
  type SimulatedSyncSession,
  SyncSimulator,
  flushNotifications,
} from "@realm-recovery/testing";
import type { Subscription } from "rxjs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ProgressCallbackForm, ProgressTracker, progressTracker } from "./index.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string" },
};
const START_MS = 1_000_000;

let dir: string;
let sim: SyncSimulator;
let client: SimulatedClient;
let realm: RealmEmulator;
let session: SimulatedSyncSession;
let clock: HybridLogicalClock;
let stamps: Timestamp[];
let subscription: Subscription | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tracker-progress-"));
  sim = new SyncSimulator({ baseDir: dir, startTimeMs: START_MS });
  client = sim.addClient("a");
  const opened = await client.adapter.open({
    schema: [Dog],
    sync: { clientReset: { mode: "manual", onManual: () => undefined } },
  });
  if (!(opened instanceof RealmEmulator)) throw new Error("the simulator should open a RealmEmulator");
  realm = opened;
  session = client.session();
  clock = new HybridLogicalClock(client.now);
  stamps = [];
  subscription = undefined;
});

afterEach(() => {
  subscription?.unsubscribe();
  for (const open of client.openRealms()) open.close();
  rmSync(dir, { recursive: true, force: true });
});

const context = (): TrackingContext => ({ clock, objectTypes: ["Dog"], logger: silentLogger });

/** Subscribes and lets the report Realm delivers right after registration go by. */
async function track(tracker: ProgressTracker = new ProgressTracker()): Promise<void> {
  subscription = tracker.track(realm, session, context()).subscribe((stamp) => stamps.push(stamp));
  await flushNotifications();
}

function createDog(): void {
  const id = String(realm.objects("Dog").length + 1);
  realm.write(() => realm.create("Dog", { _id: id, name: `Dog ${id}` }));
}

/**
 * One upload batch on the simulator: at `startAfterMs` a write is reported as outstanding work (the
 * batch's first report), `uploadAfterMs` later everything is uploaded and reported complete.
 * Returns the wall-clock ms of the first report.
 */
async function batch(startAfterMs: number, uploadAfterMs = 5): Promise<number> {
  sim.advanceClock(startAfterMs);
  const firstReportMs = client.now();
  createDog();
  await flushNotifications();
  sim.advanceClock(uploadAfterMs);
  await session.uploadAllLocalChanges();
  await flushNotifications();
  return firstReportMs;
}

describe("ProgressTracker", () => {
  it("emits the first-report time of a completed batch", async () => {
    await track();
    sim.advanceClock(100);
    createDog();
    await flushNotifications();
    sim.advanceClock(20);
    createDog();
    await flushNotifications();
    sim.advanceClock(30);
    await session.uploadAllLocalChanges();
    await flushNotifications();
    expect(stamps).toEqual([timestampFrom(START_MS + 100)]);
    expect(client.pendingChangesets()).toBe(0);
  });

  it("emits nothing for a completion without an open batch", async () => {
    await track();
    await session.uploadAllLocalChanges();
    await flushNotifications();
    expect(stamps).toEqual([]);
  });

  it("emits nothing while part of a batch is still waiting to upload", async () => {
    await track();
    createDog();
    await flushNotifications();
    const upload = session.uploadAllLocalChanges();
    createDog();
    await upload;
    await flushNotifications();
    expect(client.pendingChangesets()).toBe(1);
    expect(stamps).toEqual([]);
  });

  it.each<[ProgressCallbackForm, number]>([
    ["estimate", 1],
    ["transferred", 2],
  ])("works with the %s callback form, declaring %i parameter(s)", async (callbackForm, parameters) => {
    const add = vi.spyOn(session, "addProgressNotification");
    await track(progressTracker({ callbackForm }));
    expect(add).toHaveBeenCalledWith("upload", "reportIndefinitely", expect.any(Function));
    expect(add.mock.calls[0]![2].length).toBe(parameters);

    const first = await batch(100);
    const second = await batch(50);
    expect(stamps).toEqual([timestampFrom(first), timestampFrom(second)]);
  });

  it("skips a record within debounceMs of the previous one", async () => {
    await track();
    const first = await batch(100, 0);
    const second = await batch(5, 0);
    expect(second - first).toBeLessThan(10);
    expect(stamps).toEqual([timestampFrom(first)]);
  });

  it("emits again once a batch starts later than debounceMs after the previous record", async () => {
    await track(progressTracker({ debounceMs: 20 }));
    const first = await batch(100);
    await batch(5);
    const third = await batch(16);
    expect(third - first).toBeGreaterThan(20);
    expect(stamps).toEqual([timestampFrom(first), timestampFrom(third)]);
  });

  it("records every batch when debounceMs is 0", async () => {
    await track(progressTracker({ debounceMs: 0 }));
    const first = await batch(100, 0);
    const second = await batch(0, 0);
    expect(stamps).toEqual([timestampFrom(first), timestampFrom(second, 1)]);
  });

  it("removes the progress notification on unsubscribe and emits nothing afterwards", async () => {
    const listeners = session.listenerCount;
    await track();
    expect(session.listenerCount).toBe(listeners + 1);
    createDog();
    await flushNotifications();
    subscription!.unsubscribe();
    expect(session.listenerCount).toBe(listeners);
    await session.uploadAllLocalChanges();
    await batch(100);
    expect(stamps).toEqual([]);
  });

  it("fails the stream with a PluginError naming the tracker when the clock throws", async () => {
    const errors: unknown[] = [];
    const listeners = session.listenerCount;
    const broken = {
      ...context(),
      clock: {
        now: () => {
          throw new Error("clock broke");
        },
        observe: () => undefined,
        peek: () => null,
      },
    };
    subscription = new ProgressTracker()
      .track(realm, session, broken)
      .subscribe({ next: (stamp) => stamps.push(stamp), error: (error: unknown) => errors.push(error) });
    createDog();
    await flushNotifications();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(PluginError);
    expect(errors[0]).toMatchObject({
      plugin: "progress",
      step: "track",
      message: expect.stringContaining("clock broke"),
    });
    expect(session.listenerCount).toBe(listeners);
  });

  it("rejects a negative debounceMs and an unknown callback form", () => {
    expect(() => progressTracker({ debounceMs: -1 })).toThrow(RecoveryError);
    expect(() => progressTracker({ callbackForm: "bytes" as ProgressCallbackForm })).toThrow(/callbackForm/);
  });

  it("is named progress", () => {
    expect(progressTracker().name).toBe("progress");
  });
});
