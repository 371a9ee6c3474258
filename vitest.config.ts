import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Tests import sibling packages through the "@realm-recovery/source" export condition, so they run
// against src/ and need no build first.
const sourceConditions = ["@realm-recovery/source", ...defaultServerConditions];

const rootDir = fileURLToPath(new URL(".", import.meta.url));

// One Vitest project per workspace package (packages/*, tools/*, examples/*), named after its folder.
const workspaceFolders = ["packages", "tools", "examples"];
const projectDirs = workspaceFolders.flatMap((folder) =>
  existsSync(join(rootDir, folder))
    ? readdirSync(join(rootDir, folder))
        .filter((name) => existsSync(join(rootDir, folder, name, "package.json")))
        .map((name) => ({ name, root: join(rootDir, folder, name) }))
    : [],
);

// Each run (one per Nx project, or the whole suite) also writes a JSON report that .ci/run sums up.
const reportName = (process.env.NX_TASK_TARGET_PROJECT ?? "all").replace(/[^a-z0-9-]+/gi, "-");

export default defineConfig({
  root: rootDir,
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    reporters: ["default", "json"],
    outputFile: { json: join(rootDir, ".reports", `vitest-${reportName}.json`) },
    projects: projectDirs.map(({ name, root }) => ({
      extends: true as const,
      test: { name, root, include: ["src/**/*.test.ts"] },
    })),
  },
});
