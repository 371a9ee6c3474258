import { parseArgs } from "node:util";
import { CliError } from "./cli-error.js";
import { type CliIO, processIO } from "./cli-io.js";
import { demoCommand } from "./commands/demo-command.js";
import { simulateCommand } from "./commands/simulate-command.js";

const USAGE = `Usage:
  realm-recovery simulate <scenario.json> [--strategy S] [--tracker T] [--policy P] [--dry-run] [--json]
  realm-recovery demo
  realm-recovery help

Strategies: object, field, overwrite, changelog. Trackers: listener, progress.
Policies: newer-wins, client-wins (object, field); client-wins, newer-wins (changelog).
--dry-run previews each recovery (create / update / delete / skip, with the rule) and writes nothing.
`;

/**
 * Runs the CLI with `argv` (without the node and script paths) and returns the exit code.
 *
 * @example
 * process.exitCode = await runCli(["simulate", "scenario.json", "--json"]);
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case "simulate": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            strategy: { type: "string" },
            tracker: { type: "string" },
            policy: { type: "string" },
            "dry-run": { type: "boolean", default: false },
            json: { type: "boolean", default: false },
          },
        });
        if (positionals.length !== 1)
          throw new CliError(`simulate takes exactly one scenario file\n\n${USAGE}`);
        return await simulateCommand(
          {
            file: positionals[0]!,
            json: values.json ?? false,
            dryRun: values["dry-run"] ?? false,
            ...(values.policy !== undefined ? { policy: values.policy } : {}),
            ...(values.strategy !== undefined ? { strategy: values.strategy } : {}),
            ...(values.tracker !== undefined ? { tracker: values.tracker } : {}),
          },
          io,
        );
      }
      case "demo":
        if (rest.length > 0) throw new CliError(`demo takes no arguments\n\n${USAGE}`);
        return await demoCommand(io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`Unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`realm-recovery: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`realm-recovery: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`realm-recovery: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
