import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  HybridLogicalClock,
  type Logger,
  type ObjectSchemaLike,
  PluginError,
  RecoveryError,
  type Timestamp,
  type TrackingContext,
  silentLogger,
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
import { ListenerTracker, listenerTracker } from "./index.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string" },
};
const Cat: ObjectSchemaLike = {
  name: "Cat",
  primaryKey: "_id",
  properties: { _id: "string", name: "string" },
};

let dir: string;
let sim: SyncSimulator;
let client: SimulatedClient;
let realm: RealmEmulator;
let session: SimulatedSyncSession;
let clock: HybridLogicalClock;
let stamps: Timestamp[];
let subscription: Subscription | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tracker-listener-"));
  sim = new SyncSimulator({ baseDir: dir, startTimeMs: 1_000_000 });
  client = sim.addClient("a");
  const opened = await client.adapter.open({
    schema: [Dog, Cat],
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
  client.releaseUploads();
  for (const open of client.openRealms()) open.close();
  rmSync(dir, { recursive: true, force: true });
});

function context(overrides: Partial<TrackingContext> = {}): TrackingContext {
  return { clock, objectTypes: ["Dog", "Cat"], logger: silentLogger, ...overrides };
}

function track(tracker = new ListenerTracker(), overrides: Partial<TrackingContext> = {}): void {
  subscription = tracker.track(realm, session, context(overrides)).subscribe((stamp) => stamps.push(stamp));
}

function createDog(id: string): Timestamp {
  // A stamp taken just before the commit, as `recovery.write` stamps a tracked write.
  const stamp = clock.now();
  realm.write(() => realm.create("Dog", { _id: id, name: `Dog ${id}` }));
  return stamp;
}

/** Lets notifications and uploads run until `condition` holds (fails the test if it never does). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 50; turn++) {
    if (condition()) return;
    await flushNotifications();
  }
  throw new Error(`Timed out waiting until ${what}`);
}

/** Lets every queued notification and upload run. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await flushNotifications();
}

function serverDogIds(): unknown[] {
  return (sim.serverObjects().Dog ?? []).map((dog) => dog._id);
}

/** Subscribes and waits for the round the initial notifications start, so later rounds are the test's own. */
async function trackFromIdle(tracker?: ListenerTracker): Promise<void> {
  track(tracker);
  await until(() => stamps.length === 1, "the initial round is recorded");
  await settle();
  stamps.length = 0;
}

