#!/usr/bin/env node
// The test entry point (`npm test`). It builds aim, then runs every suite inside a private
// D-Bus session with its own gnome-keyring-daemon and a throwaway HOME, so tests use a
// real Secret Service and never touch the developer's keyring. Prints a closing line
// "N passed, N failed, N skipped".
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { missingSessionTools, runInPrivateSession, unlockKeyring } from "../scripts/private-session.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

if (!process.env.AIM_TEST_SESSION) {
  for (const tool of missingSessionTools()) {
    console.error(`test: ${tool} is missing; install dbus and gnome-keyring (see .ci/run). Refusing to run without a real keyring.`);
    process.exit(1);
  }
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const code = await runInPrivateSession({
    script: fileURLToPath(import.meta.url),
    args: process.argv.slice(2),
    cwd: root,
    marker: "AIM_TEST_SESSION",
    env: { AIM_KEYRING_SERVICE: `aim-test-${process.pid}` },
    prefix: "aim-test-home-",
  });
  process.exit(code);
} else {
  // Inside the private session: unlock a fresh login keyring, then run the suites.
  const problem = unlockKeyring();
  if (problem) {
    console.error(`test: ${problem}`);
    process.exit(1);
  }
  const pattern = process.argv[2] ?? "\\.test\\.ts$";
  const uvu = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "node_modules/uvu/bin.js"), "test", pattern, "-i", "helpers"],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  uvu.stdout.on("data", (d) => {
    out += d;
    process.stdout.write(d);
  });
  uvu.on("exit", (code) => {
    const num = (label) => Number(out.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0);
    const total = num("Total");
    const passed = num("Passed");
    const skipped = num("Skipped");
    const failed = Math.max(total - passed - skipped, code === 0 ? 0 : 1);
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
    process.exit(code === 0 && total > 0 ? 0 : 1);
  });
}
