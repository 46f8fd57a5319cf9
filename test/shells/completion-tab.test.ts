// Tab completion in real interactive bash, zsh and fish, in tmux, typed as a person would:
// the completion code loaded as docs/hook.md says, then keys and Tab, then the screen read.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox } from "../helpers/cli.js";
import { rcShell } from "../helpers/hook-shells.js";
import { tmuxSession } from "../helpers/tmux.js";
import { requireTool } from "../helpers/tools.js";

type TabShell = "bash" | "zsh" | "fish";

const RC: Record<TabShell, string> = {
  bash: `PS1='$ '\neval "$(aim completion bash)"\n`,
  zsh: `PROMPT='%% '\nautoload -Uz compinit && compinit -u -D\neval "$(aim completion zsh)"\n`,
  fish: "set -g fish_greeting ''\nfunction fish_prompt; printf '> '; end\naim completion fish | source\n",
};
const PROMPT: Record<TabShell, string> = { bash: "$ ", zsh: "% ", fish: "> " };

const sb = sandbox();
let stored = false;

async function withTabShell(
  shell: TabShell,
  fn: (t: {
    type(text: string): void;
    tab(): void;
    line(): Promise<string>;
    screen(): string;
    until(text: string): Promise<string>;
  }) => Promise<void>,
) {
  requireTool(shell);
  requireTool("tmux");
  if (!stored) {
    for (const k of ["OPENAI_API_KEY", "GITHUB_TOKEN"]) assert.is(sb.aim(["secrets", "set", k], { input: `v-${k}` }).code, 0);
    stored = true;
  }
  const { argv, env } = rcShell(shell, sb, RC[shell], { TERM: "screen" });
  const tmux = tmuxSession(`tab-${shell}`, env, sb.dir, argv);
  const visible = () => tmux.screen("0");
  const lastLine = () => visible().trimEnd().split("\n").at(-1) ?? "";
  try {
    await tmux.until(() => lastLine().startsWith(PROMPT[shell].trim()), `the ${shell} prompt`, 20_000);
    await fn({
      type: (text) => tmux.keys("-l", text),
      tab: () => tmux.keys("Tab"),
      // The command line being edited, once it has stopped changing.
      line: async () => {
        let before = "";
        for (let i = 0; i < 100; i++) {
          await new Promise((r) => setTimeout(r, 100));
          const now = visible();
          if (now === before) break;
          before = now;
        }
        return (
          before
            .split("\n")
            .filter((l) => l.startsWith(PROMPT[shell]))
            .at(-1) ?? ""
        );
      },
      screen: visible,
      until: (text) => tmux.until(() => visible().includes(text), text, 20_000),
    });
  } catch (err) {
    console.error(`--- ${shell} screen ---\n${tmux.screen("-")}`);
    throw err;
  } finally {
    tmux.kill();
  }
}

const tab = suite("Tab completion in real shells");
for (const shell of ["bash", "zsh", "fish"] as const) {
  tab(`${shell}: commands, stored key names and options complete on Tab`, async () => {
    await withTabShell(shell, async (t) => {
      // A unique command: completed, with the space after it (the X lands after the space).
      t.type("aim se");
      t.tab();
      await t.until("aim secrets ");
      t.type("X");
      assert.is(await t.line(), `${PROMPT[shell]}aim secrets X`);
      t.type("\u0015"); // Ctrl-U: an empty line again

      // Stored names, from aim's metadata: both offered, then one picked by its prefix.
      t.type("aim secrets get ");
      t.tab();
      if (shell === "bash") t.tab(); // bash lists on the second Tab
      await t.until("GITHUB_TOKEN");
      await t.until("OPENAI_API_KEY");
      t.type("\u0015");
      t.type("aim secrets get OP");
      t.tab();
      await t.until("aim secrets get OPENAI_API_KEY");
      t.type("\u0015");

      // An option, from exec's spec.
      t.type("aim exec --p");
      t.tab();
      await t.until("aim exec --profile");
      assert.match(await t.line(), /aim exec --profile\s*$/);
    });
  });
}
tab.run();
