import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, expectRun } from "../../helpers/cli.js";
import { haveTmux, tmuxSession } from "../../helpers/tmux.js";

const SENTINEL = "sk-typed-SENTINEL-77";
const prompt = suite("aim secrets on a terminal");
prompt("set with no value asks with a hidden prompt; get --show ends with one newline on a TTY", async () => {
  assert.ok(haveTmux(), "tmux is NOT INSTALLED: apt-get install tmux");
  const sb = sandbox();
  const t = tmuxSession("prompt", sb.env, join(sb.dir, "work"), [process.execPath, AIM, "secrets", "set", "TYPED_KEY"]);
  try {
    await t.until((s) => s.includes("Value for TYPED_KEY:"), "the prompt");
    t.keys("-l", SENTINEL);
    t.keys("Enter");
    const screen = await t.until((s) => s.includes("stored TYPED_KEY"), "the confirmation");
    assert.not.ok(screen.includes(SENTINEL), `the typed value must not be echoed:\n${screen}`);
  } finally {
    t.kill();
  }
  expectRun(sb.aim(["secrets", "get", "TYPED_KEY", "--show"]), { code: 0, stdout: SENTINEL, stderr: "" });
  const shown = tmuxSession("show", sb.env, join(sb.dir, "work"), [
    "sh",
    "-c",
    `'${process.execPath}' '${AIM}' secrets get TYPED_KEY --show; echo "<end>"`,
  ]);
  try {
    const screen = await shown.until((s) => s.includes("<end>"), "the value");
    assert.match(screen, new RegExp(`^${SENTINEL}\\n<end>`, "m"));
  } finally {
    shown.kill();
  }
});
prompt.run();
