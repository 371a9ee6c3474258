// Keeps the docs' tables in step with the CLI: the trade-off table and the strategy and tracker
// pages with the plugin registry, the demo output in docs/README.md with what `realm-recovery demo`
// prints. After changing either, regenerate the checked blocks with
//   UPDATE_DOCS=1 npx vitest run --project cli src/docs-tables.test.ts
// (then `npx prettier --write docs`), and review the prose around them.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIO } from "./cli-io.js";
import { STRATEGIES, STRATEGY_TRADE_OFFS, TRACKERS } from "./plugin-registry.js";
import { runCli } from "./run-cli.js";

const docsPath = (path: string) => fileURLToPath(new URL(`../../../docs/${path}`, import.meta.url));
const README = docsPath("README.md");
const update = process.env["UPDATE_DOCS"] === "1";

/**
 * The text between `<!-- name:start ... -->` and `<!-- name:end -->`, without the marker lines
 * (and with the blank lines Prettier keeps around the content).
 */
function block(text: string, name: string): string {
  const start = text.match(new RegExp(`<!-- ${name}:start[^>]*-->\\n`));
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (!start || start.index === undefined || end < start.index)
    throw new Error(`docs/README.md has no "${name}" block (<!-- ${name}:start --> … <!-- ${name}:end -->)`);
  return text.slice(start.index + start[0].length, end);
}

function replaceBlock(text: string, name: string, content: string): string {
  const old = block(text, name);
  const at = text.indexOf(old, text.search(new RegExp(`<!-- ${name}:start`)));
  return text.slice(0, at) + "\n" + content + "\n" + text.slice(at + old.length);
}

/** The rows of a Markdown table as trimmed cells, without the header and separator rows. */
function tableRows(markdown: string): string[][] {
  const rows = markdown
    .split("\n")
    .filter((line) => line.trimStart().startsWith("|"))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((cell) => cell.trim()),
    );
  return rows.slice(2);
}

/** A Markdown table padded the way Prettier pads one (ASCII cells). */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

const strategyLink = (name: string) => `[${name}](strategies/${name}.md)`;

async function demoOutput(): Promise<string> {
  let out = "";
  const io: CliIO = { out: (text) => (out += text), err: () => {}, interactive: false };
  expect(await runCli(["demo"], io)).toBe(0);
  return out;
}

describe("docs/README.md and the strategy and tracker pages", () => {
  it("has a page per strategy quoting its trade-off line, and one per tracker", () => {
    expect(Object.keys(STRATEGY_TRADE_OFFS).sort()).toEqual(Object.keys(STRATEGIES).sort());
    for (const [name, tradeOff] of Object.entries(STRATEGY_TRADE_OFFS)) {
      const page = docsPath(`strategies/${name}.md`);
      expect(existsSync(page), `docs/strategies/${name}.md`).toBe(true);
      expect(readFileSync(page, "utf8"), `docs/strategies/${name}.md quotes its trade-off`).toContain(
        `\n> ${tradeOff}\n`,
      );
    }
    for (const name of Object.keys(TRACKERS))
      expect(existsSync(docsPath(`trackers/${name}.md`)), `docs/trackers/${name}.md`).toBe(true);
  });

  it("lists every strategy with the registry's trade-off, in the CLI's order", () => {
    let text = readFileSync(README, "utf8");
    const expected = Object.entries(STRATEGY_TRADE_OFFS).map(([name, tradeOff]) => [
      strategyLink(name),
      tradeOff,
    ]);
    if (update) {
      text = replaceBlock(text, "strategy-trade-offs", markdownTable(["strategy", "trade-off"], expected));
      writeFileSync(README, text);
    }
    expect(tableRows(block(text, "strategy-trade-offs"))).toEqual(expected);
  });

  it("lists every tracker, with a link to its page", () => {
    const rows = tableRows(block(readFileSync(README, "utf8"), "tracker-pages"));
    expect(rows.map((row) => row[0])).toEqual(
      Object.keys(TRACKERS).map((name) => `[${name}](trackers/${name}.md)`),
    );
  });

  it("shows exactly what `realm-recovery demo` prints", { timeout: 180_000 }, async () => {
    let text = readFileSync(README, "utf8");
    const expected = "```text\n" + (await demoOutput()).trimEnd() + "\n```\n";
    if (update) {
      text = replaceBlock(text, "demo-output", expected);
      writeFileSync(README, text);
    }
    expect(block(text, "demo-output").trim()).toBe(expected.trim());
  });
});
