// The OS keyring of whatever machine runs this, through the built CLI: the Secret Service
// here (test/run.mjs starts a throwaway gnome-keyring), the macOS keychain and the Windows
// Credential Manager on GitHub's runners (.github/workflows/ci.yml, a throwaway keychain on
// macOS). Only what every platform promises: no secret-tool, no sh, no tmux.
import { spawnSync } from "node:child_process";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { HOSTILE, sandbox } from "../helpers/cli.js";
import { sha } from "../helpers/fixture-tools.js";

// A Credential Manager entry holds at most 2560 bytes: the 64 KiB value cannot be stored there.
const CASES = Object.entries(HOSTILE).filter(([name]) => !(process.platform === "win32" && name === "big"));
const HASH = "process.stdout.write(require('crypto').createHash('sha256').update(process.env[process.argv[1]] ?? '<unset>').digest('hex'))";

const store = suite(`the OS keyring (${process.platform})`);
store("every hostile value is stored, read back exactly, handed to a command and deleted", () => {
  const { aim } = sandbox();
  for (const [name, value] of CASES) {
    const key = `AIM_OS_${name.toUpperCase()}`;
    const set = aim(["secrets", "set", key], { input: `${value}\n` });
    assert.equal([set.code, set.stdout], [0, ""], set.stderr);
    assert.match(set.stderr, new RegExp(`^aim: stored ${key} in the OS keyring`));
    const shown = aim(["secrets", "get", key, "--show"]);
    assert.equal([shown.code, shown.stdout, shown.stderr], [0, value, ""], key);
    const exec = aim(["exec", "--keys", key, "--", process.execPath, "-e", HASH, key]);
    assert.equal([exec.code, exec.stdout, exec.stderr], [0, sha(value), ""], key);
  }
  const rows = JSON.parse(aim(["secrets", "list", "--json"]).stdout) as { name: string; present: boolean }[];
  assert.equal(rows.map((r) => [r.name, r.present]), CASES.map(([n]) => [`AIM_OS_${n.toUpperCase()}`, true]).sort());
  for (const [name] of CASES) assert.is(aim(["secrets", "delete", `AIM_OS_${name.toUpperCase()}`]).code, 0);
  assert.equal(JSON.parse(aim(["secrets", "list", "--json"]).stdout), []);
});

// Another client of the same store sees the entry: aim writes a real keyring item, not a
// private file. (Windows has no command-line reader of a generic credential's secret.)
const READERS: Partial<Record<NodeJS.Platform, (service: string, key: string) => string[]>> = {
  linux: (service, key) => ["secret-tool", "lookup", "service", service, "username", key],
  darwin: (service, key) => ["security", "find-generic-password", "-s", service, "-a", key, "-w"],
};
const reader = READERS[process.platform];
if (reader) {
  store("the entry is readable by the platform's own keyring client", () => {
    const { aim, env } = sandbox();
    assert.is(aim(["secrets", "set", "AIM_OS_PLAIN"], { input: "sk-os-plain-1" }).code, 0);
    const [cmd, ...args] = reader(env.AIM_KEYRING_SERVICE as string, "AIM_OS_PLAIN") as [string, ...string[]];
    const r = spawnSync(cmd, args, { encoding: "utf8", env });
    assert.is(r.error, undefined, `${cmd} must be installed`);
    assert.equal([r.status, r.stdout.replace(/\n$/, "")], [0, "sk-os-plain-1"], r.stderr);
  });
}
store.run();
