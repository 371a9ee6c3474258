// @ts-check
// Plain JavaScript checked by tsc (allowJs + checkJs): Nx loads generator factories with require()
// (which loads this ES module on Node >= 20.19), and on Node 20 it cannot load TypeScript without
// swc-node or ts-node, so `nx g` works without a build step.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatFiles, generateFiles, joinPathFragments, names, offsetFromRoot, writeJson } from "@nx/devkit";

/**
 * Options of the `strategy` and `tracker` generators (see each generator's schema.json).
 *
 * @typedef {object} PluginGeneratorSchema
 * @property {string} name Kebab-case plugin name, e.g. `server-wins`.
 * @property {string} [directory] Workspace folder the package goes into. Default: `packages`.
 * @property {string} [description] One-line package description.
 */

/**
 * What a plugin package is: its kind, the interface it implements and its default description.
 *
 * @typedef {object} PluginKind
 * @property {"strategy" | "tracker"} kind Package folder and name prefix.
 * @property {string} contract The core interface the plugin implements.
 * @property {string} keyword The npm keyword of the kind.
 * @property {(name: string) => string} describe Default description for a plugin named `name`.
 */

/**
 * Everything the templates use, computed once from the options.
 *
 * @typedef {object} PluginPackage
 * @property {string} name The plugin name (kebab-case), also its `readonly name`.
 * @property {string} className PascalCase name: `ServerWins` for `server-wins`.
 * @property {string} propertyName camelCase name: `serverWins` for `server-wins`.
 * @property {string} fileName kebab-case file name stem.
 * @property {string} packageName npm name, `@realm-recovery/<kind>-<name>`.
 * @property {string} projectRoot Workspace-relative folder of the package.
 * @property {string} folder The package's folder name (also its Vitest project name).
 * @property {string} offset Relative path from the package back to the workspace root.
 * @property {string} description One-line description.
 */

const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const require = createRequire(import.meta.url);

/**
 * Checks the options and computes the package's names and paths; throws on an invalid name, a
 * folder outside the npm workspaces, or an existing package.
 *
 * @param {import("@nx/devkit").Tree} tree
 * @param {PluginGeneratorSchema} options
 * @param {PluginKind} kind
 * @returns {PluginPackage}
 */
export function normalizePluginOptions(tree, options, kind) {
  const name = String(options.name ?? "").trim();
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `${kind.kind} generator: name must be kebab-case (lower-case letters, digits and dashes, e.g. "server-wins"), got "${name}"`,
    );
  }
  const directory = (options.directory ?? "packages").replace(/^\.?\/+|\/+$/g, "");
  const workspaces = rootWorkspaces(tree);
  if (workspaces !== null && !workspaces.includes(`${directory}/*`)) {
    throw new Error(
      `${kind.kind} generator: "${directory}" is not an npm workspace folder of this repository (root package.json workspaces: ${workspaces.join(", ")})`,
    );
  }
  const folder = `${kind.kind}-${name}`;
  const projectRoot = joinPathFragments(directory, folder);
  if (tree.exists(projectRoot)) {
    throw new Error(`${kind.kind} generator: ${projectRoot} already exists`);
  }
  const { className, propertyName, fileName } = names(name);
  return {
    name,
    className,
    propertyName,
    fileName,
    packageName: `@realm-recovery/${folder}`,
    projectRoot,
    folder,
    offset: offsetFromRoot(projectRoot).replace(/\/$/, ""),
    // The description also goes into a TSDoc comment, which "*/" would end.
    description: (options.description?.trim() || kind.describe(name)).replaceAll("*/", "* /"),
  };
}

/**
 * Writes a plugin package the way every package of this repository is laid out: the manifest (ESM +
 * CJS exports map with the `@realm-recovery/source` condition, core as a peer dependency), the
 * three tsconfigs, and the `files/` templates next to the calling generator (`srcFolder`).
 *
 * @param {import("@nx/devkit").Tree} tree
 * @param {PluginPackage} pkg
 * @param {PluginKind} kind
 * @param {string} srcFolder Absolute path of the generator's `files/` folder.
 * @returns {Promise<void>}
 */
