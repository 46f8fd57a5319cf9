// The OS keyring of whatever machine runs this, through the built CLI: the Secret Service
// here (test/run.mjs starts a throwaway gnome-keyring), the macOS keychain and the Windows
// Credential Manager on GitHub's runners (.github/workflows/ci.yml, a throwaway keychain on
// macOS). Only what every platform promises: no secret-tool, no sh, no tmux.
import { spawnSync } from "node:child_process";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { HOSTILE, sandbox } from "../../helpers/cli.js";
import { sha } from "../../helpers/fixture-tools.js";

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
  assert.equal(
    rows.map((r) => [r.name, r.present]),
    CASES.map(([n]) => [`AIM_OS_${n.toUpperCase()}`, true]).sort(),
  );
  for (const [name] of CASES) assert.is(aim(["secrets", "delete", `AIM_OS_${name.toUpperCase()}`]).code, 0);
  assert.equal(JSON.parse(aim(["secrets", "list", "--json"]).stdout), []);
});

// An entry another client of the same store wrote is aim's to read: aim uses the platform's
// real keyring items under (service, account) = (AIM_KEYRING_SERVICE, name), not a private
// file. The other client writes, so that no access-control prompt can stand in the way on
// macOS (-A: any application may read it). Windows has no stock command-line writer of
// generic credentials.
const WRITERS: Partial<Record<NodeJS.Platform, (service: string, key: string, value: string) => [string, string[], string]>> = {
  linux: (service, key, value) => ["secret-tool", ["store", "--label=aim test", "service", service, "username", key], value],
  darwin: (service, key, value) => ["security", ["add-generic-password", "-s", service, "-a", key, "-w", value, "-A"], ""],
};
const writer = WRITERS[process.platform];
if (writer) {
  store("an entry written by the platform's own keyring client is read and handed over", () => {
    const { aim, env } = sandbox();
    const [cmd, args, input] = writer(env.AIM_KEYRING_SERVICE as string, "AIM_OS_OTHER", "sk-os-other-1");
    const w = spawnSync(cmd, args, { input, encoding: "utf8", env });
    assert.is(w.error, undefined, `${cmd} must be installed`);
    assert.is(w.status, 0, w.stderr);
    const shown = aim(["secrets", "get", "AIM_OS_OTHER", "--show"]);
    assert.equal([shown.code, shown.stdout, shown.stderr], [0, "sk-os-other-1", ""]);
    const exec = aim(["exec", "--keys", "AIM_OS_OTHER", "--", process.execPath, "-e", HASH, "AIM_OS_OTHER"]);
    assert.equal([exec.code, exec.stdout, exec.stderr], [0, sha("sk-os-other-1"), ""]);
  });
}
store.run();
