// The small helpers of the release scripts.
import { describe, expect, it } from "vitest";
import { formatTable } from "./format-table.mjs";
import { parseAttwReport } from "./lint-tarball.mjs";
import { cleanNpmEnv } from "./run-npm.mjs";

describe("formatTable", () => {
  it("pads every column to its widest cell, under a rule", () => {
    expect(
      formatTable(
        ["a", "bb"],
        [
          ["long cell", "x"],
          ["y", "z"],
        ],
      ).split("\n"),
    ).toEqual(["a          bb", "---------  --", "long cell  x", "y          z"]);
  });
});

describe("parseAttwReport", () => {
  const report = [
    "",
    "@scope/pkg v1.0.0",
    "",
    "Import failed to resolve to type declarations or JavaScript files.",
    "",
    '"@scope/pkg"',
    "",
    "node10: OK ",
    "node16 (from CJS): OK (CJS)",
    "",
    '"@scope/pkg/sub"',
    "",
    "node10: Resolution failed",
    "node16 (from ESM): Masquerading as CJS",
    "bundler: OK ",
  ].join("\n");

  it("reports each entry point × resolution mode that is not OK", () => {
    expect(parseAttwReport(report).map((f) => f.message)).toEqual([
      '"@scope/pkg/sub" node10: Resolution failed',
      '"@scope/pkg/sub" node16 (from ESM): Masquerading as CJS',
    ]);
  });

  it("keeps the whole report when it names no failing mode", () => {
    expect(parseAttwReport("something unexpected")).toEqual([
      { tool: "attw", level: "error", message: "something unexpected" },
    ]);
  });
});

describe("cleanNpmEnv", () => {
  it("drops the npm_* variables of an enclosing npm run and keeps the rest", () => {
    const saved = { ...process.env };
    try {
      process.env.npm_config_prefix = "/work/main";
      process.env.NPM_CONFIG_WORKSPACE = "packages/core";
      process.env.REALM_RECOVERY_PROBE = "kept";
      const env = cleanNpmEnv();
      expect(env.npm_config_prefix).toBeUndefined();
      expect(env.NPM_CONFIG_WORKSPACE).toBeUndefined();
      expect(env.REALM_RECOVERY_PROBE).toBe("kept");
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      process.env = saved;
    }
  });
});
