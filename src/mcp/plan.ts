import { type Literal, literalValue } from "./literals.js";
import { type McpServer, wrap } from "./servers.js";
import { formatStoreKey, isProfileName, readStoreKey, safeText } from "../core/names.js";
import { type Edit, editConfig, type Path } from "./formats.js";
import { type Fix, inputId, literalsOf, serverLabel } from "./inspect.js";
import type { McpFile } from "./read.js";

/** One literal that secure moves: where it goes (a store key) and what takes its place. Holds the value: memory only. */
export interface Move {
  literal: Literal & { fix: Fix };
  storeKey: string;
  value: string;
}

/** What secure does to one server. */
export interface ServerChange {
  server: McpServer;
  label: string;
  moves: Move[];
  kept: string[];
  /** What a user reads in --dry-run, values masked. */
  before: string;
  after: string;
}

export interface FilePlan {
  file: McpFile;
  changes: ServerChange[];
  /** Literals aim leaves where they are, with the manual fix (names only). */
  manual: Array<{ label: string; name: string; field: string }>;
  /** The file's new text: the same bytes but for the servers changed. */
  next: string;
}

export interface PlanOptions {
  keep: ReadonlySet<string>;
  paths: { node: string; aim: string };
  profile?: string;
}

/** A profile named after a server, for a key name that two servers hold with different values. */
export const serverProfile = (server: string): string => {
  const p = server
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 64);
  return isProfileName(p) ? p : "mcp";
};

const shQuote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
const lookup = (o: Record<string, unknown> | undefined, path: Path): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined), o);

/** The variable a store key is handed over as: the NAME of PROFILE/NAME. */
const varOf = (storeKey: string): string => readStoreKey(storeKey)?.name ?? storeKey;

/** Identifies one literal of one server of one file. */
const literalId = (file: McpFile, server: McpServer, key: string): string => JSON.stringify([file.path, server.path, key]);

/**
 * The store key of every literal whose name two servers hold with different values: each
 * value under a profile named after its server (SERVER/NAME), or after server and client
 * when two servers of one name differ too. The others are NAME (P/NAME under --profile).
 */
export function clashes(files: McpFile[], opts: PlanOptions): Map<string, string> {
  const byKey = new Map<string, Array<{ id: string; value: string; server: string; client: string }>>();
  for (const f of files)
    for (const s of f.servers)
      for (const l of literalsOf(s, f.spec)) {
        if (l.fix === "manual" || opts.keep.has(l.key)) continue;
        const list = byKey.get(l.key) ?? [];
        list.push({ id: literalId(f, s, l.key), value: literalValue(l), server: s.name, client: f.client });
        byKey.set(l.key, list);
      }
  const out = new Map<string, string>();
  for (const [key, list] of byKey) {
    if (new Set(list.map((e) => e.value)).size <= 1) continue;
    const profileOf = new Map<string, string>(); // value+server -> profile
    const used = new Map<string, string>(); // profile -> value
    for (const e of list) {
      const own = `${e.value}\u0000${e.server}`;
      let profile = profileOf.get(own);
      if (!profile) {
        const base = serverProfile(e.server);
        const client = serverProfile(e.client.toLowerCase());
        const candidates = [base, `${base}-${client}`, ...Array.from({ length: 50 }, (_, i) => `${base}-${client}-${i + 2}`)];
        profile = candidates.find((p) => isProfileName(p) && (used.get(p) ?? e.value) === e.value) ?? base;
        profileOf.set(own, profile);
        used.set(profile, e.value);
      }
      out.set(e.id, formatStoreKey({ profile, name: key }));
    }
  }
  return out;
}

/**
 * The edits that secure every literal of a file's servers with the client's own mechanism,
 * made in the file's own format: comments, formatting and every other field stay. A server
 * with nothing to move is left alone, so a second run plans nothing.
 */
