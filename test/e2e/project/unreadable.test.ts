// An .aimrc that cannot be read (mode 000) still governs its folder.
// aim says so and fails (125 under exec) where it would govern, instead of taking it for
// no file. Run as a real local user: root reads a mode-000 file anyway.
import { chmodSync, chownSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { TEST_PASSPHRASE } from "../../helpers/cli.js";
import { localUser, sharedBase, userEnv } from "../../helpers/users.js";

const unreadable = suite("an unreadable .aimrc");
unreadable("exec fails 125 naming it, status says so, the hook loads nothing and says why", () => {
  const base = sharedBase();
  const me = localUser("me");
  try {
    const home = me.folder(base, "home");
    const env = userEnv(home, { AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
    assert.is(me.aim(["secrets", "set", "K"], { env, input: "v-K" }).code, 0);
    const proj = me.folder(base, "proj", 0o755);
    const rc = join(proj, ".aimrc");
    writeFileSync(rc, "keys: [K]\n");
    chownSync(rc, me.uid, me.gid);
    assert.is(me.aim(["allow"], { env, cwd: proj }).code, 0);
    chmodSync(rc, 0o000);
    const why =
      /^aim: \.aimrc cannot be read \(permission denied\), so aim cannot tell which keys it asks for\. Make it readable: chmod u\+r \.aimrc \(or remove it\)\n$/;
    const r = me.aim(["exec", "--", "sh", "-c", "echo ran"], { env, cwd: proj });
    assert.is(r.code, 125, r.stderr);
    assert.is(r.stdout, "");
    assert.match(r.stderr, why);
    const status = me.aim(["status"], { env, cwd: proj });
    assert.is(status.code, 1, status.stderr);
    assert.not.match(status.stdout, /project file: none/);
    assert.match(status.stderr, why);
    const hook = me.aim(["hook-env", "bash", "1", proj], { env, cwd: proj });
    assert.is(hook.code, 0, hook.stderr);
    assert.not.match(hook.stdout, /export K=/);
    assert.match(hook.stderr, /^aim: \.aimrc cannot be read \(permission denied\)/m);
  } finally {
    me.remove();
  }
});
unreadable.run();
