// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import { DEFAULT_PROFILE, isKeyName } from "../core/names.js";

/** One MCP server entry as a client config holds it, read and type-checked (values stay in memory). */
export interface McpServer {
  name: string;
  /** Where it sits in the file: ["mcpServers", name], or under a project in ~/.claude.json. */
  path: (string | number)[];
  command?: string;
  args: string[];
  env: Record<string, string>;
  /** A remote server's URL, and the field that holds it (`url`, `serverUrl`, `httpUrl`, `uri`). */
  url?: string;
  urlField?: string;
  headers?: Record<string, string>;
  /** Where each field sits in the file (opencode keeps args in `command`, Zed may nest them). */
  places?: {
    command: (string | number)[];
    args: (string | number)[];
    env: (string | number)[];
    headers: (string | number)[];
    commandArray: boolean;
  };
}

// Names that say "credential", as words of an environment variable name.
const KEY_NAME =
  /(^|_)(API_?KEY|KEY|TOKEN|SECRET|SECRET_KEY|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?|AUTH|ACCESS_KEY|PRIVATE_KEY|CLIENT_SECRET)(_|$)/i;
// Prefixes of well-known key formats: a value like these is a key whatever its name.
const KEY_SHAPE =
  /^(sk-|sk_|pk_|rk_|ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|xox[abprs]-|AIza|hf_|npm_|pypi-|AKIA|ASIA|dop_v1_|shpat_|SG\.|key-|tvly-|fc-|pcsk_|r8_|gsk_|xai-|csk-|pplx-)/;

/**
 * A value the client substitutes itself (VS Code `${input:x}` / `${env:X}`, Claude Code
 * `${VAR}` / `${VAR:-d}`, opencode `{env:X}`, Continue `${{ secrets.X }}`, `$X`), not a literal.
 */
const isReference = (value: string): boolean => /^(\$\{\{[^}]*\}\}|\$\{[^}]+\}|\{env:[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*)$/.test(value.trim());

/** True for an `env` entry whose value is a literal that looks like a key: by its name, or by its shape. */
export function looksLikeKey(name: string, value: string): boolean {
  if (!isKeyName(name) || isReference(value) || /\s/.test(value) || value.length < 8) return false;
  if (KEY_SHAPE.test(value) && value.length >= 16) return true;
  return KEY_NAME.test(name) && !/^(true|false|null|\d+|https?:\/\/\S*)$/i.test(value);
}

const base = (p: string): string => p.split(/[\\/]/).pop() ?? p;
const isAim = (p: string | undefined, aim: string): boolean => p !== undefined && (p === aim || base(p) === "aim" || base(p) === "aim.cmd");

/** Where exec's own option `name` sits in `args` (`--name V` or `--name=V`), before the `--`. */
function optionAt(args: readonly string[], from: number, name: string): { at: number; value?: string; inline: boolean } | null {
  const end = args.indexOf("--", from);
  for (let i = from; i < (end < 0 ? args.length : end); i++) {
    if (args[i] === name) return { at: i, value: args[i + 1], inline: false };
    if (args[i]?.startsWith(`${name}=`)) return { at: i, value: args[i]?.slice(name.length + 1), inline: true };
  }
  return null;
}

/** A server that already starts under aim: its --keys, its --profile, and where `exec` sits in args. */
export interface AimWrapper {
  keys: string[];
  profile?: string;
  exec: number;
}

/** How a server already runs under aim (with or without --no-config: both are aim's), or null. */
export function aimWrapper(server: Pick<McpServer, "command" | "args">, aim: string): AimWrapper | null {
  const { command, args } = server;
  const exec = isAim(command, aim) ? 0 : isAim(args[0], aim) ? 1 : -1;
  if (exec < 0 || args[exec] !== "exec") return null;
  const keys =
    optionAt(args, exec + 1, "--keys")
      ?.value?.split(",")
      .filter(Boolean) ?? [];
  const profile = optionAt(args, exec + 1, "--profile")?.value;
  return { keys, exec, ...(profile !== undefined && profile !== DEFAULT_PROFILE ? { profile } : {}) };
}

/**
 * The server's new command and args: `<node> <aim> exec --keys K1,K2 [--profile P] --no-config
 * -- <original command> <original args>`. Absolute paths, since GUI clients pass no PATH;
 * --no-config, since a client starts the server in a folder aim cannot know, whose .aimrc
 * (untrusted, or naming other keys) must not stop it or add to its keys. A server already
 * wrapped keeps its wrapper and options and gains the new keys in its --keys list, as
 * P/NAME (default/NAME without --profile) where its own --profile is another.
 */
export function wrap(
  server: Pick<McpServer, "command" | "args">,
  keys: readonly string[],
  paths: { node: string; aim: string },
  profile?: string,
  expand = false,
): { command: string; args: string[] } {
  const wrapped = aimWrapper(server, paths.aim);
  if (!wrapped) {
    const own = [
      "exec",
      "--keys",
      keys.join(","),
      ...(profile ? ["--profile", profile] : []),
      ...(expand ? ["--expand-args"] : []),
      "--no-config",
      "--",
    ];
    return { command: paths.node, args: [paths.aim, ...own, server.command as string, ...server.args] };
  }
  // Its plain names are read from its own profile: a key stored in another one is named in full.
  const added = keys.map((k) => (k.includes("/") || profile === wrapped.profile ? k : `${profile ?? DEFAULT_PROFILE}/${k}`));
  const merged = [...new Set([...wrapped.keys, ...added])].join(",");
  const args = [...server.args];
  const at = optionAt(args, wrapped.exec + 1, "--keys");
  if (!at) args.splice(wrapped.exec + 1, 0, "--keys", merged);
  else if (at.inline) args[at.at] = `--keys=${merged}`;
  else args[at.at + 1] = merged;
  if (expand && !optionAt(args, wrapped.exec + 1, "--expand-args")) args.splice(wrapped.exec + 1, 0, "--expand-args");
  return { command: server.command as string, args };
}
