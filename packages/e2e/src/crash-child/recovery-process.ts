import { createRecovery } from "@realm-recovery/core";
import { objectStrategy } from "@realm-recovery/strategy-object";
import { SyncSimulator } from "@realm-recovery/testing";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { Dog } from "../scenario-harness.js";

/**
 * One run of the app on device "a" of a persistent simulation, in its own process (started by
 * process-kill.test.ts through run-ts.mjs).
 * - `recover <baseDir> <stateFile> <haltAfterCommits>`: goes online, so the ordered client reset
 *   arrives and recovery starts; halts (waiting to be killed) right after that many recovery commits.
 * - `resume <baseDir> <stateFile>`: resumes the pending recovery, syncs, prints the report as JSON.
 */
export async function main([mode, baseDir, stateFile, haltAfter]: string[]): Promise<void> {
  const sim = new SyncSimulator({ baseDir: baseDir!, stateFile: stateFile! });
  const a = sim.client("a");
  const recovery = createRecovery({
    adapter: a.adapter,
    strategy: objectStrategy({ batchSize: 2 }),
    tracker: listenerTracker(),
    wallClock: a.now,
  });
  if (mode === "recover") {
    a.faults.inject("commit", "halt", 1, { skip: Number(haltAfter) - 1 });
    const failed = new Promise<unknown>((resolve) =>
      recovery.events$.subscribe((event) => {
        if (event.type === "failed" || event.type === "backup-deleted") resolve(event);
      }),
    );
    await recovery.open({ schema: recovery.schema([Dog]), sync: { flexible: true } });
    a.goOnline();
    const end = await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    // Reaching this line means the halt never struck.
    console.error(`recovery was not halted: ${JSON.stringify(end)}`);
    process.exit(3);
  }
  await recovery.open({ schema: recovery.schema([Dog]), sync: { flexible: true } });
  const report = await recovery.resumePending();
  await a.sync();
  console.log(JSON.stringify({ report }));
  await recovery.detach();
}
