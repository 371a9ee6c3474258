import { join } from "node:path";
import type { ObjectSchemaLike, SyncSessionLike } from "@realm-recovery/core";
import { ObjectId } from "bson";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../emulator/test-support/temp-dir.js";
import { decodeState, encodeState } from "./state-codec.js";
import { SyncSimulator } from "./sync-simulator.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};

let dir: { path: string; remove: () => void };
beforeEach(() => {
  dir = tempDir("persistent-sim-");
});
afterEach(() => dir.remove());

describe("a persistent simulator", () => {
  it("continues in a new instance from its state file: time, server, pending changesets and an ordered reset", async () => {
    const stateFile = join(dir.path, "sim.json");
    const first = new SyncSimulator({ baseDir: dir.path, stateFile });
    const a = first.addClient("a", { skewMs: 5 });
    const realm = await a.adapter.open({ schema: [Dog], sync: { flexible: true } });
    realm.write(() => realm.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    a.upload();
    realm.write(() => realm.create("Dog", { _id: "2", name: "Max" }));
    first.advanceClock(1000);
    a.goOffline();
    a.orderClientReset();
    realm.close();

    const second = new SyncSimulator({ baseDir: dir.path, stateFile });
    expect(second.timeMs).toBe(first.timeMs);
    expect(second.serverObjects()).toEqual(first.serverObjects());
    const again = second.client("a");
    expect(again.now()).toBe(a.now());
    expect(again.isOnline).toBe(false);
    const resets: string[] = [];
    const reopened = await again.adapter.open({
      schema: [Dog],
      sync: {
        clientReset: { mode: "manual", onManual: (_s: SyncSessionLike, path: string) => resets.push(path) },
      },
    });
    again.goOnline();
    await new Promise((resolve) => setImmediate(resolve));
    expect(resets).toHaveLength(1);
    reopened.close();
  });

  it("keeps BSON values, dates and non-finite numbers through its JSON codec", () => {
    const value = {
      id: new ObjectId("65f0a0a0a0a0a0a0a0a0a0a0"),
      at: new Date(5),
      nan: Number.NaN,
      big: 10n,
      nested: [{ $link: { type: "Dog", primaryKey: "1" } }],
    };
    expect(decodeState(JSON.parse(JSON.stringify(encodeState(value))))).toEqual(value);
  });
});
