// gnome-keyring registers each caller in an idle callback that must run before the caller's
// first call, and now and then runs the call first: the caller's first OpenSession then
// aborts the daemon (secret-read.ts says why, and how the direct read keeps clear of it).
// Here the real daemon of a private session of its own (G_DEBUG=fatal-criticals, so the
// first failed assertion kills it) serves thousands of concurrent direct reads; before the
// fix it died within about a thousand, 3 runs in 3.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, sandbox } from "../../helpers/cli.js";
import { privateSessionEnv } from "../../helpers/keyring.js";

const FIXTURE = join(ROOT, "test", "helpers", "fixtures", "keyring-race", "concurrent-reads.ts");
const WORKERS = 8;
const READS = 8000;

const race = suite("gnome-keyring's caller registration race, under concurrent direct reads");
race(`${READS} reads, ${WORKERS} at a time: every one gets the value, and the daemon lives`, () => {
  for (const tool of ["dbus-run-session", "dbus-send", "gnome-keyring-daemon", "secret-tool"]) {
    assert.is(spawnSync("sh", ["-c", `command -v ${tool}`]).status, 0, `${tool} is NOT INSTALLED (dbus, gnome-keyring, libsecret-tools)`);
  }
  const { env, dir } = sandbox();
  const home = join(dir, "home");
  mkdirSync(home);
  const out = join(dir, "out");
  const script = [
    "set -eu",
    'printf aim-test-password | G_DEBUG=fatal-criticals gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>"$OUT.daemon-err" &',
    // The daemon must own the name before any read, or D-Bus would start another one.
    "pid=",
    "for _ in $(seq 100); do",
    "  pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ { print $2 }' || true)",
    '  [ -n "$pid" ] && break',
    "  sleep 0.1",
    "done",
    '[ -n "$pid" ] || { echo "the daemon never owned org.freedesktop.secrets" >&2; exit 1; }',
    'printf %s "$RACE_VALUE" | secret-tool store --label=race service "$AIM_KEYRING_SERVICE" username "$RACE_KEY"',
    `"$NODE" --import tsx "$FIXTURE" ${WORKERS} ${READS} >"$OUT.reads"`,
    'if kill -0 "$pid" 2>/dev/null; then echo alive >"$OUT.daemon"; kill "$pid"; else echo dead >"$OUT.daemon"; fi',
  ].join("\n");
  const r = spawnSync("dbus-run-session", ["--", "sh", "-c", script], {
    cwd: ROOT,
    env: privateSessionEnv(env, home, { FIXTURE, OUT: out, RACE_KEY: "AIM_T_RACE", RACE_VALUE: "race-value-9c41" }),
    encoding: "utf8",
    timeout: 180_000,
    killSignal: "SIGKILL",
  });
  assert.ok(existsSync(dir), "the test's folder is gone");
  assert.is(r.status, 0, `${r.stderr} ${r.error ?? ""}`);
  const daemonErr = readFileSync(`${out}.daemon-err`, "utf8");
  assert.is(readFileSync(`${out}.daemon`, "utf8").trim(), "alive", `gnome-keyring-daemon died:\n${daemonErr.slice(0, 2000)}`);
  const got = JSON.parse(readFileSync(`${out}.reads`, "utf8"));
  assert.equal(got, { reads: READS, right: READS, fallbacks: {} });
});
race.run();
