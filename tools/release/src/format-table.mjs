// A plain-text table for terminal summaries.

/**
 * Formats rows as a left-aligned table with a header and a rule under it.
 *
 * @example
 * formatTable(["package", "attw"], [["@realm-recovery/core", "ok"]]);
 * // "package               attw\n--------------------  ----\n@realm-recovery/core  ok  "
 * @param {string[]} header
 * @param {string[][]} rows
 * @returns {string}
 */
export function formatTable(header, rows) {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (/** @type {string[]} */ cells) => widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)]
    .map((text) => text.trimEnd())
    .join("\n");
}
