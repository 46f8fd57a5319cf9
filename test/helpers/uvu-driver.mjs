// Runs test files in this process through uvu's own queue, as uvu's CLI does, and writes
// the counts that uvu's runners return to a JSON file: test/run.mjs adds them up for the
// closing line, so no total is ever read back from uvu's printed text.
//   node --import tsx test/helpers/uvu-driver.mjs <results.json> <file.test.ts>...
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const testDir = fileURLToPath(new URL("..", import.meta.url));
const [results, ...files] = process.argv.slice(2);
if (results === undefined) throw new Error("usage: uvu-driver.mjs <results.json> <file>...");

// As under uvu's CLI: a suite's .run() queues it in UVU_QUEUE[UVU_INDEX] instead of
// running at once, and each queued runner resolves to [errors | true, passed, skipped, total].
globalThis.UVU_DEFER = 1;
await import("uvu");
const queue = globalThis.UVU_QUEUE;
const totals = { passed: 0, failed: 0, skipped: 0 };

// In the keyring pass, the suite's gnome-keyring-daemon must outlive every file. It has been
// seen to crash (a GLib assertion, "trap int3" in dmesg: gnome-keyring's race on a caller's
// first call, which aim's direct read now avoids but the keyring library's connections and
// other clients do not; src/store/keyring/secret-read.ts), and D-Bus then starts a locked one that fails
// every later file. So: a file during which the daemon died is named, its results are set
// aside, the keyring is unlocked again, and the file runs once more in a fresh process; a
// second death counts as a failure.
const keyring = process.env.AIM_TEST_BACKEND === "keyring";
const rerun = [];
const again = process.env.AIM_TEST_RERUN === "1";
// Before any file is imported: a file's top level may use the keyring too.
let owner = keyring ? serviceOwner() : undefined;
if (keyring && owner === undefined)
  process.stdout.write("\n  KEYRING  no pid for org.freedesktop.secrets (is dbus-send installed?): a daemon that dies will not be noticed\n");

for (const [i, file] of files.entries()) {
  globalThis.UVU_INDEX = i;
  queue.push([relative(testDir, file)]);
  try {
    await import(pathToFileURL(file).href);
  } catch (err) {
    // A file that cannot load has tests that never ran: that is a failure, not a pass.
    console.error(`\n  FAIL  ${relative(testDir, file)} did not load:\n${err?.stack ?? err}\n`);
    totals.failed++;
  }
}

for (const [index, [name, ...runners]] of queue.entries()) {
  process.stdout.write(`${name}\n`);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const printed = [];
  for (const run of runners) {
    const [errors, passed, skipped, total] = await run();
    counts.passed += passed;
    counts.skipped += skipped;
    counts.failed += total - passed;
    if (errors !== true) printed.push(errors);
  }
  // Dead (its name has no owner then), or replaced by a daemon that D-Bus started (locked).
  if (owner !== undefined && serviceOwner() !== owner) {
    const crash = crashLine(owner);
    const died = `gnome-keyring-daemon (pid ${owner}) died during ${name}${crash ? ` (${crash})` : ""}`;
    owner = restartKeyring();
    if (!again) {
      process.stdout.write(
        `\n  KEYRING  ${died}: its results are set aside (${counts.passed} passed, ${counts.failed} failed) and it runs again on a restarted keyring\n`,
      );
      rerun.push(files[index]);
      continue;
    }
    process.stdout.write(`\n  KEYRING  ${died} again: counted as a failure\n`);
    counts.failed++;
  }
  for (const errors of printed) process.stdout.write(`\n${errors}\n`);
  totals.passed += counts.passed;
  totals.skipped += counts.skipped;
  totals.failed += counts.failed;
}

// A file run again, alone, in a process of its own (its modules are loaded once per process).
for (const file of rerun) {
  const againFile = `${results}.again`;
  rmSync(againFile, { force: true });
  const r = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), againFile, file], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, AIM_TEST_RERUN: "1" },
  });
  let counts;
  try {
    counts = JSON.parse(readFileSync(againFile, "utf8"));
  } catch {}
  totals.passed += counts?.passed ?? 0;
  totals.skipped += counts?.skipped ?? 0;
  totals.failed += Math.max(counts?.failed ?? 0, r.status === 0 && counts ? 0 : 1);
}

writeFileSync(results, JSON.stringify(totals));
process.exitCode = totals.failed > 0 ? 1 : 0;

/** The pid that owns org.freedesktop.secrets on this session bus (asking does not start one). */
function serviceOwner() {
  const r = spawnSync(
    "dbus-send",
    ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.secrets"],
    { encoding: "utf8" },
  );
  const pid = Number(/uint32 (\d+)/.exec(r.stdout ?? "")?.[1]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The kernel's line about the dead daemon, when dmesg may be read. */
function crashLine(pid) {
  const r = spawnSync("dmesg", [], { encoding: "utf8" });
  return (r.stdout ?? "").split("\n").findLast((l) => l.includes(`[${pid}]`))?.replace(/^\[[^\]]*\]\s*/, "").slice(0, 200);
}

/**
 * A daemon that unlocks the login keyring again (same password as test/run.mjs's), replacing
 * any locked one that D-Bus started meanwhile; its pid, or undefined (then checks stop).
 */
function restartKeyring() {
  const r = spawnSync("gnome-keyring-daemon", ["--replace", "--unlock", "--components=secrets"], { input: "aim-test-password", encoding: "utf8" });
  if (r.status !== 0) process.stdout.write(`\n  KEYRING  gnome-keyring-daemon did not start again: ${r.stderr}\n`);
  return serviceOwner();
}
