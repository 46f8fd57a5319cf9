import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AIM, type sandbox } from "./cli.js";
import { Term } from "./term.js";
import { requireTool } from "./tools.js";

export type HookShell = "bash" | "zsh" | "fish";
export const HOOK_SHELLS: HookShell[] = ["bash", "zsh", "fish"];
type Sandbox = ReturnType<typeof sandbox>;

const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const fq = (s: string) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

/** How to say the same small things in each shell, as a person would type them. */
export const DIALECT: Record<
  HookShell,
  { quote(s: string): string; dump(name: string, file: string): string; status(file: string): string }
> = {
  bash: {
    quote: sq,
    dump: (name, file) => `printf '%s' "\${${name}-<unset>}" > ${sq(file)}`,
    status: (file) => `printf '%s' "$?" > ${sq(file)}`,
  },
  zsh: {
    quote: sq,
    dump: (name, file) => `printf '%s' "\${${name}-<unset>}" > ${sq(file)}`,
    status: (file) => `printf '%s' "$?" > ${sq(file)}`,
  },
  fish: {
    quote: fq,
    dump: (name, file) => `if set -q ${name}; printf '%s' "$${name}" > ${fq(file)}; else; printf '<unset>' > ${fq(file)}; end`,
    status: (file) => `printf '%s' "$status" > ${fq(file)}`,
  },
};

// Each rc file only counts prompts (after aim's hook has run) and evaluates the hook, the
// way docs/hook.md tells users to.
// The prompt counter also records the $? it sees, as a prompt theme would show it.
const RC: Record<HookShell, (sync: string) => string> = {
  bash: (sync) => `set +H
PS1='$ '
__t_n=0
__t_sync() { local s=$?; __t_n=$((__t_n + 1)); printf '%s' "$s" > ${sq(`${sync}-status`)}; printf '%s' "$__t_n" > ${sq(sync)}; return $s; }
PROMPT_COMMAND=__t_sync
eval "$(aim hook bash)"
`,
  zsh: (sync) => `PROMPT='%% '
__t_n=0
__t_sync() { local s=$?; __t_n=$((__t_n + 1)); printf '%s' "$s" > ${sq(`${sync}-status`)}; printf '%s' "$__t_n" > ${sq(sync)}; return $s; }
precmd_functions=(__t_sync)
eval "$(aim hook zsh)"
`,
  fish: (sync) => `set -g fish_greeting ''
set -g __t_n 0
function fish_prompt; set -l s $status; set -g __t_n (math $__t_n + 1); printf '%s' $s > ${fq(`${sync}-status`)}; printf '%s' $__t_n > ${fq(sync)}; printf '> '; end
aim hook fish | source
`,
};

export interface ShellSession {
  term: Term;
  shell: HookShell;
  /** Types a command and waits for the next prompt. */
  run(line: string): Promise<void>;
  /** The variable's value as the shell holds it, written to a file by the shell itself; "<unset>" when unset. */
  value(name: string): Promise<string>;
  /** `$?` (fish: `$status`) as the shell reports it. */
  lastStatus(): Promise<string>;
  /** `$?` as the last prompt saw it, after aim's hook had run. */
  promptStatus(): string;
  /** The stamp of this shell's marker, which aim touches each time the hook runs it. */
  markerStamp(): bigint;
  /** How many times the shell has started `aim hook-env` so far (needs `opts.trace`). */
  aimStarts(): number;
  close(): void;
}

/** `trace`: run the shell under `strace -f`, so aimStarts() counts every start of aim it makes. */
export interface ShellOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  trace?: boolean;
}

/** A folder in the sandbox with an `aim` that runs this build on this Node, as a user's PATH finds it. */
export function aimOnPath(sb: Sandbox): string {
  const bin = join(sb.dir, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "aim"), `#!/bin/sh\nexec ${sq(process.execPath)} ${sq(AIM)} "$@"\n`);
  chmodSync(join(bin, "aim"), 0o755);
  return bin;
}

/**
 * How to start `shell` interactively with `rcText` as its only start-up file: a HOME of its
 * own, `aim` first on PATH, a UTF-8 locale, no PROMPT_COMMAND from the caller's shell.
 */
export function rcShell(shell: HookShell, sb: Sandbox, rcText: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const home = join(sb.dir, `home-${shell}`);
  mkdirSync(home, { recursive: true });
  const rc = join(home, shell === "zsh" ? ".zshrc" : `rc.${shell}`);
  writeFileSync(rc, rcText);
  const env: NodeJS.ProcessEnv = {
    ...sb.env,
    HOME: home,
    ZDOTDIR: home,
    PATH: `${aimOnPath(sb)}:${process.env.PATH}`,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    ...extraEnv,
  };
  delete env.PROMPT_COMMAND;
  const argv: Record<HookShell, string[]> = {
    bash: ["bash", "--noprofile", "--rcfile", rc, "-i"],
    zsh: ["zsh", "-d", "-i"],
    fish: ["fish", "--no-config", "--private", "-C", `source ${fq(rc)}`],
  };
  return { argv: argv[shell], env };
}

/** Starts `shell` interactively in tmux with no rc files but one that evaluates the hook. */
export async function startShell(shell: HookShell, sb: Sandbox, opts: ShellOptions): Promise<ShellSession> {
  requireTool(shell);
  const out = join(sb.dir, `out-${shell}`);
  mkdirSync(out, { recursive: true });
  const sync = join(out, "prompts");
  const { argv, env } = rcShell(shell, sb, RC[shell](sync), opts.env);
  const log = join(out, "strace");
  if (opts.trace) requireTool("strace");
  const trace = opts.trace ? ["strace", "-f", "-qq", "-s", "4096", "-e", "trace=execve", "-o", log] : [];
  const term = new Term([...trace, ...argv], { env, cwd: opts.cwd, syncFile: sync });
  await term.waitPrompts(1);
  let n = 0;
  const read = async (command: (file: string) => string) => {
    const file = join(out, `v${++n}`);
    await term.run(command(file));
    return readFileSync(file, "utf8");
  };
  const hookDir = join(sb.env.AIM_DATA_DIR as string, "hook");
  return {
    term,
    shell,
    run: (line) => term.run(line),
    value: (name) => read((f) => DIALECT[shell].dump(name, f)),
    lastStatus: () => read((f) => DIALECT[shell].status(f)),
    promptStatus: () => readFileSync(`${sync}-status`, "utf8"),
    markerStamp: () => {
      const markers = readdirSync(hookDir).filter((f) => f.startsWith("shell-"));
      if (markers.length !== 1) throw new Error(`expected one shell marker, found: ${markers.join(", ")}`);
      return statSync(join(hookDir, markers[0] as string), { bigint: true }).mtimeNs;
    },
    aimStarts: () => {
      if (!opts.trace) throw new Error("aimStarts() needs startShell(..., { trace: true })");
      const lines = readFileSync(log, "utf8").split("\n");
      return lines.filter((l) => l.includes("execve(") && l.includes(JSON.stringify(AIM)) && l.includes('"hook-env"')).length;
    },
    close: () => term.close(),
  };
}

/** Runs `fn` in a fresh shell; on failure prints the screen, which usually says why. */
export async function withShell(shell: HookShell, sb: Sandbox, opts: ShellOptions, fn: (sh: ShellSession) => Promise<void>): Promise<void> {
  const sh = await startShell(shell, sb, opts);
  try {
    await fn(sh);
  } catch (err) {
    console.error(`--- ${shell} screen ---\n${sh.term.screen()}`);
    throw err;
  } finally {
    sh.close();
  }
}
