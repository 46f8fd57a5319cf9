// Every command the documentation shows is run here, so that no example can rot: the fenced
// blocks of README.md, docs/*.md (every page, whoever adds it) and bench/README.md.
//
// The convention, in a block's info string (the word after the opening fence):
//   sh, bash         run by an interactive bash (`bash -i`, as pasted into a terminal: the
//                    prompt hook runs between lines), with `set -e -o pipefail`
//   zsh, fish        run the same way by zsh (ERR_EXIT) or fish (line by line, stopping at
//                    the first line that fails: keep fish blocks to one command a line)
//   ts               library examples: not run (they call real AI tools), but type-checked
//                    together against the package's declarations (`aim-keys` is src/index.ts)
//   text, yaml, json, jsonc, toml, dotenv
//                    data or output, never run
//   LANG no-run: WHY not run, and WHY must say why (kept rare: a real key, a GUI, a
//                    network clone). Any other block (console, powershell, no info string)
//                    must carry no-run with a reason, or this test fails: nothing that
//                    looks like a command slips by unlabelled.
// Each block starts in $HOME in a fresh shell; files and the keyring carry over from the
// page's earlier blocks (a page is one reader's session), and each page starts from an
// empty HOME and an empty keyring service `aim`. HOME is a throwaway folder; the keyring is
// the test runner's private gnome-keyring (never yours), so the pages can use aim's real
// default service name. `aim` is on PATH as a symlink to dist/cli.js, as `npm link` makes it.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ENVIRONMENT, FILES } from "../../src/cli/environment.js";
import { AIM, ROOT } from "../helpers/cli.js";
import { requireTool } from "../helpers/tools.js";

const RUN: Record<string, string> = { sh: "bash", bash: "bash", zsh: "zsh", fish: "fish" };
const DATA = new Set(["text", "yaml", "json", "jsonc", "ts", "toml", "dotenv"]); // ts: type-checked below

export interface Block {
  file: string;
  line: number;
  lang: string;
  noRun: string | null;
  body: string;
}

