// @ts-check
import { nextSteps, normalizePluginOptions, templatesNextTo, writePluginPackage } from "../plugin-package.js";

/** @type {import("../plugin-package.js").PluginKind} */
const TRACKER = {
  kind: "tracker",
  contract: "SyncTracker",
  keyword: "tracker",
  describe: (name) => `SyncTracker for realm-recovery: the ${name} tracker.`,
};

/**
 * `nx g @realm-recovery/tools:tracker <name>`: creates `packages/tracker-<name>`
 * (`@realm-recovery/tracker-<name>`), a `SyncTracker` that already works (uploads after every
 * change of a tracked type, one round at a time, and emits the time taken before each upload) with
 * TODOs where your own trigger goes, its tests (the tracker contract and `SyncSimulator` cases) and
 * a README.
 *
 * @example
 * npx nx g @realm-recovery/tools:tracker on-demand --description="Uploads when the app asks."
 *
 * @param {import("@nx/devkit").Tree} tree
 * @param {import("../plugin-package.js").PluginGeneratorSchema} options
 * @returns {Promise<() => void>}
 */
export async function trackerGenerator(tree, options) {
  const pkg = normalizePluginOptions(tree, options, TRACKER);
  await writePluginPackage(tree, pkg, TRACKER, templatesNextTo(import.meta.url));
  return nextSteps(pkg, TRACKER);
}
