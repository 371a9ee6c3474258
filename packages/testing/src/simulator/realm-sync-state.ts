import type { RealmEmulator } from "../emulator/realm-emulator.js";
import type { Changeset } from "../emulator/store/changeset.js";
import type { RealmStore } from "../emulator/store/realm-store.js";
import type { ClientResetErrorCode } from "./client-reset-error.js";
import type { SimulatedSyncSession } from "./simulated-sync-session.js";

/**
 * What Realm keeps in a synced file's sync history, kept by the simulator per file path: the local
 * changesets not yet uploaded, the server version downloaded so far, and any client reset.
 */
export interface RealmSyncState {
  readonly path: string;
  /** Local changesets waiting for upload, oldest first. */
  readonly pending: Changeset[];
  /** Server version this file has downloaded up to (0: nothing yet, a full snapshot is due). */
  cursor: number;
  /** A reset ordered by the server whose error has not been delivered yet. */
  resetOrdered: ClientResetErrorCode | null;
  /** A reset whose error was delivered; `initiateClientReset` may now move the file here. */
  resetDelivered: { readonly code: ClientResetErrorCode; readonly backupPath: string } | null;
  /** The session every instance of this file shares. */
  readonly session: SimulatedSyncSession;
  /** Open instances on this file. */
  readonly instances: Set<RealmEmulator>;
  /** Stores already observed for local commits. */
  readonly observed: WeakSet<RealmStore>;
}
