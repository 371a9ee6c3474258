import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Tree, readJson } from "@nx/devkit";
import { createTreeWithEmptyWorkspace } from "@nx/devkit/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../temp-workspace.js";
import { strategyGenerator } from "./strategy/strategy-generator.js";
import { trackerGenerator } from "./tracker/tracker-generator.js";

let tree: Tree;
beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
  tree.write(
    "package.json",
    JSON.stringify({ name: "ws", workspaces: ["packages/*", "tools/*", "examples/*"] }),
  );
  // Formatted with Prettier, as in this repository (the empty workspace comes configured for oxfmt).
  tree.delete(".oxfmtrc.json");
  tree.write(".prettierrc.json", readFileSync(join(repoRoot, ".prettierrc.json"), "utf8"));
});

const files = (root: string) =>
  tree
    .listChanges()
    .map((change) => change.path)
    .filter((path) => path.startsWith(`${root}/`))
    .map((path) => path.slice(root.length + 1))
    .sort();

describe("strategyGenerator", () => {
  it("lays out packages/strategy-<name> like the built-in plugins", async () => {
    await strategyGenerator(tree, { name: "server-wins" });
    expect(files("packages/strategy-server-wins")).toEqual([
      "README.md",
      "package.json",
      "src/index.ts",
      "src/server-wins-strategy.contract.test.ts",
      "src/server-wins-strategy.test.ts",
      "src/server-wins-strategy.ts",
      "tsconfig.build.cjs.json",
      "tsconfig.build.json",
      "tsconfig.json",
    ]);
  });

  it("writes a manifest with the exports map, core as a peer and the repository's scripts", async () => {
    await strategyGenerator(tree, { name: "server-wins", description: "The server always wins." });
    const manifest = readJson(tree, "packages/strategy-server-wins/package.json");
    expect(manifest).toMatchObject({
      name: "@realm-recovery/strategy-server-wins",
      description: "The server always wins.",
      type: "module",
      sideEffects: false,
      scripts: {
        build: "node ../../tools/scripts/build-package.mjs",
        typecheck: "tsc -p tsconfig.json",
        test: "vitest run --config ../../vitest.config.ts --project strategy-server-wins",
      },
      peerDependencies: { "@realm-recovery/core": expect.stringMatching(/^\^\d/) },
      devDependencies: {
        "@realm-recovery/core": expect.stringMatching(/^\^\d/),
        "@realm-recovery/testing": expect.stringMatching(/^\^\d/),
      },
    });
    expect(manifest.dependencies).not.toHaveProperty("@realm-recovery/core");
    expect(manifest.exports["."]).toEqual({
      "@realm-recovery/source": "./src/index.ts",
      "react-native": "./dist/esm/index.js",
      import: { types: "./dist/esm/index.d.ts", default: "./dist/esm/index.js" },
      require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" },
    });
    expect(readJson(tree, "packages/strategy-server-wins/tsconfig.build.json")).toEqual({
      extends: "../../tsconfig.build.esm.json",
    });
  });

  it("names the class, factory and plugin after the kebab-case name", async () => {
    await strategyGenerator(tree, { name: "server-wins" });
    const source = tree.read("packages/strategy-server-wins/src/server-wins-strategy.ts", "utf-8")!;
    expect(source).toContain("export class ServerWinsStrategy implements ClientResetStrategy");
    expect(source).toContain('readonly name = "server-wins";');
    expect(source).toMatch(/export function serverWinsStrategy\(/);
    expect(source).toContain("TODO");
    expect(source).not.toMatch(/<%|%>/);
  });

  it("keeps a description that contains */ from ending the class's TSDoc comment", async () => {
    await strategyGenerator(tree, { name: "x", description: "Wins */ always." });
    const source = tree.read("packages/strategy-x/src/x-strategy.ts", "utf-8")!;
    expect(source).toContain(" * Wins * / always.\n");
  });

  it("puts the package in another workspace folder, with paths back to the root", async () => {
    await strategyGenerator(tree, { name: "demo", directory: "examples" });
    const manifest = readJson(tree, "examples/strategy-demo/package.json");
    expect(manifest.repository.directory).toBe("examples/strategy-demo");
    expect(readJson(tree, "examples/strategy-demo/tsconfig.json").extends).toBe("../../tsconfig.base.json");
  });

  it("rejects a name that is not kebab-case, a folder outside the workspaces and an existing package", async () => {
    await expect(strategyGenerator(tree, { name: "ServerWins" })).rejects.toThrow(/kebab-case/);
    await expect(strategyGenerator(tree, { name: "x", directory: "apps" })).rejects.toThrow(
      /not an npm workspace folder/,
    );
    await strategyGenerator(tree, { name: "x" });
    await expect(strategyGenerator(tree, { name: "x" })).rejects.toThrow(
      /packages\/strategy-x already exists/,
    );
  });
});

describe("both generators", () => {
  it("leave no template markers or file-name placeholders in any file", async () => {
    await strategyGenerator(tree, { name: "server-wins" });
    await trackerGenerator(tree, { name: "on-demand" });
    for (const { path } of tree.listChanges().filter((change) => change.path.startsWith("packages/"))) {
      expect(tree.read(path, "utf-8"), path).not.toMatch(/<%|%>|__\w+__/);
    }
  });
});

describe("trackerGenerator", () => {
  it("lays out packages/tracker-<name> with a SyncTracker, its tests and README", async () => {
    await trackerGenerator(tree, { name: "on-demand" });
    expect(files("packages/tracker-on-demand")).toEqual([
      "README.md",
      "package.json",
      "src/index.ts",
      "src/on-demand-tracker.contract.test.ts",
      "src/on-demand-tracker.test.ts",
      "src/on-demand-tracker.ts",
      "tsconfig.build.cjs.json",
      "tsconfig.build.json",
      "tsconfig.json",
    ]);
    const source = tree.read("packages/tracker-on-demand/src/on-demand-tracker.ts", "utf-8")!;
    expect(source).toContain("export class OnDemandTracker implements SyncTracker");
    expect(readJson(tree, "packages/tracker-on-demand/package.json")).toMatchObject({
      name: "@realm-recovery/tracker-on-demand",
      keywords: expect.arrayContaining(["tracker"]),
      scripts: { test: "vitest run --config ../../vitest.config.ts --project tracker-on-demand" },
    });
  });
});