export async function planFile(file: McpFile, opts: PlanOptions, clashes: ReadonlyMap<string, string>): Promise<FilePlan> {
  const edits: Edit[] = [];
  const changes: ServerChange[] = [];
  const manual: FilePlan["manual"] = [];
  const spec = file.spec;
  const doc = file.doc as Record<string, unknown>;
  let inputsAdded = 0;
  for (const server of file.servers) {
    const label = serverLabel({ name: server.name, project: server.path[0] === "projects" ? String(server.path[1]) : undefined });
    const literals = literalsOf(server, spec);
    for (const l of literals) if (l.fix === "manual") manual.push({ label, name: safeText(l.name), field: l.field });
    const moving = literals.filter((l) => l.fix !== "manual" && !opts.keep.has(l.key));
    const kept = literals.filter((l) => l.fix !== "manual" && opts.keep.has(l.key)).map((l) => l.key);
    if (moving.length === 0) continue;
    const places = server.places as NonNullable<McpServer["places"]>;
    const moves: Move[] = moving.map((l) => {
      const storeKey = clashes.get(literalId(file, server, l.key)) ?? formatStoreKey({ profile: opts.profile, name: l.key });
      return { literal: l, storeKey, value: literalValue(l) };
    });
    const ref = (m: Move, text: string) => `${m.literal.text.slice(0, m.literal.start)}${text}${m.literal.text.slice(m.literal.end)}`;

    // Args: each literal becomes ${VAR}, which aim exec --expand-args fills.
    const args = [...server.args];
    for (const m of moves.filter((m) => m.literal.field === "args")) args[m.literal.at as number] = ref(m, `\${${varOf(m.storeKey)}}`);
    // Env and args keys: the server starts under aim exec with exactly those keys.
    const wrapKeys = moves.filter((m) => m.literal.field === "env" || m.literal.field === "args");
    if (wrapKeys.length > 0) {
      const plain = (m: Move) => (opts.profile && !clashes.has(literalId(file, server, m.literal.key)) ? varOf(m.storeKey) : m.storeKey);
      const w = wrap(
        { command: server.command, args },
        wrapKeys.map(plain),
        opts.paths,
        opts.profile,
        moves.some((m) => m.literal.field === "args"),
      );
      if (places.commandArray) edits.push({ path: places.command, value: [w.command, ...w.args] });
      else {
        edits.push({ path: places.command, value: w.command });
        edits.push({ path: places.args, value: w.args });
      }
      const envMoved = moves.filter((m) => m.literal.field === "env").map((m) => m.literal.name);
      if (envMoved.length > 0) {
        if (Object.keys(server.env).every((k) => envMoved.includes(k))) edits.push({ path: places.env, value: undefined });
        else for (const k of envMoved) edits.push({ path: [...places.env, k], value: undefined });
      }
    }
    // Headers and URLs, by the client's own mechanism.
    const headers = { ...(server.headers ?? {}) };
    const helper: string[] = [];
    for (const m of moves) {
      const l = m.literal;
      if (l.field === "headers" && l.fix === "helper") {
        helper.push(shQuote(`${l.name}: ${ref(m, `{${m.storeKey}}`)}`));
        delete headers[l.name];
      } else if (l.field === "headers" && l.fix === "codex") {
        delete headers[l.name];
        const whole = l.text.slice(0, l.start).trim();
        if (/^authorization$/i.test(l.name) && /^bearer$/i.test(whole))
          edits.push({ path: [...server.path, "bearer_token_env_var"], value: varOf(m.storeKey) });
        else edits.push({ path: [...server.path, "env_http_headers", l.name], value: varOf(m.storeKey) });
      } else if (l.field === "headers") {
        const text = l.fix === "input" ? `\${input:${inputId(varOf(m.storeKey))}}` : (spec.ref?.(varOf(m.storeKey)) ?? "");
        headers[l.name] = ref(m, text);
      } else if (l.field === "url") {
        const text = l.fix === "input" ? `\${input:${inputId(varOf(m.storeKey))}}` : (spec.ref?.(varOf(m.storeKey)) ?? "");
        edits.push({ path: [...server.path, l.at as string], value: ref(m, text) });
      }
      if (l.fix === "input") {
        const inputsPath: Path = [...spec.servers.slice(0, -1), "inputs"];
        const inputs = lookup(doc, inputsPath);
        const id = inputId(varOf(m.storeKey));
        if (!(Array.isArray(inputs) && inputs.some((i) => (i as { id?: unknown })?.id === id))) {
          const n = Array.isArray(inputs) ? inputs.length : 0;
          const entry = {
            type: "promptString",
            id,
            description: `${varOf(m.storeKey)} (aim secrets get ${m.storeKey} --show)`,
            password: true,
          };
          if (n + inputsAdded === 0 && !Array.isArray(inputs)) edits.push({ path: inputsPath, value: [entry] });
          else edits.push({ path: [...inputsPath, n + inputsAdded], value: entry });
          inputsAdded++;
        }
      }
    }
    const headerMoves = moves.filter((m) => m.literal.field === "headers");
    if (headerMoves.length > 0) {
      if (Object.keys(headers).length === 0 && spec.fields.headers.length === 1) edits.push({ path: places.headers, value: undefined });
      else for (const m of headerMoves) edits.push({ path: [...places.headers, m.literal.name], value: headers[m.literal.name] });
    }
    if (helper.length > 0) {
      const cmd = [shQuote(opts.paths.node), shQuote(opts.paths.aim), "mcp", "headers", shQuote(server.name), ...helper].join(" ");
      edits.push({ path: [...server.path, "headersHelper"], value: cmd });
    }
    const wrapped = edits.filter((e) => e.path === places.command || e.path === places.args);
    changes.push({ server, label, moves, kept, ...describe(server, moves, wrapped) });
  }
  const next = await editConfig(file.text, spec.format, edits);
  return { file, changes, manual, next };
}

