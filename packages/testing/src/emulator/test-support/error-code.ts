import type { EmulatorError } from "../emulator-error.js";

/**
 * The `code` of the error `fn` throws, or undefined when it throws nothing (for tests).
 *
 * @example
 * expect(errorCodeOf(() => realm.write(() => realm.create("Dog", { _id: "1", name: 5 })))).toBe("TYPE_MISMATCH");
 */
export function errorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as EmulatorError).code;
  }
  return undefined;
}
