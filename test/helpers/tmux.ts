import { spawnSync } from "node:child_process";

/** A detached tmux session on a private socket, driven with send-keys as a person types. */
export function tmuxSession(name: string, env: NodeJS.ProcessEnv, cwd: string, command: string[]) {
  const socket = `aim-test-${process.pid}-${name}`;
  const tmux = (...args: string[]) => spawnSync("tmux", ["-L", socket, ...args], { env, cwd, encoding: "utf8" });
  const started = tmux("new-session", "-d", "-x", "200", "-y", "50", "-s", name, ...command);
  if (started.status !== 0) throw new Error(`tmux failed to start: ${started.stderr}`);
  // Keep the screen readable after the program exits.
  tmux("set-option", "-t", name, "remain-on-exit", "on");
  // `from`: the first line to capture; "-" is the start of the scroll-back.
  const screen = (from = "-200") => tmux("capture-pane", "-p", "-J", "-S", from, "-t", name).stdout;
  return {
    keys: (...keys: string[]) => tmux("send-keys", "-t", name, ...keys),
    screen,
    /** Polls the screen until `pred` holds, or fails with what was on it. */
    async until(pred: (s: string) => boolean, what: string, ms = 10_000): Promise<string> {
      const end = Date.now() + ms;
      for (;;) {
        const s = screen();
        if (pred(s)) return s;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Whether the program has exited (the pane stays, remain-on-exit). */
    dead: () => tmux("display-message", "-p", "-t", name, "#{pane_dead}").stdout.trim() === "1",
    kill: () => tmux("kill-server"),
  };
}

export const haveTmux = (): boolean => spawnSync("tmux", ["-V"]).status === 0;
