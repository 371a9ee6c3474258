// @ts-check
import { nextSteps, normalizePluginOptions, templatesNextTo, writePluginPackage } from "../plugin-package.js";

/** @type {import("../plugin-package.js").PluginKind} */
const STRATEGY = {
  kind: "strategy",
  contract: "ClientResetStrategy",
  keyword: "strategy",
  describe: (name) => `ClientResetStrategy for realm-recovery: the ${name} strategy.`,
};

/**
 * `nx g @realm-recovery/tools:strategy <name>`: creates `packages/strategy-<name>`
 * (`@realm-recovery/strategy-<name>`), a `ClientResetStrategy` that already works (one stamp per
 * object, the newer object wins) with TODOs where your own rule goes, its tests (the strategy
 * contract and `StrategyFixture` cases) and a README.
 *
 * @example
 * npx nx g @realm-recovery/tools:strategy server-wins --description="The server always wins."
 *
 * @param {import("@nx/devkit").Tree} tree
 * @param {import("../plugin-package.js").PluginGeneratorSchema} options
 * @returns {Promise<() => void>}
 */
export async function strategyGenerator(tree, options) {
  const pkg = normalizePluginOptions(tree, options, STRATEGY);
  await writePluginPackage(tree, pkg, STRATEGY, templatesNextTo(import.meta.url));
  return nextSteps(pkg, STRATEGY);
}
