import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export type McpClient = "Claude Desktop" | "Claude Code" | "Cursor" | "VS Code" | "Gemini CLI";

/** One config file a client reads MCP servers from. */
export interface McpConfigFile {
  client: McpClient;
  path: string;
  /** "user" files live under HOME; "project" ones in the working directory or above it. */
  scope: "user" | "project";
}

/** The per-user application folder: ~/Library/Application Support, %APPDATA%, $XDG_CONFIG_HOME. */
function appData(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform): string {
  if (platform === "darwin") return join(home, "Library", "Application Support");
  if (platform === "win32") return env.APPDATA || join(home, "AppData", "Roaming");
  return env.XDG_CONFIG_HOME || join(home, ".config");
}

/** The nearest folder at or above `cwd` (below HOME's parent) that holds `rel`. */
function nearest(cwd: string, rel: string, home: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (dir === home) return undefined; // HOME's own .cursor/.gemini are the user files
    const p = join(dir, rel);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every MCP client config that exists here, user-level first: Claude Desktop (per OS), Claude
 * Code (~/.claude.json, a project's .mcp.json), Cursor, VS Code (mcp.json, key `servers`) and
 * Gemini CLI (settings.json).
 */
export function mcpConfigFiles(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): McpConfigFile[] {
  const home = env.HOME || homedir();
  const app = appData(env, home, platform);
  const user: Array<[McpClient, string]> = [
    ["Claude Desktop", join(app, "Claude", "claude_desktop_config.json")],
    ["Claude Code", join(home, ".claude.json")],
    ["Cursor", join(home, ".cursor", "mcp.json")],
    ["VS Code", join(app, "Code", "User", "mcp.json")],
    ["Gemini CLI", join(home, ".gemini", "settings.json")],
  ];
  const project: Array<[McpClient, string]> = [
    ["Claude Code", ".mcp.json"],
    ["Cursor", join(".cursor", "mcp.json")],
    ["VS Code", join(".vscode", "mcp.json")],
    ["Gemini CLI", join(".gemini", "settings.json")],
  ];
  const found: McpConfigFile[] = user.filter(([, p]) => existsSync(p)).map(([client, path]) => ({ client, path, scope: "user" }));
  for (const [client, rel] of project) {
    const path = nearest(cwd, rel, home);
    if (path && !found.some((f) => f.path === path)) found.push({ client, path, scope: "project" });
  }
  return found;
}

/** The key a client keeps its servers under: VS Code's `servers`, everyone else's `mcpServers`. */
export const serversKey = (client: McpClient): string => (client === "VS Code" ? "servers" : "mcpServers");

/** The client a config file named on the command line belongs to, by its name and folder. */
export function clientOf(path: string): McpClient {
  const norm = path.replace(/\\/g, "/");
  if (norm.endsWith("/claude_desktop_config.json")) return "Claude Desktop";
  if (/\/\.cursor\/mcp\.json$/.test(norm)) return "Cursor";
  if (/\/\.vscode\/mcp\.json$/.test(norm) || /\/Code( - Insiders)?\/User\/mcp\.json$/.test(norm)) return "VS Code";
  if (/\/\.gemini\/settings\.json$/.test(norm)) return "Gemini CLI";
  return "Claude Code"; // .mcp.json, ~/.claude.json, and any other file with an mcpServers key
}
