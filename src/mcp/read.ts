import { lstatSync, readFileSync, statSync } from "node:fs";
import { safeText, shownName } from "../core/names.js";
import type { McpServer } from "./servers.js";
import { AimError } from "../errors.js";
import { foreignReason } from "../project/ownership.js";
import { type ClientSpec, clientSpec, type McpConfigFile } from "./clients.js";
import { type Parsed, type Path, parseConfig } from "./formats.js";

export interface McpFile extends McpConfigFile {
  spec: ClientSpec;
  text: string;
  /** The parsed document (for what secure adds next to the servers, such as VS Code's inputs). */
  doc: unknown;
  servers: McpServer[];
  /** What aim could not read or check (names only): a file with any is never called clean. */
  problems: string[];
  /** Duplicate names: secure refuses the file while there are any (clients read the last one). */
  duplicates: string[];
  /** The file's number of hard links (secure refuses more than one). */
  links: number;
}

/** Larger than this, a config is refused without reading it (~/.claude.json holds history, so it is generous). */
const MAX_BYTES = 64 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is Record<string, string> => isObject(v) && Object.values(v).every((x) => typeof x === "string");
const at = (v: unknown, path: readonly string[]): unknown => path.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), v);

/**
 * A server entry from a file aim did not write: checked field by field, never trusted. A
 * field of the wrong type is a problem that names it: the server is reported, never clean.
 */
function toServer(spec: ClientSpec, name: string, path: Path, raw: unknown, problems: string[]): McpServer | undefined {
  const label = `server ${shownName(name)}`;
  if (!isObject(raw)) {
    problems.push(`${label}: not a server entry (not checked)`);
    return undefined;
  }
  const f = spec.fields;
  let command: string | undefined;
  let args: string[] = [];
  let argsPath: Path = [...path, f.args];
  let commandPath: Path = [...path, f.command];
  let envPath: Path = [...path, f.env];
  let env: unknown = raw[f.env];
  const cmd = raw[f.command];
  const rawArgs = raw[f.args];
  const wrong = (field: string) => problems.push(`${label}: field ${shownName(field)} has a shape aim does not know (not checked)`);
  if (spec.commandArray && Array.isArray(cmd)) {
    if (!cmd.every((a) => typeof a === "string") || cmd.length === 0) wrong(f.command);
    else [command, ...args] = cmd as string[];
    argsPath = commandPath;
  } else if (isObject(cmd) && spec.client === "Zed") {
    // Zed's older form: "command": {"path": ..., "args": [...], "env": {...}}.
    commandPath = [...path, f.command, "path"];
    argsPath = [...path, f.command, "args"];
    envPath = [...path, f.command, "env"];
    if (typeof cmd.path === "string") command = cmd.path;
    else wrong(f.command);
    if (Array.isArray(cmd.args) && cmd.args.every((a) => typeof a === "string")) args = cmd.args as string[];
    else if (cmd.args !== undefined) wrong("args");
    env = cmd.env;
  } else {
    if (typeof cmd === "string") command = cmd;
    else if (cmd !== undefined) wrong(f.command);
    if (Array.isArray(rawArgs) && rawArgs.every((a) => typeof a === "string")) args = rawArgs as string[];
    else if (rawArgs !== undefined) wrong(f.args);
  }
  if (env !== undefined && !strings(env)) {
    wrong(f.env);
    env = undefined;
  }
  const headersRaw = at(raw, f.headers);
  let headers: Record<string, string> = {};
  if (strings(headersRaw)) headers = headersRaw;
  else if (headersRaw !== undefined) wrong(f.headers.join("."));
  let url: string | undefined;
  let urlField: string | undefined;
  for (const u of f.url) {
    if (typeof raw[u] === "string") {
      url = raw[u] as string;
      urlField = u;
      break;
    }
    if (raw[u] !== undefined) wrong(u);
  }
  return {
    name,
    path,
    command,
    args,
    env: (env as Record<string, string> | undefined) ?? {},
    url,
    urlField,
    headers,
    places: {
      command: commandPath,
      args: argsPath,
      env: envPath,
      headers: [...path, ...f.headers],
      commandArray: argsPath === commandPath,
    },
  };
}

