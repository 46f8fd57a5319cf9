// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import { looksLikeKey } from "./servers.js";

/** Where in a server a literal key sits. */
export type LiteralField = "env" | "headers" | "args" | "url";

/**
 * One literal key in a server entry. `text` is the whole string that holds it, `start`/`end`
 * the key's place in it: replacing that range by a reference secures it. Values stay in
 * memory; reports carry only field, name and store name.
 */
export interface Literal {
  field: LiteralField;
  /** The env variable, the header, the flag (`--api-key`), `NAME=` or `args[3]`, or the URL field. */
  name: string;
  /** For args: the index in args; for env and headers: the map key; for url: the field name. */
  at: number | string;
  text: string;
  start: number;
  end: number;
  /** The variable (store key name) the value moves to. */
  key: string;
}

export const literalValue = (l: Literal): string => l.text.slice(l.start, l.end);

// Placeholders a client or aim fills in: never literals. `${{ secrets.X }}` (Continue),
// `${VAR}`/`${VAR:-d}` (Claude Code, Gemini), `${env:X}`/`${input:x}` (VS Code, Cursor,
// Windsurf), `{env:X}` (opencode), `$X`.
const PLACEHOLDER = /\$\{\{[^}]*\}\}|\$\{[^}]*\}|\{env:[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

/** The text with every placeholder blanked out (same length, so positions hold). */
export const blankPlaceholders = (text: string): string => text.replace(PLACEHOLDER, (m) => "\u0000".repeat(m.length));

// Prefixes of well-known key formats (as in core/mcp.ts), for args and URL path segments.
const KEY_SHAPE =
  /^(sk-|sk_|pk_|rk_|ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|xox[abprs]-|AIza|hf_|npm_|pypi-|AKIA|ASIA|dop_v1_|shpat_|SG\.|tvly-|fc-|pcsk_|r8_|gsk_|xai-|csk-|pplx-|lin_api_|ctx7sk-|sbp_|figd_|ntn_|secret_|sntrys_|BSA)[A-Za-z0-9_\-.]{8,}/;
// Words of a flag or header name that say "credential".
const SECRET_WORD =
  /(^|[-_])(api[-_]?key|key|token|access[-_]?token|secret|password|passwd|pat|auth|authorization|credentials?|bearer)([-_]|$)/i;
const SAFE_VALUE = /^(true|false|null|\d+|https?:\/\/[^@\s]*)$/i;

/** A string that is a random-looking token: long, one word, letters and digits mixed. */
const tokenLike = (s: string): boolean =>
  KEY_SHAPE.test(s) || (s.length >= 24 && /^[A-Za-z0-9_\-.]+$/.test(s) && /\d/.test(s) && /[A-Za-z]/.test(s));

/** The store name part for a server: letters, digits and _, upper case, never starting with a digit. */
export function serverKeyPart(server: string): string {
  const s = server
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return !s ? "MCP" : /^\d/.test(s) ? `MCP_${s}` : s;
}
const keyPart = (s: string): string =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

/** Secrets inside a URL: a password in user:pass@, a key-like query value, a key-shaped path segment. */
function urlLiterals(text: string, from: number, server: string): Array<Omit<Literal, "field" | "at" | "text">> {
  const out: Array<Omit<Literal, "field" | "at" | "text">> = [];
  const blank = blankPlaceholders(text);
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/i.exec(blank.slice(from));
  let rest = from;
  if (m) {
    const userinfo = m[2] as string;
    const colon = userinfo.indexOf(":");
    const start = from + (m[1] as string).length + colon + 1;
    const end = from + (m[1] as string).length + userinfo.length;
    if (colon >= 0 && end > start && !blank.slice(start, end).includes("\u0000")) {
      out.push({ name: "password", start, end, key: `${serverKeyPart(server)}_PASSWORD` });
    }
    rest = from + m[0].length;
  }
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(blank.slice(rest));
  let i = rest + (scheme && !m ? scheme[0].length : m ? (/^[^/?#]*/.exec(blank.slice(rest))?.[0].length ?? 0) : 0);
  // Path segments.
  while (i < blank.length && blank[i] === "/") {
    const seg = /^\/([^/?#]*)/.exec(blank.slice(i)) as RegExpExecArray;
    const s = seg[1] as string;
    if (s && !s.includes("\u0000") && tokenLike(s))
      out.push({ name: "path", start: i + 1, end: i + 1 + s.length, key: `${serverKeyPart(server)}_KEY` });
    i += seg[0].length;
  }
  if (blank[i] === "?") {
    for (const q of blank
      .slice(i + 1)
      .split("#")[0]
      ?.matchAll(/([^&=]+)=([^&]*)/g) ?? []) {
      const [, k, v] = q as unknown as [string, string, string];
      const start = i + 1 + (q.index ?? 0) + k.length + 1;
      if (v && !v.includes("\u0000") && (SECRET_WORD.test(k) || tokenLike(v)) && v.length >= 8)
        out.push({ name: `?${k}`, start, end: start + v.length, key: `${serverKeyPart(server)}_${keyPart(k) || "KEY"}` });
    }
  }
  return out;
}

/** Literal keys in a server's env: by the variable's name or the value's shape, or a password in a connection string. */
export function envLiterals(env: Record<string, string>): Literal[] {
  const out: Literal[] = [];
  for (const [name, value] of Object.entries(env)) {
    const conn = urlLiterals(value, 0, name).some((l) => l.name === "password");
    if (looksLikeKey(name, value) || (conn && blankPlaceholders(value) === value))
      out.push({ field: "env", name, at: name, text: value, start: 0, end: value.length, key: name });
  }
  return out;
}

/** Literal keys in headers: a credential-named header whose value (less its scheme word) is no placeholder. */
export function headerLiterals(headers: Record<string, string>, server: string): Literal[] {
  const out: Literal[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const blank = blankPlaceholders(value);
    const scheme = /^(Bearer|Basic|Token|Bot|ApiKey|Key)\s+/i.exec(blank);
    const start = scheme ? scheme[0].length : 0;
    const secret = blank.slice(start).trim();
    if (!secret || secret.includes("\u0000") || secret.length < 8) continue;
    const credential = /^(authorization|proxy-authorization|cookie)$/i.test(name) || SECRET_WORD.test(name);
    if (!credential && !tokenLike(secret)) continue;
    const own = keyPart(name);
    // A header already named like a variable of this server (Context7's CONTEXT7_API_KEY) keeps its name.
    const key = /^authorization$/i.test(name)
      ? `${serverKeyPart(server)}_TOKEN`
      : own.startsWith(`${serverKeyPart(server)}_`)
        ? own
        : `${serverKeyPart(server)}_${own}`;
    out.push({ field: "headers", name, at: name, text: value, start, end: start + secret.length, key });
  }
  return out;
}

/**
 * Literal keys in args: `--api-key VALUE`, `--api-key=VALUE`, `NAME=VALUE`, a password in a
 * connection string, a key in a URL, a bare well-known key shape.
 */
export function argLiterals(args: readonly string[], server: string): Literal[] {
  const out: Literal[] = [];
  const push = (i: number, name: string, start: number, end: number, key: string) =>
    out.push({ field: "args", name, at: i, text: args[i] as string, start, end, key });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const blank = blankPlaceholders(arg);
    const flag = /^(--?[A-Za-z][A-Za-z0-9-_]*)(=(.*))?$/s.exec(arg);
    if (flag && SECRET_WORD.test((flag[1] as string).replace(/^-+/, ""))) {
      const key = `${serverKeyPart(server)}_${keyPart(flag[1] as string)}`;
      if (flag[2] !== undefined) {
        const start = (flag[1] as string).length + 1;
        const v = blank.slice(start);
        if (v.length >= 8 && !v.includes("\u0000") && !SAFE_VALUE.test(v)) push(i, flag[1] as string, start, arg.length, key);
        continue;
      }
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith("-")) {
        const nb = blankPlaceholders(next);
        if (nb.length >= 8 && !nb.includes("\u0000") && !SAFE_VALUE.test(nb)) {
          out.push({ field: "args", name: flag[1] as string, at: i + 1, text: next, start: 0, end: next.length, key });
          i++;
        }
      }
      continue;
    }
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
    if (assign) {
      const [, name, value] = assign as unknown as [string, string, string];
      const unquoted = value.replace(/^"(.*)"$/s, "$1");
      const start = name.length + 1 + (unquoted === value ? 0 : 1);
      if (blankPlaceholders(unquoted) === unquoted && looksLikeKey(name, unquoted)) {
        push(i, `${name}=`, start, start + unquoted.length, name);
        continue;
      }
    }
    const scheme = /[a-z][a-z0-9+.-]*:\/\//i.exec(blank);
    if (scheme) {
      for (const u of urlLiterals(arg, scheme.index, server)) push(i, `args[${i}] ${u.name}`, u.start, u.end, u.key);
      continue;
    }
    if (!blank.includes("\u0000") && KEY_SHAPE.test(arg)) push(i, `args[${i}]`, 0, arg.length, `${serverKeyPart(server)}_KEY`);
  }
  return out;
}

/** Literal keys in a remote server's URL. */
export function urlFieldLiterals(field: string, url: string, server: string): Literal[] {
  return urlLiterals(url, 0, server).map((u) => ({ ...u, field: "url", name: `${field} ${u.name}`, at: field, text: url }));
}

/** Gives each literal of one server its own store name (a second `X_TOKEN` becomes `X_TOKEN_2`). */
export function distinctKeys(literals: Literal[]): Literal[] {
  const seen = new Map<string, number>();
  return literals.map((l) => {
    const n = (seen.get(l.key) ?? 0) + 1;
    seen.set(l.key, n);
    return n === 1 ? l : { ...l, key: `${l.key}_${n}` };
  });
}
