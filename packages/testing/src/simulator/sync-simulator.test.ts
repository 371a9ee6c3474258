import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ObjectSchemaLike, RealmLike, RealmObjectLike, SyncSessionLike } from "@realm-recovery/core";
import { RealmEmulator } from "../emulator/realm-emulator.js";
import { tempDir } from "../emulator/test-support/temp-dir.js";
import { type SimulatedClientResetError } from "./client-reset-error.js";
import { SimulatedCrash, SimulatedFault } from "./fault-plan.js";
import type { SimulatedClient } from "./simulated-client.js";
import { SyncSimulator } from "./sync-simulator.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

let dir: { path: string; remove: () => void };
let sim: SyncSimulator;
const resets: { client: string; path: string }[] = [];
const errors: { client: string; error: unknown }[] = [];

function syncConfig(client: string) {
  return {
    schema: [Dog],
    sync: {
      clientReset: {
        mode: "manual",
        onManual: (_s: SyncSessionLike, path: string) => resets.push({ client, path }),
      },
    },
  };
}

async function openOn(client: SimulatedClient): Promise<RealmLike> {
  return client.adapter.open(syncConfig(client.name));
}

function write(realm: RealmLike, fn: () => void): void {
  realm.write(fn);
}

beforeEach(() => {
  dir = tempDir("sync-sim-");
  sim = new SyncSimulator({ baseDir: dir.path, startTimeMs: 1_000_000 });
  resets.length = 0;
  errors.length = 0;
});
afterEach(() => {
  for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
  dir.remove();
});

