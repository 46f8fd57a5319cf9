#!/usr/bin/env node
// The test entry point (`npm test`). It builds aim, then runs the suites twice:
//   1. keyring pass: every suite, inside a private D-Bus session with its own
//      gnome-keyring-daemon and a throwaway HOME (a real Secret Service, never yours);
//   2. file pass: the suites marked `// @both-backends` again, with AIM_BACKEND=file, no
//      D-Bus session at all and DBUS_SESSION_BUS_ADDRESS unset, as on a headless machine.
// `node test/run.mjs [--backend keyring|file] [pattern]` runs one pass, or only the files
// matching the pattern. Prints a closing line "N passed, N failed, N skipped".
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const need = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

function runUvu(pattern) {
  const uvu = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "node_modules/uvu/bin.js"), "test", pattern, "-i", "helpers"],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
  );
  uvu.on("exit", (code) => process.exit(code ?? 1));
}

if (process.env.AIM_TEST_SESSION) {
  // Inside a pass. The keyring pass unlocks a fresh login keyring first.
  if (process.env.AIM_TEST_BACKEND !== "file") {
    const daemon = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], {
      input: "aim-test-password",
      encoding: "utf8",
    });
    if (daemon.status !== 0) {
      console.error(`test: gnome-keyring-daemon failed to start: ${daemon.stderr}`);
      process.exit(1);
    }
  }
  runUvu(process.argv[2]);
} else {
  const args = process.argv.slice(2);
  const at = args.indexOf("--backend");
  const only = at >= 0 ? args.splice(at, 2)[1] : undefined;
  if (only !== undefined && only !== "keyring" && only !== "file") {
    console.error("test: --backend takes keyring or file");
    process.exit(2);
  }
  const pattern = new RegExp(args[0] ?? "\\.test\\.ts$", "i");
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) name !== "helpers" && walk(p);
      else if (name.endsWith(".test.ts") && pattern.test(relative(join(root, "test"), p))) files.push(p);
    }
  };
  walk(join(root, "test"));
  const both = files.filter((f) => readFileSync(f, "utf8").includes("// @both-backends"));
  const asPattern = (list) => `^(${list.map((f) => relative(join(root, "test"), f).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`;

  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const passes = [];
  if (only !== "file" && files.length > 0) {
    for (const tool of ["dbus-run-session", "gnome-keyring-daemon"]) {
      if (!need(tool)) {
        console.error(`test: ${tool} is missing; install dbus and gnome-keyring (see .ci/run). Refusing to run without a real keyring.`);
        process.exit(1);
      }
    }
    passes.push({ name: "keyring", files, wrap: ["dbus-run-session", "--"] });
  }
  if (only !== "keyring" && both.length > 0) passes.push({ name: "file", files: both, wrap: [] });
  if (passes.length === 0) {
    console.error("test: no test file matches");
    process.exit(1);
  }

  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const pass of passes) {
    console.log(`\n== ${pass.name} backend: ${pass.files.length} file(s) ==`);
    const home = mkdtempSync(join(tmpdir(), "aim-test-home-"));
    const env = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_DATA_HOME: join(home, ".local/share"),
      XDG_RUNTIME_DIR: home,
      AIM_TEST_SESSION: "1",
      AIM_TEST_BACKEND: pass.name,
      AIM_KEYRING_SERVICE: `aim-test-${process.pid}`,
      NO_COLOR: "1",
    };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.AIM_BACKEND;
    delete env.AIM_VAULT_PASSPHRASE;
    const [cmd, ...pre] = [...pass.wrap, process.execPath];
    // detached: a session of its own, without the developer's controlling terminal, so
    // that "no terminal" cases cannot fall back to prompting on /dev/tty and wait for ever.
    const child = spawn(cmd, [...pre, fileURLToPath(import.meta.url), asPattern(pass.files)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    const stop = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {}
      process.exit(130);
    };
    process.once("SIGINT", stop).once("SIGTERM", stop);
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
    process.removeListener("SIGINT", stop).removeListener("SIGTERM", stop);
    rmSync(home, { recursive: true, force: true });
    const num = (label) => Number(out.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0);
    const total = num("Total");
    const passed = num("Passed");
    const skipped = num("Skipped");
    totals.passed += passed;
    totals.skipped += skipped;
    totals.failed += Math.max(total - passed - skipped, code === 0 && total > 0 ? 0 : 1);
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}
