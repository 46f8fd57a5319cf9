import { lstatSync } from "node:fs";
import { dirname } from "node:path";
import { AimError, type ErrorCode } from "../../errors.js";
import { askLine } from "../../runtime/line-socket.js";

/** One request and one reply, each a line of JSON, over the agent's socket. */
export type AgentRequest = { op: "status" } | { op: "stop" } | { op: "filekey"; header: string };
export interface AgentReply {
  ok: boolean;
  pid?: number;
  vault?: string;
  startedAt?: string;
  expiresAt?: string;
  fileKey?: string;
  code?: ErrorCode;
  message?: string;
}

const refuse = (message: string, hint: string) => new AimError("IO", message, { hint });
const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, "0")}`;

/**
 * Whether `socket` may be an agent of this user's: its folder and the socket itself must be
 * this user's own, the folder open to nobody else, and neither a symlink. Checked before
 * connecting, since whoever listens there would get the vault's header (enough to guess the
 * passphrase offline) and could answer as aim. False when there is no socket (no agent).
 * Another user can create $TMPDIR/aim-<uid> first where XDG_RUNTIME_DIR is unset.
 */
export function agentSocketIsOurs(socket: string): boolean {
  if (process.platform === "win32") return true; // a named pipe, not a path on disk
  const uid = process.getuid?.();
  const dir = dirname(socket);
  const stat = (path: string) => lstatSync(path, { throwIfNoEntry: false });
  const d = stat(dir);
  if (!d) return false;
  const fix = `remove it (another user may have made it to catch your vault's passphrase): rm -rf '${dir}'; or set XDG_RUNTIME_DIR to a folder of yours`;
  if (d.isSymbolicLink()) throw refuse(`${dir} is a symbolic link: aim does not talk to a vault agent through it`, fix);
  if (!d.isDirectory()) throw refuse(`${dir} is not a folder: aim does not talk to a vault agent there`, fix);
  if (d.uid !== uid) throw refuse(`${dir} belongs to another user (uid ${d.uid}): aim does not talk to a vault agent there`, fix);
  if ((d.mode & 0o077) !== 0)
    throw refuse(`${dir} is open to other users (mode ${octal(d.mode)}): aim does not talk to a vault agent there`, fix);
  const s = stat(socket);
  if (!s) return false;
  const sockFix = `remove it: rm -f '${socket}'; then aim vault unlock`;
  if (s.isSymbolicLink()) throw refuse(`${socket} is a symbolic link, not the vault agent's socket`, sockFix);
  if (!s.isSocket()) throw refuse(`${socket} is not a socket, so no vault agent of aim's`, sockFix);
  if (s.uid !== uid) throw refuse(`${socket} belongs to another user (uid ${s.uid}): aim does not talk to it`, sockFix);
  return true;
}

const CODES: readonly string[] = ["VAULT", "VAULT_LOCKED", "VAULT_PASSPHRASE", "VAULT_CORRUPT", "IO"] satisfies ErrorCode[];
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The reply's fields aim uses, each of the type it must have; anything else is dropped. */
function validReply(doc: unknown): AgentReply {
  if (typeof doc !== "object" || doc === null) return { ok: false, message: "a reply that is not an object" };
  const r = doc as Record<string, unknown>;
  const pid = typeof r.pid === "number" && Number.isSafeInteger(r.pid) && r.pid > 0 ? r.pid : undefined;
  const code = typeof r.code === "string" && CODES.includes(r.code) ? (r.code as ErrorCode) : undefined;
  const fileKey = str(r.fileKey) !== undefined && /^[A-Za-z0-9+/]{22}==$/.test(r.fileKey as string) ? (r.fileKey as string) : undefined;
  return {
    ok: r.ok === true,
    pid,
    vault: str(r.vault),
    startedAt: str(r.startedAt),
    expiresAt: str(r.expiresAt),
    fileKey,
    code,
    message: str(r.message),
  };
}

/** The agent's reply, or undefined when no agent listens on `socket`. */
export async function askAgent(socket: string, req: AgentRequest, timeoutMs = 60_000): Promise<AgentReply | undefined> {
  if (!agentSocketIsOurs(socket)) return undefined;
  const doc = await askLine(
    socket,
    req,
    timeoutMs,
    () =>
      new AimError("VAULT_LOCKED", `the vault agent at ${socket} does not answer`, {
        hint: "restart it: aim vault lock; aim vault unlock",
      }),
    (why) => new AimError("VAULT_LOCKED", `cannot reach the vault agent: ${why}`),
  );
  if (doc === undefined) return undefined;
  return doc === null ? { ok: false, code: "VAULT_LOCKED", message: "a reply that is not JSON" } : validReply(doc);
}

/**
 * What an agent said, as a quoted, escaped string of at most 200 characters: its text is
 * never printed as aim's own words, and no control character of it reaches the terminal.
 */
export const agentSaid = (text: string | undefined): string =>
  JSON.stringify((text ?? "").slice(0, 200)).replace(
    /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** Turns an agent's refusal into the error it stands for. */
export const agentError = (reply: AgentReply): AimError =>
  new AimError(reply.code ?? "VAULT_LOCKED", `the vault agent refused to open the vault; it said: ${agentSaid(reply.message)}`, {
    hint: "restart it: aim vault lock; aim vault unlock",
  });
