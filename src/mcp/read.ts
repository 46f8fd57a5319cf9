import { readFileSync } from "node:fs";
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser/lib/esm/main.js";
import type { McpServer } from "./servers.js";
import { AimError } from "../errors.js";
import { type McpConfigFile, serversKey } from "./clients.js";

export interface McpFile extends McpConfigFile {
  text: string;
  servers: McpServer[];
  /** Entries skipped because they are not what a server entry looks like (names only). */
  skipped: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A server entry from a file aim did not write: checked field by field, never trusted. */
function toServer(name: string, path: (string | number)[], raw: unknown): McpServer | undefined {
  if (!isObject(raw)) return undefined;
  const { command, args = [], env = {}, url } = raw;
  if (command !== undefined && typeof command !== "string") return undefined;
  if (!Array.isArray(args) || !args.every((a) => typeof a === "string")) return undefined;
  if (!isObject(env) || !Object.values(env).every((v) => typeof v === "string")) return undefined;
  return {
    name,
    path,
    command,
    args: args as string[],
    env: env as Record<string, string>,
    url: typeof url === "string" ? url : undefined,
  };
}

/** Reads a client config (JSON with comments and trailing commas, as VS Code allows) and its servers. */
export function readMcpFile(file: McpConfigFile): McpFile {
  let text: string;
  try {
    text = readFileSync(file.path, "utf8");
  } catch (err) {
    throw new AimError("IO", `cannot read ${file.path}: ${(err as Error).message}`, { cause: err });
  }
  const errors: ParseError[] = [];
  const doc: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !isObject(doc)) {
    const first = errors[0];
    const where = first ? ` (${printParseErrorCode(first.error)} at offset ${first.offset})` : "";
    throw new AimError("CONFIG_INVALID", `${file.path} is not a JSON object${where}`, {
      hint: `fix the file in ${file.client}, then run the command again`,
    });
  }
  // A file named on the command line may be VS Code's format under any name: `servers`.
  const key = doc[serversKey(file.client)] === undefined && isObject(doc.servers) ? "servers" : serversKey(file.client);
  const groups: Array<[(string | number)[], unknown]> = [[[key], doc[key]]];
  // ~/.claude.json also keeps servers per project: projects["/abs/dir"].mcpServers.
  if (file.client === "Claude Code" && isObject(doc.projects)) {
    for (const [dir, p] of Object.entries(doc.projects)) if (isObject(p)) groups.push([["projects", dir, key], p[key]]);
  }
  const servers: McpServer[] = [];
  const skipped: string[] = [];
  for (const [at, group] of groups) {
    if (!isObject(group)) continue;
    for (const [name, raw] of Object.entries(group)) {
      const server = toServer(name, [...at, name], raw);
      if (server) servers.push(server);
      else skipped.push(name);
    }
  }
  return { ...file, text, servers, skipped };
}
