import { readFileSync } from "node:fs";
import { tmuxSession } from "./tmux.js";
import { requireTool } from "./tools.js";

let sessions = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An interactive shell in tmux, typed into as a person would. The shell's rc file writes
 * a prompt counter to `syncFile` at every prompt (after aim's hook has run), so `run`
 * waits for the next prompt instead of sleeping a fixed time.
 */
export class Term {
  private readonly session: ReturnType<typeof tmuxSession>;

  constructor(
    argv: string[],
    readonly opts: { env: NodeJS.ProcessEnv; cwd: string; syncFile: string },
  ) {
    requireTool("tmux");
    this.session = tmuxSession(`hook${++sessions}`, opts.env, opts.cwd, argv);
  }

  prompts(): number {
    try {
      return Number(readFileSync(this.opts.syncFile, "utf8")) || 0;
    } catch {
      return 0;
    }
  }

  /** Waits until at least `n` prompts have been shown. */
  async waitPrompts(n: number, timeoutMs = 20000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.prompts() < n) {
      if (Date.now() > end) throw new Error(`shell did not show prompt ${n} within ${timeoutMs} ms; screen:\n${this.screen()}`);
      await sleep(15);
    }
  }

  /** Types `line` and Enter, then waits for the prompt that follows it. */
  async run(line: string): Promise<void> {
    const before = this.prompts();
    if (line !== "") this.session.keys("-l", line);
    this.session.keys("Enter");
    await this.waitPrompts(before + 1);
  }

  /** Types `text` (and Enter) without waiting for a prompt: an answer to a question. */
  type(text: string): void {
    this.session.keys("-l", text);
    this.session.keys("Enter");
  }

  /** Waits until the screen shows `text`. */
  until(text: string): Promise<string> {
    return this.session.until((s) => s.includes(text), text, 20000);
  }

  /** Everything on the screen and in the scroll-back, wrapped lines joined. */
  screen(): string {
    return this.session.screen("-");
  }

  count(text: string): number {
    return this.screen().split(text).length - 1;
  }

  /** Whether the shell has exited. */
  exited(): boolean {
    return this.session.dead();
  }

  close(): void {
    this.session.kill();
  }
}
