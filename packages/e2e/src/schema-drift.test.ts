import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ClientResetStrategy,
  type ObjectSchemaLike,
  type RecoveryEvent,
  createRecovery,
} from "@realm-recovery/core";
import { changelogStrategy } from "@realm-recovery/strategy-changelog";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { overwriteStrategy } from "@realm-recovery/strategy-overwrite";
import { RealmEmulator, SyncSimulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// Schema drift between the backup and the fresh realm: the app was upgraded between the reset and
// the resume, and its new schema dropped a property (Dog.age) and a whole model (Toy). Recovery
// copies what still fits, reports the rest as skipped, and never crashes.

const DogV1: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string", age: "int?" },
};
const Toy: ObjectSchemaLike = {
  name: "Toy",
  primaryKey: "_id",
  properties: { _id: "string", label: "string" },
};
const DogV2: ObjectSchemaLike = {
  name: "Dog",
  primaryKey: "_id",
  properties: { _id: "string", name: "string" },
};

const STRATEGIES: [string, () => ClientResetStrategy][] = [
  ["object", () => objectStrategy()],
  ["field", () => fieldStrategy()],
  ["overwrite", () => overwriteStrategy()],
  ["changelog", () => changelogStrategy()],
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "e2e-drift-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe.each(STRATEGIES)(
  "the %s strategy, resumed by an app whose schema dropped a property and a model",
  (_n, make) => {
    it("recovers what fits and reports the dropped property and model as skipped", async () => {
      const sim = new SyncSimulator({ baseDir: dir });
      const a = sim.addClient("a");
      const v1 = createRecovery({
        adapter: a.adapter,
        strategy: make(),
        tracker: listenerTracker(),
        wallClock: a.now,
      });
      const events: RecoveryEvent[] = [];
      v1.events$.subscribe((event) => events.push(event));
      const realm = await v1.open({ schema: v1.schema([DogV1, Toy]), sync: { flexible: true } });
      sim.advanceClock(1);
      v1.write(realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
      await a.sync();
      await settle();
      a.goOffline();
      sim.advanceClock(1);
      v1.write(realm, (tx) => {
        tx.update("Dog", "1", { name: "Rexy", age: 5 });
        tx.create("Dog", { _id: "2", name: "Max", age: 7 });
        tx.create("Toy", { _id: "t1", label: "ball" });
      });
      // The fresh realm cannot be opened: the reset is done, the backup kept.
      a.faults.inject("open", "fail");
      sim.clientReset("a");
      a.goOnline();
      for (let i = 0; i < 200 && !events.some((e) => e.type === "failed"); i++) await settle();
      expect(events.at(-1)).toMatchObject({ type: "failed", step: "open-fresh" });
      await v1.detach();
      for (const open of a.openRealms()) open.close();

      // The upgraded app: Dog without age, no Toy.
      const v2 = createRecovery({
        adapter: a.adapter,
        strategy: make(),
        tracker: listenerTracker(),
        wallClock: a.now,
      });
      const fresh = await v2.open({ schema: v2.schema([DogV2]), sync: { flexible: true } });
      const report = await v2.resumePending();
      await expect(v2.resumePending()).rejects.toMatchObject({ code: "NO_PENDING_RECOVERY" });
      expect(report.skipped).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: "Toy",
            reason: expect.stringContaining("type missing in the fresh schema"),
          }),
        ]),
      );
      expect(fresh.objectForPrimaryKey("Dog", "1")!.name).toBe("Rexy");
      expect(fresh.objectForPrimaryKey("Dog", "2")!.name).toBe("Max");
      const created = events.find((e) => e.type === "backup-created");
      expect(created?.type === "backup-created" && RealmEmulator.exists(created.backupPath)).toBe(false);
      await v2.detach();
      for (const open of a.openRealms()) open.close();
    });
  },
);
