import type { DependencyContainer } from "tsyringe";
import { rootContainer } from "./tsyringe.js";

/**
 * Creates an isolated child container for one managed realm. Registrations never touch tsyringe's
 * global container, so two recoveries (or two tests) cannot see each other's plugins.
 *
 * @example
 * const scope = createRecoveryContainer();
 * registerValue(scope, LOGGER, console);
 */
export function createRecoveryContainer(parent?: DependencyContainer): DependencyContainer {
  return (parent ?? rootContainer).createChildContainer();
}
