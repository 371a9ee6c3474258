#!/usr/bin/env node
// `npm run demo:walkthrough`: DESIGN's Dog scenario on the sync simulator, twice: once with Realm's bare manual
// client reset (the unsynced write survives only in the backup file), once with realm-recovery
// (object strategy + listener tracker) bringing it back. `npm run demo` runs the CLI's strategy ×
// tracker comparison; this script (`npm run demo:walkthrough`) shows one run step by step.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRecovery } from "@realm-recovery/core";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { SyncSimulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";

const Dog = { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int?" } };
const tick = () => new Promise((resolve) => setImmediate(resolve));
const show = (dog) => (dog ? `{ name: ${dog.name}, age: ${dog.age} }` : "(none)");

async function withoutRecovery(dir) {
  const sim = new SyncSimulator({ baseDir: dir });
  let backupPath = null;
  const config = {
    schema: [Dog],
    sync: { clientReset: { mode: "manual", onManual: (_s, path) => (backupPath = path) } },
  };
  const a = sim.addClient("a");
  const b = sim.addClient("b");
  const ra = await a.adapter.open(config);
  const rb = await b.adapter.open(config);
  ra.write(() => ra.create("Dog", { _id: "1", name: "Rex", age: 1 }));
  await a.sync();
  await b.sync();
  rb.write(() => (rb.objectForPrimaryKey("Dog", "1").name = "Max"));
  await b.sync();
  sim.advanceClock(1);
  a.goOffline();
  ra.write(() => (ra.objectForPrimaryKey("Dog", "1").age = 2));
  sim.clientReset("a");
  a.goOnline();
  await tick();
  ra.close();
  a.adapter.initiateClientReset(ra.path);
  const fresh = await a.adapter.open(config);
  await fresh.syncSession.downloadAllServerChanges();
  console.log("Realm's manual client reset alone");
  console.log(`  server after the reset : ${show(sim.serverObjects().Dog[0])}`);
  console.log(`  a's unsynced age 2     : only in ${backupPath.slice(dir.length)}`);
  fresh.close();
  rb.close();
}

async function withRecovery(dir) {
  const sim = new SyncSimulator({ baseDir: dir });
  const devices = {};
  for (const name of ["a", "b"]) {
    const client = sim.addClient(name);
    const recovery = createRecovery({
      adapter: client.adapter,
      strategy: objectStrategy(),
      tracker: listenerTracker(),
      wallClock: client.now,
    });
    const realm = await recovery.open({ schema: recovery.schema([Dog]), sync: { flexible: true } });
    devices[name] = { client, recovery, realm, events: [] };
    recovery.events$.subscribe((event) => {
      devices[name].events.push(event.type);
      if (event.type === "failed") console.error("  recovery failed:", event.error.message);
    });
  }
  const { a, b } = devices;
  a.recovery.write(a.realm, (tx) => tx.create("Dog", { _id: "1", name: "Rex", age: 1 }));
  await a.client.sync();
  await b.client.sync();
  sim.advanceClock(1);
  b.recovery.write(b.realm, (tx) => tx.update("Dog", "1", { name: "Max" }));
  await b.client.sync();
  sim.advanceClock(1);
  a.client.goOffline();
  a.recovery.write(a.realm, (tx) => tx.update("Dog", "1", { age: 2 }));
  sim.clientReset("a");
  a.client.goOnline();
  for (let i = 0; i < 200 && !a.events.some((t) => t === "backup-deleted" || t === "failed"); i++)
    await tick();
  await sim.syncAll();
  console.log("\nWith realm-recovery (object strategy, listener tracker)");
  console.log(`  steps                  : ${a.events.filter((t) => t !== "recovery-progress").join(" → ")}`);
  console.log(`  server after the reset : ${show(sim.serverObjects().Dog[0])}`);
  console.log("  a's unsynced age 2 was written after b's rename, so a's whole object wins at object level;");
  console.log(
    "  the field strategy merges both: { name: Max, age: 2 } (compare them all with `npm run demo`).",
  );
  for (const device of Object.values(devices)) await device.recovery.detach();
  for (const client of sim.allClients()) for (const realm of client.openRealms()) realm.close();
}

const dir = mkdtempSync(join(tmpdir(), "realm-recovery-demo-"));
try {
  await withoutRecovery(join(dir, "plain"));
  await withRecovery(join(dir, "recovery"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
