import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { AIM_SETTINGS } from "./api.js";
import { ROOT, sandbox } from "./cli.js";
import { layout } from "./project.js";

/** A tiny MCP server on the SDK that reports whether its key arrived (fixtures/mcp/key-server.mjs). */
export const KEY_SERVER = join(ROOT, "fixtures", "mcp", "key-server.mjs");
export const MCP_VALUE = "sk-mcp-literal-9c1f4e7a2b";

/** A VS Code mcp.json (JSON with comments and trailing commas) with one keyed server and one plain one. */
export const vscodeConfig = (value = MCP_VALUE) => `{
  // servers for this project: a comment that must survive
  "servers": {
    "keyed": {
      "type": "stdio",
      "command": "node",
      "args": ["${KEY_SERVER}", "DEMO_API_KEY"],
      "env": { "DEMO_API_KEY": "${value}", "LOG_LEVEL": "debug" }
    },
    "plain": { "command": "node", "args": ["-e", "0"] }, // trailing comma next
  },
  "inputs": [],
}
`;

/** A sandbox with its own HOME and a project folder holding `files` (by default .vscode/mcp.json). */
export function mcpWorld(files: Record<string, string> = { ".vscode/mcp.json": vscodeConfig() }) {
  const sb = sandbox();
  const home = join(sb.dir, "home");
  mkdirSync(home, { recursive: true });
  Object.assign(sb.env, { HOME: home, XDG_CONFIG_HOME: join(home, ".config") });
  const proj = join(sb.dir, "work", "proj");
  mkdirSync(proj, { recursive: true });
  layout(proj, files);
  return { ...sb, home, proj };
}

/** What key_status answers: names and a hash, never the value. */
export interface KeyStatus {
  name: string;
  present: boolean;
  sha256: string | null;
  pid: number;
  ppid: number;
  /** sha256 of each argument after the variable's name. */
  argsSha256: string[];
  /** Every variable in the server's environment whose name says key or token. */
  keyNames: string[];
}

/**
 * Starts `server` as a GUI client does, with almost no environment (PATH, and the sandbox's
 * store settings so that aim finds its store) in `cwd`, through the SDK's own Client over
 * stdio. Returns the tools it lists, what key_status says, and the pid the client started.
 */
export async function startLikeAClient(
  server: { command: string; args: string[] },
  sandboxEnv: NodeJS.ProcessEnv,
  cwd: string,
  pass: readonly string[] = [],
): Promise<{ tools: string[]; status: KeyStatus; pid: number | null; stderr: string }> {
  const env: Record<string, string> = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` };
  for (const k of [...AIM_SETTINGS, "DBUS_SESSION_BUS_ADDRESS", "HOME", ...pass]) {
    if (sandboxEnv[k] !== undefined) env[k] = sandboxEnv[k] as string;
  }
  const transport = new StdioClientTransport({ command: server.command, args: server.args, env, cwd, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (d) => (stderr += d));
  const client = new Client({ name: "aim-test", version: "1.0.0" });
  try {
    await client.connect(transport);
  } catch (err) {
    throw new Error(`the MCP client could not start the server: ${(err as Error).message}; its stderr: ${stderr}`);
  }
  try {
    const tools = (await client.listTools()).tools.map((t) => t.name);
    const res = (await client.callTool({ name: "key_status", arguments: {} })) as { content: Array<{ text: string }> };
    return { tools, status: JSON.parse(res.content[0]?.text ?? "{}"), pid: transport.pid, stderr };
  } finally {
    await client.close();
  }
}
