// test/run.mjs in the keyring pass: when the pass's gnome-keyring-daemon dies during a file
// (it has crashed on its own in CI: a GLib assertion), the file is named, its results are set
// aside, the keyring is unlocked again and the file runs once more; a second death fails it.
// The file that kills the daemon is test/helpers/fixtures/keyring-crash/crash.test.ts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../helpers/cli.js";

const FIXTURES = join(ROOT, "test", "helpers", "fixtures", "keyring-crash");

function nestedRun(extra: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "aim-crash-"));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: dir, AIM_CRASH_DIR: dir, ...extra };
  delete env.AIM_TEST_SESSION;
  delete env.AIM_TEST_BACKEND;
  delete env.AIM_TEST_RERUN;
  const r = spawnSync(process.execPath, [join(ROOT, "test", "run.mjs"), "--backend", "keyring", "--dir", FIXTURES, "--no-build"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  const crashed = existsSync(join(dir, "crashed"));
  rmSync(dir, { recursive: true, force: true });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, crashed };
}

const crash = suite("test runner: the keyring daemon dies during a file");
crash("the file is named, set aside and run again on an unlocked keyring: the run passes", () => {
  const { code, out, crashed } = nestedRun({});
  assert.ok(crashed, `the fixture never ran:\n${out}`);
  assert.match(out, /KEYRING {2}gnome-keyring-daemon \(pid \d+\) died during \S*keyring-crash\/crash\.test\.ts:/);
  assert.match(out, /its results are set aside \(0 passed, 1 failed\) and it runs again on a restarted keyring/);
  assert.match(out, /\n1 passed, 0 failed, 0 skipped\n/, out);
  assert.is(code, 0, out);
});
crash("a daemon that dies again fails the run, with no third try", () => {
  const { code, out } = nestedRun({ AIM_CRASH_ALWAYS: "1" });
  assert.match(out, /died during \S*crash\.test\.ts again: counted as a failure/, out);
  assert.match(out, /\n0 passed, 2 failed, 0 skipped\n/, out);
  assert.is(code, 1, out);
});
crash.run();
