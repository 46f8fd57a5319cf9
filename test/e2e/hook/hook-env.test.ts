// `aim hook-env` as the hooks run it: what it prints for odd projects and forged state, and
// what it leaves on disk.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { nearestCandidate } from "../../../src/project/search-places.js";
import { filesContaining, sandbox, succeeds } from "../../helpers/cli.js";
import { copyFixture, layout } from "../../helpers/project.js";

const SECRET = "sk-hook-sentinel-51d0c3";
const hookEnv = (sb: ReturnType<typeof sandbox>, dir: string, state?: string, extra: NodeJS.ProcessEnv = {}) =>
  sb.aim(["hook-env", "bash", "4242", dir], { cwd: dir, env: { ...(state === undefined ? {} : { __aim_state: state }), ...extra } });
const stateOf = (stdout: string) => stdout.match(/^export __aim_state='(.*)';$/m)?.[1];

const env = suite("aim hook-env");
env("outside any project: only bookkeeping on stdout, nothing on stderr", () => {
  const sb = sandbox();
  const r = hookEnv(sb, join(sb.dir, "work"));
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.is(
    r.stdout,
    `unset __aim_state;\n__aim_gov=''; builtin export -n __aim_gov;\n__aim_cand=''; builtin export -n __aim_cand;\n__aim_real=''; builtin export -n __aim_real;\n__aim_marker='${join(sb.dir, "data", "hook", "shell-4242")}'; builtin export -n __aim_marker;\n__aim_stamp='${join(sb.dir, "data", "hook", "reload")}'; builtin export -n __aim_stamp;\n`,
  );
});
env("a broken .aimrc loads nothing, is watched, and its error is said once", () => {
  const sb = sandbox();
  const dir = copyFixture("aimrc/bad-yaml", join(sb.dir, "work", "bad"));
  const first = hookEnv(sb, dir);
  assert.is(first.code, 0);
  assert.match(first.stderr, /^aim: .*\.aimrc: not valid YAML/);
  assert.ok(first.stdout.includes(`__aim_gov='${join(dir, ".aimrc")}'`));
  const again = hookEnv(sb, dir, stateOf(first.stdout));
  assert.is(again.stderr, "");
});
env("a forged state cannot splice code into the output", () => {
  const sb = sandbox();
  const forged = JSON.stringify({ file: "/x'; touch /tmp/pwned; '", keys: ["X; touch /tmp/pwned", "$(id)"], said: [] });
  const r = hookEnv(sb, join(sb.dir, "work"), forged);
  assert.is(r.code, 0);
  assert.not.match(r.stdout, /pwned|\$\(id\)/);
});
env("loading writes no value to any file and names only keys in the state; allow touches the stamp", () => {
  const sb = sandbox();
  succeeds(sb.aim(["secrets", "set", "AIM_T_K"], { input: SECRET }));
  const dir = layout(join(sb.dir, "work", "p"), { ".aimrc": "keys: [AIM_T_K]\n" });
  const stamp = join(sb.dir, "data", "hook", "reload");
  hookEnv(sb, dir);
  const before = statSync(stamp).mtimeMs;
  succeeds(sb.aim(["allow"], { cwd: dir }));
  assert.ok(statSync(stamp).mtimeMs > before, "aim allow tells hooked shells to reload");
  const r = hookEnv(sb, dir);
  assert.is(r.stderr, "aim: +AIM_T_K\n");
  assert.ok(r.stdout.includes(`export AIM_T_K='${SECRET}';`));
  // The id binds the state to this shell (its marker holds the same): a random token, no value.
  const state = JSON.parse(stateOf(r.stdout) as string);
  assert.match(state.id, /^[0-9a-f]{32}$/);
  assert.equal(readFileSync(join(sb.dir, "data", "hook", "shell-4242"), "utf8"), state.id);
  assert.equal({ ...state, id: undefined }, { file: join(dir, ".aimrc"), keys: ["AIM_T_K"], said: [], id: undefined });
  assert.equal(filesContaining(sb.dir, SECRET), []);
  const quiet = hookEnv(sb, dir, undefined, { AIM_QUIET: "1" });
  assert.is(quiet.stderr, "", "AIM_QUIET=1 hides the status line");
  assert.ok(quiet.stdout.includes(`export AIM_T_K='${SECRET}';`));
});
env.run();

const near = suite("nearest search place (the walk the shell hooks repeat)");
near("aim's order within a folder, the nearest folder first", () => {
  const sb = sandbox();
  const root = layout(join(sb.dir, "work", "n"), { ".aimrc.yaml": "keys: [A]\n", "package.json": "{}", "sub/deeper/.keep": "" });
  assert.is(nearestCandidate(join(root, "sub", "deeper")), join(root, ".aimrc.yaml"));
  layout(root, { "sub/package.json": "{}", ".aimrc": "keys: [A]\n" });
  assert.is(nearestCandidate(join(root, "sub", "deeper")), join(root, "sub", "package.json"));
  assert.is(nearestCandidate(root), join(root, ".aimrc"));
});
near.run();
