// .changeset/config.json: independent versions (no fixed or linked groups), public access, ranges of
// dependents kept current, peers bumped only when out of range, private packages never versioned.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT_DIR } from "./workspace-packages.mjs";

const config = JSON.parse(readFileSync(join(ROOT_DIR, ".changeset/config.json"), "utf8"));

describe(".changeset/config.json", () => {
  it("versions every package on its own", () => {
    expect(config.fixed).toEqual([]);
    expect(config.linked).toEqual([]);
    expect(config.ignore).toEqual([]);
  });

  it("publishes publicly from main with a changelog and no automatic commits", () => {
    expect(config).toMatchObject({
      access: "public",
      baseBranch: "main",
      commit: false,
      changelog: "@changesets/cli/changelog",
    });
  });

  it("updates dependents' ranges, bumps peer dependents only when out of range, skips private packages", () => {
    expect(config.updateInternalDependencies).toBe("patch");
    expect(config.___experimentalUnsafeOptions_WILL_CHANGE_IN_PATCH).toEqual({
      onlyUpdatePeerDependentsWhenOutOfRange: true,
    });
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });
});
