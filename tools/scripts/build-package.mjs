#!/usr/bin/env node
// Builds the package in the current directory to dist/esm (ESM + .d.ts) and dist/cjs (CJS + .d.ts).
// Two plain tsc passes, no bundler: the CJS folder gets its own package.json so Node and
// TypeScript read its .js and .d.ts files as CommonJS while the package itself is "type": "module".
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const dir = process.cwd();

rmSync(join(dir, "dist"), { recursive: true, force: true });
for (const config of ["tsconfig.build.json", "tsconfig.build.cjs.json"]) {
  execFileSync(process.execPath, [tsc, "-p", join(dir, config)], { stdio: "inherit" });
}
writeFileSync(join(dir, "dist/cjs/package.json"), JSON.stringify({ type: "commonjs" }) + "\n");

const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
for (const bin of Object.values(
  typeof manifest.bin === "string" ? { bin: manifest.bin } : (manifest.bin ?? {}),
)) {
  const file = join(dir, bin);
  if (existsSync(file)) chmodSync(file, 0o755);
}
