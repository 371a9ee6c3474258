import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Tests import sibling packages through the "@realm-recovery/source" export condition, so they run
// against src/ and need no build first.
const sourceConditions = ["@realm-recovery/source", ...defaultServerConditions];

const rootDir = fileURLToPath(new URL(".", import.meta.url));

const packageNames = readdirSync(new URL("./packages", import.meta.url)).filter((name) =>
  existsSync(new URL(`./packages/${name}/package.json`, import.meta.url)),
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
    projects: [
      ...packageNames.map((name) => ({
        extends: true as const,
        test: { name, root: join(rootDir, "packages", name), include: ["src/**/*.test.ts"] },
      })),
      {
        extends: true as const,
        test: {
          name: "tools",
          root: join(rootDir, "tools"),
          include: ["**/*.test.ts"],
          exclude: ["**/node_modules/**"],
        },
      },
    ],
  },
});
