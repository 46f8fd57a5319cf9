import { chmodSync, readdirSync, rmSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { serveLine } from "../runtime/line-socket.js";
import { startTime, withLock } from "../runtime/lock.js";
import { writeAtomic } from "../runtime/jsonfile.js";
import { proxyVariables } from "./env.js";
import { startBroker } from "./proxy.js";
import { removeSessionFiles, writeSessionFiles } from "./session-files.js";
import { askBroker } from "./user-client.js";
import { brokerIdleMs, controlSocket, ensureBrokerDir, stateFile } from "./user-paths.js";
import { type BrokerReply, type BrokerRequest, type SessionKey, validRequest } from "./user-protocol.js";

interface ShellSession {
  keys: SessionKey[];
  env: Record<string, string>;
  openedAt: Date;
  /** The shell's start time (Linux), so a reused pid is not taken for the shell. */
  start: string | undefined;
  close(): void;
}

function alive(pid: number, start: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  return start === undefined || startTime(pid) === start;
}

const sameKeys = (a: readonly SessionKey[], b: readonly SessionKey[]): boolean =>
  a.length === b.length &&
  a.every((k, i) => {
    const o = b[i] as SessionKey;
    return k.name === o.name && k.value === o.value && k.hosts.join("\n") === o.hosts.join("\n");
  });

/**
 * `aim __broker`: the per-user broker behind the shell hook. One loopback proxy (the
 * broker core, `proxy.ts`) hosts one session per shell: the hook's `aim hook-env` sends a
 * shell's bound keys over the 0600 control socket and gets back placeholders and proxy
 * settings. A session ends when its shell leaves the project or exits; the process ends
 * once no session has been open for AIM_BROKER_IDLE. One per user: the start is under a
 * lock, and a second one that finds the first answering says "busy" and exits.
 */
export async function serveBroker(): Promise<number> {
  process.umask(0o077);
  const dir = ensureBrokerDir();
  const socket = controlSocket();
  const idleLimitMs = brokerIdleMs();
  const sessions = new Map<number, ShellSession>();
  let lastUse = Date.now();
  let proxy: Awaited<ReturnType<typeof startBroker>> | undefined;
  const server = createServer((conn) =>
    serveLine(conn, (doc) => {
      const req = validRequest(doc);
      return req ? answer(req) : Promise.resolve({ ok: false, message: "bad request" });
    }),
  );
  let stopping = false;

  const stop = () => {
    if (stopping) return;
    stopping = true;
    try {
      unlinkSync(socket); // first, so a starter from now on finds none and starts afresh
    } catch {}
    server.close();
    for (const s of sessions.values()) s.close();
    sessions.clear();
    try {
      unlinkSync(stateFile());
    } catch {}
    // Connections still open (a client mid-stream) get a second to end, then the process goes.
    setTimeout(() => process.exit(0), 1_000).unref();
    void (proxy?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  };

  // Sessions of shells that exited end; with none left for idleLimitMs, the broker ends.
  const sweep = () => {
    for (const [pid, s] of sessions) {
      if (!alive(pid, s.start)) {
        s.close();
        sessions.delete(pid);
        lastUse = Date.now();
      }
    }
    if (sessions.size === 0 && Date.now() - lastUse >= idleLimitMs) stop();
  };

  async function open(shell: number, keys: SessionKey[]): Promise<Record<string, string>> {
    const running = proxy;
    if (!running) throw new Error("the proxy has not started");
    // The same keys again (a reload, a cd within the project): the same placeholders, so
    // the programs this shell already started keep working.
    const had = sessions.get(shell);
    if (had && alive(shell, had.start) && sameKeys(had.keys, keys)) return had.env;
    had?.close();
    const session = running.openSession(keys);
    // The CA certificate (never its key) in a 0700 folder of the session's, in the broker's folder.
    const files = writeSessionFiles(running.caPem, dir);
    const env: Record<string, string> = { ...session.placeholders, ...proxyVariables(session, files) };
    sessions.set(shell, {
      keys,
      env,
      openedAt: new Date(),
      start: startTime(shell),
      close: () => {
        session.close();
        removeSessionFiles(files);
      },
    });
    return env;
  }

  async function answer(req: BrokerRequest): Promise<BrokerReply> {
    if (req.op === "status") {
      const list = [...sessions].map(([shell, s]) => ({ shell, keys: s.keys.map((k) => k.name), openedAt: s.openedAt.toISOString() }));
      return {
        ok: true,
        status: { pid: process.pid, port: proxy?.port ?? 0, startedAt, sessions: list, idleMs: Date.now() - lastUse, idleLimitMs },
      };
    }
    if (req.op === "stop") {
      setImmediate(stop); // after this reply is on its way
      return { ok: true };
    }
    lastUse = Date.now();
    if (req.op === "close") {
      const s = sessions.get(req.shell);
      s?.close();
      sessions.delete(req.shell);
      return { ok: true, closed: s !== undefined };
    }
    return { ok: true, env: await open(req.shell, req.keys) };
  }

  const startedAt = new Date().toISOString();
  const won = await withLock(join(dir, "start"), async () => {
    if ((await askBroker({ op: "status" }).catch(() => undefined))?.ok) return false;
    try {
      unlinkSync(socket); // left by a broker that died
    } catch {}
    // Session folders (CA certificates, no secret) of a broker that died.
    for (const name of readdirSync(dir)) if (name.startsWith("aim-broker-")) rmSync(join(dir, name), { recursive: true, force: true });
    // The proxy first: a broker that answers on the control socket can always open a session.
    // Refusals go to the audit log: this process has no terminal to say them on.
    proxy = await startBroker({ warn: () => {} });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socket, resolve);
    });
    chmodSync(socket, 0o600);
    await writeAtomic(stateFile(), `${JSON.stringify({ pid: process.pid, port: proxy.port, startedAt })}\n`);
    return true;
  });
  if (!won) {
    process.stdout.write("busy\n");
    return 0;
  }
  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(sig, stop);
  setInterval(sweep, Math.max(50, Math.min(idleLimitMs / 4, 10_000))).unref();
  // The interval is unref'd: the listening socket keeps the process alive until stop().
  process.stdout.write("ready\n");
  return new Promise<number>(() => {});
}
