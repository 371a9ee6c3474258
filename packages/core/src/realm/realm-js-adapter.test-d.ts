// Compile-time proof that the real realm@12 module fits `realmJsAdapter` (never run here).
import type Realm from "realm";
import { realmJsAdapter } from "./realm-js-adapter.js";

declare const RealmModule: typeof Realm;
declare const app: Realm.App;

export const adapter = realmJsAdapter(RealmModule, app);
