import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  HybridLogicalClock,
  type ObjectSchemaLike,
  type SyncTracker,
  type Timestamp,
  silentLogger,
} from "@realm-recovery/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RealmEmulator } from "../emulator/realm-emulator.js";
import type { SimulatedClient } from "../simulator/simulated-client.js";
import type { SimulatedSyncSession } from "../simulator/simulated-sync-session.js";
import { SyncSimulator } from "../simulator/sync-simulator.js";

const Dog: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string" },
};
const turns = async (n = 10) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * The rules every `SyncTracker` must keep, as a Vitest suite: a name, a cold stream (nothing is
 * registered before subscribing), LastSynced values that never go back, and an unsubscribe that
 * removes every listener it added and ends all emissions.
 *
 * @example
 * runTrackerContract("my-tracker", () => new MyTracker());
 */
export function runTrackerContract(label: string, create: () => SyncTracker): void {
  describe(`${label} keeps the SyncTracker contract`, () => {
    let dir: string;
    let client: SimulatedClient;
    let realm: RealmEmulator;
    let session: SimulatedSyncSession;
    let tracker: SyncTracker;
    const context = () => ({
      clock: new HybridLogicalClock(client.now),
      objectTypes: ["Dog"],
      logger: silentLogger,
    });

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), "tracker-contract-"));
      const sim = new SyncSimulator({ baseDir: dir });
      client = sim.addClient("a");
      realm = (await client.adapter.open({
        schema: [Dog],
        sync: { clientReset: { mode: "manual", onManual: () => undefined } },
      })) as RealmEmulator;
      session = realm.syncSession as SimulatedSyncSession;
      tracker = create();
    });
    afterEach(() => {
      realm.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("has a non-empty name", () => {
      expect(tracker.name.length).toBeGreaterThan(0);
    });

    it("registers nothing until subscribed", () => {
      const before = [realm.listenerCount, session.listenerCount];
      tracker.track(realm, session, context());
      expect([realm.listenerCount, session.listenerCount]).toEqual(before);
    });

    it("never moves LastSynced back, and stops emitting and removes its listeners on unsubscribe", async () => {
      const before = [realm.listenerCount, session.listenerCount];
      const seen: Timestamp[] = [];
      const subscription = tracker.track(realm, session, context()).subscribe((stamp) => seen.push(stamp));
      for (let i = 0; i < 3; i++) {
        realm.write(() => realm.create("Dog", { _id: String(i), name: "d" }));
        await turns();
        client.upload();
        await turns();
      }
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      subscription.unsubscribe();
      expect([realm.listenerCount, session.listenerCount]).toEqual(before);
      const count = seen.length;
      realm.write(() => realm.create("Dog", { _id: "late", name: "d" }));
      client.upload();
      await turns();
      expect(seen).toHaveLength(count);
    });
  });
}
