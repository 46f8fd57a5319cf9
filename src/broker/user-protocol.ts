// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
/**
 * The per-user broker's control protocol: one request and one reply, each a line of JSON,
 * over `control.sock` (0600, in the 0700 broker folder). Values travel only in `open`
 * requests; replies carry placeholders and the proxy settings, never a value.
 */
export interface SessionKey {
  name: string;
  value: string;
  hosts: string[];
}

export type BrokerRequest =
  | { op: "status" }
  | { op: "stop" }
  /** Opens (or replaces) the session of the shell with pid `shell`. */
  | { op: "open"; shell: number; keys: SessionKey[] }
  | { op: "close"; shell: number };

export interface SessionInfo {
  shell: number;
  keys: string[];
  openedAt: string;
}

export interface BrokerStatus {
  pid: number;
  port: number;
  startedAt: string;
  sessions: SessionInfo[];
  /** Milliseconds since a shell last opened or closed a session. */
  idleMs: number;
  /** How long it stays up with no session. */
  idleLimitMs: number;
}

export interface BrokerReply {
  ok: boolean;
  status?: BrokerStatus;
  /** `open`: the variables the shell exports (placeholders, proxy, CA files). */
  env?: Record<string, string>;
  /** `close`: whether that shell had a session. */
  closed?: boolean;
  message?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const int = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A request as the server accepts it; null for anything malformed. */
export function validRequest(doc: unknown): BrokerRequest | null {
  if (typeof doc !== "object" || doc === null) return null;
  const r = doc as Record<string, unknown>;
  if (r.op === "status" || r.op === "stop") return { op: r.op };
  if (!int(r.shell) || r.shell === 0) return null;
  if (r.op === "close") return { op: "close", shell: r.shell };
  if (r.op !== "open" || !Array.isArray(r.keys)) return null;
  const keys: SessionKey[] = [];
  for (const k of r.keys as unknown[]) {
    const { name, value, hosts } = (k ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || !NAME.test(name) || typeof value !== "string") return null;
    if (!Array.isArray(hosts) || !hosts.every((h) => typeof h === "string")) return null;
    keys.push({ name, value, hosts: hosts as string[] });
  }
  return { op: "open", shell: r.shell, keys };
}

/** The reply's fields aim uses, each of the type it must have; anything else is dropped. */
export function validReply(doc: unknown): BrokerReply {
  if (typeof doc !== "object" || doc === null) return { ok: false, message: "a reply that is not an object" };
  const r = doc as Record<string, unknown>;
  const out: BrokerReply = { ok: r.ok === true, message: str(r.message) };
  if (typeof r.closed === "boolean") out.closed = r.closed;
  if (typeof r.env === "object" && r.env !== null) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.env)) if (NAME.test(k) && typeof v === "string" && !v.includes("\0")) env[k] = v;
    out.env = env;
  }
  const s = r.status as Record<string, unknown> | undefined;
  if (typeof s === "object" && s !== null && int(s.pid) && int(s.port) && int(s.idleMs) && int(s.idleLimitMs)) {
    const sessions = Array.isArray(s.sessions) ? (s.sessions as Record<string, unknown>[]) : [];
    out.status = {
      pid: s.pid,
      port: s.port,
      startedAt: str(s.startedAt) ?? "",
      idleMs: s.idleMs,
      idleLimitMs: s.idleLimitMs,
      sessions: sessions
        .filter((x) => typeof x === "object" && x !== null && int(x.shell))
        .map((x) => ({
          shell: x.shell as number,
          keys: Array.isArray(x.keys) ? (x.keys as unknown[]).filter((k): k is string => typeof k === "string" && NAME.test(k)) : [],
          openedAt: str(x.openedAt) ?? "",
        })),
    };
  }
  return out;
}
