import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ObjectSchemaLike, RealmLike } from "@realm-recovery/core";
import { tempDir } from "../emulator/test-support/temp-dir.js";
import { SimulatedCrash, SimulatedFault } from "./fault-plan.js";
import type { SimulatedClient } from "./simulated-client.js";
import { SyncSimulator } from "./sync-simulator.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};

let dir: { path: string; remove: () => void };
let sim: SyncSimulator;

beforeEach(() => {
  dir = tempDir("fault-points-");
  sim = new SyncSimulator({ baseDir: dir.path });
});
afterEach(() => {
  for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
  dir.remove();
});

async function openOn(client: SimulatedClient): Promise<RealmLike> {
  return client.adapter.open({ schema: [Dog], sync: { flexible: true } });
}

function createDog(realm: RealmLike, id: string): void {
  realm.write(() => realm.create("Dog", { _id: id, name: `dog ${id}` }));
}

const ids = (client: SimulatedClient) => (client.objects().Dog ?? []).map((dog) => dog._id);

describe("the write fault point", () => {
  it("fails inside the transaction after letting `skip` transactions pass, and rolls it back", async () => {
    const a = sim.addClient("a");
    const realm = await openOn(a);
    a.faults.inject("write", "fail", 1, { skip: 1 });
    createDog(realm, "1");
    expect(() => createDog(realm, "2")).toThrow(SimulatedFault);
    expect(realm.isInTransaction).toBe(false);
    expect(realm.objectForPrimaryKey("Dog", "2")).toBeNull();
    expect(a.pendingChangesets()).toBe(1);
    createDog(realm, "3");
    expect(ids(a)).toEqual(["1", "3"]);
  });

  it("crashes inside the transaction: the realm is dropped and the file has only what was committed", async () => {
    const a = sim.addClient("a");
    const realm = await openOn(a);
    createDog(realm, "1");
    a.faults.inject("write", "crash");
    expect(() => createDog(realm, "2")).toThrow(SimulatedCrash);
    expect(realm.isClosed).toBe(true);
    expect(ids(a)).toEqual(["1"]);
  });
});

describe("the commit fault point", () => {
  it("strikes right after the commit: the write is in the file and queued for upload", async () => {
    const a = sim.addClient("a");
    const realm = await openOn(a);
    a.faults.inject("commit", "crash");
    expect(() => createDog(realm, "1")).toThrow(SimulatedCrash);
    expect(realm.isClosed).toBe(true);
    expect(ids(a)).toEqual(["1"]);
    expect(a.pendingChangesets()).toBe(1);
  });

  it("does not strike on local (unsynced) realms", async () => {
    const a = sim.addClient("a");
    const local = await a.adapter.open({ path: "local.realm", schema: [Dog] });
    a.faults.inject("commit", "fail");
    createDog(local, "1");
    expect(local.objects("Dog")).toHaveLength(1);
    local.close();
  });
});

describe("the download-partial fault point", () => {
  it("leaves part of a download committed; the next download brings everything", async () => {
    const b = sim.addClient("b");
    const rb = await openOn(b);
    for (const id of ["1", "2", "3", "4"]) createDog(rb, id);
    b.upload();
    const a = sim.addClient("a");
    await openOn(a);
    a.faults.inject("download-partial", "fail");
    expect(() => a.download()).toThrow(SimulatedFault);
    expect(ids(a)).toEqual(["1", "2"]);
    a.download();
    expect(ids(a)).toEqual(["1", "2", "3", "4"]);
  });
});
