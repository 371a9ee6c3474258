import type { ClientResetStrategy, SyncTracker } from "@realm-recovery/core";
import { objectStrategy } from "@realm-recovery/strategy-object";
import type { SimulatedSyncSession } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { progressTracker } from "@realm-recovery/tracker-progress";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Device, Scenario } from "./scenario-harness.js";

const trackers: [string, () => SyncTracker][] = [
  ["listener", () => listenerTracker()],
  ["progress", () => progressTracker()],
];

describe.each(trackers)(
  "the seed 000 flow with the object strategy and the %s tracker",
  (_name, makeTracker) => {
    let scenario: Scenario;
    let strategy: () => ClientResetStrategy;
    let a: Device;
    let b: Device;

    /** One scenario step: global time moves 1 ms, as in the scenario runner. */
    const step = () => scenario.sim.advanceClock(1);
    const sync = async (device: Device) => {
      step();
      await device.client.sync();
      await scenario.settle();
    };
    const write = (device: Device, fn: Parameters<Device["recovery"]["write"]>[1]) => {
      step();
      device.recovery.write(device.realm, fn);
    };
    const dog = (device: Device, id = "1") => device.realm.objectForPrimaryKey("Dog", id)?.toJSON();
    const serverDog = (id = "1") => scenario.sim.serverObjects().Dog?.find((d) => d._id === id);
    const resetA = async () => {
      step();
      scenario.sim.clientReset("a");
      a.client.goOnline();
      const last = await scenario.recovered(a);
      expect(last.type).toBe("backup-deleted");
      await scenario.sim.syncAll();
      await scenario.settle();
    };

    beforeEach(async () => {
      scenario = new Scenario();
      strategy = () => objectStrategy();
      a = await scenario.device("a", strategy(), makeTracker());
      b = await scenario.device("b", strategy(), makeTracker());
      write(a, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
      await sync(a);
      await sync(b);
    });
    afterEach(() => scenario.dispose());

    it("keeps the newer remote object when another client changed it after our change (Dog 1 = Max, 1)", async () => {
      a.client.goOffline();
      write(a, (tx) => tx.update("Dog", "1", { age: 2 }));
      write(b, (tx) => tx.update("Dog", "1", { name: "Max" }));
      await sync(b);
      await resetA();
      expect(serverDog()).toMatchObject({ name: "Max", age: 1 });
      expect(dog(a)).toMatchObject({ name: "Max", age: 1 });
      expect(a.events.find((e) => e.type === "recovered")).toMatchObject({
        report: { upserted: 0, skipped: [{ reason: "remote copy is newer" }] },
      });
    });

    it("recovers our unsynced change when it is the newer one", async () => {
      write(b, (tx) => tx.update("Dog", "1", { name: "Max" }));
      await sync(b);
      a.client.goOffline();
      write(a, (tx) => tx.update("Dog", "1", { age: 2 }));
      await resetA();
      // Object level: our whole object (written before we saw Max) wins.
      expect(serverDog()).toMatchObject({ name: "Rex", age: 2 });
      expect(dog(b)).toMatchObject({ name: "Rex", age: 2 });
    });

    it("emits every step of the flow in order", async () => {
      a.client.goOffline();
      write(a, (tx) => tx.update("Dog", "1", { age: 2 }));
      await resetA();
      expect(a.events.map((e) => e.type).filter((t) => t !== "recovery-progress")).toEqual([
        "reset-detected",
        "realm-closed",
        "backup-created",
        "fresh-opened",
        "download-complete",
        "backup-opened",
        "recovered",
        "upload-complete",
        "backup-deleted",
      ]);
    });

    it("re-applies a local delete", async () => {
      a.client.goOffline();
      write(a, (tx) => tx.delete("Dog", "1"));
      await resetA();
      expect(serverDog()).toBeUndefined();
      expect(dog(b)).toBeUndefined();
    });

    it("does not infer a delete of an object we never downloaded", async () => {
      a.client.goOffline();
      write(b, (tx) => tx.create("Dog", { _id: "2", name: "Remote only" }));
      await sync(b);
      write(a, (tx) => tx.update("Dog", "1", { age: 5 }));
      await resetA();
      expect(serverDog("2")).toMatchObject({ name: "Remote only" });
      expect(serverDog("1")).toMatchObject({ age: 5 });
    });

    it("leaves no listener behind after detach", async () => {
      const realm = a.realm as unknown as { listenerCount: number; syncSession: SimulatedSyncSession };
      const session = realm.syncSession;
      await a.recovery.detach();
      expect(realm.listenerCount).toBe(0);
      expect(session.listenerCount).toBe(0);
    });
  },
);

describe("a realm that never synced", () => {
  it("recovers every local object after a reset", async () => {
    const scenario = new Scenario();
    try {
      const a = await scenario.device("a", objectStrategy(), listenerTracker());
      a.client.goOffline();
      a.recovery.write(a.realm, (tx) => {
        tx.create("Dog", { _id: "1", name: "Rex" });
        tx.create("Dog", { _id: "2", name: "Max" });
      });
      expect(a.recovery.lastSyncedAt()).toBeNull();
      scenario.sim.clientReset("a");
      a.client.goOnline();
      await scenario.recovered(a);
      expect(scenario.sim.serverObjects().Dog!.map((d) => d.name)).toEqual(["Rex", "Max"]);
    } finally {
      await scenario.dispose();
    }
  });
});

describe("a write made while an upload is in flight", () => {
  it("is recovered, because LastSynced is the time taken before that upload started", async () => {
    const scenario = new Scenario();
    try {
      const a = await scenario.device("a", objectStrategy(), listenerTracker());
      a.client.holdUploads();
      scenario.sim.advanceClock(1);
      a.recovery.write(a.realm, (tx) => tx.create("Dog", { _id: "1", name: "Before" }));
      for (let i = 0; i < 20 && a.client.uploadsInFlight === 0; i++) await scenario.settle(1);
      expect(a.client.uploadsInFlight).toBe(1);
      scenario.sim.advanceClock(1);
      a.recovery.write(a.realm, (tx) => tx.create("Dog", { _id: "2", name: "During" }));
      a.client.releaseUploads(1);
      for (let i = 0; i < 20 && a.recovery.lastSyncedAt() === null; i++) await scenario.settle(1);
      expect(scenario.sim.serverObjects().Dog!.map((d) => d._id)).toEqual(["1"]);
      const during = a.realm.objectForPrimaryKey("Dog", "2")!.lastUpdated as number;
      expect(a.recovery.lastSyncedAt()!).toBeLessThan(during);
      scenario.sim.clientReset("a");
      a.client.releaseUploads();
      await scenario.recovered(a);
      expect(scenario.sim.serverObjects().Dog!.map((d) => d.name)).toEqual(["Before", "During"]);
    } finally {
      await scenario.dispose();
    }
  });
});
