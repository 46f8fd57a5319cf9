import { aimWrapper, looksLikeKey, type McpServer } from "./servers.js";
import { AimError } from "../errors.js";
import { type McpConfigFile, mcpConfigFiles } from "./clients.js";
import { type McpFile, readMcpFile } from "./read.js";

/** What `aim mcp list` says about one server: names only, never a value. */
export interface ServerReport {
  name: string;
  /** The project folder of a per-project server in ~/.claude.json. */
  project?: string;
  command: string | null;
  remote: boolean;
  /** The keys `aim exec --keys` hands it, when it already starts under aim. */
  wrapped: string[] | null;
  /** The --profile of that aim exec, when it has one. */
  wrappedProfile?: string;
  /** `env` entries holding a literal that looks like a key. */
  literalKeys: string[];
}

export interface FileReport extends McpConfigFile {
  servers: ServerReport[];
  /** Entries that are not server objects, or why the file could not be read. */
  problems: string[];
}

export const literalKeys = (server: McpServer): string[] =>
  Object.entries(server.env)
    .filter(([k, v]) => looksLikeKey(k, v))
    .map(([k]) => k);

export const serverLabel = (s: { name: string; project?: string }): string => (s.project ? `${s.name} (project ${s.project})` : s.name);

export function reportServer(server: McpServer, aim: string): ServerReport {
  const wrapper = aimWrapper(server, aim);
  return {
    name: server.name,
    ...(server.path[0] === "projects" ? { project: String(server.path[1]) } : {}),
    command: server.command ?? null,
    remote: server.command === undefined && server.url !== undefined,
    wrapped: wrapper ? wrapper.keys : null,
    ...(wrapper?.profile ? { wrappedProfile: wrapper.profile } : {}),
    literalKeys: literalKeys(server),
  };
}

/** Every MCP config here, read; a file that cannot be parsed is reported, not thrown. */
export function inspectMcp(cwd: string, aim: string, env: NodeJS.ProcessEnv = process.env): FileReport[] {
  return mcpConfigFiles(cwd, env).map((f) => {
    let file: McpFile;
    try {
      file = readMcpFile(f);
    } catch (err) {
      if (!(err instanceof AimError)) throw err;
      return { ...f, servers: [], problems: [err.message] };
    }
    return {
      ...f,
      servers: file.servers.map((s) => reportServer(s, aim)),
      problems: file.skipped.map((n) => `${n}: not a server entry (skipped)`),
    };
  });
}
