// The public door of @realm-recovery/testing: explicit named exports only.
export { EmulatorError, EmulatorErrorCode } from "./emulator/emulator-error.js";
export {
  type EmulatorConfiguration,
  type EmulatorSyncConfiguration,
  RealmEmulator,
  deleteRealmFiles,
} from "./emulator/realm-emulator.js";
export { EmulatedDictionary } from "./emulator/objects/emulated-dictionary.js";
export { EmulatedList } from "./emulator/objects/emulated-list.js";
export { EmulatedObject } from "./emulator/objects/emulated-object.js";
export { EmulatedResults } from "./emulator/objects/emulated-results.js";
export { flushNotifications } from "./emulator/objects/notifier.js";
export { type CompiledQuery, type KeyPathReader, QueryError, type QueryErrorCode, compileQuery } from "./emulator/rql/index.js";
export type { Changeset, Instruction, PortableValue } from "./emulator/store/changeset.js";
