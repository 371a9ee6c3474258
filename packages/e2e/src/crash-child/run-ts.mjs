// Runs a TypeScript module of this repository in a plain Node process, straight from src/ (no
// build): Vite's module runner transforms it, resolving workspace packages through the
// "@realm-recovery/source" export condition as the tests do. Usage: node run-ts.mjs <module.ts> [args…]
// The module's exported `main` is called with the remaining arguments.
import { fileURLToPath } from "node:url";
import { defaultServerConditions, runnerImport } from "vite";

const [modulePath, ...args] = process.argv.slice(2);
const root = fileURLToPath(new URL("../../../..", import.meta.url));
const conditions = ["@realm-recovery/source", ...defaultServerConditions];
const { module } = await runnerImport(modulePath, {
  configFile: false,
  root,
  logLevel: "error",
  // Workspace packages are transformed too (not left to Node, which knows no source condition).
  environments: { inline: { resolve: { conditions, noExternal: [/^@realm-recovery\//] } } },
});
await module.main(args);
