#!/usr/bin/env node
// Sums the Vitest JSON reports of a run and prints the "N passed, N failed" line CI reads.
// Exits non-zero when no report exists or no test ran, so an empty run is never green.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(process.cwd(), ".reports");
const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^vitest-.*\.json$/.test(f)) : [];
let passed = 0;
let failed = 0;
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed`);
if (files.length === 0 || passed + failed === 0 || failed > 0) process.exit(1);
