// aim scan against real git repositories and real files: every encoding, a look-alike corpus,
// --json, history with its commit, the index, the pre-commit hook in a real `git commit`,
// agents' folders, unreadable files, usage errors. Values are stored in the real store first.
// @both-backends
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { aimOnPath } from "../../helpers/hook-shells.js";
import { layout } from "../../helpers/project.js";

const OPENAI = "sk-proj-Zq7fA1b2C3d4E5f6G7h8I9j0kLmN";
const GITHUB = "ghp_Wk9x~~~>??z8Q7r6S5t4U3v2W1x0Yz";
const ODD = 'pa$$:w"ord/ü\\ 100%';

function world(extra: Record<string, string> = {}) {
  const sb = sandbox();
  const home = join(sb.dir, "home");
  mkdirSync(home, { recursive: true });
  const over = { HOME: home, XDG_DATA_HOME: join(home, ".local", "share"), XDG_CONFIG_HOME: join(home, ".config"), HISTFILE: undefined };
  const env: NodeJS.ProcessEnv = { ...sb.env, ...over };
  const aim = (args: string[], opts: { cwd?: string; input?: string } = {}) => sb.aim(args, { ...opts, env: over });
  for (const [k, v] of Object.entries({ OPENAI_API_KEY: OPENAI, "work/GITHUB_TOKEN": GITHUB, ODD_SECRET: ODD, SHORT: "abc12", ...extra })) {
    succeeds(aim(["secrets", "set", k], { input: v }));
  }
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args], {
      cwd,
      encoding: "utf8",
      env: { ...env, GIT_CONFIG_GLOBAL: "/dev/null" },
    });
    assert.is(r.status, 0, `git ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  const repo = join(sb.dir, "work", "repo");
  mkdirSync(repo, { recursive: true });
  git(repo, "init", "-q");
  return { ...sb, aim, env, home, git, repo };
}

const noValue = (r: { stdout: string; stderr: string }) => {
  for (const v of [OPENAI, GITHUB, ODD]) assert.not.ok(r.stdout.includes(v) || r.stderr.includes(v), "a value was printed");
};
const b64 = (s: string) => Buffer.from(s).toString("base64");
const b64url = (s: string) => Buffer.from(s).toString("base64url");

const enc = suite("aim scan: every encoding, nothing else");
enc("raw, base64 and base64url at each alignment, url and json are each found, on their line", () => {
  const w = world();
  layout(w.repo, {
    "raw.txt": `one\nOPENAI_API_KEY=${OPENAI}\n`,
    "basic.txt": `x\ny\nAuthorization: Basic ${b64(`anyuser:${GITHUB}`)}\n`,
    "b64-0.txt": `${b64url(GITHUB)}\n`,
    "b64-1.txt": `${b64(`u${GITHUB}`)}\n`,
    "b64-2.txt": `${b64(`us${GITHUB}`)}\n`,
    "b64url.txt": `token=${b64url(`ab:${GITHUB}`)}\n`,
    "url.txt": `https://x.example/?k=${encodeURIComponent(ODD)}\n`,
    "json.json": `${JSON.stringify({ a: 1, secret: ODD })}\n`,
  });
  const r = w.aim(["scan", "--json"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: /^\[/, stderr: /not searching for SHORT: shorter than 8 characters/ });
  noValue(r);
  const got = (JSON.parse(r.stdout) as Array<Record<string, unknown>>)
    .map((f) => `${f.path}:${f.line}:${f.key}:${f.profile}:${f.encoding}`)
    .sort();
  assert.equal(got, [
    "b64-0.txt:1:GITHUB_TOKEN:work:base64url",
    "b64-1.txt:1:GITHUB_TOKEN:work:base64",
    "b64-2.txt:1:GITHUB_TOKEN:work:base64",
    "b64url.txt:1:GITHUB_TOKEN:work:base64url",
    "basic.txt:3:GITHUB_TOKEN:work:base64",
    "json.json:1:ODD_SECRET:default:json",
    "raw.txt:2:OPENAI_API_KEY:default:raw",
    "url.txt:1:ODD_SECRET:default:url",
  ]);
  const text = w.aim(["scan"], { cwd: w.repo });
  expectRun(text, { code: 1, stdout: /^raw\.txt:2: OPENAI_API_KEY \(default\) \[raw\]$/m, stderr: /8 finding\(s\) of 3 stored key\(s\)/ });
  assert.match(text.stdout, /^basic\.txt:3: GITHUB_TOKEN \(work\) \[base64\]$/m);
  assert.match(text.stderr, /rotate these keys/);
  noValue(text);
});
enc("a corpus of look-alike keys (same shapes, other values) gives nothing, exit 0", () => {
  const w = world();
  const files: Record<string, string> = {};
  const near = (v: string, i: number) => v.slice(0, -1) + String.fromCharCode(v.charCodeAt(v.length - 1) ^ (1 + (i % 7)));
  for (let i = 0; i < 40; i++) {
    files[`f${i}.jsonl`] =
      `${JSON.stringify({ t: near(OPENAI, i), u: OPENAI.slice(0, -2), b: b64(near(GITHUB, i)), p: GITHUB.slice(1) })}\n`;
  }
  layout(w.repo, files);
  const r = w.aim(["scan"], { cwd: w.repo });
  expectRun(r, { code: 0, stdout: "", stderr: /no stored value found \(40 file\(s\) searched, 3 value\(s\) looked for\)/ });
  const j = w.aim(["scan", "--json"], { cwd: w.repo });
  expectRun(j, { code: 0, stdout: "[]\n", stderr: /no stored value found/ });
});
enc("a value split across two read chunks (1 MiB) is found once, with its line", () => {
  const w = world();
  const pad = "a".repeat(1024 * 1024 - 10);
  layout(w.repo, { "big.log": `${pad}\n${OPENAI}\nend\n` });
  const r = w.aim(["scan", "--json"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: /^\[/, stderr: /1 finding/ });
  assert.equal(JSON.parse(r.stdout), [{ path: "big.log", line: 2, key: "OPENAI_API_KEY", profile: "default", encoding: "raw" }]);
});
enc("--profile looks only for that profile's keys", () => {
  const w = world();
  layout(w.repo, { a: `${OPENAI}\n${GITHUB}\n` });
  const r = w.aim(["scan", "--profile", "work"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: "a:2: GITHUB_TOKEN (work) [raw]\n", stderr: /1 finding/ });
});
enc.run();

const tree = suite("aim scan: the working tree and paths");
tree("tracked and untracked files are searched, ignored ones are not; a path outside git is searched whole", () => {
  const w = world();
  layout(w.repo, { ".gitignore": "ignored/\n", "tracked.env": `K=${OPENAI}\n`, "ignored/x": OPENAI, "new.txt": OPENAI });
  w.git(w.repo, "add", ".gitignore", "tracked.env");
  const r = w.aim(["scan"], { cwd: w.repo });
  expectRun(r, {
    code: 1,
    stdout: "new.txt:1: OPENAI_API_KEY (default) [raw]\ntracked.env:1: OPENAI_API_KEY (default) [raw]\n",
    stderr: /2 finding/,
  });
  mkdirSync(join(w.repo, "deep", "er"), { recursive: true });
  const sub = w.aim(["scan"], { cwd: join(w.repo, "deep", "er") });
  expectRun(sub, {
    code: 1,
    stdout: `${join(w.repo, "new.txt")}:1: OPENAI_API_KEY (default) [raw]\n${join(w.repo, "tracked.env")}:1: OPENAI_API_KEY (default) [raw]\n`,
    stderr: /2 finding/,
  });
  const named = w.aim(["scan", "ignored"], { cwd: w.repo });
  expectRun(named, { code: 1, stdout: "ignored/x:1: OPENAI_API_KEY (default) [raw]\n", stderr: /1 finding/ });
  const outside = layout(join(w.dir, "loose"), { "a/b/.hidden": `\n\n${OPENAI}` });
  const o = w.aim(["scan", outside], { cwd: w.repo });
  expectRun(o, { code: 1, stdout: `${join(outside, "a", "b", ".hidden")}:3: OPENAI_API_KEY (default) [raw]\n`, stderr: /1 finding/ });
});
tree(".env findings point at aim secrets import", () => {
  const w = world();
  layout(w.repo, { ".env": `OPENAI_API_KEY=${OPENAI}\n` });
  const r = w.aim(["scan"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: ".env:1: OPENAI_API_KEY (default) [raw]\n", stderr: /aim secrets import \.env/ });
  assert.match(r.stderr, /https:\/\/platform\.openai\.com\/api-keys/);
});
tree("a file name with control characters is escaped before it reaches the terminal", () => {
  const w = world();
  layout(w.repo, { "evil\u001b]0;pwned\u0007.txt": OPENAI });
  const r = w.aim(["scan"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: "evil\\u001b]0;pwned\\u0007.txt:1: OPENAI_API_KEY (default) [raw]\n", stderr: /1 finding/ });
});
tree("a large binary is skipped unless named (unreadable files: scan-unreadable.test.ts)", () => {
  const w = world();
  const bin = Buffer.alloc(11 * 1024 * 1024);
  bin.write(OPENAI, 5 * 1024 * 1024);
  writeFileSync(join(w.repo, "blob.bin"), bin);
  const r = w.aim(["scan"], { cwd: w.repo });
  expectRun(r, { code: 0, stdout: "", stderr: /skipped 1 large binary file\(s\), name one to search it: blob\.bin/ });
  const named = w.aim(["scan", "blob.bin"], { cwd: w.repo });
  expectRun(named, { code: 1, stdout: "blob.bin:1: OPENAI_API_KEY (default) [raw]\n", stderr: /1 finding/ });
});
tree("usage: --fix without --shell-history, a missing PATH's error, --help", () => {
  const w = world();
  expectRun(w.aim(["scan", "--fix"], { cwd: w.repo }), { code: 2, stdout: "", stderr: /--fix only fixes shell histories/ });
  expectRun(w.aim(["scan", "--bogus"], { cwd: w.repo }), { code: 2, stdout: "", stderr: /--bogus/ });
  expectRun(w.aim(["scan", "nope.txt"], { cwd: w.repo }), {
    code: 2,
    stdout: "",
    stderr: /^aim: no such file or folder: nope\.txt\. Check the PATH/,
  });
  expectRun(w.aim(["scan", "--staged"], { cwd: w.dir }), { code: 2, stdout: "", stderr: /--staged looks in a git repository/ });
  // --all outside a repository: the index and history are left out, the rest is searched.
  const loose = layout(join(w.dir, "loose"), { "notes.txt": `${GITHUB}\n` });
  expectRun(w.aim(["scan", "--all"], { cwd: loose }), {
    code: 1,
    stdout: "notes.txt:1: GITHUB_TOKEN (work) [raw]\n",
    stderr: /e\.g\. aim secrets set work\/GITHUB_TOKEN/,
  });
  expectRun(w.aim(["scan", "--help"]), { code: 0, stdout: /^Usage: aim scan \[PATH\.\.\.\] \[options\]/, stderr: "" });
});
tree.run();

const git = suite("aim scan: the index, history and the pre-commit hook");
git("--history finds a value added in one commit and removed in a later one once, with that commit", () => {
  const w = world();
  layout(w.repo, { "config.js": "module.exports = {};\n" });
  w.git(w.repo, "add", ".");
  w.git(w.repo, "commit", "-qm", "first");
  layout(w.repo, { "config.js": `module.exports = {\n  key: "${OPENAI}",\n};\n` });
  w.git(w.repo, "commit", "-qam", "add the key");
  const added = w.git(w.repo, "rev-parse", "HEAD").trim();
  w.git(w.repo, "mv", "config.js", "settings.js");
  w.git(w.repo, "commit", "-qm", "rename: the same blob again");
  w.git(w.repo, "branch", "old");
  layout(w.repo, { "settings.js": "module.exports = { key: process.env.OPENAI_API_KEY };\n" });
  w.git(w.repo, "commit", "-qam", "remove the key");
  expectRun(w.aim(["scan"], { cwd: w.repo }), { code: 0, stdout: "", stderr: /no stored value found/ });
  const r = w.aim(["scan", "--history"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: `${added}:config.js:2: OPENAI_API_KEY (default) [raw]\n`, stderr: /git filter-repo/ });
  const j = w.aim(["scan", "--history", "--json"], { cwd: w.repo });
  assert.equal(JSON.parse(j.stdout), [
    { path: "config.js", line: 2, key: "OPENAI_API_KEY", profile: "default", encoding: "raw", commit: added },
  ]);
});
git("a real git commit is blocked by the installed hook, and passes once the value is gone", () => {
  const w = world();
  const bin = aimOnPath(w);
  const env = { ...w.env, PATH: `${bin}:${process.env.PATH}` };
  const gitc = (...args: string[]) =>
    spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: w.repo,
      encoding: "utf8",
      env: { ...env, GIT_CONFIG_GLOBAL: "/dev/null" },
    });
  // An existing hook, in a core.hooksPath folder: appended to, never replaced.
  const hooks = join(w.repo, ".githooks");
  layout(hooks, { "pre-commit": "#!/bin/sh\necho existing-hook-ran\n" });
  chmodSync(join(hooks, "pre-commit"), 0o755);
  assert.is(gitc("config", "core.hooksPath", ".githooks").status, 0);
  const first = w.aim(["scan", "--install-hook"], { cwd: w.repo });
  expectRun(first, { code: 0, stdout: "", stderr: /\.githooks\/pre-commit now runs aim scan --staged before each commit/ });
  const second = w.aim(["scan", "--install-hook"], { cwd: w.repo });
  expectRun(second, { code: 0, stdout: "", stderr: /already runs aim scan --staged/ });
  const hook = readFileSync(join(hooks, "pre-commit"), "utf8");
  assert.is(hook.split("aim scan --staged").length - 1, 1, "added once");
  assert.ok(hook.startsWith("#!/bin/sh\necho existing-hook-ran\n"), "the existing hook is kept");
  assert.is(statSync(join(hooks, "pre-commit")).mode & 0o777, 0o755);

  layout(w.repo, { "app.env": `OPENAI_API_KEY=${OPENAI}\n`, ".githooks/pre-commit": hook });
  assert.is(gitc("add", "app.env").status, 0);
  const blocked = gitc("commit", "-m", "with a key");
  assert.is(blocked.status, 1, blocked.stderr);
  assert.match(blocked.stdout + blocked.stderr, /existing-hook-ran/);
  // git hands a hook's stdout to stderr.
  assert.match(blocked.stderr, /^app\.env:1: OPENAI_API_KEY \(default\) \[raw\]$/m);
  noValue(blocked);
  assert.not.ok(gitc("rev-parse", "-q", "--verify", "HEAD").status === 0, "nothing was committed");
  layout(w.repo, { "app.env": "OPENAI_API_KEY=\n" });
  assert.is(gitc("add", "app.env").status, 0);
  const passed = gitc("commit", "-m", "without the key");
  assert.is(passed.status, 0, passed.stdout + passed.stderr);
  // The working tree may still hold it, unstaged: --staged reads the index only.
  layout(w.repo, { "app.env": `OPENAI_API_KEY=${OPENAI}\n` });
  expectRun(w.aim(["scan", "--staged"], { cwd: w.repo }), { code: 0, stdout: "", stderr: /no stored value found/ });
});
git("--install-hook writes a new hook in .git/hooks when there is none", () => {
  const w = world();
  const r = w.aim(["scan", "--install-hook"], { cwd: w.repo });
  expectRun(r, { code: 0, stdout: "", stderr: /\.git\/hooks\/pre-commit now runs/ });
  const path = join(w.repo, ".git", "hooks", "pre-commit");
  assert.match(readFileSync(path, "utf8"), /^#!\/bin\/sh\n[^\n]*\naim scan --staged \|\| exit \$\?\n$/);
  assert.is(statSync(path).mode & 0o777, 0o755);
});
git.run();

const agents = suite("aim scan --agents");
agents("finds values in Claude Code, Codex and Gemini files and MCP configs, and suggests aim mcp secure", () => {
  const w = world();
  const h = w.home;
  layout(h, {
    ".claude/projects/-work-repo/abc.jsonl": `${JSON.stringify({ type: "user" })}\n${JSON.stringify({ type: "tool_result", content: `OPENAI_API_KEY=${OPENAI}` })}\n`,
    ".codex/history.jsonl": `${JSON.stringify({ text: `use ${ODD}` })}\n`,
    ".codex/sessions/2026/01/rollout.jsonl": `{}\n{}\n${JSON.stringify({ auth: `Basic ${b64(`x:${GITHUB}`)}` })}\n`,
    ".gemini/tmp/chats/session.json": `{}\n${JSON.stringify({ parts: [{ text: `export OPENAI_API_KEY=${OPENAI}` }] })}\n`,
    ".claude.json": JSON.stringify({ projects: { "/w": { mcpServers: { o: { env: { OPENAI_API_KEY: OPENAI } } } } } }),
    ".cursor/mcp.json": JSON.stringify({ mcpServers: { gh: { command: "gh-mcp", env: { GITHUB_TOKEN: GITHUB } } } }, null, 2),
  });
  const r = w.aim(["scan", "--agents"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: /^/, stderr: /aim mcp secure/ });
  noValue(r);
  const lines = r.stdout.trim().split("\n").sort();
  assert.equal(lines, [
    `${h}/.claude.json:1: OPENAI_API_KEY (default) [raw]`,
    `${h}/.claude/projects/-work-repo/abc.jsonl:2: OPENAI_API_KEY (default) [raw]`,
    `${h}/.codex/history.jsonl:1: ODD_SECRET (default) [json]`,
    `${h}/.codex/sessions/2026/01/rollout.jsonl:3: GITHUB_TOKEN (work) [base64]`,
    `${h}/.cursor/mcp.json:6: GITHUB_TOKEN (work) [raw]`,
    `${h}/.gemini/tmp/chats/session.json:2: OPENAI_API_KEY (default) [raw]`,
  ]);
  assert.match(r.stderr, /aim does not rewrite them/);
  // --fix is for shell histories only: the agents' files are another program's, left as they were.
  const transcript = join(h, ".claude", "projects", "-work-repo", "abc.jsonl");
  const before = readFileSync(transcript);
  expectRun(w.aim(["scan", "--agents", "--fix"], { cwd: w.repo }), { code: 2, stdout: "", stderr: /--fix only fixes shell histories/ });
  expectRun(w.aim(["scan", "--all", "--fix"], { cwd: w.repo }), { code: 2, stdout: "", stderr: /--fix only fixes shell histories/ });
  assert.ok(readFileSync(transcript).equals(before), "the transcript is unchanged");
});
agents("--all in a repository searches the work tree, the index, history, agents' files and shell histories in one run", () => {
  const w = world();
  layout(w.repo, { "old.js": `k = "${OPENAI}";\n` });
  w.git(w.repo, "add", ".");
  w.git(w.repo, "commit", "-qm", "add");
  const commit = w.git(w.repo, "rev-parse", "HEAD").trim();
  w.git(w.repo, "rm", "-q", "old.js");
  w.git(w.repo, "commit", "-qm", "remove");
  layout(w.repo, { "staged.txt": `${GITHUB}\n` });
  w.git(w.repo, "add", "staged.txt");
  layout(w.repo, { "staged.txt": "gone from the work tree, still in the index\n", "tree.txt": `x\n${OPENAI}\n` });
  layout(w.home, { ".bash_history": `ls\nexport K=${GITHUB}\n`, ".codex/history.jsonl": `${JSON.stringify({ text: OPENAI })}\n` });
  const r = w.aim(["scan", "--all", "--json"], { cwd: w.repo });
  expectRun(r, { code: 1, stdout: /^\[/, stderr: /5 finding\(s\) of 2 stored key\(s\)/ });
  noValue(r);
  const got = (JSON.parse(r.stdout) as Array<Record<string, unknown>>).map((f) => `${f.commit ?? ""}|${f.path}:${f.line}:${f.key}`).sort();
  assert.equal(got, [
    `${commit}|old.js:1:OPENAI_API_KEY`,
    `|${w.home}/.bash_history:2:GITHUB_TOKEN`,
    `|${w.home}/.codex/history.jsonl:1:OPENAI_API_KEY`,
    "|staged.txt:1:GITHUB_TOKEN",
    "|tree.txt:2:OPENAI_API_KEY",
  ]);
});
agents.run();

const doctor = suite("aim doctor: a quick --agents --shell-history scan");
doctor("reports how many places hold a value, with the fix; none when they are gone", () => {
  const w = world();
  layout(w.home, {
    ".bash_history": `ls\nexport OPENAI_API_KEY=${OPENAI}\n`,
    ".claude/projects/p/s.jsonl": `${JSON.stringify({ out: GITHUB })}\n`,
  });
  const r = w.aim(["doctor", "--json"], { cwd: w.repo });
  noValue(r);
  const scan = (JSON.parse(r.stdout).checks as Array<{ id: string; status: string; detail: string; fix: string | null }>).find(
    (c) => c.id === "scan",
  );
  assert.equal(scan && { status: scan.status, detail: scan.detail }, {
    status: "warn",
    detail: "2 place(s) hold the value of 2 stored key(s) in plain text (agents, shell-history)",
  });
  assert.match(scan?.fix ?? "", /aim scan --shell-history --fix/);
  expectRun(w.aim(["scan", "--shell-history", "--fix"]), { code: 0, stdout: "", stderr: /removed 1 entry/ });
  layout(w.home, { ".claude/projects/p/s.jsonl": "{}\n" });
  const again = JSON.parse(w.aim(["doctor", "--json"], { cwd: w.repo }).stdout).checks.find((c: { id: string }) => c.id === "scan");
  assert.is(again.status, "ok");
  assert.match(again.detail, /^none of 3 stored value\(s\) found in 2 file\(s\)$/);
});
doctor.run();
