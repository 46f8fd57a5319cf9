// Files aim scan cannot read are counted and named in one line at the end, never passed over
// in silence (and never make it claim "no stored value found" without saying so). Run as a
// real local user: root reads a mode-000 file anyway.
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, TEST_PASSPHRASE } from "../../helpers/cli.js";
import { localUser, sharedBase, userEnv } from "../../helpers/users.js";

const VALUE = "sk-unreadable-7c1d5e9f02ab";

const unreadable = suite("aim scan: unreadable files");
unreadable("two unreadable files and a folder are named in one line; the readable finding is still reported", () => {
  const base = sharedBase();
  const me = localUser("scan");
  try {
    const home = me.folder(base, "home");
    const env = userEnv(home, { AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
    assert.is(me.aim(["secrets", "set", "K"], { env, input: VALUE }).code, 0);
    const tree = me.folder(base, "tree", 0o755);
    const put = (rel: string, text: string, mode: number) => {
      const p = join(tree, rel);
      mkdirSync(join(p, ".."), { recursive: true });
      writeFileSync(p, text);
      chmodSync(p, mode);
      return p;
    };
    put("open.txt", `x\n${VALUE}\n`, 0o644);
    put("locked-a.txt", VALUE, 0o000);
    put("sub/locked-b.txt", VALUE, 0o000);
    mkdirSync(join(tree, "closed"));
    put("closed/inside.txt", VALUE, 0o644);
    chmodSync(join(tree, "closed"), 0o000);
    for (const p of ["open.txt", "locked-a.txt", "sub", "sub/locked-b.txt", "closed"]) chownSync(join(tree, p), 0, 0);
    const r = me.aim(["scan", tree], { env, cwd: tree });
    expectRun(r, {
      code: 1,
      stdout: "open.txt:2: K (default) [raw]\n",
      stderr: /^aim: could not read 3 file\(s\): closed, locked-a\.txt, sub\/locked-b\.txt$/m,
    });
    const none = me.aim(["scan", join(tree, "sub")], { env, cwd: tree });
    expectRun(none, { code: 0, stdout: "", stderr: /^aim: could not read 1 file\(s\): sub\/locked-b\.txt$/m });
  } finally {
    me.remove();
  }
});
unreadable.run();
