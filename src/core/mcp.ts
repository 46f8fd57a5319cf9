import { isKeyName } from "./names.js";

/** One MCP server entry as a client config holds it, read and type-checked (values stay in memory). */
export interface McpServer {
  name: string;
  /** Where it sits in the file: ["mcpServers", name], or under a project in ~/.claude.json. */
  path: (string | number)[];
  command?: string;
  args: string[];
  env: Record<string, string>;
  /** A remote server (url): aim cannot wrap those. */
  url?: string;
}

// Names that say "credential", as words of an environment variable name.
const KEY_NAME =
  /(^|_)(API_?KEY|KEY|TOKEN|SECRET|SECRET_KEY|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?|AUTH|ACCESS_KEY|PRIVATE_KEY|CLIENT_SECRET)(_|$)/i;
// Prefixes of well-known key formats: a value like these is a key whatever its name.
const KEY_SHAPE =
  /^(sk-|sk_|pk_|rk_|ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|xox[abprs]-|AIza|hf_|npm_|pypi-|AKIA|ASIA|dop_v1_|shpat_|SG\.|key-|tvly-|fc-|pcsk_|r8_|gsk_|xai-|csk-|pplx-)/;

/** A value the client substitutes itself (VS Code `${input:x}` / `${env:X}`, Claude Code `${VAR}`), not a literal. */
const isReference = (value: string): boolean => /^\$\{[^}]+\}$/.test(value.trim()) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value.trim());

/** True for an `env` entry whose value is a literal that looks like a key: by its name, or by its shape. */
export function looksLikeKey(name: string, value: string): boolean {
  if (!isKeyName(name) || isReference(value) || /\s/.test(value) || value.length < 8) return false;
  if (KEY_SHAPE.test(value) && value.length >= 16) return true;
  return KEY_NAME.test(name) && !/^(true|false|null|\d+|https?:\/\/\S*)$/i.test(value);
}

const base = (p: string): string => p.split(/[\\/]/).pop() ?? p;
const isAim = (p: string | undefined, aim: string): boolean => p !== undefined && (p === aim || base(p) === "aim" || base(p) === "aim.cmd");

/** How a server already runs under aim: the keys its `aim exec --keys` names, and where `exec` sits in args. */
export function aimWrapper(server: Pick<McpServer, "command" | "args">, aim: string): { keys: string[]; exec: number } | null {
  const { command, args } = server;
  const exec = isAim(command, aim) ? 0 : isAim(args[0], aim) ? 1 : -1;
  if (exec < 0 || args[exec] !== "exec") return null;
  const end = args.indexOf("--", exec);
  const own = args.slice(exec + 1, end < 0 ? undefined : end);
  const at = own.indexOf("--keys");
  const list = at >= 0 ? own[at + 1] : undefined;
  const keys = list ? list.split(",").filter(Boolean) : [];
  return { keys, exec };
}

/**
 * The server's new command and args: `<node> <aim> exec --keys K1,K2 [--profile P] -- <original
 * command> <original args>`, absolute paths since GUI clients pass no PATH. A server already
 * wrapped keeps its wrapper and gains the new keys in its --keys list.
 */
export function wrap(
  server: Pick<McpServer, "command" | "args">,
  keys: readonly string[],
  paths: { node: string; aim: string },
  profile?: string,
): { command: string; args: string[] } {
  const wrapped = aimWrapper(server, paths.aim);
  if (wrapped) {
    const args = [...server.args];
    const merged = [...new Set([...wrapped.keys, ...keys])].join(",");
    const end = args.indexOf("--", wrapped.exec);
    const at = args.indexOf("--keys", wrapped.exec);
    if (at >= 0 && (end < 0 || at < end)) args[at + 1] = merged;
    else args.splice(wrapped.exec + 1, 0, "--keys", merged);
    return { command: server.command as string, args };
  }
  const own = ["exec", "--keys", keys.join(","), ...(profile ? ["--profile", profile] : []), "--"];
  return { command: paths.node, args: [paths.aim, ...own, server.command as string, ...server.args] };
}
