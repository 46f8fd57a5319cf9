import { argLiterals, distinctKeys, envLiterals, headerLiterals, type Literal, urlFieldLiterals } from "./literals.js";
import { aimWrapper, type McpServer } from "./servers.js";
import { safeText } from "../core/names.js";
import { AimError } from "../errors.js";
import { type ClientSpec, type McpConfigFile, mcpConfigFiles } from "./clients.js";
import { foreignConfig, type McpFile, readMcpFile } from "./read.js";

/** How aim secures one literal, in the client's own terms. */
export type Fix = "store" | "arg-ref" | "helper" | "codex" | "ref" | "input" | "manual";

/** One literal key, by field and name: never its value. */
export interface SecretReport {
  field: Literal["field"];
  name: string;
  /** The variable it moves to. */
  key: string;
  fix: Fix;
  /** What secure does about it, or the manual fix. */
  action: string;
}

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
  /** `env` entries holding a literal key. */
  literalKeys: string[];
  /** Every literal key, wherever it sits. */
  secrets: SecretReport[];
}

export interface FileReport extends McpConfigFile {
  format: string;
  servers: ServerReport[];
  /** What aim could not read or check: a file with any is never called clean. */
  problems: string[];
}

export const serverLabel = (s: { name: string; project?: string }): string =>
  safeText(s.project ? `${s.name} (project ${s.project})` : s.name);

const MANUAL_REMOTE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: mcp-remote's own syntax
  "no way to name a key here: run the server through mcp-remote as a stdio server (npx mcp-remote URL --header 'Authorization: Bearer ${TOKEN}', with TOKEN in its env), then aim mcp secure";

/** The literal keys of a server, each with the store name it moves to and how it is secured. */
export function literalsOf(server: McpServer, spec: ClientSpec): Array<Literal & { fix: Fix }> {
  const remote = server.command === undefined;
  const env = envLiterals(server.env).map((l) => ({ ...l, fix: (remote ? "manual" : "store") as Fix }));
  const others = distinctKeys([
    ...argLiterals(server.args, server.name),
    ...headerLiterals(server.headers ?? {}, server.name),
    ...(server.url !== undefined ? urlFieldLiterals(server.urlField ?? "url", server.url, server.name) : []),
  ]).map((l) => {
    if (l.field === "args") return { ...l, fix: "arg-ref" as Fix };
    if (!remote) return { ...l, fix: "manual" as Fix };
    if (l.field === "headers" && (spec.headerFix === "helper" || spec.headerFix === "codex")) return { ...l, fix: spec.headerFix as Fix };
    if (l.field === "url" && spec.headerFix === "helper" && spec.ref) return { ...l, fix: "ref" as Fix };
    if (spec.headerFix === "ref" || spec.headerFix === "input") return { ...l, fix: spec.headerFix as Fix };
    return { ...l, fix: "manual" as Fix };
  });
  // An args or header key never takes the name of one of the server's env keys.
  const taken = new Set(env.map((l) => l.key));
  return [...env, ...others.map((l) => (taken.has(l.key) ? { ...l, key: `${l.key}_ARG` } : l))];
}

/** What secure does about one literal, in words. */
export function actionText(l: Literal & { fix: Fix }, spec: ClientSpec, server: string): string {
  switch (l.fix) {
    case "store":
      return `into the store as ${l.key}; the server starts under aim exec`;
    case "arg-ref":
      return `into the store as ${l.key}; the argument becomes \${${l.key}}, which aim exec fills`;
    case "helper":
      return `into the store as ${l.key}; Claude Code gets the header from headersHelper (aim mcp headers ${safeText(server)})`;
    case "codex":
      return /^authorization$/i.test(l.name)
        ? `into the store as ${l.key}; bearer_token_env_var = "${l.key}" (start Codex with it: aim exec --keys ${l.key} -- codex)`
        : `into the store as ${l.key}; env_http_headers names it (start Codex with it: aim exec --keys ${l.key} -- codex)`;
    case "ref":
      return `into the store as ${l.key}; the file says ${spec.ref?.(l.key)}, which ${spec.client} fills from its own environment (start it with aim exec --keys ${l.key}, or from a shell with aim's hook)`;
    case "input":
      return `into the store as ${l.key}; the file says \${input:${inputId(l.key)}} (VS Code asks once, password: true; paste from: aim secrets get ${l.key} --show)`;
    default:
      return l.field === "env" || l.field === "headers" || l.field === "url"
        ? `manual: ${spec.client} ${MANUAL_REMOTE}`
        : `manual: move it out of the file by hand`;
  }
}

/** VS Code input ids: lower case with dashes. */
export const inputId = (key: string): string => key.toLowerCase().replace(/_/g, "-");

export function reportServer(server: McpServer, aim: string, spec: ClientSpec): ServerReport {
  const wrapper = aimWrapper(server, aim);
  const literals = literalsOf(server, spec);
  return {
    name: server.name,
    ...(server.path[0] === "projects" ? { project: String(server.path[1]) } : {}),
    command: server.command ?? null,
    remote: server.command === undefined && server.url !== undefined,
    wrapped: wrapper ? wrapper.keys : null,
    ...(wrapper?.profile ? { wrappedProfile: wrapper.profile } : {}),
    literalKeys: literals.filter((l) => l.field === "env").map((l) => l.name),
    secrets: literals.map((l) => ({ field: l.field, name: l.name, key: l.key, fix: l.fix, action: actionText(l, spec, server.name) })),
  };
}

/** Reads a config aim found or was given; another user's file, or one others may write, is ignored with a reason. */
export async function readChecked(f: McpConfigFile): Promise<McpFile | { ignored: string }> {
  const foreign = foreignConfig(f.path);
  if (foreign) return { ignored: foreign };
  return readMcpFile(f);
}

/** Every MCP config here, read; a file that cannot be parsed is reported, not thrown. */
export async function inspectMcp(cwd: string, aim: string, env: NodeJS.ProcessEnv = process.env): Promise<FileReport[]> {
  const out: FileReport[] = [];
  for (const f of mcpConfigFiles(cwd, env)) {
    const base = { ...f, path: f.path, format: "" };
    let file: McpFile | { ignored: string };
    try {
      file = await readChecked(f);
    } catch (err) {
      if (!(err instanceof AimError)) throw err;
      out.push({ ...base, servers: [], problems: [err.message] });
      continue;
    }
    if ("ignored" in file) {
      out.push({ ...base, servers: [], problems: [`ignored: ${file.ignored}, so aim neither reads nor rewrites it`] });
      continue;
    }
    out.push({
      ...f,
      format: file.spec.format,
      servers: file.servers.map((s) => reportServer(s, aim, file.spec)),
      problems: file.problems,
    });
  }
  return out;
}
