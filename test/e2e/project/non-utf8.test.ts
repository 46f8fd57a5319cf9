// A folder whose name is not UTF-8, holding its own never-allowed
// .aimrc under a trusted parent. Node names paths as UTF-8 text; aim must not skip the
// nearer file and hand out the parent's keys. It refuses clearly there, and works as usual
// in such a folder that holds no project file.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, type Result, sandbox, succeeds } from "../../helpers/cli.js";
import { HOOK_SHELLS, type HookShell, withShell } from "../../helpers/hook-shells.js";

const FF = Buffer.from([0xff, 0xfe]);
const bytes = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));

function world(ownFile: boolean) {
  const sb = sandbox();
  succeeds(sb.aim(["secrets", "set", "AIM_T_K"], { input: "v" }));
  const parent = join(sb.dir, "work", "t");
  mkdirSync(parent, { recursive: true });
  writeFileSync(join(parent, ".aimrc"), "keys: [AIM_T_K]\n");
  succeeds(sb.aim(["allow"], { cwd: parent }));
  const odd = bytes(parent, "/", FF);
  mkdirSync(odd);
  if (ownFile) writeFileSync(bytes(odd, "/.aimrc"), "keys: [AIM_T_EVIL]\n");
  /** aim run with the odd folder as its working directory (Node's cwd option takes text only). */
  const aimIn = (args: string[]): Result => {
    const r = spawnSync("sh", ["-c", `cd "$(printf 't/\\377\\376')" && exec "$@"`, "sh", process.execPath, AIM, ...args], {
      cwd: join(sb.dir, "work"),
      env: sb.env,
      encoding: "utf8",
    });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  };
  return { sb, parent, aimIn };
}

const NEARER =
  /^aim: \/.*\/t\/\\xff\\xfe\/\.aimrc: its folder's name is not valid UTF-8, so aim can neither read nor trust it\. Rename the folder to a UTF-8 name \(mv\), or run with --no-config --keys K1,K2\n$/;
const PRINT = ["exec", "--", "sh", "-c", 'printf %s "${AIM_T_K-unset}"'];

const cli = suite("a folder whose name is not UTF-8");
cli("with its own .aimrc: exec refuses (125) instead of handing out the parent's keys; allow and deny refuse", () => {
  const { aimIn } = world(true);
  const r = aimIn(PRINT);
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, NEARER);
  for (const verb of ["deny", "allow"]) {
    const d = aimIn([verb]);
    assert.is(d.code, 1, `${verb}: ${d.stderr}`);
    assert.is(d.stdout, "");
    assert.match(d.stderr, NEARER, verb);
  }
  const keys = aimIn(["exec", "--no-config", "--keys", "AIM_T_K", "--", "sh", "-c", 'printf %s "$AIM_T_K"']);
  assert.is(keys.code, 0, keys.stderr);
  assert.is(keys.stdout, "v");
});
cli("without a project file of its own: the parent's .aimrc governs, as in any sub-folder", () => {
  const { aimIn, parent } = world(false);
  const r = aimIn(PRINT);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "v");
  assert.is(r.stderr, "");
  const d = aimIn(["deny"]);
  assert.is(d.code, 0, d.stderr);
  assert.is(d.stderr, `aim: denied ${join(parent, ".aimrc")}\n`);
});
cli.run();

const CD_ODD: Record<HookShell, string> = { bash: "cd $'\\xff\\xfe'", zsh: "cd $'\\xff\\xfe'", fish: "cd \\Xff\\Xfe" };
const hook = suite("the hook in a folder whose name is not UTF-8");
for (const shell of HOOK_SHELLS) {
  hook(`${shell}: entering it unloads the parent's keys, says why once, and idle prompts start no aim`, async () => {
    const { sb, parent } = world(true);
    await withShell(shell, sb, { cwd: parent }, async (sh) => {
      assert.is(await sh.value("AIM_T_K"), "v", "the trusted parent loads");
      await sh.run(CD_ODD[shell]);
      assert.is(await sh.value("AIM_T_K"), "<unset>", "the nearer, unreadable file governs: nothing");
      const stamp = sh.markerStamp();
      await sh.run("");
      await sh.run("");
      assert.is(sh.markerStamp(), stamp, "no aim process at idle prompts there");
      assert.is(sh.term.count("its folder's name is not valid UTF-8"), 1, "said once");
    });
  });
}
hook.run();
