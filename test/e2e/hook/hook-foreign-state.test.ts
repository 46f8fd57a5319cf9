// A shell whose environment already holds __aim_state when it starts (forged, or handed down
// by whatever started it) must not let that state decide what the hook takes away: the hook
// unsets only what it exported itself in this shell. Real interactive
// bash, zsh and fish through tmux.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, succeeds } from "../../helpers/cli.js";
import { HOOK_SHELLS, withShell } from "../../helpers/hook-shells.js";

const forged = (file: string | null, keys: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ file, keys, said: [], ...extra });

const foreign = suite("__aim_state from outside the shell");
for (const shell of HOOK_SHELLS) {
  foreign(`${shell}: a state naming PATH, HOME and a key leaves all three alone at the first prompt and after cd`, async () => {
    const sb = sandbox();
    const work = join(sb.dir, "work");
    mkdirSync(join(work, "sub"), { recursive: true });
    const state = forged(join(work, "gone", ".aimrc"), ["PATH", "HOME", "AIM_T_X"], { id: "guessed" });
    await withShell(shell, sb, { cwd: work, env: { __aim_state: state, AIM_T_X: "mine" } }, async (sh) => {
      const path = await sh.value("PATH");
      assert.not.equal(path, "<unset>", "PATH survives the first prompt");
      assert.ok(path.includes("/bin"), path);
      assert.not.equal(await sh.value("HOME"), "<unset>");
      assert.is(await sh.value("AIM_T_X"), "mine");
      await sh.run("cd sub");
      assert.ok((await sh.value("PATH")).includes("/bin"));
      assert.is(await sh.value("AIM_T_X"), "mine");
    });
  });
  foreign(`${shell}: an inherited state does not take the shell's own variables; what this shell loads it takes back`, async () => {
    const sb = sandbox();
    const work = join(sb.dir, "work");
    const proj = join(work, "proj");
    mkdirSync(proj, { recursive: true });
    writeFileSync(join(proj, ".aimrc"), "keys: [AIM_T_K]\n");
    succeeds(sb.aim(["secrets", "set", "AIM_T_K"], { input: "stored-k" }));
    succeeds(sb.aim(["allow"], { cwd: proj }));
    // Started inside the project from a shell whose hook had loaded it: the key's value is
    // the one the store holds, so this shell's hook takes it over and back on leaving.
    const env = { __aim_state: forged(join(proj, ".aimrc"), ["AIM_T_K", "AIM_T_OWN"]), AIM_T_K: "stored-k", AIM_T_OWN: "own" };
    await withShell(shell, sb, { cwd: proj, env }, async (sh) => {
      assert.is(await sh.value("AIM_T_K"), "stored-k");
      await sh.run("cd ..");
      assert.is(await sh.value("AIM_T_K"), "<unset>", "the store's value, loaded here, is taken back");
      assert.is(await sh.value("AIM_T_OWN"), "own", "a variable the state names but this shell did not load stays");
    });
  });
}
foreign.run();
