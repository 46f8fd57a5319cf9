import { lstatSync } from "node:fs";
import { AimError } from "../errors.js";
import { askLine, startDetached } from "../runtime/line-socket.js";
import { brokerDir, brokerDirIsOurs, controlSocket, ensureBrokerDir } from "./user-paths.js";
import { type BrokerReply, type BrokerRequest, validReply } from "./user-protocol.js";

type Env = NodeJS.ProcessEnv;

const unreachable = (why: string) =>
  new AimError("IO", `cannot reach the per-user broker: ${why}`, { hint: "stop it and let the next cd start a new one: aim broker stop" });

/** Whether the control socket is this user's own socket in this user's own 0700 folder (throws when something else sits there). */
function socketIsOurs(socket: string, env: Env): boolean {
  if (!brokerDirIsOurs(brokerDir(env))) return false;
  const st = lstatSync(socket, { throwIfNoEntry: false });
  if (!st) return false;
  if (st.isSymbolicLink() || !st.isSocket() || st.uid !== process.getuid?.())
    throw new AimError("IO", `${socket} is not the broker's socket (a link, another kind of file, or another user's)`, {
      hint: `remove it: rm -f '${socket}'`,
    });
  return true;
}

/** The broker's reply, or undefined when none runs. The request (with any value in it) goes only over the socket. */
export async function askBroker(req: BrokerRequest, env: Env = process.env, timeoutMs = 10_000): Promise<BrokerReply | undefined> {
  const socket = controlSocket(env);
  if (!socketIsOurs(socket, env)) return undefined;
  const doc = await askLine(socket, req, timeoutMs, () => unreachable(`no answer within ${timeoutMs / 1000} s`), unreachable);
  if (doc === undefined) return undefined;
  return doc === null ? { ok: false, message: "a reply that is not JSON" } : validReply(doc);
}

/**
 * Starts the per-user broker unless one answers. `childEnv` is its environment: the
 * caller takes out the variables aim exported into the shell (values, placeholders, an
 * earlier session's proxy and CA), so the broker starts from the user's own.
 */
export async function ensureBroker(childEnv: Env, env: Env = process.env): Promise<void> {
  if ((await askBroker({ op: "status" }, env))?.ok) return;
  ensureBrokerDir(env);
  const { AIM_VAULT_PASSPHRASE: _never, ...cleanEnv } = childEnv;
  const fail = (why: string) =>
    new AimError("IO", `the per-user broker did not start: ${why}`, {
      hint: "AIM_DEBUG=1 shows more; aim broker status says whether one runs",
    });
  const { line } = await startDetached("__broker", cleanEnv, undefined, fail);
  // "busy": another shell started one at the same moment, and that one won the lock.
  if (line !== "ready" && line !== "busy") throw fail(JSON.stringify(line.slice(0, 200)));
}

/** Stops the broker and waits until its process has ended. Its pid, or null when none ran. */
export async function stopBroker(env: Env = process.env): Promise<number | null> {
  const status = await askBroker({ op: "status" }, env, 5_000);
  if (!status?.ok) return null;
  const pid = status.status?.pid ?? 0;
  await askBroker({ op: "stop" }, env, 5_000);
  const gone = () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "ESRCH";
    }
  };
  for (let i = 0; i < 250 && pid > 0 && !gone(); i++) await new Promise((r) => setTimeout(r, 20));
  return pid;
}
