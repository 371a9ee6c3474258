import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ObjectSchemaLike, type RecoveryEvent, timestampWallMs } from "@realm-recovery/core";
import { SyncSimulator } from "@realm-recovery/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppRecovery } from "./create-app-recovery.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};

let dir: string;
let sim: SyncSimulator;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "create-app-recovery-"));
  sim = new SyncSimulator({ baseDir: dir, startTimeMs: 1_000_000 });
});
afterEach(() => {
  for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
  rmSync(dir, { recursive: true, force: true });
});

const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("createAppRecovery", () => {
  it("opens the realm with the strategy's stamp, stamps writes and recovers an unsynced create after a reset", async () => {
    const client = sim.addClient("a");
    const recovery = createAppRecovery(client.adapter, client.now);
    const events: RecoveryEvent["type"][] = [];
    recovery.events$.subscribe((event) => events.push(event.type));
    const realm = await recovery.open({ schema: recovery.schema([Dog]), sync: { flexible: true } });
    expect(realm.schema.find((s) => s.name === "Dog")!.properties).toHaveProperty("lastUpdated");

    client.goOffline();
    recovery.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
    const stamp = realm.objectForPrimaryKey("Dog", "1")!.lastUpdated as number;
    expect(timestampWallMs(stamp)).toBe(client.now());

    sim.clientReset("a");
    client.goOnline();
    for (let i = 0; i < 50 && !events.includes("backup-deleted"); i++) await turns();
    expect(events).toContain("backup-deleted");
    await sim.syncAll();
    expect(sim.serverObjects().Dog).toMatchObject([{ _id: "1", name: "Rex", age: 1 }]);
    await recovery.detach();
  });
});
