import type { Recovery } from "@realm-recovery/core";
import { createContext, useContext } from "react";

/** The app's recovery, for components that write (writes go through `recovery.write` to be stamped). */
export const RecoveryContext = createContext<Recovery | null>(null);

/**
 * The recovery of the nearest `RecoveredRealmProvider`.
 *
 * @example
 * const recovery = useRecovery();
 * recovery.write(realm, (tx) => tx.update("Task", id, { done: true }));
 */
export function useRecovery(): Recovery {
  const recovery = useContext(RecoveryContext);
  if (!recovery) throw new Error("useRecovery() needs a RecoveredRealmProvider above it");
  return recovery;
}
