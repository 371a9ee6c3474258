import type { RealmAdapter, RealmConfigLike } from "../contracts/realm-adapter.js";
import type { RealmLike } from "../contracts/realm-like.js";

/**
 * The static parts of the `realm` module the adapter calls. `typeof Realm` (realm@12) satisfies it;
 * taking the module as an argument keeps `realm` out of core's run-time imports.
 */
export interface RealmModuleLike<App = unknown> {
  open(config: RealmConfigLike): PromiseLike<RealmLike>;
  exists(config: { path: string }): boolean;
  deleteFile(config: { path: string }): void;
  readonly App: { readonly Sync: { initiateClientReset(app: App, path: string): void } };
}

/**
 * A {@link RealmAdapter} for real Realm JS v12.
 *
 * @example
 * // `Realm` is your app's realm module, `app` its Realm.App.
 * const adapter = realmJsAdapter(Realm, app);
 */
export function realmJsAdapter<App>(Realm: RealmModuleLike<App>, app: App): RealmAdapter {
  return {
    open: async (config: RealmConfigLike) => await Realm.open(config),
    initiateClientReset: (originalPath) => Realm.App.Sync.initiateClientReset(app, originalPath),
    exists: (path) => Realm.exists({ path }),
    deleteFile: (path) => Realm.deleteFile({ path }),
  };
}
