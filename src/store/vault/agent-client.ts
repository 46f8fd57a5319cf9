import { createConnection } from "node:net";
import { AimError, type ErrorCode } from "../../errors.js";

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

/** The agent's reply, or undefined when no agent listens on `socket`. */
export function askAgent(socket: string, req: AgentRequest, timeoutMs = 60_000): Promise<AgentReply | undefined> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(socket);
    let buf = "";
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new AimError("VAULT_LOCKED", `the vault agent at ${socket} does not answer`, {
        hint: "restart it: aim vault lock; aim vault unlock",
      }));
    }, timeoutMs);
    conn.setEncoding("utf8");
    conn.on("connect", () => conn.write(`${JSON.stringify(req)}\n`));
    conn.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      conn.end();
      try {
        resolve(JSON.parse(buf.slice(0, nl)) as AgentReply);
      } catch {
        resolve({ ok: false, code: "VAULT_LOCKED", message: "the vault agent sent a reply aim cannot read" });
      }
    });
    conn.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // No socket, or a socket left by an agent that is gone: nobody is unlocked.
      if (err.code === "ENOENT" || err.code === "ECONNREFUSED") resolve(undefined);
      else reject(new AimError("VAULT_LOCKED", `cannot reach the vault agent: ${err.code ?? err.message}`));
    });
  });
}

/** Turns an agent's refusal into the error it stands for. */
export const agentError = (reply: AgentReply): AimError =>
  new AimError(reply.code ?? "VAULT_LOCKED", reply.message ?? "the vault agent refused", {
    hint: "restart it: aim vault lock; aim vault unlock",
  });
