#!/usr/bin/env node
// aim scan's bench (DESIGN "Start-up budget": at most 2× `grep -rF -f VALUES` over the same
// tree; memory flat as the tree grows). Builds a corpus of JSONL transcripts and source
// files with 50 stored values (a few planted, some of them base64 in Basic auth), stores the
// values in a throwaway file vault, then times `aim scan DIR` against `grep -rF -f VALUES DIR`
// (the floor) and `varlock scan DIR` (npm varlock@1.20.0, the same 50 values marked
// @sensitive in its .env.schema) in interleaved rounds (median), and measures the peak RSS of
// aim and varlock at two corpus sizes.
//   node bench/scan.mjs               about 1 GB (and 250 MB for the memory comparison)
//   node bench/scan.mjs --quick       about 40 MB and 10 MB, 3 rounds
//   --mb N   the large corpus in MB    --runs N   rounds    --aim PATH   dist/cli.js to run
//   --keep DIR   build (or reuse) the corpus in DIR and leave it there
//   --no-varlock   leave varlock out (it is installed into bench/.tmp/varlock on first use)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean" },
    mb: { type: "string" },
    runs: { type: "string" },
    aim: { type: "string" },
    keep: { type: "string" },
    "no-varlock": { type: "boolean" },
  },
});
const bigMb = Number(opts.mb ?? (opts.quick ? 40 : 1024));
const smallMb = Math.max(1, Math.round(bigMb / 4));
const runs = Number(opts.runs ?? (opts.quick ? 3 : 5));
const aim = opts.aim ?? join(root, "dist", "cli.js");
if (!existsSync(aim)) {
  console.error(`bench: ${aim} is missing: npm run build`);
  process.exit(1);
}
// varlock scan, outside git (bench/.tmp is ignored). It runs on the Node that runs this bench.
const VARLOCK = "varlock@1.20.0";
const varlockDir = join(root, "bench", ".tmp", "varlock");
const varlockCli = join(varlockDir, "node_modules", "varlock", "bin", "cli.js");
if (!opts["no-varlock"] && !existsSync(varlockCli)) {
  console.error(`bench: installing ${VARLOCK} into ${varlockDir}`);
  const r = spawnSync("npm", ["i", "--prefix", varlockDir, VARLOCK, "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (r.status !== 0 || !existsSync(varlockCli)) {
    console.error(`bench: installing ${VARLOCK} failed; run npm i --prefix bench/.tmp/varlock ${VARLOCK}, or pass --no-varlock`);
    process.exit(1);
  }
}

// A seeded generator: the same corpus every run.
let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const token = (n) => Array.from({ length: n }, () => pick(ALNUM)).join("");
const PREFIX = ["sk-proj-", "sk-ant-api03-", "ghp_", "AIza", "xoxb-", "glpat-", "sk_live_", ""];
// The stored values, and look-alikes (same shapes, other values) that fill the corpus.
const values = Array.from({ length: 50 }, (_, i) => `${PREFIX[i % PREFIX.length]}${token(24 + (i % 5) * 8)}`);
const lookalike = () => `${pick(PREFIX)}${token(24 + Math.floor(rand() * 5) * 8)}`;
const WORDS =
  "the a of to and in is it you that for on with as this was are be at or have from by not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know".split(
    " ",
  );
const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(" ");

function jsonlLine() {
  const kind = rand();
  if (kind < 0.5)
    return JSON.stringify({
      type: "assistant",
      uuid: token(32),
      message: { role: "assistant", content: [{ type: "text", text: sentence(20 + Math.floor(rand() * 60)) }] },
    });
  if (kind < 0.8)
    return JSON.stringify({
      type: "tool_result",
      tool_use_id: `toolu_${token(24)}`,
      content: `${sentence(10)}\nexport API_KEY=${lookalike()}\n${sentence(30)}`,
    });
  return JSON.stringify({
    type: "user",
    sessionId: token(36),
    cwd: "/home/u/src/project",
    message: { role: "user", content: sentence(15) },
  });
}
function sourceLine() {
  const kind = rand();
  if (kind < 0.3)
    return `  const ${pick(WORDS)}_${token(6)} = await fetch("https://api.example.com/v1/${pick(WORDS)}", { headers: { Authorization: \`Bearer \${process.env.${pick(WORDS).toUpperCase()}_KEY}\` } });`;
  if (kind < 0.4) return `  // ${sentence(12)} ${lookalike()}`;
  return `  ${pick(WORDS)}(${pick(WORDS)}, ${Math.floor(rand() * 1000)}); // ${sentence(8)}`;
}

/** Writes about `mb` MB: folders of JSONL sessions and source files; returns the planted findings. */
function build(dir, mb) {
  let planted = 0;
  const target = mb * 1024 * 1024;
  let written = 0;
  let n = 0;
  while (written < target) {
    const folder = join(dir, `p${Math.floor(n / 50)}`);
    mkdirSync(folder, { recursive: true });
    const jsonl = n % 3 !== 2;
    const size = jsonl ? 64 * 1024 + Math.floor(rand() * 1024 * 1024) : 2 * 1024 + Math.floor(rand() * 32 * 1024);
    const lines = [];
    let len = 0;
    while (len < size) {
      const l = jsonl ? jsonlLine() : sourceLine();
      lines.push(l);
      len += l.length + 1;
    }
    // One file in 40 holds a stored value: raw, or base64 of user:VALUE (Basic auth).
    if (n % 40 === 7) {
      const v = values[planted % 10];
      const at = Math.floor(rand() * lines.length);
      lines[at] =
        planted % 2
          ? `${lines[at]} Authorization: Basic ${Buffer.from(`anyuser:${v}`).toString("base64")}`
          : `${lines[at]} OPENAI_API_KEY=${v}`;
      planted++;
    }
    const text = `${lines.join("\n")}\n`;
    writeFileSync(join(folder, jsonl ? `s${n}.jsonl` : `m${n}.ts`), text);
    written += text.length;
    n++;
  }
  return { files: n, planted, bytes: written };
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
function timed(cmd, args, env, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
/** Peak RSS in MB of one run, from GNU time. */
function peakRss(args, env, cwd) {
  const r = spawnSync("/usr/bin/time", ["-f", "%M", ...args], { env, cwd, stdio: ["ignore", "ignore", "pipe"] });
  const kb = Number(r.stderr.toString().trim().split("\n").pop());
  return kb / 1024;
}

const work = opts.keep ?? mkdtempSync(join(tmpdir(), "aim-scan-bench-"));
const env = {
  ...process.env,
  HOME: join(work, "home"),
  AIM_DATA_DIR: join(work, "data"),
  AIM_CONFIG_DIR: join(work, "config"),
  AIM_BACKEND: "file",
  AIM_VAULT_PASSPHRASE: "bench passphrase, not a secret",
  AIM_VAULT_WORK_FACTOR: "10",
  NO_COLOR: "1",
};
try {
  mkdirSync(env.HOME, { recursive: true });
  const big = join(work, "big");
  const small = join(work, "small");
  const info = {};
  for (const [dir, mb] of [
    [big, bigMb],
    [small, smallMb],
  ]) {
    const stamp = join(work, `${mb}.json`);
    if (existsSync(stamp)) info[dir] = JSON.parse(readFileSync(stamp, "utf8"));
    else {
      seed = 0x9e3779b9 + mb;
      info[dir] = build(dir, mb);
      writeFileSync(stamp, JSON.stringify(info[dir]));
    }
  }
  const valuesFile = join(work, "values.txt");
  writeFileSync(valuesFile, `${values.join("\n")}\n`);
  if (!existsSync(join(env.AIM_DATA_DIR, "vault.age"))) {
    const input = `${values.map((v, i) => `K${i}=${v}`).join("\n")}\n`;
    writeFileSync(join(work, "values.env"), input);
    const r = spawnSync(process.execPath, [aim, "secrets", "import", join(work, "values.env")], { env });
    if (r.status !== 0) {
      console.error(`bench: storing the values failed: ${r.stderr}`);
      process.exit(1);
    }
  }
  // varlock scan finds the values of the items its schema marks @sensitive: the same 50
  // values, in a folder of their own (its working directory) so that it reads no other .env.
  // Named a folder, it reads every file under it whole (git-ignored ones too; it skips only
  // binary file extensions and files holding a NUL byte) and looks for each raw value, so it
  // covers the same files as aim and grep here; it looks for no encoded form.
  const varlockCwd = join(work, "varlock");
  const schema = join(varlockCwd, ".env.schema");
  const varlockEnv = { ...env, VARLOCK_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
  if (!opts["no-varlock"]) {
    mkdirSync(varlockCwd, { recursive: true });
    writeFileSync(schema, `# @defaultRequired=false\n# ---\n${values.map((v, i) => `# @sensitive\nK${i}=${v}\n`).join("")}`);
  }
  const runAim = (dir) => timed(process.execPath, [aim, "scan", dir], env);
  const runGrep = (dir) => timed("grep", ["-rF", "-f", valuesFile, dir], env);
  const runVarlock = (dir) => timed(process.execPath, [varlockCli, "scan", "--path", schema, dir], varlockEnv, varlockCwd);
  const lineCount = (text, re) => text.split("\n").filter((l) => re.test(l)).length;
  // Warm the page cache and check each finds what was planted.
  const a0 = runAim(big);
  const g0 = runGrep(big);
  const v0 = opts["no-varlock"] ? undefined : runVarlock(big);
  if (a0.status !== 1 || g0.status !== 0 || (v0 && v0.status !== 1)) {
    console.error(`bench: aim scan exited ${a0.status}, grep ${g0.status}, varlock ${v0?.status}: ${a0.stderr}${v0?.stderr ?? ""}`);
    process.exit(1);
  }
  const aimMs = [];
  const grepMs = [];
  const emptyMs = [];
  const varlockMs = [];
  const varlockEmptyMs = [];
  const empty = join(work, "empty");
  mkdirSync(empty, { recursive: true });
  for (let i = 0; i < runs; i++) {
    aimMs.push(runAim(big).ms);
    grepMs.push(runGrep(big).ms);
    // aim's fixed cost: Node's start, reading the 50 values from the vault, building the matcher.
    emptyMs.push(runAim(empty).ms);
    if (v0) {
      varlockMs.push(runVarlock(big).ms);
      // varlock's fixed cost: Node's start, loading and resolving its schema.
      varlockEmptyMs.push(runVarlock(empty).ms);
    }
  }
  const rssBig = peakRss([process.execPath, aim, "scan", big], env);
  const rssSmall = peakRss([process.execPath, aim, "scan", small], env);
  const mbOf = (d) => (info[d].bytes / 1048576).toFixed(0);
  const a = median(aimMs);
  const g = median(grepMs);
  console.log(
    `corpus: ${mbOf(big)} MB in ${info[big].files} files, 50 stored values, ${info[big].planted} planted (raw and base64 in turn)`,
  );
  console.log(
    `findings: aim ${lineCount(a0.stdout, /\S/)} (every encoding), grep ${lineCount(g0.stdout, /\S/)} lines (raw only)${v0 ? `, varlock ${lineCount(v0.stderr, /:\d+:\d+ K\d+/)} (raw only)` : ""}`,
  );
  console.log(`aim scan DIR        median ${a.toFixed(0)} ms (${(info[big].bytes / 1048576 / (a / 1000)).toFixed(0)} MB/s)`);
  console.log(`grep -rF -f VALUES  median ${g.toFixed(0)} ms`);
  const e = median(emptyMs);
  console.log(`aim scan EMPTY-DIR  median ${e.toFixed(0)} ms (start-up, values, matcher)`);
  if (v0) {
    const v = median(varlockMs);
    const ve = median(varlockEmptyMs);
    console.log(`varlock scan DIR    median ${v.toFixed(0)} ms (${VARLOCK})`);
    console.log(`varlock scan EMPTY  median ${ve.toFixed(0)} ms (start-up, schema)`);
    console.log(
      `ratio varlock/grep: ${(v / g).toFixed(2)}; aim/varlock: ${(a / v).toFixed(2)} (${((a - e) / (v - ve)).toFixed(2)} without either's start-up)`,
    );
  }
  console.log(
    `ratio aim/grep: ${(a / g).toFixed(2)} (budget 2.0; ${((a - e) / g).toFixed(2)} without aim's start-up), ${runs} interleaved rounds`,
  );
  console.log(`peak RSS of aim scan: ${rssSmall.toFixed(0)} MB at ${mbOf(small)} MB, ${rssBig.toFixed(0)} MB at ${mbOf(big)} MB`);
  if (v0) {
    const vBig = peakRss([process.execPath, varlockCli, "scan", "--path", schema, big], varlockEnv, varlockCwd);
    const vSmall = peakRss([process.execPath, varlockCli, "scan", "--path", schema, small], varlockEnv, varlockCwd);
    console.log(`peak RSS of varlock scan: ${vSmall.toFixed(0)} MB at ${mbOf(small)} MB, ${vBig.toFixed(0)} MB at ${mbOf(big)} MB`);
    const [major, minor] = process.versions.node.split(".").map(Number);
    if (major < 22 || (major === 22 && minor < 3)) console.log(`note: ${VARLOCK} declares node >=22.3; it ran on ${process.version}`);
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${cpus().length} cores; node ${process.version}; ${execFileSync("grep", ["--version"]).toString().split("\n")[0]}`,
  );
  // The budget is for the real figure: on a small corpus aim's fixed start-up dominates.
  process.exitCode = a / g <= 2 || bigMb < 500 ? 0 : 1;
} finally {
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
}
