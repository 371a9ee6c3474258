#!/usr/bin/env node
// `npm run release:dry` (after `nx run-many -t build`): everything a release would do, without
// publishing or touching the repository.
//   1. `changeset version` on a throwaway copy: the pending changesets, or a sample core patch and a
//      sample plugin minor when there are none; prints each version bump and rewritten range.
//   2. `npm pack` of every public package into tools/release/.tmp/packs (gitignored).
//   3. publint and attw on each tarball.
// Prints a summary table and exits 1 on any publint error/warning/suggestion or attw problem.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { changesetDryRun } from "./changeset-dry-run.mjs";
import { attwTarball, publintTarball } from "./lint-tarball.mjs";
import { packPackages } from "./pack-packages.mjs";
import { formatTable } from "./format-table.mjs";
import { ROOT_DIR, listPublicPackages } from "./workspace-packages.mjs";

/**
 * The changesets previewed when the repository has none pending.
 *
 * @type {import("./changeset-dry-run.mjs").SampleChangeset[]}
 */
const SAMPLES = [
  { releases: { "@realm-recovery/core": "patch" }, summary: "Sample: a compatible fix in core." },
  {
    releases: { "@realm-recovery/strategy-object": "minor" },
    summary: "Sample: a new object-strategy option.",
  },
];

const outDir = join(ROOT_DIR, "tools/release/.tmp/packs");
let failed = false;

console.log("1. changeset version (on a throwaway copy)\n");
const dryRun = changesetDryRun({ samples: SAMPLES });
console.log(
  dryRun.usedSamples
    ? "   No pending changeset: previewing the samples " +
        SAMPLES.map((s) => JSON.stringify(s.releases)).join(" and ")
    : `   Pending changesets: ${dryRun.changesetFiles.join(", ")}`,
);
const changed = dryRun.packages.filter((p) => p.from !== p.to || p.ranges.length > 0);
console.log(
  formatTable(
    ["package", "version", "ranges rewritten"],
    changed.map((p) => [
      p.isPrivate ? `${p.name} (private)` : p.name,
      p.from === p.to ? p.from : `${p.from} → ${p.to}`,
      p.ranges.map((r) => `${r.field}.${r.dependency} ${r.from} → ${r.to}`).join("; ") || "-",
    ]),
  ),
);

console.log("\n2. npm pack + publint + attw\n");
rmSync(outDir, { recursive: true, force: true });
const packed = packPackages(listPublicPackages(), outDir);
const rows = [];
for (const { pkg, tarball, files, size } of packed) {
  const findings = [...(await publintTarball(tarball)), ...attwTarball(tarball)];
  if (findings.length > 0) failed = true;
  rows.push([
    pkg.name,
    pkg.manifest.version,
    String(files.length),
    `${(size / 1024).toFixed(1)} kB`,
    findings.some((f) => f.tool === "publint") ? "FAIL" : "ok",
    findings.some((f) => f.tool === "attw") ? "FAIL" : "ok",
  ]);
  for (const finding of findings)
    console.log(`   ${pkg.name}: [${finding.tool} ${finding.level}] ${finding.message}`);
}
console.log(formatTable(["package", "version", "files", "tarball", "publint", "attw"], rows));
console.log(`\nTarballs: ${outDir}`);
if (failed) {
  console.error("\nrelease:dry found problems (above).");
  process.exitCode = 1;
} else {
  console.log("\nrelease:dry: every public package packs cleanly. Nothing was published or changed.");
}