/** Where the servers sit in a parsed config: the spec's place, and for ~/.claude.json each project's too. */
function groups(spec: ClientSpec, doc: Record<string, unknown>): Array<[Path, unknown]> {
  let place = spec.servers;
  // A file named on the command line may be VS Code's format under any name: `servers`.
  if (at(doc, place) === undefined && isObject(doc.servers)) place = ["servers"];
  const out: Array<[Path, unknown]> = [[place, at(doc, place)]];
  if (spec.client === "Claude Code" && isObject(doc.projects)) {
    for (const [dir, p] of Object.entries(doc.projects)) if (isObject(p)) out.push([["projects", dir, ...place], p[place[0] as string]]);
  }
  return out;
}

/** The duplicates that matter: in the objects that lead to servers, and inside them. */
function duplicateText(parsed: Parsed, spec: ClientSpec): string[] {
  const last = spec.servers[spec.servers.length - 1] as string;
  return parsed.duplicates
    .filter(({ path }) => spec.servers.slice(0, path.length).every((k, i) => path[i] === k) || path.includes(last))
    .map(({ path, key }) => {
      const parent = path[path.length - 1];
      if (parent === last) return `${shownName(String(parent))} names server ${shownName(key)} twice`;
      return `${parent === undefined ? "the top level" : shownName(String(parent))} names ${shownName(key)} twice`;
    });
}

/** Reads a client config in its format, after checking it is a regular file of ours and of sane size. */
export async function readMcpFile(file: McpConfigFile): Promise<McpFile> {
  const spec = clientSpec(file.client);
  const shown = safeText(file.path);
  let links = 1;
  try {
    const st = statSync(file.path);
    if (!st.isFile()) throw new AimError("CONFIG_INVALID", `${shown} is not a regular file`, { hint: "name the config file itself" });
    if (st.size > MAX_BYTES)
      throw new AimError("CONFIG_INVALID", `${shown} is larger than ${MAX_BYTES / 1024 / 1024} MB: aim does not read it`, {
        hint: `check the file in ${spec.client}`,
      });
    links = lstatSync(file.path).isSymbolicLink() ? st.nlink : lstatSync(file.path).nlink;
  } catch (err) {
    if (err instanceof AimError) throw err;
    throw new AimError("IO", `cannot read ${shown}: ${safeText((err as Error).message)}`, { cause: err });
  }
  let text: string;
  try {
    text = readFileSync(file.path, "utf8");
  } catch (err) {
    throw new AimError("IO", `cannot read ${shown}: ${safeText((err as Error).message)}`, { cause: err });
  }
  const parsed = await parseConfig(text, spec.format, shown, spec.client);
  const doc = parsed.doc as Record<string, unknown>;
  const servers: McpServer[] = [];
  const problems: string[] = [];
  for (const [place, group] of groups(spec, doc)) {
    if (group === undefined) continue;
    if (spec.list) {
      if (!Array.isArray(group)) {
        problems.push(`${shownName(place.join("."))} is not a list of servers (not checked)`);
        continue;
      }
      group.forEach((raw, i) => {
        const name = isObject(raw) && typeof raw.name === "string" ? raw.name : `#${i + 1}`;
        const s = toServer(spec, name, [...place, i], raw, problems);
        if (s) servers.push(s);
      });
      continue;
    }
    if (!isObject(group)) {
      problems.push(`${shownName(place.join("."))} is not an object of servers (not checked)`);
      continue;
    }
    for (const [name, raw] of Object.entries(group)) {
      const s = toServer(spec, name, [...place, name], raw, problems);
      if (s) servers.push(s);
    }
  }
  const duplicates = duplicateText(parsed, spec);
  return { ...file, spec, text, doc, servers, problems: [...duplicates, ...problems], duplicates, links };
}

/** Why aim leaves a config alone (another user's, or writable by others), or null. */
export const foreignConfig = (path: string): string | null => foreignReason(path);
