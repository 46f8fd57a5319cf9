// @both-backends: the hooks carry values from the keyring and from the file vault alike.
// Hostile values through each shell's hook, run as the prompt would run it but in a
// non-interactive shell with strict flags, plus what a child process can see meanwhile.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, HOSTILE, sandbox, succeeds } from "../helpers/cli.js";
import { DIALECT, HOOK_SHELLS, type HookShell } from "../helpers/hook-shells.js";
import { requireTool } from "../helpers/tools.js";

const KEYS = Object.keys(HOSTILE).map((k) => `AIM_T_${k.toUpperCase()}`);
const VALUES = Object.values(HOSTILE);
// Every other key had a value before entering: it must come back byte for byte.
const PREV = new Map(KEYS.flatMap((k, i) => (i % 2 === 0 ? [[k, `PREV-SENTINEL ${VALUES[i]}`] as const] : [])));

const sb = sandbox();
const PROJECT = join(sb.dir, "work", "hostile $test ü proj");
mkdirSync(PROJECT, { recursive: true });
writeFileSync(join(PROJECT, ".aimrc"), `keys:\n${KEYS.map((k) => `  - ${k}\n`).join("")}`);
let ready = false;
const setup = () => {
  if (ready) return;
  for (const [i, key] of KEYS.entries()) assert.is(sb.aim(["secrets", "set", key], { input: `${VALUES[i]}\n` }).code, 0);
  succeeds(sb.aim(["allow"], { cwd: PROJECT }));
  ready = true;
};

const q = (shell: HookShell, s: string) => DIALECT[shell].quote(s);
const AIM_CMD = `'${process.execPath}' '${AIM}'`;

/** Loads the project through the hook, dumps every key and the child env, leaves, dumps again. */
function script(shell: HookShell, out: string, strict: string): string {
  const dumps = (tag: string) => KEYS.map((k) => DIALECT[shell].dump(k, join(out, `${tag}-${k}`)));
  const load = shell === "fish" ? `${AIM_CMD} hook fish | source` : `eval "$(${AIM_CMD} hook ${shell})"`;
  return [
    strict,
    load,
    `cd ${q(shell, PROJECT)}`,
    "__aim_hook",
    ...dumps("in"),
    `env -0 > ${q(shell, join(out, "env"))}`,
    "cd ..",
    "__aim_hook",
    ...dumps("out"),
  ].join("\n");
}

const ARGV: Record<HookShell, [string[], string]> = {
  bash: [["--norc", "--noprofile", "-c"], "set -u"],
  zsh: [["-f", "-c"], "setopt nounset"],
  fish: [["--no-config", "-c"], ""],
};

function runThrough(shell: HookShell, tag: string, strict = ARGV[shell][1]) {
  requireTool(shell);
  setup();
  const out = join(sb.dir, `values-${shell}-${tag}`);
  mkdirSync(out);
  const env = { ...sb.env, ...Object.fromEntries(PREV) };
  const r = spawnSync(shell, [...ARGV[shell][0], script(shell, out, strict)], { env, cwd: sb.dir, encoding: "utf8" });
  assert.is(r.status, 0, `${shell} failed: ${r.stderr}`);
  assert.is(r.stdout, "", "the hook prints nothing on stdout");
  return { out, stderr: r.stderr, read: (f: string) => readFileSync(join(out, f), "utf8") };
}

const values = suite("hostile values through the hooks");
for (const shell of HOOK_SHELLS) {
  values(`${shell}: every hostile value loads exactly and every earlier value comes back exactly`, () => {
    const { read, stderr } = runThrough(shell, "values");
    for (const [i, k] of KEYS.entries()) assert.is(read(`in-${k}`), VALUES[i], `${shell} loads ${k}`);
    for (const k of KEYS) assert.is(read(`out-${k}`), PREV.get(k) ?? "<unset>", `${shell} restores ${k}`);
    assert.match(stderr, /^aim: \+AIM_T_SINGLE /m);
    assert.match(stderr, /^aim: -AIM_T_SINGLE /m);
  });
}

/** A child's environment while the keys are loaded, as NAME=value entries. */
function childEnv(read: (f: string) => string): Map<string, string> {
  return new Map(
    read("env")
      .split("\0")
      .filter(Boolean)
      .map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
  );
}

const hygiene = suite("secret hygiene of the hook's own state");
for (const [shell, tag, strict] of [
  ...HOOK_SHELLS.map((s) => [s, "hygiene", undefined] as const),
  ["bash", "allexport", "set -u -a"] as const,
  ["zsh", "allexport", "setopt nounset allexport"] as const,
]) {
  hygiene(
    `${shell}${tag === "allexport" ? " under set -a" : ""}: a child sees the keys and names-only state, never an earlier value`,
    () => {
      const { read } = runThrough(shell, tag, strict);
      const env = childEnv(read);
      const own = [...env.keys()].filter((k) => k.startsWith("__aim"));
      assert.equal(own, ["__aim_state"], "the only exported bookkeeping variable");
      const state = env.get("__aim_state") as string;
      assert.equal(JSON.parse(state).keys, KEYS);
      for (const v of VALUES) if (v.length > 3) assert.not.ok(state.includes(v), "no value in the state");
      for (const [name, value] of env) {
        assert.not.ok(value.includes("PREV-SENTINEL"), `${name} carries an earlier value to children`);
      }
      for (const [i, k] of KEYS.entries()) assert.is(env.get(k), VALUES[i], `the child gets ${k}`);
    },
  );
}

values.run();
hygiene.run();
