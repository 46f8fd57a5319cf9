#!/usr/bin/env node
// The suites' entry point (`npm test` runs it after the typecheck and lint). It builds aim,
// then runs up to three passes, each in a throwaway HOME:
//   1. unit pass: the files marked `// @unit` (pure logic: no aim process, no store), with
//      no D-Bus session and no keyring, so they run on any machine;
//   2. keyring pass: every other file, inside a private D-Bus session with its own
//      gnome-keyring-daemon (a real Secret Service, never yours);
//   3. file pass: the files marked `// @both-backends` again, with AIM_BACKEND=file, no
//      D-Bus session at all and DBUS_SESSION_BUS_ADDRESS unset, as on a headless machine.
// `node test/run.mjs [--backend unit|keyring|file] [--clis] [pattern]` runs one pass, or only
// the files matching the pattern (a regex over the path below test/). `--dir D --no-build`
// (test/scripts/run-keyring-crash.test.ts) runs the test files below D on the dist/ there is. Files marked
// `// @real-clis` (the real AI CLIs from npm: slow) run only with --clis, and then alone
// (`npm run test:clis`). Node 24, a Node without execve and the CLIs' folder come from
// scripts/test-deps.mjs (which `npm test` runs first to install them). Each pass runs its files
// through test/helpers/uvu-driver.mjs, which returns uvu's own counts; the run ends with one
// line "N passed, N failed, N skipped".
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { testPaths } from "../scripts/test-deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const testDir = join(root, "test");
const need = (cmd) => spawnSync("sh", ["-c", 'command -v "$1" >/dev/null', "sh", cmd]).status === 0;
const PASSES = ["unit", "keyring", "file"];

if (process.env.AIM_TEST_SESSION) {
  // Inside a pass: argv is the results file, then the test files. The keyring pass unlocks
  // a fresh login keyring first.
  if (process.env.AIM_TEST_BACKEND === "keyring") {
    const daemon = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], { input: "aim-test-password", encoding: "utf8" });
    if (daemon.status !== 0) {
      console.error(`test: gnome-keyring-daemon failed to start: ${daemon.stderr}`);
      process.exit(1);
    }
  }
  const driver = join(testDir, "helpers", "uvu-driver.mjs");
  const child = spawn(process.execPath, ["--import", "tsx", driver, ...process.argv.slice(2)], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  const args = process.argv.slice(2);
  const at = args.indexOf("--backend");
  const only = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const clis = args.includes("--clis");
  if (clis) args.splice(args.indexOf("--clis"), 1);
  const noBuild = args.includes("--no-build");
  if (noBuild) args.splice(args.indexOf("--no-build"), 1);
  const dirAt = args.indexOf("--dir");
  const dirArg = dirAt >= 0 ? args.splice(dirAt, 2)[1] : undefined;
  if (dirAt >= 0 && (dirArg === undefined || dirArg.startsWith("-"))) {
    console.error("test: --dir takes a folder of test files");
    process.exit(2);
  }
  const filesDir = dirArg === undefined ? testDir : resolve(dirArg);
  if (only !== undefined && !PASSES.includes(only)) {
    console.error(`test: --backend takes ${PASSES.join(", ")}`);
    process.exit(2);
  }
  const pattern = new RegExp(args[0] ?? "\\.test\\.ts$", "i");
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) name !== "helpers" && walk(p);
      else if (name.endsWith(".test.ts") && pattern.test(relative(filesDir, p))) files.push(p);
    }
  };
  walk(filesDir);
  // In uvu's own order (its CLI sorts by path), so a run does not depend on readdir's order.
  files.sort((a, b) => relative(testDir, a).localeCompare(relative(testDir, b)));
  const isMarked = (f, tag) => new RegExp(`^// @${tag}\\b`, "m").test(readFileSync(f, "utf8"));
  // The real-CLI files run with --clis and only then.
  files.splice(0, files.length, ...files.filter((f) => isMarked(f, "real-clis") === clis));
  const marked = (tag) => files.filter((f) => isMarked(f, tag));
  const unit = marked("unit");
  const selected = {
    unit,
    keyring: files.filter((f) => !unit.includes(f)),
    file: marked("both-backends"),
  };
  const passes = PASSES.filter((name) => (only === undefined || only === name) && selected[name].length > 0);
  if (passes.length === 0) {
    console.error(`test: no test file matches${clis ? "" : " (files marked // @real-clis run only with --clis)"}`);
    process.exit(1);
  }
  if (passes.includes("keyring")) {
    for (const tool of ["dbus-run-session", "gnome-keyring-daemon"]) {
      if (!need(tool)) {
        console.error(`test: ${tool} is missing; install dbus and gnome-keyring (node scripts/test-deps.mjs prints the command). Refusing to run without a real keyring.`);
        process.exit(1);
      }
    }
  }

  // Unit tests import src/ only, which needs just the generated modules; the rest run dist/.
  const prepare = noBuild
    ? []
    : passes.some((p) => p !== "unit")
    ? [["npm", ["run", "-s", "build"]]]
    : [["node", ["scripts/gen-validators.mjs"]], ["node", ["scripts/gen-hooks.mjs"]]];
  for (const [cmd, argv] of prepare) {
    const r = spawnSync(cmd, argv, { cwd: root, stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }

  const tools = testPaths();
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const name of passes) {
    const list = selected[name];
    console.log(`\n== ${name} pass: ${list.length} file(s) ==`);
    const home = mkdtempSync(join(tmpdir(), "aim-test-home-"));
    const results = join(home, "results.json");
    const env = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_DATA_HOME: join(home, ".local/share"),
      XDG_RUNTIME_DIR: home,
      AIM_TEST_SESSION: "1",
      AIM_TEST_BACKEND: name,
      AIM_KEYRING_SERVICE: `aim-test-${process.pid}`,
      AIM_TEST_NODE24: tools.node24,
      AIM_TEST_NODE20: tools.node20,
      AIM_TEST_CLIS: tools.clis,
      NO_COLOR: "1",
    };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.AIM_BACKEND;
    delete env.AIM_VAULT_PASSPHRASE;
    const wrap = name === "keyring" ? ["dbus-run-session", "--"] : [];
    const [cmd, ...pre] = [...wrap, process.execPath];
    // detached: a session of its own, without the developer's controlling terminal, so
    // that "no terminal" cases cannot fall back to prompting on /dev/tty and wait for ever.
    const child = spawn(cmd, [...pre, fileURLToPath(import.meta.url), results, ...list], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
    const stop = () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      process.exit(130);
    };
    process.once("SIGINT", stop).once("SIGTERM", stop);
    const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
    process.removeListener("SIGINT", stop).removeListener("SIGTERM", stop);
    let counts;
    try {
      counts = JSON.parse(readFileSync(results, "utf8"));
    } catch {
      console.error(`test: the ${name} pass ended (exit ${code}) before it reported its results`);
    }
    rmSync(home, { recursive: true, force: true });
    totals.passed += counts?.passed ?? 0;
    totals.skipped += counts?.skipped ?? 0;
    // A pass that exits non-zero without a counted failure (a crash, a hang killed) still fails.
    totals.failed += Math.max(counts?.failed ?? 0, code === 0 && counts ? 0 : 1);
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}
