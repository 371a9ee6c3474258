import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

// docs/custom-strategy.md shows this example's code. Each code block there follows a marker
// `<!-- example: <path from the repository root>[#<region>] -->` and must equal that file (or the lines between
// `// #region <region>` and `// #endregion <region>` in it), so the guide cannot drift from code
// that is type-checked and tested.

const repoRoot = new URL("../../../", import.meta.url);
const doc = readFileSync(new URL("../../../docs/custom-strategy.md", import.meta.url), "utf8");
const SNIPPET = /<!-- example: (\S+?)(?:#(\S+))? -->\n+```\w+\n([\s\S]*?)```/g;
const snippets = [...doc.matchAll(SNIPPET)].map(([, file, region, code]) => ({
  file: file!,
  region,
  code: code!,
}));

function source(file: string, region: string | undefined): string {
  const text = readFileSync(new URL(file, repoRoot), "utf8");
  if (region === undefined) return text;
  const start = text.indexOf(`// #region ${region}\n`);
  const end = text.indexOf(`// #endregion ${region}\n`);
  if (start < 0 || end < start) throw new Error(`${file} has no region "${region}"`);
  return text.slice(start + `// #region ${region}\n`.length, end);
}

describe("docs/custom-strategy.md", () => {
  it("shows code blocks that are exactly the example's files or regions", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(6);
    for (const { file, region, code } of snippets) {
      expect(code, `${file}${region ? `#${region}` : ""}`).toBe(source(file, region).replace(/\n*$/, "\n"));
    }
  });

  it("shows every source file of the example and its scenario", () => {
    const shown = new Set(snippets.map(({ file }) => file));
    const sources = readdirSync(new URL("examples/custom-strategy/src/", repoRoot))
      .filter((name) => !name.endsWith(".test.ts") && name !== "index.ts")
      .map((name) => `examples/custom-strategy/src/${name}`);
    for (const file of [...sources, "examples/custom-strategy/scenarios/late-local-edit.json"])
      expect(shown, file).toContain(file);
  });

  it("points to the plugin generator", () => {
    expect(doc).toContain("nx g @realm-recovery/tools:strategy");
  });
});