describe("ListenerTracker", () => {
  it("records LastSynced after a local write is uploaded", async () => {
    await trackFromIdle();
    const writtenAt = createDog("1");
    await until(() => stamps.length === 1, "a LastSynced time is emitted");
    expect(serverDogIds()).toEqual(["1"]);
    expect(client.pendingChangesets()).toBe(0);
    expect(stamps[0]).toBeGreaterThanOrEqual(writtenAt);
  });

  it("uploads and records writes made before it was subscribed", async () => {
    const writtenAt = createDog("1");
    track();
    await until(() => stamps.length === 1, "a LastSynced time is emitted");
    expect(serverDogIds()).toEqual(["1"]);
    expect(stamps[0]).toBeGreaterThanOrEqual(writtenAt);
  });

  it("takes T before the upload starts, so a write made while the upload is in flight stays unsynced", async () => {
    await trackFromIdle();
    client.holdUploads();
    createDog("1");
    await until(() => client.uploadsInFlight === 1, "the listener's upload is in flight");

    const duringUploadAt = createDog("2");
    client.releaseUploads(1);
    await until(() => stamps.length === 1, "the first round is recorded");
    expect(stamps[0]).toBeLessThan(duringUploadAt);
    expect(serverDogIds()).toEqual(["1"]);
    expect(client.pendingChangesets()).toBe(1);

    await until(() => client.uploadsInFlight === 1, "the next round's upload is in flight");
    client.releaseUploads();
    await until(() => stamps.length === 2, "the next round is recorded");
    expect(stamps[1]).toBeGreaterThan(duringUploadAt);
    expect(serverDogIds()).toEqual(["1", "2"]);
    expect(client.pendingChangesets()).toBe(0);
  });

  it("runs exactly one more round for every change made while an upload is in flight", async () => {
    await trackFromIdle();
    const upload = vi.spyOn(session, "uploadAllLocalChanges");
    client.holdUploads();
    createDog("1");
    await until(() => client.uploadsInFlight === 1, "the listener's upload is in flight");
    createDog("2");
    await flushNotifications();
    createDog("3");
    realm.write(() => realm.create("Cat", { _id: "c", name: "Tom" }));
    await settle();
    expect(upload).toHaveBeenCalledTimes(1);

    client.releaseUploads();
    await until(() => stamps.length === 2, "both rounds are recorded");
    await settle();
    expect(upload).toHaveBeenCalledTimes(2);
    expect(stamps).toHaveLength(2);
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
    expect(client.pendingChangesets()).toBe(0);
  });

  it("does nothing while offline and catches up after going online", async () => {
    await trackFromIdle();
    const upload = vi.spyOn(session, "uploadAllLocalChanges");
    client.goOffline();
    const writtenAt = createDog("1");
    await settle();
    expect(upload).not.toHaveBeenCalled();
    expect(stamps).toEqual([]);
    expect(sim.serverObjects()).toEqual({});

    client.goOnline();
    await until(() => stamps.length === 1, "the offline change is recorded");
    expect(serverDogIds()).toEqual(["1"]);
    expect(stamps[0]).toBeGreaterThan(writtenAt);
  });

  it("logs a failed upload, keeps tracking and retries at the next change", async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
    const errors: unknown[] = [];
    subscription = new ListenerTracker()
      .track(realm, session, context({ logger }))
      .subscribe({ next: (stamp) => stamps.push(stamp), error: (error: unknown) => errors.push(error) });
    await until(() => stamps.length === 1, "the initial round is recorded");
    stamps.length = 0;

    client.faults.inject("upload");
    createDog("1");
    await until(() => warnings.length === 1, "the failed upload is logged");
    await settle();
    expect(stamps).toEqual([]);
    expect(warnings[0]).toMatch(/upload/);

    createDog("2");
    await until(() => stamps.length === 1, "the retry is recorded");
    expect(serverDogIds()).toEqual(["1", "2"]);
    expect(errors).toEqual([]);
  });

  it("passes uploadTimeoutMs to every upload", async () => {
    const upload = vi.spyOn(session, "uploadAllLocalChanges");
    track(listenerTracker({ uploadTimeoutMs: 5_000 }));
    await until(() => stamps.length === 1, "the initial round is recorded");
    expect(upload).toHaveBeenCalledWith(5_000);
  });

  it("removes every listener it added on unsubscribe and emits nothing afterwards", async () => {
    const realmListeners = realm.listenerCount;
    const sessionListeners = session.listenerCount;
    await trackFromIdle();
    expect(realm.listenerCount).toBe(realmListeners + 2);
    expect(session.listenerCount).toBe(sessionListeners + 1);

    client.holdUploads();
    createDog("1");
    await until(() => client.uploadsInFlight === 1, "the listener's upload is in flight");
    subscription!.unsubscribe();
    expect(realm.listenerCount).toBe(realmListeners);
    expect(session.listenerCount).toBe(sessionListeners);

    client.releaseUploads();
    createDog("2");
    client.goOffline();
    client.goOnline();
    await settle();
    expect(serverDogIds()).toEqual(["1"]);
    expect(stamps).toEqual([]);
  });

  it("fails the stream with a PluginError naming the tracker when a type cannot be watched", () => {
    const errors: unknown[] = [];
    const realmListeners = realm.listenerCount;
    const sessionListeners = session.listenerCount;
    new ListenerTracker()
      .track(realm, session, context({ objectTypes: ["Dog", "Nope"] }))
      .subscribe({ error: (error: unknown) => errors.push(error) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(PluginError);
    expect(errors[0]).toMatchObject({ plugin: "listener", step: "track", code: "PLUGIN_FAILED" });
    expect(realm.listenerCount).toBe(realmListeners);
    expect(session.listenerCount).toBe(sessionListeners);
  });

  it("rejects an uploadTimeoutMs that is not a positive number", () => {
    expect(() => listenerTracker({ uploadTimeoutMs: 0 })).toThrow(RecoveryError);
    expect(() => listenerTracker({ uploadTimeoutMs: Number.NaN })).toThrow(/uploadTimeoutMs/);
  });

  it("is named listener", () => {
    expect(listenerTracker().name).toBe("listener");
  });
});
