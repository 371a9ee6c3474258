import type { RealmAdapter, RealmConfigLike, RealmLike } from "@realm-recovery/core";
import { isAbsolute, resolve } from "node:path";
import { EmulatorError } from "../emulator/emulator-error.js";
import { type EmulatorConfiguration, RealmEmulator } from "../emulator/realm-emulator.js";

/**
 * A `RealmAdapter` over the emulator, for local (unsynced) realms: opens `RealmEmulator`s under
 * `baseDir`. No client reset is ever pending without a sync server, so `initiateClientReset`
 * throws exactly as Realm does then. `SyncSimulator` clients have an adapter that adds sync.
 *
 * @example
 * const adapter = new EmulatorAdapter({ baseDir: "/tmp/app" });
 * const realm = await adapter.open({ path: "local.realm", schema: [DogSchema] });
 */
export class EmulatorAdapter implements RealmAdapter {
  /** Directory that relative and default paths resolve against. */
  readonly baseDir: string;

  constructor(options: { baseDir?: string } = {}) {
    this.baseDir = resolve(options.baseDir ?? process.cwd());
  }

  async open(config: RealmConfigLike): Promise<RealmLike> {
    return new RealmEmulator({
      ...(config as EmulatorConfiguration),
      path: this.resolvePath(config.path, config.sync !== undefined),
    });
  }

  initiateClientReset(originalPath: string): void {
    throw notPossible(this.resolvePath(originalPath, true));
  }

  exists(path: string): boolean {
    return RealmEmulator.exists(this.resolvePath(path, false));
  }

  deleteFile(path: string): void {
    RealmEmulator.deleteFile(this.resolvePath(path, false));
  }

  /** The absolute path of a configured path (the default path depends on whether the realm syncs). */
  resolvePath(path: string | undefined, synced: boolean): string {
    if (!path)
      return resolve(
        this.baseDir,
        synced ? "mongodb-realm/app/user/flx_sync_default.realm" : "default.realm",
      );
    return isAbsolute(path) ? path : resolve(this.baseDir, path);
  }
}

/** Realm's error when `initiateClientReset` cannot run (no reset pending, or the realm is open). */
export function notPossible(path: string): EmulatorError {
  return new EmulatorError(
    "CLIENT_RESET_NOT_POSSIBLE",
    `Realm was not configured correctly. Client Reset could not be run for Realm at: ${path}`,
  );
}
