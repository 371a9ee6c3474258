import type { RealmStore } from "../store/realm-store.js";
import type { Row } from "../store/row.js";

/** The hidden key under which a managed emulator object keeps its row and store. */
export const MANAGED = Symbol("realm-emulator.managed");

/** What a managed object points at. */
export interface ManagedHandle {
  readonly store: RealmStore;
  readonly row: Row;
  /** Whether the realm instance this object was read through is closed. */
  readonly isClosed: () => boolean;
}

/** The handle of a managed emulator object, or undefined for anything else. */
export function handleOf(value: unknown): ManagedHandle | undefined {
  return typeof value === "object" && value !== null
    ? (value as { [MANAGED]?: ManagedHandle })[MANAGED]
    : undefined;
}
