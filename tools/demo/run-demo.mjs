#!/usr/bin/env node
// `npm run demo`: runs DESIGN's Dog scenario on the sync simulator and shows what a client reset
// does to unsynced writes when nothing recovers them. The recovering engine and the
// `realm-recovery demo` comparison table replace this once the engine and CLI land.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SyncSimulator } from "@realm-recovery/testing";

const Dog = { name: "Dog", primaryKey: "_id", properties: { _id: "string", name: "string", age: "int?" } };
const dir = mkdtempSync(join(tmpdir(), "realm-recovery-demo-"));
const tick = () => new Promise((resolve) => setImmediate(resolve));

try {
  const sim = new SyncSimulator({ baseDir: dir });
  let backupPath = null;
  const config = {
    schema: [Dog],
    sync: { clientReset: { mode: "manual", onManual: (_session, path) => (backupPath = path) } },
  };
  const a = sim.addClient("a");
  const b = sim.addClient("b");
  const ra = await a.adapter.open(config);
  const rb = await b.adapter.open(config);

  ra.write(() => ra.create("Dog", { _id: "1", name: "Rex", age: 1 }));
  await a.sync();
  await b.sync();
  a.goOffline();
  ra.write(() => (ra.objectForPrimaryKey("Dog", "1").age = 2));
  rb.write(() => (rb.objectForPrimaryKey("Dog", "1").name = "Max"));
  await b.sync();
  console.log("a (offline) has", ra.objectForPrimaryKey("Dog", "1").toJSON(), "  unsynced: age 2");
  console.log("b (synced)  has", rb.objectForPrimaryKey("Dog", "1").toJSON(), "  synced:   name Max");

  sim.clientReset("a");
  a.goOnline();
  await tick();
  console.log(`\nThe server forces a client reset on a; Realm hands over the backup path:\n  ${backupPath}`);

  // Manual mode without recovery: close, move to backup, open fresh, download.
  ra.close();
  a.adapter.initiateClientReset(ra.path);
  const fresh = await a.adapter.open(config);
  await fresh.syncSession.downloadAllServerChanges();
  const backup = await a.adapter.open({ path: backupPath, readOnly: true });
  console.log("\nfresh realm of a:", fresh.objectForPrimaryKey("Dog", "1").toJSON());
  console.log("backup of a     :", backup.objectForPrimaryKey("Dog", "1").toJSON());
  console.log("server          :", sim.serverObjects().Dog[0]);
  console.log("\nWithout recovery, a's unsynced write (age 2) survives only in the backup file.");
  console.log("realm-recovery's engine and strategies copy it back: coming soon (see the open issues).");
  backup.close();
  fresh.close();
  rb.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
