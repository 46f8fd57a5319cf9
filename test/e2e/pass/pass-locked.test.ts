// A GPG key with a passphrase that gpg-agent does not hold, and no terminal: aim must say
// so in one line with the fix, never hang on a pinentry, and work once the key is unlocked.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, type Result, sandbox, succeeds } from "../../helpers/cli.js";
import { passStore } from "../../helpers/pass.js";
import { layout } from "../../helpers/project.js";
import { tmuxSession } from "../../helpers/tmux.js";
import { requireTool } from "../../helpers/tools.js";

const VALUE = "sk-pass-locked-5d0c2b";
const locked = suite("pass: a locked key with no terminal");

/** aim with pipes for stdin, stdout and stderr, no GPG_TTY and no display; a hang fails the test. */
function noTerminal(env: NodeJS.ProcessEnv, cwd: string, args: string[]): Result {
  // setsid: no controlling terminal either, whatever ran the tests.
  const r = spawnSync("setsid", ["--wait", process.execPath, AIM, ...args], {
    cwd,
    env: { ...env, GPG_TTY: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined },
    stdio: ["pipe", "pipe", "pipe"],
    encoding: "utf8",
    timeout: 20_000,
  });
  assert.is(r.error, undefined, `aim must not hang waiting for a pinentry (${r.error?.message})`);
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

locked("aim exec exits 125 and secrets get --show exits 1, each with one aim line naming the fix", () => {
  const store = passStore({ passphrase: "correct horse 7" });
  try {
    store.insert("work/openai", VALUE);
    store.stop(); // the agent forgets everything: the key is locked
    const sb = sandbox(store.vars);
    const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": "keys:\n  - OPENAI_API_KEY: pass:work/openai\n" });
    succeeds(sb.aim(["allow"], { cwd: proj }));
    const line =
      "aim: gpg could not unlock your key for pass:work/openai (no terminal to ask on). Unlock it once in a terminal: pass show work/openai >/dev/null (gpg-agent then keeps it unlocked), or use a key without a passphrase for CI\n";
    expectRun(noTerminal(sb.env, proj, ["exec", "--", "sh", "-c", "echo ran"]), { code: 125, stdout: "", stderr: line }, "aim exec");
    expectRun(
      noTerminal(sb.env, proj, ["secrets", "get", "pass:work/openai", "--show"]),
      { code: 1, stdout: "", stderr: line },
      "get --show",
    );
    // The fix works: once the agent holds the passphrase, the same command runs without a terminal.
    store.unlock("work/openai");
    expectRun(noTerminal(sb.env, proj, ["exec", "--", "sh", "-c", 'printf %s "$OPENAI_API_KEY"']), {
      code: 0,
      stdout: VALUE,
      stderr: "",
    });
  } finally {
    store.stop();
  }
});

locked("on a terminal, gpg's pinentry asks there (no GPG_TTY set), and the typed passphrase unlocks the key", async () => {
  requireTool("tmux");
  const store = passStore({ passphrase: "correct horse 7" });
  try {
    store.insert("work/openai", VALUE);
    store.stop();
    const sb = sandbox({ ...store.vars, GPG_TTY: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined });
    layout(sb.env.AIM_CONFIG_DIR as string, { "config.yaml": "optional:\n  - OPENAI_API_KEY: pass:work/openai\n" });
    const print = ["sh", "-c", 'printf "<%s>" "$OPENAI_API_KEY"'];
    const t = tmuxSession("pinentry", sb.env, sb.dir, [process.execPath, AIM, "exec", "--keys", "OPENAI_API_KEY", "--", ...print]);
    try {
      await t.until((s) => s.includes("Passphrase:"), "gpg's pinentry on aim's terminal");
      t.keys("-l", "correct horse 7");
      t.keys("Enter");
      await t.until((s) => s.includes(`<${VALUE}>`), "the command, with the value");
    } finally {
      t.kill();
    }
  } finally {
    store.stop();
  }
});

locked.run();
