import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { AimError, usageError } from "../errors.js";
import { writeAtomic } from "../runtime/jsonfile.js";

/** The line aim adds; finding it (at the start of a line) means the hook is installed. */
export const HOOK_LINE = "aim scan --staged || exit $?";
const MARK = /^\s*aim scan --staged\b/m;

/**
 * Adds `aim scan --staged` to the repository's pre-commit hook, in the folder git really
 * runs hooks from (`git rev-parse --git-path hooks`, which honours core.hooksPath). A new
 * hook is a small sh script; an existing one gets the line appended and is never replaced.
 * Returns the hook's path and whether it changed.
 */
export async function installHook(cwd: string): Promise<{ path: string; changed: boolean; note?: string }> {
  const r = spawnSync("git", ["rev-parse", "--git-path", "hooks"], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw usageError(`${cwd} is not in a git repository`, "run aim scan --install-hook inside the repository");
  const rel = r.stdout.trim();
  const dir = isAbsolute(rel) ? rel : join(cwd, rel);
  const path = join(dir, "pre-commit");
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    await writeAtomic(
      path,
      `#!/bin/sh\n# Added by aim scan --install-hook: refuse a commit that holds a stored key's value.\n${HOOK_LINE}\n`,
      0o755,
    );
    return { path, changed: true };
  }
  const text = readFileSync(path, "utf8");
  if (MARK.test(text)) return { path, changed: false };
  const shebang = /^#!(.*)/.exec(text)?.[1] ?? "/bin/sh";
  if (!/\b(sh|bash|dash|zsh|ksh)\b/.test(shebang)) {
    throw new AimError("IO", `${path} is not a shell script (#!${shebang.trim()}), so aim cannot append a line to it`, {
      hint: "make it run aim scan --staged and fail when that exits non-zero",
    });
  }
  const mode = statSync(path).mode & 0o7777;
  await writeAtomic(
    path,
    `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}# Added by aim scan --install-hook.\n${HOOK_LINE}\n`,
    mode,
  );
  // A hook that ends with `exit` never reaches the line: say so rather than claim it guards.
  const ends = /^\s*exit\b[^\n]*$/m.test(text);
  return {
    path,
    changed: true,
    ...(ends ? { note: `${path} has an exit line before the end: check that aim scan --staged is reached` } : {}),
  };
}
