// tsyringe needs the Reflect metadata API before it loads; importing it here, the one place core
// reaches tsyringe at run time, makes that hold for every entry point (ESM, CJS, React Native).
import "reflect-metadata";
import { container as rootContainer, type DependencyContainer } from "tsyringe";

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