export async function writePluginPackage(tree, pkg, kind, srcFolder) {
  const { projectRoot, offset } = pkg;
  writeJson(tree, join(projectRoot, "package.json"), manifest(pkg, kind));
  writeJson(tree, join(projectRoot, "tsconfig.json"), {
    extends: `${offset}/tsconfig.base.json`,
    compilerOptions: { noEmit: true },
    include: ["src/**/*.ts"],
  });
  writeJson(tree, join(projectRoot, "tsconfig.build.json"), { extends: `${offset}/tsconfig.build.esm.json` });
  writeJson(tree, join(projectRoot, "tsconfig.build.cjs.json"), {
    extends: `${offset}/tsconfig.build.cjs.json`,
  });
  generateFiles(tree, srcFolder, projectRoot, { ...pkg, tmpl: "" });
  await formatFiles(tree);
}

/**
 * The folder of the `files/` templates next to a generator module.
 *
 * @param {string} moduleUrl The generator's `import.meta.url`.
 * @returns {string}
 */
export function templatesNextTo(moduleUrl) {
  return join(dirname(fileURLToPath(moduleUrl)), "files");
}

/**
 * The message printed after generating: the package must be linked before other packages use it.
 *
 * @param {PluginPackage} pkg
 * @param {PluginKind} kind
 * @returns {() => void}
 */
export function nextSteps(pkg, kind) {
  return () => {
    console.log(
      [
        `Created ${pkg.packageName} in ${pkg.projectRoot}.`,
        "Next: npm install (links the new workspace package), then",
        `  npx nx run-many -t build typecheck test -p ${pkg.packageName}`,
        `and replace the TODOs in ${pkg.projectRoot}/src with your own ${kind.kind === "strategy" ? "rule" : "trigger"}.`,
      ].join("\n"),
    );
  };
}

/**
 * @param {PluginPackage} pkg
 * @param {PluginKind} kind
 */
function manifest(pkg, kind) {
  const core = installedManifest("@realm-recovery/core");
  const testing = installedManifest("@realm-recovery/testing");
  return {
    name: pkg.packageName,
    version: "0.1.0",
    description: pkg.description,
    keywords: ["realm", "realm-js", "client-reset", "recovery", "offline-first", kind.keyword],
    license: "MIT",
    repository: {
      type: "git",
      url: "git+https://github.com/realm-recovery/realm-recovery.git",
      directory: pkg.projectRoot,
    },
    type: "module",
    main: "./dist/cjs/index.js",
    module: "./dist/esm/index.js",
    types: "./dist/cjs/index.d.ts",
    exports: {
      ".": {
        "@realm-recovery/source": "./src/index.ts",
        "react-native": "./dist/esm/index.js",
        import: { types: "./dist/esm/index.d.ts", default: "./dist/esm/index.js" },
        require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" },
      },
      "./package.json": "./package.json",
    },
    files: ["dist", "src", "!src/**/*.test.ts", "!src/**/*.test-d.ts"],
    sideEffects: false,
    scripts: {
      build: `node ${pkg.offset}/tools/scripts/build-package.mjs`,
      typecheck: "tsc -p tsconfig.json",
      test: `vitest run --config ${pkg.offset}/vitest.config.ts --project ${pkg.folder}`,
    },
    dependencies: { rxjs: core.dependencies?.rxjs ?? "^7.8.2" },
    peerDependencies: { "@realm-recovery/core": `^${core.version}` },
    devDependencies: {
      "@realm-recovery/core": `^${core.version}`,
      "@realm-recovery/testing": `^${testing.version}`,
    },
    publishConfig: { access: "public" },
  };
}

/**
 * The manifest of a realm-recovery package as installed next to these tools.
 *
 * @param {string} packageName
 * @returns {{ version: string, dependencies?: Record<string, string> }}
 */
function installedManifest(packageName) {
  return require(`${packageName}/package.json`);
}

/**
 * The root package.json's workspace globs, or null when it declares none.
 *
 * @param {import("@nx/devkit").Tree} tree
 * @returns {string[] | null}
 */
function rootWorkspaces(tree) {
  const text = tree.read("package.json", "utf-8");
  if (text === null) return null;
  const workspaces = JSON.parse(text).workspaces;
  if (Array.isArray(workspaces)) return workspaces;
  if (workspaces && Array.isArray(workspaces.packages)) return workspaces.packages;
  return null;
}
