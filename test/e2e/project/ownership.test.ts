// Another user's .aimrc above your folder (a shared /tmp, a world-writable
// parent). Like git's safe.directory, a project file owned by neither you nor root, or
// writable by others, is ignored with one note; aim allow refuses it with the reason; and
// aim exec --keys works below it. Both sides run as real local users made with useradd.
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { TEST_PASSPHRASE } from "../../helpers/cli.js";
import { localUser, sharedBase, userEnv } from "../../helpers/users.js";

function world() {
  const base = sharedBase();
  const me = localUser("me");
  const stranger = localUser("stranger");
  const shared = join(base, "shared");
  mkdirSync(shared);
  chmodSync(shared, 0o1777); // like /tmp
  const home = me.folder(base, "home");
  const env = userEnv(home, { AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
  for (const k of ["K", "EVIL"]) assert.is(me.aim(["secrets", "set", k], { env, input: `v-${k}` }).code, 0);
  const proj = me.folder(shared, "mine/proj", 0o755);
  chownSync(join(shared, "mine"), me.uid, me.gid);
  /** `text` at `path`, written and owned by `who`, with `mode`. */
  const plant = (who: typeof me, path: string, text: string, mode = 0o644) => {
    writeFileSync(path, text);
    chownSync(path, who.uid, who.gid);
    chmodSync(path, mode);
  };
  const cleanup = () => {
    me.remove();
    stranger.remove();
  };
  return { me, stranger, shared, proj, env, plant, cleanup };
}

const PRINT = ["sh", "-c", 'printf %s "${K-unset} ${EVIL-unset}"'];

const stranger = suite("another user's .aimrc in a shared folder above mine");
stranger("exec --keys works below it, with one note; allow refuses it; status says why", () => {
  const w = world();
  try {
    const theirs = join(w.shared, ".aimrc");
    w.plant(w.stranger, theirs, "keys: [EVIL]\n");
    const r = w.me.aim(["exec", "--keys", "K", "--", ...PRINT], { env: w.env, cwd: w.proj });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "v-K unset");
    assert.is(
      r.stderr,
      `aim: ignoring ${theirs}: it belongs to another user (uid ${w.stranger.uid}), so it may not decide which keys this folder gets; if it is yours, fix it (chown, chmod go-w), else remove it\n`,
    );
    const allow = w.me.aim(["allow"], { env: w.env, cwd: w.proj });
    assert.is(allow.code, 1, allow.stderr);
    assert.is(allow.stdout, "");
    assert.match(
      allow.stderr,
      new RegExp(
        `^aim: refusing to trust ${theirs}: it belongs to another user \\(uid ${w.stranger.uid}\\)\\. If it is yours, fix it first`,
      ),
    );
    // Refused, and nothing was trusted: exec still ignores it and hands over nothing of it.
    const again = w.me.aim(["exec", "--", ...PRINT], { env: w.env, cwd: w.proj });
    assert.is(again.code, 0, again.stderr);
    assert.is(again.stdout, "unset unset");
    const status = w.me.aim(["status"], { env: w.env, cwd: w.proj });
    assert.is(status.code, 0, status.stderr);
    assert.match(status.stdout, /^project file: none$/m);
    assert.match(status.stderr, /^aim: ignoring .*\.aimrc: it belongs to another user/m);
    // The hook passes over it too: nothing of it is exported, and the note is said.
    const hook = w.me.aim(["hook-env", "bash", "1", w.proj], { env: w.env, cwd: w.proj });
    assert.is(hook.code, 0, hook.stderr);
    assert.not.match(hook.stdout, /EVIL/);
    assert.match(hook.stdout, new RegExp(`__aim_cand='${theirs}'`), "the shell's own find: no new run at the next prompt");
    assert.match(hook.stderr, /^aim: ignoring .*\.aimrc: it belongs to another user/m);
  } finally {
    w.cleanup();
  }
});
stranger("my own .aimrc below it still governs, once allowed", () => {
  const w = world();
  try {
    w.plant(w.stranger, join(w.shared, ".aimrc"), "keys: [EVIL]\n");
    w.plant(w.me, join(w.proj, ".aimrc"), "keys: [K]\n");
    const allow = w.me.aim(["allow"], { env: w.env, cwd: w.proj });
    assert.is(allow.code, 0, allow.stderr);
    assert.match(allow.stderr, /^aim: allowed .*mine\/proj\/\.aimrc \(keys: K (present|missing)\)\n$/);
    const r = w.me.aim(["exec", "--", ...PRINT], { env: w.env, cwd: w.proj });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "v-K unset");
    assert.is(r.stderr, "");
  } finally {
    w.cleanup();
  }
});
stranger.run();

const writable = suite("a project file others may rewrite");
writable("my own world-writable .aimrc, or a symlink of a stranger's, is ignored and refused", () => {
  const w = world();
  try {
    const mine = join(w.proj, ".aimrc");
    w.plant(w.me, mine, "keys: [K]\n", 0o666);
    const r = w.me.aim(["exec", "--keys", "K", "--", ...PRINT], { env: w.env, cwd: w.proj });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "v-K unset");
    assert.match(r.stderr, /^aim: ignoring \.aimrc: it is writable by every user \(mode 0666\), so it may not decide/);
    const allow = w.me.aim(["allow"], { env: w.env, cwd: w.proj });
    assert.is(allow.code, 1, allow.stderr);
    assert.match(allow.stderr, /^aim: refusing to trust \.aimrc: it is writable by every user \(mode 0666\)/);
    chmodSync(mine, 0o644);
    assert.is(w.me.aim(["allow"], { env: w.env, cwd: w.proj }).code, 0);
    // A symlink the stranger owns decides where it points: refused as theirs.
    const sub = w.me.folder(w.proj, "sub", 0o1777);
    const link = w.stranger.run(["ln", "-s", mine, join(sub, ".aimrc")], { env: w.env });
    assert.is(link.code, 0, link.stderr);
    const viaLink = w.me.aim(["allow"], { env: w.env, cwd: sub });
    assert.is(viaLink.code, 1, viaLink.stderr);
    assert.match(
      viaLink.stderr,
      new RegExp(`^aim: refusing to trust \\.aimrc: the symlink belongs to another user \\(uid ${w.stranger.uid}\\)`),
    );
  } finally {
    w.cleanup();
  }
});
writable.run();
