// A private D-Bus session with its own unlocked gnome-keyring-daemon and a throwaway HOME,
// so that the tests and the benchmark use a real Secret Service and never touch the
// developer's keyring. Used by test/run.mjs and bench/run.mjs.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testPaths } from "./test-deps.mjs";

const need = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

/** The tools a private session needs that are not installed (see .ci/run). */
export const missingSessionTools = () => ["dbus-run-session", "gnome-keyring-daemon"].filter((t) => !need(t));

/**
 * Re-runs `script` (with `args`) inside `dbus-run-session`, with HOME and the XDG folders in
 * a fresh temporary folder and `marker` set to "1" so the script knows it is inside.
 * Resolves with the child's exit code after removing the temporary HOME.
 */
export function runInPrivateSession({ script, args = [], cwd, marker, env: extra = {}, prefix = "aim-session-" }) {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_RUNTIME_DIR: home,
    // The Node versions and CLIs scripts/test-deps.mjs installed stay where they are: the
    // cache is the user's, not the throwaway HOME's.
    AIM_TEST_CACHE: testPaths().cache,
    [marker]: "1",
    NO_COLOR: "1",
    ...extra,
  };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn("dbus-run-session", ["--", process.execPath, script, ...args], { cwd, env, stdio: "inherit" });
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      rmSync(home, { recursive: true, force: true });
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Inside the session: start and unlock a fresh login keyring. Returns an error text or undefined. */
export function unlockKeyring() {
  const daemon = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], {
    input: "aim-session-password",
    encoding: "utf8",
  });
  return daemon.status === 0 ? undefined : `gnome-keyring-daemon failed to start: ${daemon.stderr}`;
}