/** The server's fields before and after, for --dry-run: every literal shown as *****. */
function describe(server: McpServer, moves: Move[], wrapped: Edit[]): { before: string; after: string } {
  const mask = (field: string, key: string | number, text: string) => {
    const own = moves.filter((m) => m.literal.field === field && m.literal.at === key);
    let out = text;
    for (const m of own.sort((a, b) => b.literal.start - a.literal.start))
      out = `${out.slice(0, m.literal.start)}*****${out.slice(m.literal.end)}`;
    return out;
  };
  const env = Object.fromEntries(Object.entries(server.env).map(([k, v]) => [k, mask("env", k, v)]));
  const headers = Object.fromEntries(Object.entries(server.headers ?? {}).map(([k, v]) => [k, mask("headers", k, v)]));
  const before = {
    ...(server.command !== undefined ? { command: server.command, args: server.args.map((a, i) => mask("args", i, a)) } : {}),
    ...(server.url !== undefined ? { [server.urlField ?? "url"]: mask("url", server.urlField ?? "url", server.url) } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
  const left = Object.fromEntries(Object.entries(env).filter(([k]) => !moves.some((m) => m.literal.field === "env" && m.literal.at === k)));
  const [cmd, args] = wrapped.length === 1 ? [undefined, wrapped[0]?.value] : [wrapped[0]?.value, wrapped[1]?.value];
  const after: Record<string, unknown> = {
    ...(wrapped.length > 0 ? (cmd === undefined ? { command: args } : { command: cmd, args }) : {}),
    ...(Object.keys(left).length > 0 ? { env: left } : {}),
  };
  const others = moves.filter((m) => m.literal.field === "headers" || m.literal.field === "url");
  const tail = others
    .map((m) => ` ${m.literal.field} ${m.literal.name}: ${m.literal.fix === "helper" ? "headersHelper" : "a reference"}`)
    .join(";");
  return { before: safeText(JSON.stringify(before)), after: safeText(`${JSON.stringify(after)}${tail}`) };
}

/** "A, B into the store" (or "as work/A, work/B"). */
export function moveText(change: ServerChange): string {
  const names = change.moves.map((m) => (m.literal.field === "env" ? m.literal.key : `${safeText(m.literal.name)} (${m.literal.field})`));
  const renamed = change.moves.some((m) => m.storeKey !== m.literal.key || m.literal.field !== "env");
  return `${names.join(", ")} into the store${renamed ? ` as ${change.moves.map((m) => m.storeKey).join(", ")}` : ""}`;
}
