// aim scan under strace: the values it looks for are in no argv of any process it starts, in
// no write to a file (the fixed history included), and on neither of its outputs.
// @both-backends
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, filesContaining, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";
import { requireTool } from "../../helpers/tools.js";

const SENTINEL = "sk-scan-SENTINEL-4a8d2e61c9";
const b64 = Buffer.from(`user:${SENTINEL}`).toString("base64");

/** Lines of an strace -y log that carry `needle` in an execve or in a write to a file (not a pipe or socket). */
function leaks(log: string, needle: string): string[] {
  return log
    .split("\n")
    .filter((l) => l.includes(needle))
    .filter((l) => /\bexecve\(/.test(l) || /\b(write|pwrite64|writev)\(\d+<\//.test(l));
}

const strace = suite("aim scan under strace");
strace("--all and --shell-history --fix: no value in argv, in a file write or on stdout/stderr", () => {
  requireTool("strace");
  const sb = sandbox();
  const home = join(sb.dir, "home");
  mkdirSync(home, { recursive: true });
  const over = { HOME: home, XDG_DATA_HOME: undefined, HISTFILE: undefined };
  const env = { ...sb.env, ...over };
  succeeds(sb.aim(["secrets", "set", "SCAN_T"], { input: SENTINEL, env: over }));
  const repo = join(sb.dir, "work", "repo");
  layout(repo, { ".env": `SCAN_T=${SENTINEL}\n`, "auth.txt": `Basic ${b64}\n` });
  const git = (...args: string[]) =>
    assert.is(
      spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@e", ...args], {
        cwd: repo,
        env: { ...env, GIT_CONFIG_GLOBAL: "/dev/null" },
      }).status,
      0,
    );
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "one");
  layout(home, {
    ".bash_history": `echo a\nexport SCAN_T=${SENTINEL}\necho b\n`,
    ".claude/projects/p/s.jsonl": `${JSON.stringify({ content: SENTINEL })}\n`,
  });
  const run = (name: string, args: string[]) => {
    const log = join(sb.dir, `${name}.strace`);
    const r = spawnSync(
      "strace",
      ["-f", "-y", "-s", "65536", "-e", "trace=execve,write,pwrite64,writev", "-o", log, process.execPath, AIM, ...args],
      {
        cwd: repo,
        env,
        encoding: "utf8",
      },
    );
    const text = readFileSync(log, "utf8");
    assert.ok(text.includes("execve("), "strace saw aim start");
    assert.not.ok(r.stdout.includes(SENTINEL) || r.stderr.includes(SENTINEL), "a value on stdout or stderr");
    assert.not.ok(r.stdout.includes(b64.slice(4, 20)), "an encoded value on stdout");
    assert.equal(leaks(text, SENTINEL), [], `${name}: value in argv or a file write`);
    return { r, text };
  };
  const all = run("all", ["scan", "--all"]);
  assert.is(all.r.status, 1, all.r.stderr);
  assert.match(all.r.stdout, /^\.env:1: SCAN_T \(default\) \[raw\]$/m);
  assert.match(all.r.stdout, /^auth\.txt:1: SCAN_T \(default\) \[base64\]$/m);
  assert.match(all.r.stdout, /^[0-9a-f]{40}:\.env:1: SCAN_T/m);
  assert.match(all.r.stdout, /\.bash_history:2: SCAN_T/);
  assert.match(all.r.stdout, /s\.jsonl:1: SCAN_T/);
  // git did run (history, index): the check above covered its argv.
  assert.match(all.text, /execve\("[^"]*git"/);
  const fixed = run("fix", ["scan", "--shell-history", "--fix"]);
  assert.is(fixed.r.status, 0, fixed.r.stderr);
  assert.match(
    fixed.text,
    /(?:write|pwrite64)\(\d+<[^>]*\.bash_history[^>]*>, "echo a\\necho b\\n"/,
    "the history was rewritten without the entry",
  );
  assert.equal(filesContaining(join(sb.dir, "data"), SENTINEL), []);
  assert.equal(filesContaining(join(sb.dir, "config"), SENTINEL), []);
});
strace("the leak check can fail: a value written to a file is caught", () => {
  const sb = sandbox();
  const log = join(sb.dir, "t.strace");
  const out = join(sb.dir, "leak.txt");
  spawnSync("strace", ["-f", "-y", "-e", "trace=write", "-o", log, "sh", "-c", `printf %s ${SENTINEL} > ${out}`]);
  assert.is(leaks(readFileSync(log, "utf8"), SENTINEL).length, 1);
});
strace.run();
