import { type EmulatorConfiguration, RealmEmulator } from "../emulator/realm-emulator.js";
import type { FaultPoint } from "./fault-plan.js";

/** Strikes the fault planned at a point, if any (a simulated client's `strike`). */
export type Strike = (point: FaultPoint) => void;

/**
 * A synced realm opened through a simulated client: a `RealmEmulator` whose write transactions
 * pass the client's `write` fault point (inside the transaction, after its changes, before commit:
 * the transaction rolls back) and `commit` fault point (right after the commit). Recovery writes the
 * fresh realm in batches of one transaction each, so these points fault a recovery mid-batch or
 * between batches.
 */
export class SimulatedRealm extends RealmEmulator {
  constructor(
    config: EmulatorConfiguration,
    private readonly strike: Strike,
  ) {
    super(config);
  }

  override write<T>(callback: () => T): T {
    return super.write(() => {
      const result = callback();
      this.strike("write");
      return result;
    });
  }

  override commitTransaction(): void {
    super.commitTransaction();
    this.strike("commit");
  }
}
