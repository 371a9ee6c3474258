// Compile-time proof that what `Recovery` hands to realm fits realm@12's own configuration types.
// `import type` only: realm's native binary never loads in this repository.
import type Realm from "realm";
import type { Recovery } from "./recovery.js";

declare const recovery: Recovery;

// Passing realm's enum member gives a `mode` of that enum type, which realm's config requires.
export const manual: Realm.ClientResetConfig = recovery.clientReset({
  mode: "manual" as Realm.ClientResetMode.Manual,
});
export const fallback: Realm.ClientResetConfig = recovery.clientReset({
  mode: "recoverUnsyncedChanges" as Realm.ClientResetMode.RecoverUnsyncedChanges,
});
export const onError: NonNullable<Realm.SyncConfiguration["onError"]> = recovery.onError();
