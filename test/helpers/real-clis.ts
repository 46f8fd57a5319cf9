import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Where the real AI CLIs are installed, outside the repo (`npm run test:clis` installs them first, through scripts/test-deps.mjs). */
export const CLI_DIR = process.env.AIM_TEST_CLIS || "/opt/aim-test-clis";
export const CLI_BIN = join(CLI_DIR, "node_modules", ".bin");

/**
 * The path of a real CLI from npm, installed on first use into CLI_DIR. Returns null, after
 * saying so loudly on stderr with the package's name, only when npm cannot install it (no
 * registry): the caller then skips, and the run's output shows what was not tested.
 */
export function realCli(pkg: string, bin: string): string | null {
  const path = join(CLI_BIN, bin);
  if (existsSync(path)) return path;
  const r = spawnSync("npm", ["i", "--prefix", CLI_DIR, "--no-audit", "--no-fund", pkg], { encoding: "utf8", timeout: 600_000 });
  if (existsSync(path)) return path;
  process.stderr.write(
    `\n!!!!! SKIPPED: npm could not install ${pkg} into ${CLI_DIR} (exit ${r.status}): the test against the real ${bin} did NOT run.\n!!!!! ${(r.stderr ?? "").trim().split("\n").slice(-2).join(" ")}\n!!!!! Fix: npm i --prefix ${CLI_DIR} ${pkg} (or: node scripts/test-deps.mjs --clis)\n\n`,
  );
  return null;
}
