// With the encrypted file vault as the backend, a locked vault must not make the hook stop
// a cd to ask for the passphrase: it says how to unlock, and aim vault unlock (asked on the
// terminal as usual) loads the keys at the next prompt.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, TEST_PASSPHRASE, succeeds } from "../../helpers/cli.js";
import { withShell } from "../../helpers/hook-shells.js";

const vault = suite("the hook and a locked vault (tmux)");
vault("bash: cd never prompts; aim vault unlock loads the keys at the next prompt", async () => {
  const sb = sandbox({ AIM_BACKEND: "file", AIM_VAULT_WORK_FACTOR: "10", AIM_VAULT_TIMEOUT: "120s" });
  delete sb.env.AIM_VAULT_PASSPHRASE;
  const made = sb.aim(["secrets", "set", "AIM_T_V"], { input: "from-the-vault", env: { AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE } });
  assert.is(made.code, 0, made.stderr);
  assert.is(made.stdout, "");
  const project = join(sb.dir, "work", "p");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, ".aimrc"), "keys: [AIM_T_V]\n");
  succeeds(sb.aim(["allow"], { cwd: project }));
  try {
    await withShell("bash", sb, { cwd: join(sb.dir, "work") }, async (sh) => {
      await sh.run("cd p");
      assert.is(await sh.value("AIM_T_V"), "<unset>");
      assert.is(sh.term.count("aim: the vault is locked, so no keys were loaded; unlock it with: aim vault unlock"), 1);
      assert.is(sh.term.count("passphrase for"), 0, "the hook asked for the passphrase");
      const prompts = sh.term.prompts();
      sh.term.type("aim vault unlock");
      await sh.term.until("passphrase for");
      sh.term.type(TEST_PASSPHRASE);
      await sh.term.waitPrompts(prompts + 1);
      assert.is(await sh.value("AIM_T_V"), "from-the-vault");
      assert.is(sh.term.count("aim: +AIM_T_V"), 1);
    });
  } finally {
    succeeds(sb.aim(["vault", "lock"]));
  }
});
vault.run();

const quiet = suite("the hook and auto's fallback line");
quiet("hook-env does not repeat 'using the file vault' on every cd; aim exec still says it", () => {
  const sb = sandbox({
    AIM_BACKEND: undefined,
    DBUS_SESSION_BUS_ADDRESS: undefined,
    XDG_RUNTIME_DIR: "/nonexistent",
    AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE,
    AIM_VAULT_WORK_FACTOR: "10",
  });
  succeeds(sb.aim(["secrets", "set", "AIM_T_Q"], { input: "q" }));
  const project = join(sb.dir, "work", "q");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, ".aimrc"), "keys: [AIM_T_Q]\n");
  succeeds(sb.aim(["allow"], { cwd: project }));
  const exec = sb.aim(["exec", "--", "true"], { cwd: project });
  assert.is(exec.code, 0, exec.stderr);
  assert.is(exec.stdout, "");
  assert.match(exec.stderr, /file vault/);
  const hook = sb.aim(["hook-env", "bash", "1", project], { cwd: project });
  assert.is(hook.code, 0, hook.stderr);
  assert.match(hook.stdout, /export AIM_T_Q='q';/);
  assert.is(hook.stderr, "aim: +AIM_T_Q\n");
});
quiet.run();
