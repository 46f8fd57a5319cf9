// The ESM build: the package's main (UMD) requires its parts by dynamic paths, which a bundle cannot follow.
import { applyEdits, type FormattingOptions, modify } from "jsonc-parser/lib/esm/main.js";
import { looksLikeKey, type McpServer, wrap } from "./servers.js";
import { formatStoreKey } from "../core/names.js";
import { literalKeys, serverLabel } from "./inspect.js";
import type { McpFile } from "./read.js";

/** What secure does to one server. Holds the values it moves: in memory only. */
export interface ServerChange {
  server: McpServer;
  label: string;
  moved: Array<[name: string, value: string]>;
  kept: string[];
  command: string;
  args: string[];
}

export interface FilePlan {
  file: McpFile;
  changes: ServerChange[];
  /** Remote servers with a literal key: aim cannot wrap a URL (names only). */
  remote: string[];
  /** The file's new text: the same bytes but for the servers changed. */
  next: string;
}

export interface PlanOptions {
  keep: ReadonlySet<string>;
  paths: { node: string; aim: string };
  profile?: string;
}

/** The file's own indentation and line ends, so that edited lines look like their neighbours. */
function formatting(text: string): FormattingOptions {
  const indent = text.match(/^([ \t]+)\S/m)?.[1] ?? "  ";
  const tabs = indent.includes("\t");
  return { insertSpaces: !tabs, tabSize: tabs ? 1 : indent.length, eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

/**
 * The edits that move every literal key out of the file's servers, made with jsonc-parser's
 * modify: comments, formatting and every other field stay as they are. A server with nothing
 * to move is left alone, so a second run plans nothing.
 */
export function planFile(file: McpFile, opts: PlanOptions): FilePlan {
  const formattingOptions = formatting(file.text);
  const edit = (text: string, path: (string | number)[], value: unknown) =>
    applyEdits(text, modify(text, path, value, { formattingOptions }));
  let next = file.text;
  const changes: ServerChange[] = [];
  const remote: string[] = [];
  for (const server of file.servers) {
    const names = literalKeys(server);
    const moving = names.filter((k) => !opts.keep.has(k));
    if (moving.length === 0) continue;
    const label = serverLabel({ name: server.name, project: server.path[0] === "projects" ? String(server.path[1]) : undefined });
    if (server.command === undefined) {
      remote.push(label);
      continue;
    }
    const { command, args } = wrap(server, moving, opts.paths, opts.profile);
    next = edit(next, [...server.path, "command"], command);
    next = edit(next, [...server.path, "args"], args);
    const left = Object.keys(server.env).filter((k) => !moving.includes(k));
    if (left.length === 0) next = edit(next, [...server.path, "env"], undefined);
    else for (const k of moving) next = edit(next, [...server.path, "env", k], undefined);
    changes.push({
      server,
      label,
      moved: moving.map((k) => [k, server.env[k] as string]),
      kept: names.filter((k) => opts.keep.has(k)),
      command,
      args,
    });
  }
  return { file, changes, remote, next };
}

/** The server before and after, for --dry-run: every value that looks like a key shown as *****. */
export function describeChange(change: ServerChange): string[] {
  const env = Object.fromEntries(Object.entries(change.server.env).map(([k, v]) => [k, looksLikeKey(k, v) ? "*****" : v]));
  const before = { command: change.server.command, args: change.server.args, env };
  const left = Object.fromEntries(Object.entries(env).filter(([k]) => !change.moved.some(([m]) => m === k)));
  const after = { command: change.command, args: change.args, ...(Object.keys(left).length > 0 ? { env: left } : {}) };
  return [`- ${JSON.stringify(before)}`, `+ ${JSON.stringify(after)}`];
}

/** "A, B into the store", or "A, B into the store as work/A, work/B" under a profile. */
export function moveText(change: ServerChange, profile?: string): string {
  const names = change.moved.map(([k]) => k);
  const as = profile ? ` as ${names.map((name) => formatStoreKey({ profile, name })).join(", ")}` : "";
  return `${names.join(", ")} into the store${as}`;
}
