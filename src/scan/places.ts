import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { mcpConfigFiles } from "../mcp/clients.js";

/** The shell a history file belongs to: it decides what one entry is (`--fix`). */
export type HistoryShell = "bash" | "zsh" | "fish" | "pwsh";

export interface HistoryFile {
  shell: HistoryShell;
  path: string;
}

const home = (env: NodeJS.ProcessEnv) => env.HOME || homedir();
const dataHome = (env: NodeJS.ProcessEnv) => env.XDG_DATA_HOME || join(home(env), ".local", "share");

/**
 * Where AI agents keep what they saw (DESIGN "aim scan", --agents): Claude Code's transcripts
 * and tool results and its ~/.claude.json, Codex's sessions and prompt history, Gemini CLI's
 * folder, and every MCP client config `aim mcp list` knows. Those that exist.
 */
export function agentPlaces(cwd: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const h = home(env);
  const fixed = [
    join(h, ".claude", "projects"),
    join(h, ".claude.json"),
    join(h, ".codex", "sessions"),
    join(h, ".codex", "history.jsonl"),
    join(h, ".gemini"),
  ];
  const all = [...fixed, ...mcpConfigFiles(cwd, env).map((f) => f.path)];
  return [...new Set(all)].filter((p) => existsSync(p));
}

/**
 * The shells' history files that exist: bash ($HISTFILE when aim sees it, ~/.bash_history),
 * zsh ($HISTFILE, $ZDOTDIR or ~ .zsh_history and .zhistory), every fish session's history,
 * and PSReadLine's per host history (Linux/macOS and Windows places).
 */
export function historyFiles(env: NodeJS.ProcessEnv = process.env): HistoryFile[] {
  const h = home(env);
  const zdot = env.ZDOTDIR || h;
  const out: HistoryFile[] = [];
  const add = (shell: HistoryShell, path: string) => {
    if (existsSync(path) && !out.some((f) => f.path === path)) out.push({ shell, path });
  };
  if (env.HISTFILE) add(/zsh/.test(env.HISTFILE) || /zsh/.test(env.SHELL ?? "") ? "zsh" : "bash", env.HISTFILE);
  add("bash", join(h, ".bash_history"));
  for (const name of [".zsh_history", ".zhistory", ".histfile"]) add("zsh", join(zdot, name));
  const fish = join(dataHome(env), "fish");
  for (const name of list(fish)) if (name.endsWith("_history")) add("fish", join(fish, name));
  const psDirs = [join(dataHome(env), "powershell", "PSReadLine")];
  if (env.APPDATA) psDirs.push(join(env.APPDATA, "Microsoft", "Windows", "PowerShell", "PSReadLine"));
  for (const dir of psDirs) for (const name of list(dir)) if (name.endsWith("_history.txt")) add("pwsh", join(dir, name));
  return out;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
