// `aim completion <shell>` and the `aim __complete` it calls back at each Tab.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox } from "../../helpers/cli.js";
import { requireTool } from "../../helpers/tools.js";

const sb = sandbox();
const code = (shell: string) => {
  const r = sb.aim(["completion", shell]);
  assert.equal([r.code, r.stderr], [0, ""], shell);
  return r.stdout;
};
let files = 0;
/** Runs a syntax checker on the code, written to a file as a user's rc would hold it. */
const check = (cmd: string, args: string[], text: string) => {
  requireTool(cmd);
  const file = join(sb.dir, `completion-${++files}`);
  writeFileSync(file, text);
  const r = spawnSync(cmd, [...args, file], { encoding: "utf8" });
  assert.equal([r.status, r.stdout, r.stderr], [0, "", ""], `${cmd} ${args.join(" ")}`);
};

const printed = suite("aim completion <shell>");
printed("bash: shellcheck-clean, calling this node and this aim by absolute path", () => {
  const text = code("bash");
  assert.ok(text.includes(`'${process.execPath}' '${AIM}' __complete bash "--current=$cur"`));
  assert.match(text, /^complete -F __aim_complete aim$/m);
  check("shellcheck", ["-s", "bash"], text);
  check("bash", ["-n"], text);
});
printed("zsh and fish: their own syntax checks accept it", () => {
  const zsh = code("zsh");
  assert.match(zsh, /compdef __aim_complete aim/);
  check("zsh", ["-n"], zsh);
  const fish = code("fish");
  assert.match(fish, /^complete -c aim -f -a '\(__aim_complete\)'$/m);
  check("fish", ["--no-execute"], fish);
});
printed("pwsh (not installable here: checked as text)", () => {
  const text = code("pwsh");
  assert.match(text, /^Register-ArgumentCompleter -Native -CommandName aim, aim\.cmd, aim\.ps1 -ScriptBlock \{$/m);
  assert.ok(text.includes(`& '${process.execPath}' '${AIM}' __complete pwsh "--current=$wordToComplete" @words 2>$null`));
  assert.match(text, /\[System\.Management\.Automation\.CompletionResult\]::new\(\$value, \$value, 'ParameterValue', \$description\)/);
  assert.not.match(text, /\{\{|\$\{run\}/);
});
printed("a missing or unknown shell is a usage error naming the shells", () => {
  for (const [args, message] of [
    [["completion"], /^aim: no shell given/],
    [["completion", "tcsh"], /^aim: unknown shell "tcsh"/],
  ] as const) {
    const r = sb.aim([...args]);
    assert.equal([r.code, r.stdout], [2, ""]);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /bash.*zsh.*fish.*pwsh/);
  }
  const help = sb.aim(["completion", "--help"]);
  assert.is(help.code, 0);
  assert.ok(help.stdout.includes('eval "$(aim completion bash)"'));
});
printed.run();

const answers = suite("aim __complete");
answers("stored names come from the metadata file: no keyring, no passphrase, no prompt", () => {
  const { aim } = sandbox();
  for (const k of ["GITHUB_TOKEN", "OPENAI_API_KEY"]) assert.is(aim(["secrets", "set", k], { input: "v" }).code, 0);
  // A keyring that cannot be reached, and a vault that would need a passphrase.
  for (const env of [
    { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus" },
    { AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: undefined },
  ]) {
    const r = aim(["__complete", "bash", "--current=", "secrets", "get"], { env });
    assert.equal([r.code, r.stdout, r.stderr], [0, "none\nGITHUB_TOKEN\nOPENAI_API_KEY\n", ""], JSON.stringify(env));
  }
  const cmd = aim(["__complete", "zsh", "--current=se"]);
  assert.equal([cmd.code, cmd.stdout, cmd.stderr], [0, "none\nsecrets\tmanage the stored keys\n", ""]);
});
answers("a damaged metadata file or config offers nothing, and says nothing into the command line", () => {
  const { aim, env } = sandbox();
  mkdirSync(env.AIM_DATA_DIR as string, { recursive: true });
  writeFileSync(join(env.AIM_DATA_DIR as string, "secrets.json"), "{ not json");
  const r = aim(["__complete", "fish", "--current=", "secrets", "delete"]);
  assert.equal([r.code, r.stdout, r.stderr], [0, "none\n", ""]);
  mkdirSync(env.AIM_CONFIG_DIR as string, { recursive: true });
  writeFileSync(join(env.AIM_CONFIG_DIR as string, "config.yaml"), "tools: [unclosed");
  const tools = aim(["__complete", "fish", "--current=cl", "run"]);
  assert.equal([tools.code, tools.stdout, tools.stderr], [0, "none\nclaude\n", ""], "the built-in tools still complete");
});
answers.run();
