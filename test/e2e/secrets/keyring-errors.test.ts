import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox } from "../../helpers/cli.js";

const errors = suite("keyring failures: one aim: line with a fix, never a stack trace");
// These are about the keyring backend: on auto, a machine with no answering bus uses the
// file vault instead (test/e2e/vault/vault.test.ts).
const KEYRING = { AIM_BACKEND: "keyring" };
const oneLine = (stderr: string) => {
  assert.is(stderr.trim().split("\n").length, 1, stderr);
  assert.not.match(stderr, /\n\s+at /);
};

errors("no D-Bus session at all", () => {
  const { aim } = sandbox({ ...KEYRING, DBUS_SESSION_BUS_ADDRESS: "", XDG_RUNTIME_DIR: "/nonexistent" });
  const r = aim(["secrets", "set", "K"], { input: "v" });
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: no D-Bus session bus, so no Secret Service \(keyring\) can be reached\. .*dbus-run-session/);
  oneLine(r.stderr);
});
errors("a bus address that does not answer", () => {
  const { aim } = sandbox({ ...KEYRING, DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus" });
  const r = aim(["secrets", "list"]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: the keyring cannot be reached \(.*\)\. Start a Secret Service/);
  oneLine(r.stderr);
});
errors("a Secret Service whose login collection is locked", () => {
  const home = mkdtempSync(join(tmpdir(), "aim-locked-"));
  const { env } = sandbox({ ...KEYRING, HOME: home, XDG_RUNTIME_DIR: home, DBUS_SESSION_BUS_ADDRESS: undefined });
  // A second private session whose daemon was started but never unlocked.
  const script = `gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; printf v | '${process.execPath}' '${AIM}' secrets set K`;
  const r = spawnSync("dbus-run-session", ["--", "sh", "-c", script], { env, encoding: "utf8", timeout: 30_000 });
  // The daemon and its prompter (which finds no display) speak on the same stderr: keep aim's lines.
  const stderr = r.stderr
    .split("\n")
    .filter((l) => l.startsWith("aim:") || /^\s+at /.test(l))
    .join("\n");
  assert.is(r.status, 1, stderr);
  assert.match(stderr, /^aim: the keyring has no unlocked default collection\. Unlock your login keyring/, stderr);
  oneLine(stderr);
});
errors.run();
