import type { DependencyContainer } from "tsyringe";
import type { Token } from "../di/token.js";
import { instanceCachingFactory } from "../di/tsyringe.js";
import { RecoveryError } from "../errors/recovery-error.js";

/**
 * How a strategy or tracker is given to `createRecovery`: an instance, a class with a no-argument
 * constructor, or a tsyringe-style registration.
 *
 * @example
 * createRecovery({ adapter, strategy: objectStrategy(), tracker: ListenerTracker });
 * createRecovery({ adapter, strategy: { useFactory: () => new MyStrategy(opts) }, tracker });
 */
export type PluginSpec<T> =
  | T
  | (new () => T)
  | { readonly useValue: T }
  | { readonly useClass: new () => T }
  | { readonly useFactory: (container: DependencyContainer) => T };

/** Registers a {@link PluginSpec} under `key` in `container`. */
export function registerPlugin<T extends object>(
  container: DependencyContainer,
  key: Token<T>,
  spec: PluginSpec<T>,
  role: string,
): void {
  if (typeof spec === "function") {
    const Plugin = spec as new () => T;
    container.register<T>(key, { useFactory: instanceCachingFactory(() => new Plugin()) });
  } else if (spec && typeof spec === "object" && "useValue" in spec) {
    container.register<T>(key, { useValue: spec.useValue });
  } else if (spec && typeof spec === "object" && "useClass" in spec) {
    const Plugin = spec.useClass;
    container.register<T>(key, { useFactory: instanceCachingFactory(() => new Plugin()) });
  } else if (spec && typeof spec === "object" && "useFactory" in spec) {
    container.register<T>(key, { useFactory: instanceCachingFactory(spec.useFactory) });
  } else if (spec && typeof spec === "object") {
    container.register<T>(key, { useValue: spec as T });
  } else {
    throw new RecoveryError(
      "INVALID_OPTIONS",
      "configure",
      `createRecovery: "${role}" must be an instance, a class or a registration`,
    );
  }
}

/** Checks that a resolved plugin has a name and the methods of its interface. */
export function assertPlugin(plugin: unknown, role: string, methods: readonly string[]): void {
  const candidate = plugin as Record<string, unknown> | null;
  const missing = methods.filter((method) => typeof candidate?.[method] !== "function");
  if (!candidate || typeof candidate.name !== "string" || candidate.name === "" || missing.length > 0) {
    throw new RecoveryError(
      "INVALID_OPTIONS",
      "configure",
      `createRecovery: the ${role} must have a non-empty "name"${missing.length ? ` and methods ${missing.join(", ")}` : ""}`,
    );
  }
}
