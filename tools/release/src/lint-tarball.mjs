// Lints a packed tarball the way its consumers will see it: publint (package.json fields against the
// packed files) and Are The Types Wrong (types per resolution mode: node10, node16 CJS/ESM, bundler).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const require = createRequire(import.meta.url);

/**
 * @typedef {object} LintFinding
 * @property {"publint" | "attw"} tool
 * @property {"error" | "warning" | "suggestion"} level
 * @property {string} message
 */

/**
 * Runs publint on a tarball, with every suggestion reported.
 *
 * @example
 * const findings = await publintTarball("/tmp/packs/realm-recovery-core-0.1.0.tgz");
 * findings.filter((f) => f.level === "error"); // []
 * @param {string} tarball path of a `.tgz` made by `npm pack`
 * @returns {Promise<LintFinding[]>}
 */
export async function publintTarball(tarball) {
  const data = readFileSync(tarball);
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: "suggestion" });
  return messages.map((message) => ({
    tool: "publint",
    level: message.type,
    message: formatMessage(message, pkg, { color: false }) ?? message.code,
  }));
}

/**
 * Runs `attw` (the @arethetypeswrong/cli) on a tarball with the strict profile and returns one
 * error per entry point × resolution mode that is not OK (an import that fails to resolve, types of
 * the wrong module format, a CJS entry resolving to ESM, …). Works offline (`--no-definitely-typed`).
 * Reads attw's short ASCII report: its JSON report is cut at 64 KiB when stdout is a pipe.
 *
 * @example
 * const findings = attwTarball("/tmp/packs/realm-recovery-core-0.1.0.tgz");
 * findings.length; // 0 when every entry point resolves in node10, node16 (CJS and ESM) and bundler
 * @param {string} tarball
 * @returns {LintFinding[]}
 */
export function attwTarball(tarball) {
  const cli = join(require.resolve("@arethetypeswrong/cli/package.json"), "../dist/index.js");
  const args = [cli, tarball, "--format", "ascii", "--no-definitely-typed", "--no-color", "--no-emoji"];
  try {
    execFileSync(process.execPath, [...args, "--profile", "strict"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return [];
  } catch (error) {
    // attw exits 1 when it finds problems, with its report on stdout.
    const failed = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    if (!failed.stdout)
      throw new Error(`attw failed on ${tarball}: ${failed.stderr ?? String(error)}`, { cause: error });
    return parseAttwReport(failed.stdout);
  }
}

/**
 * Turns attw's ASCII report into one finding per entry point × resolution mode that is not OK
 * (or one finding holding the whole report when it has no such line).
 *
 * @example
 * parseAttwReport('"pkg/sub"\n\nnode10: Resolution failed\nbundler: OK\n');
 * // [{ tool: "attw", level: "error", message: '"pkg/sub" node10: Resolution failed' }]
 * @param {string} report
 * @returns {LintFinding[]}
 */
export function parseAttwReport(report) {
  /** @type {LintFinding[]} */
  const findings = [];
  let entrypoint = "";
  for (const line of report.split("\n").map((l) => l.trim())) {
    if (/^".*"$/.test(line)) entrypoint = line;
    const mode = /^(node10|node16 \(from (?:CJS|ESM)\)|bundler): (.*)$/.exec(line);
    if (mode && !mode[2]?.startsWith("OK"))
      findings.push({ tool: "attw", level: "error", message: `${entrypoint} ${line}`.trim() });
  }
  return findings.length > 0 ? findings : [{ tool: "attw", level: "error", message: report.trim() }];
}