describe("SyncSimulator merge rules", () => {
  it("moves data only when asked, then brings one client's changes to another", async () => {
    const a = sim.addClient("a");
    const b = sim.addClient("b");
    const ra = await openOn(a);
    const rb = await openOn(b);
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    expect(sim.serverObjects()).toEqual({});
    await a.sync();
    expect(sim.serverObjects().Dog).toEqual([{ _id: "1", name: "Rex", age: 1 }]);
    expect(rb.objects("Dog").length).toBe(0);
    await b.sync();
    expect(rb.objectForPrimaryKey("Dog", "1")!.name).toBe("Rex");
  });

  it("lets a later set of a field win, field by field", async () => {
    const [a, b] = [sim.addClient("a"), sim.addClient("b")];
    const [ra, rb] = [await openOn(a), await openOn(b)];
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    await sim.syncAll();
    await sim.syncAll();
    write(ra, () => ((ra.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).age = 2));
    write(rb, () => ((rb.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).name = "Max"));
    write(rb, () => ((rb.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).age = 3));
    await a.sync();
    await b.sync();
    await a.sync();
    expect(sim.serverObjects().Dog).toEqual([{ _id: "1", name: "Max", age: 3 }]);
    expect(a.objects().Dog).toEqual(sim.serverObjects().Dog);
    expect(b.objects().Dog).toEqual(sim.serverObjects().Dog);
  });

  it("merges a dictionary key by key: set and remove name their keys, assigning a whole dictionary replaces every key", async () => {
    const Tagged: ObjectSchemaLike = {
      name: "Tagged",
      primaryKey: "_id",
      properties: { _id: "string", stamps: "int{}" },
    };
    const open = (client: SimulatedClient) =>
      client.adapter.open({ ...syncConfig(client.name), schema: [Dog, Tagged] });
    const [a, b] = [sim.addClient("a"), sim.addClient("b")];
    const [ra, rb] = [await open(a), await open(b)];
    const stampsOf = (realm: RealmLike) =>
      (realm.objectForPrimaryKey("Tagged", "1")!.stamps as { toJSON(): unknown }).toJSON();
    const dictionary = (realm: RealmLike) =>
      realm.objectForPrimaryKey("Tagged", "1")!.stamps as {
        set(entries: Record<string, number>): void;
        remove(key: string): void;
      };
    write(ra, () => ra.create("Tagged", { _id: "1", stamps: { name: 1, age: 1, size: 1 } }));
    await sim.syncAll();
    await sim.syncAll();
    write(ra, () => dictionary(ra).set({ age: 2 }));
    write(rb, () => dictionary(rb).set({ name: 3 }));
    write(rb, () => dictionary(rb).remove("size"));
    await a.sync();
    await b.sync();
    await a.sync();
    expect(stampsOf(ra)).toEqual({ name: 3, age: 2 });
    expect(stampsOf(rb)).toEqual({ name: 3, age: 2 });
    // Assignment is Realm's clear-then-insert: the later whole dictionary replaces the other's keys.
    write(ra, () => dictionary(ra).set({ age: 4 }));
    write(
      rb,
      () => ((rb.objectForPrimaryKey("Tagged", "1") as Record<string, unknown>).stamps = { name: 5 }),
    );
    await a.sync();
    await b.sync();
    await a.sync();
    expect(stampsOf(ra)).toEqual({ name: 5 });
    expect(sim.serverObjects().Tagged).toEqual([{ _id: "1", stamps: { name: 5 } }]);
    // Two devices creating the same object offline: the creates' dictionary keys add up.
    write(ra, () => ra.create("Tagged", { _id: "2", stamps: { name: 6 } }));
    write(rb, () => rb.create("Tagged", { _id: "2", stamps: { age: 7 } }));
    await a.sync();
    await b.sync();
    await a.sync();
    const second = (realm: RealmLike) =>
      (realm.objectForPrimaryKey("Tagged", "2")!.stamps as { toJSON(): unknown }).toJSON();
    expect(second(ra)).toEqual({ name: 6, age: 7 });
    expect(second(rb)).toEqual({ name: 6, age: 7 });
  });

  it("erases only the key of an embedded object deleted from a dictionary, keeping keys set meanwhile", async () => {
    const Pet: ObjectSchemaLike = { name: "Pet", embedded: true, properties: { name: "string" } };
    const Owner: ObjectSchemaLike = {
      name: "Owner",
      primaryKey: "_id",
      properties: { _id: "string", pets: "Pet{}" },
    };
    const open = (client: SimulatedClient) =>
      client.adapter.open({ ...syncConfig(client.name), schema: [Dog, Owner, Pet] });
    const [a, b] = [sim.addClient("a"), sim.addClient("b")];
    const [ra, rb] = [await open(a), await open(b)];
    write(ra, () => ra.create("Owner", { _id: "1", pets: { x: { name: "Rex" } } }));
    await sim.syncAll();
    await sim.syncAll();
    const pets = (realm: RealmLike) =>
      realm.objectForPrimaryKey("Owner", "1")!.pets as Record<string, RealmObjectLike | undefined> & {
        set(entries: Record<string, unknown>): void;
        toJSON(): unknown;
      };
    write(ra, () => ra.delete(pets(ra).x!));
    write(rb, () => pets(rb).set({ y: { name: "Max" } }));
    await b.sync();
    await a.sync();
    await b.sync();
    expect(pets(ra).toJSON()).toEqual({ y: { name: "Max" } });
    expect(pets(rb).toJSON()).toEqual({ y: { name: "Max" } });
  });

  it("lets a delete win over an earlier set and drops a later set on the deleted object", async () => {
    const [a, b] = [sim.addClient("a"), sim.addClient("b")];
    const [ra, rb] = [await openOn(a), await openOn(b)];
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    await sim.syncAll();
    write(rb, () => ((rb.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).name = "Max"));
    await b.sync();
    write(ra, () => ra.delete(ra.objectForPrimaryKey("Dog", "1")));
    await a.sync();
    expect(sim.serverObjects().Dog ?? []).toEqual([]);
    write(rb, () => ((rb.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).name = "Late"));
    await b.sync();
    expect(sim.serverObjects().Dog ?? []).toEqual([]);
    expect(rb.objectForPrimaryKey("Dog", "1")).toBeNull();
  });

  it("recreates a deleted key on a later create", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    await a.sync();
    write(ra, () => ra.delete(ra.objectForPrimaryKey("Dog", "1")));
    await a.sync();
    write(ra, () => ra.create("Dog", { _id: "1", name: "Again" }));
    await a.sync();
    expect(sim.serverObjects().Dog).toEqual([{ _id: "1", name: "Again", age: null }]);
  });

  it("keeps unuploaded local changes on top when downloading", async () => {
    const [a, b] = [sim.addClient("a"), sim.addClient("b")];
    const [ra, rb] = [await openOn(a), await openOn(b)];
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    await sim.syncAll();
    await sim.syncAll();
    write(rb, () => ((rb.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).name = "Max"));
    await b.sync();
    write(ra, () => ((ra.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).age = 9));
    a.download();
    expect(ra.objectForPrimaryKey("Dog", "1")!.toJSON()).toMatchObject({ name: "Max", age: 9 });
    expect(a.pendingChangesets()).toBe(1);
  });

  it("does not upload or download while a client is offline", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    a.goOffline();
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    await a.sync();
    await sim.syncAll();
    expect(sim.serverObjects()).toEqual({});
    a.goOnline();
    await sim.syncAll();
    expect(sim.serverObjects().Dog).toHaveLength(1);
  });
});

