import { runScenario } from "@realm-recovery/testing";
import type { CliIO } from "../cli-io.js";
import { BUNDLED_SCENARIOS } from "../demo/bundled-scenarios.js";
import { type OutcomeScore, scoreOutcome } from "../demo/score-outcome.js";
import { formatTable } from "../format/format-table.js";
import { STRATEGIES, STRATEGY_POLICIES, STRATEGY_TRADE_OFFS, TRACKERS } from "../plugin-registry.js";
import { resolvePlugins } from "./resolve-plugins.js";
import { withTempDir } from "./with-temp-dir.js";

const cell = (s: OutcomeScore) => `${s.recovered}/${s.atRisk} rec · ${s.clobbered} clob · ${s.lost} lost`;

/** `demo`: every bundled scenario under every strategy × tracker, as a comparison table. */
export async function demoCommand(io: CliIO): Promise<number> {
  const strategies = Object.keys(STRATEGIES);
  const trackers = Object.keys(TRACKERS);
  // Beyond each strategy's default policy: the other policies it offers, with the listener tracker.
  const policyRuns = strategies.flatMap((strategy) =>
    (STRATEGY_POLICIES[strategy] ?? []).slice(1).map((policy) => ({ strategy, policy })),
  );
  const total = BUNDLED_SCENARIOS.length * (strategies.length * trackers.length + policyRuns.length);
  const scores = new Map<string, OutcomeScore>();
  let run = 0;
  await withTempDir(async (dir) => {
    for (const bundled of BUNDLED_SCENARIOS) {
      const primaryKeys = Object.fromEntries(
        bundled.scenario.schema.map((s) => [s.name, s.primaryKey ?? "_id"]),
      );
      for (const strategy of strategies) {
        for (const tracker of trackers) {
          run++;
          const progress = `[${String(run).padStart(String(total).length)}/${total}] ${bundled.id} · ${strategy} · ${tracker}`;
          io.err(io.interactive ? `\r\x1b[2K${progress}` : `${progress}\n`);
          const result = await runScenario(
            { ...bundled.scenario, strategy, tracker },
            resolvePlugins(strategy, tracker),
            {
              baseDir: `${dir}/${run}`,
            },
          );
          scores.set(`${bundled.id}|${strategy}|${tracker}`, scoreOutcome(result, primaryKeys));
        }
      }
      for (const { strategy, policy } of policyRuns) {
        run++;
        const progress = `[${String(run).padStart(String(total).length)}/${total}] ${bundled.id} · ${strategy} (${policy}) · listener`;
        io.err(io.interactive ? `\r\x1b[2K${progress}` : `${progress}\n`);
        const result = await runScenario(
          { ...bundled.scenario, strategy, tracker: "listener" },
          resolvePlugins(strategy, "listener", policy),
          { baseDir: `${dir}/${run}` },
        );
        scores.set(`${bundled.id}|${strategy}|${policy}`, scoreOutcome(result, primaryKeys));
      }
    }
  });
  if (io.interactive) io.err("\r\x1b[2K");

  const sum = (strategy: string, tracker: string): OutcomeScore => {
    const totalScore: OutcomeScore = { recovered: 0, lost: 0, clobbered: 0, atRisk: 0 };
    for (const bundled of BUNDLED_SCENARIOS) {
      const s = scores.get(`${bundled.id}|${strategy}|${tracker}`)!;
      totalScore.recovered += s.recovered;
      totalScore.lost += s.lost;
      totalScore.clobbered += s.clobbered;
      totalScore.atRisk += s.atRisk;
    }
    return totalScore;
  };

  let text = `realm-recovery demo: ${BUNDLED_SCENARIOS.length} client-reset scenarios × ${strategies.length} strategies × ${trackers.length} trackers\n\n`;
  text +=
    "Totals (rec: unsynced local writes recovered; clob: other devices' newer writes overwritten; lost: unsynced writes not recovered)\n\n";
  text += formatTable(
    ["strategy", "tracker", "recovered", "clobbered", "lost"],
    strategies.flatMap((strategy) =>
      trackers.map((tracker) => {
        const s = sum(strategy, tracker);
        return [strategy, tracker, `${s.recovered}/${s.atRisk}`, String(s.clobbered), String(s.lost)];
      }),
    ),
  );
  text += "\nPer scenario (listener tracker; the progress tracker's differences are listed below)\n\n";
  text += formatTable(
    ["scenario", ...strategies],
    BUNDLED_SCENARIOS.map((b) => [
      b.id,
      ...strategies.map((strategy) => cell(scores.get(`${b.id}|${strategy}|listener`)!)),
    ]),
  );
  const differences = BUNDLED_SCENARIOS.flatMap((b) =>
    strategies
      .filter(
        (strategy) =>
          cell(scores.get(`${b.id}|${strategy}|listener`)!) !==
          cell(scores.get(`${b.id}|${strategy}|progress`)!),
      )
      .map(
        (strategy) =>
          `  ${b.id} · ${strategy}: progress tracker ${cell(scores.get(`${b.id}|${strategy}|progress`)!)}`,
      ),
  );
  text +=
    differences.length > 0
      ? `\n${differences.join("\n")}\n`
      : "\n  (none: both trackers give the same outcomes)\n";
  const policyColumns = strategies.flatMap((strategy) => {
    const [defaultPolicy, ...others] = STRATEGY_POLICIES[strategy] ?? [];
    if (defaultPolicy === undefined) return [];
    return [
      { label: `${strategy} ${defaultPolicy}`, key: "listener" },
      ...others.map((policy) => ({ label: `${strategy} ${policy}`, key: policy })),
    ].map((column) => ({ ...column, strategy }));
  });
  text +=
    "\nConflict policies (listener tracker): newer-wins compares stamps; client-wins is Realm's own rule table\n\n";
  text += formatTable(
    ["scenario", ...policyColumns.map((c) => c.label)],
    BUNDLED_SCENARIOS.map((b) => [
      b.id,
      ...policyColumns.map((c) => cell(scores.get(`${b.id}|${c.strategy}|${c.key}`)!)),
    ]),
  );
  text += "\nScenarios\n" + BUNDLED_SCENARIOS.map((b) => `  ${b.id.padEnd(20)} ${b.title}`).join("\n") + "\n";
  text +=
    "\nTrade-offs\n" + strategies.map((s) => `  ${s.padEnd(10)} ${STRATEGY_TRADE_OFFS[s]}`).join("\n") + "\n";
  io.out(text);
  return 0;
}
