import { spawnSync } from "node:child_process";

/** Debian packages that provide the programs the shell tests drive (scripts/test-deps.mjs installs them). */
export const PACKAGES: Record<string, string> = { bash: "bash", zsh: "zsh", fish: "fish", tmux: "tmux", shellcheck: "shellcheck" };

export const installed = (tool: string): boolean => spawnSync("sh", ["-c", 'command -v "$1" >/dev/null', "sh", tool]).status === 0;

/**
 * Fails the calling test when `tool` is missing. A shell test that skipped quietly would
 * report success about a shell it never ran.
 */
export function requireTool(tool: string, pkg = PACKAGES[tool] ?? tool): void {
  if (!installed(tool)) {
    throw new Error(
      `${tool} is NOT INSTALLED: this test cannot prove anything without it. Install it: apt-get install ${pkg} (or run: node scripts/test-deps.mjs)`,
    );
  }
}
