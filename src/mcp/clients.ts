import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** The formats client configs come in; JSONC is JSON with comments and trailing commas. */
export type McpFormat = "json" | "jsonc" | "toml" | "yaml";

/**
 * How a client lets a header (or a URL) name a key instead of holding it:
 * - "helper": Claude Code's `headersHelper`, a command that prints the headers as JSON;
 * - "codex": Codex's `bearer_token_env_var` and `env_http_headers` (variables of Codex's own environment);
 * - "ref": the client expands a variable reference itself (`ref` says how it is written);
 * - "input": VS Code's `inputs` with `password: true` (VS Code asks once and keeps it in its secret storage);
 * - "none": the client has no such thing: the user must move the key by hand.
 */
export type HeaderFix = "helper" | "codex" | "ref" | "input" | "none";

/** One row of the table: everything aim knows about a client's MCP config. */
export interface ClientSpec {
  client: string;
  format: McpFormat;
  /** The user-level file, per platform; undefined where the client has none there. */
  user?: (p: Places) => string | undefined;
  /** Project files, relative to the project folder (the nearest at or above the working directory). */
  project?: string[];
  /** Where servers live: a path of keys to an object of NAME: server (or, with `list`, an array of servers with a `name`). */
  servers: string[];
  list?: boolean;
  /** The names of each server's fields (a path below the server for headers). */
  fields: { command: string; args: string; env: string; headers: string[]; url: string[] };
  /** opencode: `command` is an array, the program followed by its arguments. */
  commandArray?: boolean;
  headerFix: HeaderFix;
  /** How the client writes a reference to a variable of its own environment, when it expands them. */
  ref?: (name: string) => string;
  /** Where a file's name alone says it is this client's (for a FILE named on the command line). */
  matches?: RegExp;
}

