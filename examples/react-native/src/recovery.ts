// realm-recovery wiring for the app: one recovery per synced realm. `realm` is only imported as a
// type here; the app hands its `Realm` module in (see App.tsx), as realmJsAdapter expects.
import type Realm from "realm";
import { type ObjectSchemaLike, type Recovery, createRecovery, realmJsAdapter } from "@realm-recovery/core";
import { fieldStrategy } from "@realm-recovery/strategy-field";
import { listenerTracker } from "@realm-recovery/tracker-listener";

/** The app's synced object type. Every recovered type needs a primary key. */
export const TaskSchema: ObjectSchemaLike = {
  name: "Task",
  primaryKey: "_id",
  properties: { _id: "string", title: "string", done: "bool" },
};

/**
 * Creates the app's recovery: field-level merge (concurrent edits of different fields on two devices
 * both survive) and a LastSynced kept by the listener tracker.
 *
 * @example
 * const recovery = createAppRecovery(Realm, app); // Realm from "@realm/react" (or "realm"), app from useApp()
 */
export function createAppRecovery(RealmModule: typeof Realm, app: Realm.App): Recovery {
  return createRecovery({
    adapter: realmJsAdapter(RealmModule, app),
    strategy: fieldStrategy(),
    tracker: listenerTracker({ uploadTimeoutMs: 30_000 }),
    objectTypes: ["Task"],
  });
}
