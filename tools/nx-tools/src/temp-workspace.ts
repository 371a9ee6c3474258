import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is tools/nx-tools/src/temp-workspace.ts). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** What a command run in a {@link TempWorkspace} printed, and how it ended. */
export interface CommandResult {
  /** Exit status (null if the process was killed). */
  readonly status: number | null;
  /** stdout and stderr, for failure messages. */
  readonly output: string;
}

// The root files a generated package relies on: its tsconfigs extend the base ones, its scripts run
// the shared build script and the root Vitest config, and lint uses the root ESLint/Prettier config.
const ROOT_FILES = [
  "nx.json",
  "tsconfig.base.json",
  "tsconfig.build.esm.json",
  "tsconfig.build.cjs.json",
  "vitest.config.ts",
  "eslint.config.mjs",
  ".prettierrc.json",
  ".prettierignore",
  "tools/scripts/build-package.mjs",
];

/**
 * A throw-away Nx workspace in the system temp folder with this repository's root configuration and
 * a `node_modules` whose entries link to the root's (so `@realm-recovery/*`, nx, vitest and
 * typescript resolve, while caches written into `node_modules` stay in the temp folder). Generators
 * run here for real without touching the repository.
 *
 * @example
 * const ws = TempWorkspace.create();
 * ws.run("node", [ws.bin("nx/dist/bin/nx.js"), "g", "@realm-recovery/tools:strategy", "demo"]);
 * ws.dispose();
 */
export class TempWorkspace {
  private constructor(
    /** Absolute path of the workspace. */
    readonly root: string,
  ) {}

  /** Creates the workspace. */
  static create(): TempWorkspace {
    const root = mkdtempSync(join(tmpdir(), "realm-recovery-generator-"));
    try {
      writeFileSync(
        join(root, "package.json"),
        JSON.stringify({
          name: "generator-workspace",
          private: true,
          type: "module",
          workspaces: ["packages/*"],
        }),
      );
      mkdirSync(join(root, "packages"));
      for (const file of ROOT_FILES) cpSync(join(repoRoot, file), join(root, file));
      mkdirSync(join(root, "node_modules"));
      for (const entry of readdirSync(join(repoRoot, "node_modules"))) {
        if (entry.startsWith(".") && entry !== ".bin") continue;
        symlinkSync(join(repoRoot, "node_modules", entry), join(root, "node_modules", entry));
      }
    } catch (cause) {
      rmSync(root, { recursive: true, force: true });
      throw cause;
    }
    return new TempWorkspace(root);
  }

  /** Absolute path of a file inside an installed package, e.g. `nx/dist/bin/nx.js`. */
  bin(path: string): string {
    return join(this.root, "node_modules", path);
  }

  /**
   * Runs a command in `cwd` (relative to the workspace) with an environment cleared of the outer
   * Nx task's and Vitest worker's variables, so the inner tools behave as in a fresh shell.
   */
  run(command: string, args: readonly string[], cwd = "."): CommandResult {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(NX_|VITEST|npm_)/.test(key)) env[key] = value;
    }
    Object.assign(env, {
      NX_DAEMON: "false",
      NX_NO_CLOUD: "true",
      NX_TUI: "false",
      NX_SKIP_NX_CACHE: "true",
    });
    const result = spawnSync(command, args, { cwd: join(this.root, cwd), env, encoding: "utf8" });
    const output = `$ ${command} ${args.join(" ")}\n${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}`;
    return { status: result.status, output };
  }

  /** Removes the workspace. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
