import { spawn } from "node:child_process";
import { createConnection, type Socket } from "node:net";

/**
 * One request and one reply, each a line of JSON, over a local socket (the vault agent's,
 * the per-user broker's). Resolves with the parsed reply (unknown: the caller validates
 * it), null for a reply that is not JSON, or undefined when nobody listens (no socket, or
 * one left by a process that is gone). `timeout` makes the error for a silent listener.
 */
export function askLine(
  socket: string,
  req: unknown,
  timeoutMs: number,
  timeout: () => Error,
  failed: (why: string) => Error,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(socket);
    let buf = "";
    const timer = setTimeout(() => {
      conn.destroy();
      reject(timeout());
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
        resolve(JSON.parse(buf.slice(0, nl)));
      } catch {
        resolve(null);
      }
    });
    conn.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === "ENOENT" || err.code === "ECONNREFUSED") resolve(undefined);
      else reject(failed(err.code ?? err.message));
    });
    conn.on("close", () => {
      clearTimeout(timer);
      resolve(undefined); // closed without a reply (the listener was stopping); no-op after a reply
    });
  });
}

/**
 * Starts `aim <command>` detached, with `input` (if any) on its standard input, and waits
 * for the first line it prints: "ready", "busy" or why it failed. Secrets travel on stdin
 * or a socket, never in argv or the environment.
 */
export function startDetached(
  command: string,
  env: NodeJS.ProcessEnv,
  input: string | undefined,
  fail: (why: string) => Error,
): Promise<{ line: string; pid: number }> {
  const child = spawn(process.execPath, [process.argv[1] as string, command], {
    detached: true,
    cwd: "/",
    env,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", env.AIM_DEBUG ? "inherit" : "ignore"],
  });
  if (input !== undefined) child.stdin?.end(input);
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("error", (e) => reject(fail(e.message)));
    child.on("exit", (code) => reject(fail(`it exited with ${code}`)));
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (d) => {
      out += d;
      if (!out.includes("\n")) return;
      child.removeAllListeners("exit");
      child.stdout?.destroy();
      child.unref();
      resolve({ line: out.slice(0, out.indexOf("\n")), pid: child.pid ?? 0 });
    });
  });
}

/**
 * The server side of askLine: each connection sends one JSON line and gets one back.
 * `answer` receives the parsed request (unknown: it validates it); a line that is not JSON
 * gets "bad request", and a rejected answer `{ ok: false, code?, message }`. The request
 * text is dropped once parsed (it may hold a value).
 */
export function serveLine(conn: Socket, answer: (doc: unknown) => Promise<unknown>): void {
  let buf = "";
  conn.setEncoding("utf8");
  conn.on("error", () => conn.destroy());
  conn.on("data", (d) => {
    buf += d;
    const nl = buf.indexOf("\n");
    if (nl < 0) return;
    let doc: unknown;
    try {
      doc = JSON.parse(buf.slice(0, nl));
    } catch {
      return void conn.end(`${JSON.stringify({ ok: false, message: "bad request" })}\n`);
    } finally {
      buf = "";
    }
    answer(doc).then(
      (r) => conn.end(`${JSON.stringify(r)}\n`),
      (e: unknown) => conn.end(`${JSON.stringify({ ok: false, code: (e as { code?: unknown }).code, message: (e as Error).message })}\n`),
    );
  });
}
