import { type RealmAdapter, type Recovery, type WallClock, createRecovery } from "@realm-recovery/core";
import { listenerTracker } from "@realm-recovery/tracker-listener";
import { serverWinsUnlessNewer } from "./server-wins-unless-newer-strategy.js";

/**
 * The app's recovery: the example strategy (a local change must be 5 s newer than the server's to
 * win) with the listener tracker. `wallClock` is for tests; apps keep `Date.now`.
 *
 * @example
 * const recovery = createAppRecovery(realmJsAdapter(Realm, app));
 * const realm = await recovery.open({ schema: recovery.schema([DogSchema]), sync: { user, flexible: true } });
 */
export function createAppRecovery(adapter: RealmAdapter, wallClock: WallClock = Date.now): Recovery {
  return createRecovery({
    adapter,
    strategy: serverWinsUnlessNewer({ marginMs: 5_000 }),
    tracker: listenerTracker(),
    wallClock,
  });
}