export interface Places {
  home: string;
  /** ~/Library/Application Support, %APPDATA%, $XDG_CONFIG_HOME (or ~/.config). */
  app: string;
  /** $XDG_CONFIG_HOME or ~/.config on every platform (the tools that follow XDG even on macOS). */
  xdg: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

const STD = { command: "command", args: "args", env: "env", headers: ["headers"], url: ["url"] };
const dollar = (name: string) => `\${${name}}`;
const envColon = (name: string) => `\${env:${name}}`;

/** Every client aim knows. Adding a client is adding a row. */
export const CLIENTS: readonly ClientSpec[] = [
  {
    client: "Claude Desktop",
    format: "json",
    user: (p) => join(p.app, "Claude", "claude_desktop_config.json"),
    servers: ["mcpServers"],
    fields: STD,
    headerFix: "none",
    matches: /\/claude_desktop_config\.json$/,
  },
  {
    client: "Claude Code",
    format: "json",
    user: (p) => join(p.home, ".claude.json"),
    project: [".mcp.json"],
    servers: ["mcpServers"],
    fields: STD,
    headerFix: "helper",
    ref: dollar,
    matches: /(\/\.mcp\.json|\/\.claude\.json)$/,
  },
  {
    client: "Cursor",
    format: "json",
    user: (p) => join(p.home, ".cursor", "mcp.json"),
    project: [join(".cursor", "mcp.json")],
    servers: ["mcpServers"],
    fields: STD,
    headerFix: "ref",
    ref: envColon,
    matches: /\/\.cursor\/mcp\.json$/,
  },
  {
    client: "VS Code",
    format: "jsonc",
    user: (p) => join(p.app, "Code", "User", "mcp.json"),
    project: [join(".vscode", "mcp.json")],
    servers: ["servers"],
    fields: STD,
    headerFix: "input",
    matches: /(\/\.vscode\/mcp\.json|\/Code( - Insiders)?\/User\/mcp\.json)$/,
  },
  {
    client: "VS Code settings",
    format: "jsonc",
    user: (p) => join(p.app, "Code", "User", "settings.json"),
    project: [join(".vscode", "settings.json")],
    servers: ["mcp", "servers"],
    fields: STD,
    headerFix: "input",
    matches: /(\/\.vscode\/settings\.json|\/Code( - Insiders)?\/User\/settings\.json)$/,
  },
  {
    client: "Gemini CLI",
    format: "json",
    user: (p) => join(p.home, ".gemini", "settings.json"),
    project: [join(".gemini", "settings.json")],
    servers: ["mcpServers"],
    fields: { ...STD, url: ["url", "httpUrl"] },
    headerFix: "ref",
    ref: dollar,
    matches: /\/\.gemini\/settings\.json$/,
  },
  {
    client: "Windsurf",
    format: "json",
    user: (p) => join(p.home, ".codeium", "windsurf", "mcp_config.json"),
    servers: ["mcpServers"],
    fields: { ...STD, url: ["serverUrl", "url"] },
    headerFix: "ref",
    ref: envColon,
    matches: /\/windsurf\/mcp_config\.json$/,
  },
  {
    client: "Cline",
    format: "json",
    user: (p) => join(p.app, "Code", "User", "globalStorage", "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json"),
    servers: ["mcpServers"],
    fields: STD,
    headerFix: "none",
    matches: /\/cline_mcp_settings\.json$/,
  },
  {
    client: "Amazon Q",
    format: "json",
    user: (p) => join(p.home, ".aws", "amazonq", "mcp.json"),
    project: [join(".amazonq", "mcp.json")],
    servers: ["mcpServers"],
    fields: STD,
    headerFix: "none",
    matches: /\/\.?amazonq\/mcp\.json$/,
  },
  {
    client: "JetBrains AI",
    format: "json",
    project: [join(".ai", "mcp", "mcp.json")],
    servers: ["mcpServers"],
    fields: STD,
    headerFix: "none",
    matches: /\/\.ai\/mcp\/mcp\.json$/,
  },
  {
    client: "Zed",
    format: "jsonc",
    user: (p) => (p.platform === "win32" ? join(p.app, "Zed", "settings.json") : join(p.xdg, "zed", "settings.json")),
    project: [join(".zed", "settings.json")],
    servers: ["context_servers"],
    fields: STD,
    headerFix: "none",
    matches: /\/\.?zed\/settings\.json$/i,
  },
  {
    client: "opencode",
    format: "jsonc",
    user: (p) => join(p.xdg, "opencode", "opencode.json"),
    project: ["opencode.json", "opencode.jsonc"],
    servers: ["mcp"],
    fields: { ...STD, env: "environment" },
    commandArray: true,
    headerFix: "ref",
    ref: (name) => `{env:${name}}`,
    matches: /\/opencode\.jsonc?$/,
  },
  {
    client: "Codex",
    format: "toml",
    user: (p) => join(p.env.CODEX_HOME || join(p.home, ".codex"), "config.toml"),
    project: [join(".codex", "config.toml")],
    servers: ["mcp_servers"],
    fields: { ...STD, headers: ["http_headers"] },
    headerFix: "codex",
    matches: /\/\.codex\/config\.toml$|\.toml$/,
  },
  {
    client: "Continue",
    format: "yaml",
    user: (p) => join(p.home, ".continue", "config.yaml"),
    servers: ["mcpServers"],
    list: true,
    fields: { ...STD, headers: ["requestOptions", "headers"] },
    headerFix: "none",
    matches: /\/\.continue\/config\.ya?ml$/,
  },
  {
    client: "Goose",
    format: "yaml",
    user: (p) => (p.platform === "win32" ? join(p.app, "Block", "goose", "config", "config.yaml") : join(p.xdg, "goose", "config.yaml")),
    servers: ["extensions"],
    fields: { command: "cmd", args: "args", env: "envs", headers: ["headers"], url: ["uri"] },
    headerFix: "none",
    matches: /\/goose\/(config\/)?config\.ya?ml$/,
  },
];

export const clientSpec = (client: string): ClientSpec => CLIENTS.find((c) => c.client === client) ?? (CLIENTS[1] as ClientSpec);

/** One config file a client reads MCP servers from. */
export interface McpConfigFile {
  client: string;
  path: string;
  /** "user" files live under HOME; "project" ones in the working directory or above it. */
  scope: "user" | "project";
}

function places(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Places {
  const home = env.HOME || homedir();
  const xdg = env.XDG_CONFIG_HOME || join(home, ".config");
  const app =
    platform === "darwin"
      ? join(home, "Library", "Application Support")
      : platform === "win32"
        ? env.APPDATA || join(home, "AppData", "Roaming")
        : xdg;
  return { home, app, xdg, platform, env };
}

/** The nearest folder at or above `cwd` (below HOME) that holds `rel`. */
function nearest(cwd: string, rel: string, home: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (dir === home) return undefined; // HOME's own .cursor/.gemini are the user files
    const p = join(dir, rel);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every MCP client config that exists here, user-level first, in the table's order. */
export function mcpConfigFiles(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): McpConfigFile[] {
  const p = places(env, platform);
  const found: McpConfigFile[] = [];
  for (const c of CLIENTS) {
    const path = c.user?.(p);
    if (path && existsSync(path)) found.push({ client: c.client, path, scope: "user" });
  }
  for (const c of CLIENTS) {
    for (const rel of c.project ?? []) {
      const path = nearest(cwd, rel, p.home);
      if (path && !found.some((f) => f.path === path)) found.push({ client: c.client, path, scope: "project" });
    }
  }
  return found;
}

/** The client a config file named on the command line belongs to, by its name and folder. */
export function clientOf(path: string): string {
  const norm = path.replace(/\\/g, "/");
  return CLIENTS.find((c) => c.matches?.test(norm))?.client ?? (/\.ya?ml$/i.test(norm) ? "Continue" : "Claude Code");
}

/** The names of every client, for messages. */
export const clientNames = (): string => CLIENTS.map((c) => c.client).join(", ");
