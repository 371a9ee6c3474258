import type { DependencyContainer } from "tsyringe";

/**
 * A DI token that remembers the type registered under it. Built with `Symbol.for`, so two copies
 * of core loaded side by side (CJS + ESM, or a bundler duplicating it) still agree on every token.
 */
export type Token<T> = symbol & { readonly __tokenType?: T };

/**
 * Creates a typed {@link Token} under the shared `@realm-recovery/` namespace.
 *
 * @example
 * const MY_TOKEN = token<MyService>("MyService");
 */
export function token<T>(name: string): Token<T> {
  return Symbol.for(`@realm-recovery/${name}`) as Token<T>;
}

/** Registers `value` under `key` in `container` (a child container, never the global one). */
export function registerValue<T>(container: DependencyContainer, key: Token<T>, value: T): void {
  container.register<T>(key, { useValue: value });
}

/** Resolves the value registered under `key`, typed. */
export function resolveToken<T>(container: DependencyContainer, key: Token<T>): T {
  return container.resolve<T>(key);
}