/** The fenced blocks of one Markdown text (``` or ~~~, any length of three or more). */
export function blocks(file: string, text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]?.match(/^ {0,3}(`{3,}|~{3,})\s*(.*)$/);
    if (!open) continue;
    const fence = open[1] as string;
    const info = (open[2] ?? "").trim();
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[i] ?? ""); i++)
      body.push(lines[i] ?? "");
    const [lang = "", ...rest] = info.split(/\s+/);
    const attrs = rest.join(" ");
    const noRun = attrs.match(/^no-run:\s*(.*)$/)?.[1]?.trim() ?? (attrs.startsWith("no-run") ? "" : null);
    out.push({ file, line: start + 1, lang, noRun, body: body.join("\n") });
  }
  return out;
}

/** What is wrong with a block's label, or null. */
export function labelProblem(b: Block): string | null {
  if (b.noRun !== null) return b.noRun.length < 8 ? "no-run needs a reason: `LANG no-run: why it cannot run`" : null;
  if (RUN[b.lang] || DATA.has(b.lang)) return null;
  return `a \`${b.lang || "(no info string)"}\` block is neither run nor data: label it sh/bash/zsh/fish (run), text (output), or add \`no-run: why\``;
}

function pages(): string[] {
  const docs = join(ROOT, "docs");
  const list = [join(ROOT, "README.md"), join(ROOT, "bench", "README.md")];
  if (existsSync(docs)) for (const name of readdirSync(docs).sort()) if (name.endsWith(".md")) list.push(join(docs, name));
  return list.filter((f) => existsSync(f));
}

// --- the convention itself (pure) ---
const convention = suite("docs: the block convention");
convention("blocks, their language, their no-run reason and their line", () => {
  const md =
    "x\n```sh\naim status\n```\n\n```console no-run: a transcript of a real terminal\n$ aim\n```\n~~~~yaml\nkeys: []\n~~~~\n```\nbare\n```\n";
  const got = blocks("m.md", md);
  assert.equal(
    got.map((b) => [b.line, b.lang, b.noRun, b.body]),
    [
      [2, "sh", null, "aim status"],
      [6, "console", "a transcript of a real terminal", "$ aim"],
      [9, "yaml", null, "keys: []"],
      [12, "", null, "bare"],
    ],
  );
  assert.equal(
    got.map((b) => labelProblem(b) === null),
    [true, true, true, false],
  );
  assert.ok(labelProblem({ file: "m", line: 1, lang: "sh", noRun: "", body: "" }));
});
convention.run();

// --- every page ---
const page = suite("docs: every command shown runs");
const isolated = process.env.AIM_TEST_BACKEND === "keyring" && process.env.AIM_TEST_SESSION === "1";

page("the pages exist and are found (README.md, docs/*.md, bench/README.md)", () => {
  const found = pages().map((f) => relative(ROOT, f));
  assert.ok(found.includes("README.md") && found.includes("bench/README.md"), found.join(" "));
  assert.ok(found.filter((f) => f.startsWith("docs/")).length >= 5, found.join(" "));
});

page("every block is labelled: run, data, or no-run with a reason", () => {
  const bad = pages().flatMap((f) =>
    blocks(relative(ROOT, f), readFileSync(f, "utf8"))
      .map((b) => [b, labelProblem(b)] as const)
      .filter(([, p]) => p !== null)
      .map(([b, p]) => `${b.file}:${b.line}: ${p}`),
  );
  assert.equal(bad, []);
});

/** Pages other work is writing now: a link to one of them may point nowhere yet. */
const PENDING = ["docs/broker.md", "docs/mcp.md", "docs/scan.md", "docs/team.md"];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

page("every relative link points at a file, and an anchor at a heading in it", () => {
  const bad: string[] = [];
  for (const file of pages()) {
    const text = readFileSync(file, "utf8").replace(/^(```|~~~)[\s\S]*?^\1/gm, "");
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1] as string;
      if (/^[a-z]+:/i.test(link)) continue;
      const [path = "", anchor] = link.split("#");
      const target = path === "" ? file : join(dirname(file), path);
      const rel = relative(ROOT, target);
      if (!existsSync(target)) {
        if (!PENDING.includes(rel)) bad.push(`${relative(ROOT, file)}: ${link}: no such file`);
        continue;
      }
      if (anchor === undefined) continue;
      const headings = readFileSync(target, "utf8")
        .replace(/^(```|~~~)[\s\S]*?^\1/gm, "")
        .split("\n")
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => slug(l.replace(/^#+ /, "")));
      if (!headings.includes(anchor)) bad.push(`${relative(ROOT, file)}: ${link}: no heading #${anchor} in ${rel}`);
    }
  }
  assert.equal(bad, []);
  assert.is(slug("`aim exec` inside"), "aim-exec-inside");
});

page("docs/config.md lists every AIM_* variable and file, as the man page does", () => {
  const text = readFileSync(join(ROOT, "docs", "config.md"), "utf8");
  for (const v of ENVIRONMENT) assert.ok(text.includes(`| \`${v.name}\` | ${v.text} |`), `docs/config.md's row for ${v.name}`);
  for (const f of FILES) assert.ok(text.includes(`| ${f.path} | ${f.text} |`), `docs/config.md's row for ${f.path}`);
  const rows = [...text.matchAll(/^\| `(AIM_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
  assert.equal(
    rows,
    ENVIRONMENT.map((v) => v.name),
    "the table's rows, in src/cli/environment.ts's order",
  );
});

page("every ts block type-checks against the package's own types", () => {
  const ts = pages().flatMap((f) => blocks(relative(ROOT, f), readFileSync(f, "utf8")).filter((b) => b.lang === "ts" && b.noRun === null));
  assert.ok(ts.length > 0, "no ts block found: docs/library.md shows the library");
  const dir = mkdtempSync(join(tmpdir(), "aim-docs-ts-"));
  const names = ts.map((b, i) => {
    const name = `block${i}.mts`;
    writeFileSync(join(dir, name), b.body);
    return name;
  });
  const compilerOptions = {
    strict: true,
    noEmit: true,
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    lib: ["es2023"],
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules", "@types")],
    paths: { "aim-keys": [join(ROOT, "src", "index.ts")] },
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: names }));
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], {
    encoding: "utf8",
  });
  const where = ts.map((b, i) => `block${i}.mts = ${b.file}:${b.line}`).join("\n");
  rmSync(dir, { recursive: true, force: true });
  assert.is(r.status, 0, `${r.stdout}${r.stderr}\n${where}`);
});

/** A throwaway HOME with `aim` on PATH, and the env a reader's shell would have. */
function world() {
  const home = mkdtempSync(join(tmpdir(), "aim-docs-"));
  chmodSync(home, 0o700);
  const bin = join(home, ".local", "bin");
  mkdirSync(bin, { recursive: true });
  symlinkSync(AIM, join(bin, "aim"));
  const run = join(home, ".run");
  mkdirSync(run, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("AIM_") && !k.startsWith("npm_") && k !== "FORCE_COLOR") env[k] = v;
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_RUNTIME_DIR: run,
    PATH: [bin, dirname(process.execPath), process.env.PATH].join(":"),
    NO_COLOR: "1",
    TERM: "dumb",
    LANG: "C.UTF-8",
    PS1: "",
    PROMPT: "",
    // A new vault's scrypt at 2^10 rather than age's 2^18, as in the other suites: the pages
    // pay it on every command that reads AIM_VAULT_PASSPHRASE. Nothing they show depends on it.
    AIM_VAULT_WORK_FACTOR: "10",
    // The real CLIs are not on PATH here (npm run test:clis drives them).
  });
  return { home, scripts: mkdtempSync(join(tmpdir(), "aim-docs-blocks-")), env };
}

/** Empties the keyring services the pages use, in the runner's private keyring. */
function clearKeyring(env: NodeJS.ProcessEnv) {
  for (const service of ["aim", "aim.identity"]) spawnSync("secret-tool", ["clear", "service", service], { env, stdio: "ignore" });
}

function runBlock(b: Block, w: { home: string; scripts: string; env: NodeJS.ProcessEnv }) {
  const shell = RUN[b.lang] as string;
  requireTool(shell);
  const argv = shell === "bash" ? ["--norc", "--noprofile", "-i"] : shell === "zsh" ? ["-f", "-i"] : ["--no-config", "-i"];
  // The last line proves the shell read the whole block itself: a command that read its
  // standard input (a prompt for a value) would have swallowed the rest. fish has no set -e,
  // so a fish block runs line by line, each followed by a status check.
  const end = "echo __aim_docs_block_end__\n";
  const script =
    shell === "fish"
      ? `function fish_prompt; end\n${b.body
          .split("\n")
          .filter((l) => l.trim() !== "" && !l.trim().startsWith("#"))
          .map((l) => `${l}\nor exit 1\n`)
          .join("")}${end}`
      : `${shell === "zsh" ? "setopt ERR_EXIT PIPE_FAIL" : "set -e -o pipefail"}\n${b.body}\n${end}`;
  // From a file, not a pipe: fish cannot read its commands from the socket Node's `input` uses.
  const file = join(w.scripts, `block-${b.line}.${b.lang}`);
  writeFileSync(file, script);
  const fd = openSync(file, "r");
  const r = spawnSync(shell, argv, { cwd: w.home, env: w.env, stdio: [fd, "pipe", "pipe"], encoding: "utf8", timeout: 120_000 });
  closeSync(fd);
  const shown = `${b.file}:${b.line} (${b.lang}) exit ${r.status}${r.signal ? ` ${r.signal}` : ""}\n--- block ---\n${b.body}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
  assert.is(r.error, undefined, shown);
  assert.is(r.signal, null, shown);
  assert.is(r.status, 0, shown);
  assert.ok(
    r.stdout.includes("__aim_docs_block_end__"),
    `a command read the rest of the block from standard input: pipe its input\n${shown}`,
  );
}

for (const file of pages()) {
  const rel = relative(ROOT, file);
  const runnable = blocks(rel, readFileSync(file, "utf8")).filter((b) => b.noRun === null && RUN[b.lang]);
  if (runnable.length === 0) continue;
  page(`${rel}: its ${runnable.length} command block(s) run and succeed`, () => {
    assert.ok(
      isolated,
      "the documentation runs only inside test/run.mjs's keyring pass (a private gnome-keyring): it uses aim's default keyring service",
    );
    const w = world();
    clearKeyring(w.env);
    try {
      for (const b of runnable) runBlock(b, w);
    } finally {
      // What the pages started: the vault agent, gpg-agent (pass). Then the keyring and HOME.
      spawnSync(join(w.home, ".local", "bin", "aim"), ["vault", "lock"], { env: w.env, stdio: "ignore" });
      spawnSync("gpgconf", ["--kill", "all"], { env: w.env, stdio: "ignore" });
      clearKeyring(w.env);
      rmSync(w.home, { recursive: true, force: true });
      rmSync(w.scripts, { recursive: true, force: true });
    }
  });
}
page.run();
