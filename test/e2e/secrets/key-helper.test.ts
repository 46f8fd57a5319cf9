import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, TEST_PASSPHRASE, succeeds } from "../../helpers/cli.js";
import { tmuxSession } from "../../helpers/tmux.js";
import { requireTool } from "../../helpers/tools.js";

// @both-backends: aim secrets get KEY --show as Claude Code's apiKeyHelper runs it.

const VALUE = "sk-ant-helper-3e9a0c71d5";

const helper = suite("aim secrets get --show as a key helper");
helper("exactly the value on stdout, nothing on stderr", () => {
  const { aim } = sandbox();
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: VALUE }));
  const r = aim(["secrets", "get", "ANTHROPIC_API_KEY", "--show"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, VALUE);
  assert.is(r.stderr, "");
});
helper("a missing key: non-zero, nothing on stdout, one aim: line naming the fix", () => {
  const { aim } = sandbox();
  const r = aim(["secrets", "get", "ANTHROPIC_API_KEY", "--show"]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.is(r.stderr, "aim: no secret named ANTHROPIC_API_KEY. Store it with: aim secrets set ANTHROPIC_API_KEY\n");
});
helper("a locked vault on a terminal: an error at once, never a passphrase prompt", async () => {
  requireTool("tmux");
  const sb = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
  succeeds(sb.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: VALUE }));
  const env = { ...sb.env, AIM_VAULT_PASSPHRASE: undefined };
  // Without --show the same call on a terminal asks (so the terminal is really there).
  const asks = tmuxSession("helper-asks", env, join(sb.dir, "work"), [process.execPath, AIM, "secrets", "get", "ANTHROPIC_API_KEY"]);
  try {
    await asks.until((s) => s.includes("passphrase for"), "the passphrase prompt");
  } finally {
    asks.kill();
  }
  const t = tmuxSession("helper", env, join(sb.dir, "work"), [
    "sh",
    "-c",
    `'${process.execPath}' '${AIM}' secrets get ANTHROPIC_API_KEY --show; echo "<rc=$?>"; sleep 5`,
  ]);
  try {
    const screen = await t.until((s) => s.includes("<rc="), "the helper's exit", 10_000);
    assert.match(screen, /aim: the vault .* is locked/);
    assert.not.match(screen, /passphrase for/);
    assert.not.match(screen, /<rc=0>/);
    assert.not.ok(screen.includes(VALUE));
  } finally {
    t.kill();
  }
});
helper("no terminal and a locked vault: non-zero with the fix, stdout empty", () => {
  const sb = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
  succeeds(sb.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: VALUE }));
  const r = spawnSync(process.execPath, [AIM, "secrets", "get", "ANTHROPIC_API_KEY", "--show"], {
    env: { ...sb.env, AIM_VAULT_PASSPHRASE: undefined },
    encoding: "utf8",
    input: "",
  });
  assert.ok(r.status !== 0);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: the vault .* is locked.*aim vault unlock/);
});
helper.run();