describe("clocks", () => {
  it("gives each client global time plus its own skew, and lets a clock step back", () => {
    const a = sim.addClient("a");
    const b = sim.addClient("b", { skewMs: 500 });
    expect(a.now()).toBe(1_000_000);
    expect(b.now()).toBe(1_000_500);
    sim.advanceClock(10);
    b.skewClock(-2_000);
    expect(a.now()).toBe(1_000_010);
    expect(b.now()).toBe(998_510);
    expect(() => sim.advanceClock(-1)).toThrow(RangeError);
  });
});

describe("sessions", () => {
  it("report connection changes when going offline and online", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    const seen: string[] = [];
    ra.syncSession!.addConnectionNotification((next, previous) => seen.push(`${previous}->${next}`));
    expect(ra.syncSession!.isConnected()).toBe(true);
    a.goOffline();
    expect(ra.syncSession!.connectionState).toBe("disconnected");
    a.goOnline();
    await tick();
    expect(seen).toEqual(["connected->disconnected", "disconnected->connecting", "connecting->connected"]);
  });

  it("report upload progress indefinitely, in both callback forms", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    const estimates: number[] = [];
    const pairs: [number, number][] = [];
    const session = ra.syncSession!;
    session.addProgressNotification("upload", "reportIndefinitely", (estimate: number) =>
      estimates.push(estimate),
    );
    session.addProgressNotification(
      "upload",
      "reportIndefinitely",
      (transferred: number, transferable: number) => pairs.push([transferred, transferable]),
    );
    await tick();
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    write(ra, () => ra.create("Dog", { _id: "2", name: "Max" }));
    await tick();
    await session.uploadAllLocalChanges();
    await tick();
    expect(estimates).toEqual([1, 0, 0, 1]);
    expect(pairs).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [2, 2],
    ]);
  });

  it("report work outstanding at registration until it is done, or estimate 0 once when nothing is outstanding", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    const session = ra.syncSession!;
    const idle: number[] = [];
    session.addProgressNotification("upload", "forCurrentlyOutstandingWork", (estimate: number) =>
      idle.push(estimate),
    );
    await tick();
    expect(idle).toEqual([0]);
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    const busy: [number, number][] = [];
    session.addProgressNotification("upload", "forCurrentlyOutstandingWork", (t: number, total: number) =>
      busy.push([t, total]),
    );
    await session.uploadAllLocalChanges();
    write(ra, () => ra.create("Dog", { _id: "2", name: "Max" }));
    await tick();
    expect(busy).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect((session as unknown as { listenerCount: number }).listenerCount).toBe(0);
  });

  it("upload only the changes committed before uploadAllLocalChanges was called", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    const upload = ra.syncSession!.uploadAllLocalChanges();
    write(ra, () => ra.create("Dog", { _id: "2", name: "During" }));
    await upload;
    expect(sim.serverObjects().Dog!.map((d) => d._id)).toEqual(["1"]);
    expect(a.pendingChangesets()).toBe(1);
  });

  it("wait for the connection before uploading when offline", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    a.goOffline();
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    let done = false;
    const upload = ra.syncSession!.uploadAllLocalChanges().then(() => (done = true));
    await tick();
    await tick();
    expect(done).toBe(false);
    a.goOnline();
    await upload;
    expect(sim.serverObjects().Dog).toHaveLength(1);
  });
});

