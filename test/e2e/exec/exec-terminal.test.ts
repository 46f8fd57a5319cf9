import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox } from "../../helpers/cli.js";
import { FIXTURES } from "../../helpers/project.js";
import { haveTmux, tmuxSession } from "../../helpers/tmux.js";

const COUNT_INT = join(FIXTURES, "bin", "count-int.sh");

const term = suite("aim exec on a terminal");
term("Ctrl-C typed on the terminal reaches the child exactly once", async () => {
  assert.ok(haveTmux(), "tmux is NOT INSTALLED: apt-get install tmux");
  const { env, dir } = sandbox();
  // A shell child: it counts every delivery, where a Node child may see two as one.
  const t = tmuxSession("ctrlc", env, join(dir, "work"), [process.execPath, AIM, "exec", "--", "sh", COUNT_INT]);
  try {
    await t.until((s) => s.includes("ready"), "the child to start");
    t.keys("C-c");
    const screen = await t.until((s) => /total \d/.test(s), "the child to report its count");
    assert.match(screen, /total 1\b/);
  } finally {
    t.kill();
  }
});
term("a TTY program sees a terminal on stdin and stdout", async () => {
  const { env, dir } = sandbox();
  const check = "process.stdout.write(`tty:${process.stdin.isTTY}:${process.stdout.isTTY}\\n`); setInterval(() => {}, 1000)";
  const t = tmuxSession("tty", env, join(dir, "work"), [process.execPath, AIM, "exec", "--", process.execPath, "-e", check]);
  try {
    await t.until((s) => s.includes("tty:true:true"), "the child to report a TTY");
  } finally {
    t.kill();
  }
});
term.run();
