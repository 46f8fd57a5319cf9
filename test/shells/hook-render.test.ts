// The rendered hooks as files: linted, parsed, evaluated in shells with no rc files (silent,
// exit 0, installed once), and run from an install path that needs quoting.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, ROOT, sandbox, expectRun } from "../helpers/cli.js";
import { HOOK_SHELLS, type HookShell } from "../helpers/hook-shells.js";
import { requireTool } from "../helpers/tools.js";

const { aim, env, dir } = sandbox();
const hook = (shell: string) => {
  const r = aim(["hook", shell]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, "");
  return r.stdout;
};
const sh = (shell: string, args: string[], input?: string) => {
  requireTool(shell);
  return spawnSync(shell, args, { env, encoding: "utf8", input, cwd: dir });
};
const silent = (r: ReturnType<typeof sh>, what: string) => {
  assert.is(r.status, 0, `${what}: ${r.stderr}`);
  assert.is(r.stderr, "", what);
};

const lint = suite("rendered hooks pass the shells' own checkers");
lint("bash: shellcheck -s bash finds nothing", () => {
  const r = sh("shellcheck", ["-s", "bash", "-"], hook("bash"));
  assert.is(r.status, 0, r.stdout);
});
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
lint("zsh: zsh -n parses it", () => silent(sh("zsh", ["-n", file("aim.zsh", hook("zsh"))]), "zsh -n"));
lint("fish: fish --no-execute parses it", () => silent(sh("fish", ["--no-execute", file("aim.fish", hook("fish"))]), "fish --no-execute"));
lint.run();

// Evaluates the hook twice in a bare shell with strict flags, then prints how it is installed.
const EVAL_TWICE: Record<HookShell, (show: string) => string[]> = {
  bash: (show) => ["--norc", "--noprofile", "-c", `set -u; eval "$(${cmd} hook bash)"; eval "$(${cmd} hook bash)"; ${show}`],
  zsh: (show) => ["-f", "-c", `setopt nounset; eval "$(${cmd} hook zsh)"; eval "$(${cmd} hook zsh)"; ${show}`],
  fish: (show) => ["--no-config", "-c", `${cmd} hook fish | source; ${cmd} hook fish | source; ${show}`],
};
const cmd = `'${process.execPath}' '${AIM}'`;

const install = suite("evaluating a hook in a shell with no rc files");
for (const shell of HOOK_SHELLS) {
  install(`${shell}: prints nothing and exits 0`, () => silent(sh(shell, EVAL_TWICE[shell](":")), shell));
}
install("bash: installs once, in front of a string PROMPT_COMMAND", () => {
  const r = sh(
    "bash",
    EVAL_TWICE.bash(`printf '%s' "$PROMPT_COMMAND"`).map((a) => a.replace("set -u;", "set -u; PROMPT_COMMAND='echo hi';")),
  );
  assert.is(r.stdout, "__aim_hook;echo hi", r.stderr);
});
install("bash: installs once with no PROMPT_COMMAND", () => {
  assert.is(sh("bash", EVAL_TWICE.bash(`printf '%s' "$PROMPT_COMMAND"`)).stdout, "__aim_hook");
});
install("bash 5.1+: installs once in front of an array PROMPT_COMMAND", () => {
  const args = EVAL_TWICE.bash(`printf '%s,' "\${PROMPT_COMMAND[@]}"`).map((a) =>
    a.replace("set -u;", "set -u; PROMPT_COMMAND=(one two);"),
  );
  assert.is(sh("bash", args).stdout, "__aim_hook,one,two,");
});
install("zsh: once in precmd_functions and chpwd_functions, first", () => {
  const r = sh("zsh", EVAL_TWICE.zsh("precmd_functions+=(other); print -r -- $precmd_functions / $chpwd_functions"));
  assert.is(r.stdout, "__aim_hook other / __aim_hook\n", r.stderr);
});
install("zsh: installs in front of existing hooks under ksh_arrays too", () => {
  const r = sh(
    "zsh",
    EVAL_TWICE.zsh("unsetopt ksh_arrays; print -r -- $precmd_functions").map((a) =>
      a.replace("setopt nounset;", "setopt nounset ksh_arrays; precmd_functions=(one two);"),
    ),
  );
  assert.is(r.stdout, "__aim_hook one two\n", r.stderr);
});
install("fish: one handler for PWD and one for the prompt", () => {
  const r = sh("fish", EVAL_TWICE.fish("functions --handlers | string match -e __aim_hook"));
  assert.is(r.stdout.trim().split("\n").length, 2, r.stdout);
  assert.match(r.stdout, /PWD\s+__aim_hook/);
  assert.match(r.stdout, /fish_prompt\s+__aim_hook/);
});
install.run();

const paths = suite("install paths that need quoting");
paths("every shell runs aim from a folder with a space, a quote and $ in its name", () => {
  const inst = join(dir, "it's $HOME dir");
  mkdirSync(inst);
  cpSync(join(ROOT, "dist"), join(inst, "dist"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(inst, "node_modules"));
  const odd = `'${process.execPath}' '${join(inst, "dist", "cli.js").replaceAll("'", `'\\''`)}'`;
  const version = expectRun(aim(["--version"]), { code: 0, stdout: /^\S+\n$/, stderr: "" }).stdout;
  const scripts: Record<HookShell, string[]> = {
    bash: ["--norc", "--noprofile", "-c", `set -u; eval "$(${odd} hook bash)"; __aim_run --version`],
    zsh: ["-f", "-c", `setopt nounset; eval "$(${odd} hook zsh)"; __aim_run --version`],
    fish: ["--no-config", "-c", `${odd} hook fish | source; __aim_run --version`],
  };
  for (const shell of HOOK_SHELLS) {
    const r = sh(shell, scripts[shell]);
    assert.is(r.stdout, version, `${shell}: ${r.stderr}`);
  }
});
paths.run();

const cli = suite("aim hook on the command line");
cli("an unknown shell is a usage error, exit 2, nothing on stdout", () => {
  const r = aim(["hook", "tcsh"]);
  assert.is(r.code, 2);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: unknown shell "tcsh". Use one of: bash, zsh, fish, pwsh\n$/);
});
cli("no shell is a usage error", () => {
  const r = aim(["hook"]);
  assert.is(r.code, 2);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /usage: aim hook <bash\|zsh\|fish\|pwsh>/i);
});
cli("--help shows the rc lines; the top-level help lists hook and reload, not hook-env", () => {
  const r = aim(["hook", "--help"]);
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.match(r.stdout, /eval "\$\(aim hook zsh\)"/);
  assert.match(r.stdout, /aim hook fish \| source/);
  const top = expectRun(aim(["--help"]), { code: 0, stdout: /^Usage: aim /, stderr: "" }).stdout;
  assert.match(top, /\n {2}hook <bash\|zsh\|fish\|pwsh> /);
  assert.match(top, /\n {2}reload /);
  assert.not.match(top, /hook-env/);
});
cli("aim reload --help, and aim reload is silent", () => {
  const help = aim(["reload", "--help"]);
  assert.is(help.code, 0);
  assert.is(help.stderr, "");
  assert.match(help.stdout, /^Usage: aim reload/);
  const r = aim(["reload"]);
  assert.equal([r.code, r.stdout, r.stderr], [0, "", ""]);
});
cli("powershell is accepted as an alias of pwsh", () => {
  expectRun(aim(["hook", "powershell"]), { code: 0, stdout: hook("pwsh"), stderr: "" });
});
cli.run();