describe("client reset", () => {
  async function resetScenario() {
    const [a, b] = [sim.addClient("a"), sim.addClient("b")];
    const [ra, rb] = [await openOn(a), await openOn(b)];
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    await sim.syncAll();
    await sim.syncAll();
    write(ra, () => ((ra.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).age = 2));
    write(rb, () => ((rb.objectForPrimaryKey("Dog", "1") as Record<string, unknown>).name = "Max"));
    await b.sync();
    return { a, ra };
  }

  it("drops the unuploaded changes server-side and calls onManual with the backup path", async () => {
    const { a, ra } = await resetScenario();
    sim.clientReset("a");
    await tick();
    expect(resets).toHaveLength(1);
    expect(resets[0]!.path).toMatch(/recovered-realms\/recovered_realm-\d{8}-\d{6}-\d{8}$/);
    expect(ra.syncSession!.state).toBe("invalid");
    await a.sync();
    expect(sim.serverObjects().Dog).toEqual([{ _id: "1", name: "Max", age: 1 }]);
  });

  it("refuses initiateClientReset while the realm is open, then moves the file to the backup", async () => {
    const { a, ra } = await resetScenario();
    sim.clientReset("a");
    await tick();
    expect(() => a.adapter.initiateClientReset(ra.path)).toThrow(
      /Client Reset could not be run for Realm at/,
    );
    ra.close();
    a.adapter.initiateClientReset(ra.path);
    expect(RealmEmulator.exists(ra.path)).toBe(false);
    const backup = await a.adapter.open({ path: resets[0]!.path, readOnly: true });
    expect(backup.objectForPrimaryKey("Dog", "1")!.toJSON()).toMatchObject({ name: "Rex", age: 2 });
    backup.close();
    const fresh = await openOn(a);
    await fresh.syncSession!.downloadAllServerChanges();
    expect(fresh.objectForPrimaryKey("Dog", "1")!.toJSON()).toMatchObject({ name: "Max", age: 1 });
  });

  it("refuses initiateClientReset when no reset is pending", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    ra.close();
    expect(() => a.adapter.initiateClientReset(ra.path)).toThrow(/Client Reset could not be run/);
  });

  it("delivers the reset at the next connection of an offline client", async () => {
    const { a } = await resetScenario();
    a.goOffline();
    sim.clientReset("a");
    await tick();
    expect(resets).toHaveLength(0);
    a.goOnline();
    await tick();
    expect(resets).toHaveLength(1);
  });

  it("passes a ClientResetError to onError when there is no onManual callback", async () => {
    const a = sim.addClient("a");
    const ra = await a.adapter.open({
      schema: [Dog],
      sync: {
        clientReset: { mode: "manual" },
        onError: (_s: SyncSessionLike, error: unknown) => errors.push({ client: "a", error }),
      },
    });
    sim.clientReset("a");
    await tick();
    const error = errors[0]!.error as SimulatedClientResetError;
    expect(error.name).toBe("ClientReset");
    expect(error.code).toBe(1032);
    expect(error.config).toEqual({ path: expect.stringContaining("recovered-realms"), readOnly: true });
    expect(error.userInfo.ORIGINAL_FILE_PATH).toBe(ra.path);
  });

  it("calls onFallback with code 1028 when automatic recovery fails", async () => {
    const a = sim.addClient("a");
    const fallbacks: string[] = [];
    await a.adapter.open({
      schema: [Dog],
      sync: {
        clientReset: {
          mode: "recoverUnsyncedChanges",
          onFallback: (_s: SyncSessionLike, path: string) => fallbacks.push(path),
        },
      },
    });
    sim.clientReset("a", 1028);
    await tick();
    expect(fallbacks).toHaveLength(1);
  });
});

describe("faults", () => {
  it("fail the next upload with a SimulatedFault and keep the changes pending", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    a.faults.inject("upload");
    expect(() => a.upload()).toThrow(SimulatedFault);
    expect(a.pendingChangesets()).toBe(1);
    a.upload();
    expect(sim.serverObjects().Dog).toHaveLength(1);
  });

  it("crash the client's realms at a point, keeping committed data in the file", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    write(ra, () => ra.create("Dog", { _id: "1", name: "Rex" }));
    a.faults.inject("download", "crash");
    expect(() => a.download()).toThrow(SimulatedCrash);
    expect(ra.isClosed).toBe(true);
    expect(a.objects().Dog).toEqual([{ _id: "1", name: "Rex", age: null }]);
  });
});

describe("uploads in flight", () => {
  it("hold a session upload until released, so a write can happen while it is in flight", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    a.holdUploads();
    write(ra, () => ra.create("Dog", { _id: "1", name: "First" }));
    const upload = ra.syncSession!.uploadAllLocalChanges();
    await tick();
    await tick();
    expect(a.uploadsInFlight).toBe(1);
    write(ra, () => ra.create("Dog", { _id: "2", name: "During" }));
    a.releaseUploads(1);
    await upload;
    expect(sim.serverObjects().Dog!.map((d) => d._id)).toEqual(["1"]);
    a.releaseUploads();
  });

  it("fail a held upload once a client reset invalidated the session", async () => {
    const a = sim.addClient("a");
    const ra = await openOn(a);
    a.holdUploads();
    write(ra, () => ra.create("Dog", { _id: "1", name: "First" }));
    const upload = ra.syncSession!.uploadAllLocalChanges();
    await tick();
    sim.clientReset("a");
    a.releaseUploads();
    await expect(upload).rejects.toThrow(/client reset/);
    expect(sim.serverObjects()).toEqual({});
  });
});
