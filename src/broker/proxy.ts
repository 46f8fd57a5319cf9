import { randomBytes, timingSafeEqual } from "node:crypto";
import { type IncomingMessage, createServer, type Server, type ServerResponse } from "node:http";
import { connect as netConnect, isIP, type Socket } from "node:net";
import { checkServerIdentity, connect as tlsConnect, createSecureContext, type SecureContext, TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import { boundTo, normalHost } from "../core/hosts.js";
import { safeText } from "../core/names.js";
import { appendAudit, type AuditEntry } from "./audit.js";
import { type Ca, createCa } from "./ca.js";
import { type ConnectTo, parseConnectTo } from "./connect-to.js";
import {
  BodyEnd,
  type Framing,
  HttpParseError,
  hasBothLengths,
  headerValue,
  parseResponseHead,
  relayedHeaders,
  requestHead,
  type ResponseHead,
  responseFraming,
} from "./http1.js";
import { makePlaceholder, randomToken } from "./placeholder.js";
import { systemBundle } from "./session-files.js";

/** A key handed to a session: its value stays in this process's memory. */
export interface KeyGrant {
  name: string;
  value: string;
  /** The hosts the value may be sent to (core/hosts.ts patterns); never empty. */
  hosts: readonly string[];
  /**
   * A base URL the user set for this key's tool (ANTHROPIC_BASE_URL…): the broker serves it
   * on its own port (Session.baseUrls) and sends those requests there; its host is bound too.
   */
  upstream?: string;
}

export interface Session {
  /** Random; names the session in the audit log. */
  id: string;
  /** http://USER:TOKEN@127.0.0.1:PORT */
  proxyUrl: string;
  /** Key name → its placeholder, what the command holds instead of the value. */
  placeholders: Readonly<Record<string, string>>;
  /** Key name → the broker's URL standing in for its `upstream` (a path with a secret token: no proxy credentials needed). */
  baseUrls: Readonly<Record<string, string>>;
  /** Forgets the values and the credentials, and ends the session's connections. */
  close(): void;
}

export interface BrokerOptions {
  /** Where the `aim:` lines go (refusals). Default: stderr, through the caller's log. */
  warn?: (text: string) => void;
  /** The audit log, or false for none. Default: $AIM_DATA_DIR/broker.log. */
  audit?: string | false;
  /** AIM_BROKER_CONNECT_TO's text. Default: process.env's. */
  connectTo?: string;
}

export interface Broker {
  port: number;
  /** The CA certificate, PEM (its key never leaves this process's memory). */
  caPem: string;
  openSession(keys: readonly KeyGrant[]): Session;
  /** Sessions open now. */
  readonly sessions: number;
  close(): Promise<void>;
}

interface Grant extends KeyGrant {
  placeholder: string;
}

interface State {
  id: string;
  user: string;
  token: Buffer;
  grants: Grant[];
  open: boolean;
  sockets: Set<Duplex>;
}

/** Where an intercepted connection goes: its session and the host:port the client asked for. */
interface Target {
  session: State;
  host: string;
  port: number;
  /** False for plain HTTP inside a CONNECT tunnel (undici's ProxyAgent tunnels http:// too). */
  secure: boolean;
}

// Headers whose value may carry a key: the broker looks for placeholders here and in the
// query string, nowhere else (never a body).
const KEY_HEADERS = new Set(["authorization", "x-api-key", "x-goog-api-key", "api-key"]);
const HOP_BY_HOP = new Set(["proxy-authorization", "proxy-connection"]);
const VERIFY_FAILURES = new Set([
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
]);

// Stream buffers on both TLS legs of an intercepted connection. Node's default (16 KiB) is
// one TLS record: with it, nearly every chunk of a large answer fills the client side's
// buffer, so the upstream side is paused and resumed once per record (an event-loop round
// trip each, and the upstream's TCP window stalls meanwhile). 1 MiB lets a large download
// flow with few pauses (the broker's CPU time for one is about 6 % lower than with 256 KiB),
// at a bounded cost per open connection, reached only while a client reads slower than its
// upstream sends.
const STREAM_BUFFER = 1024 * 1024;

const HOST_RE =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])$/;

/** `host:port` of a CONNECT line, or null. */
export function parseAuthority(text: string | undefined, defaultPort?: number): { host: string; port: number } | null {
  const m = (text ?? "").match(/^(\[[^\]]+\]|[^:]+)(?::([0-9]{1,5}))?$/);
  if (!m || !HOST_RE.test(m[1] as string)) return null;
  const port = m[2] === undefined ? defaultPort : Number(m[2]);
  if (port === undefined || port < 1 || port > 65535) return null;
  return { host: normalHost(m[1] as string), port };
}

/** 127.0.0.0/8, ::1 and localhost: the only places a value may go over plain HTTP. */
export const isLoopback = (host: string): boolean => {
  const h = normalHost(host);
  return h === "localhost" || h === "::1" || (isIP(h) === 4 && h.startsWith("127."));
};

interface Swap {
  /** Grants whose placeholder the request carries. */
  found: Grant[];
  /** The headers (raw pairs) and path with every found placeholder replaced by its value. */
  rawHeaders: string[];
  path: string;
}

const replaceAll = (text: string, grants: readonly Grant[], found: Set<Grant>): string => {
  let out = text;
  for (const g of grants) {
    if (out.includes(g.placeholder)) {
      found.add(g);
      out = out.split(g.placeholder).join(g.value);
    }
  }
  return out;
};

/** Encoded forms a placeholder may take in a query string. */
const replaceQuery = (path: string, grants: readonly Grant[], found: Set<Grant>): string => {
  const q = path.indexOf("?");
  if (q < 0) return path;
  const query = path.slice(q + 1);
  const swapped = query.replace(/[^&]+/g, (pair) => {
    const eq = pair.indexOf("=");
    if (eq < 0) return pair;
    const raw = pair.slice(eq + 1);
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw.replace(/\+/g, " "));
    } catch {
      return pair;
    }
    const local = new Set<Grant>();
    const out = replaceAll(decoded, grants, local);
    if (local.size === 0) return pair;
    for (const g of local) found.add(g);
    return `${pair.slice(0, eq)}=${encodeURIComponent(out)}`;
  });
  return `${path.slice(0, q)}?${swapped}`;
};

/** Finds the session's placeholders in the key headers and the query string, and swaps in the values. */
export function swapPlaceholders(rawHeaders: readonly string[], path: string, grants: readonly Grant[]): Swap {
  const found = new Set<Grant>();
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    let value = rawHeaders[i + 1] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    if (KEY_HEADERS.has(lower)) {
      const basic = lower === "authorization" ? value.match(/^(\s*basic\s+)([A-Za-z0-9+/=]+)\s*$/i) : null;
      if (basic) {
        const decoded = Buffer.from(basic[2] as string, "base64").toString("utf8");
        const local = new Set<Grant>();
        const swapped = replaceAll(decoded, grants, local);
        if (local.size > 0) {
          for (const g of local) found.add(g);
          value = `${basic[1]}${Buffer.from(swapped, "utf8").toString("base64")}`;
        }
      } else {
        value = replaceAll(value, grants, found);
      }
    }
    out.push(name, value);
  }
  // The query first: `found` must hold what it finds before it is read.
  const swappedPath = replaceQuery(path, grants, found);
  return { found: [...found], rawHeaders: out, path: swappedPath };
}

const pathOnly = (path: string): string => {
  const q = path.indexOf("?");
  return safeText(q < 0 ? path : path.slice(0, q));
};

const SPARE_IDLE_MS = 30_000;
/** Idle upstream connections kept per scheme, host and port. */
const MAX_IDLE = 16;
/** Methods a request may be sent again with (RFC 9110, 9.2.2), when a reused connection died before any answer. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
const WARM_AFTER_MS = 10;

const proxyAuthRequired =
  'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="aim"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

export async function startBroker(opts: BrokerOptions = {}): Promise<Broker> {
  const warn = opts.warn ?? ((text: string) => process.stderr.write(`aim: ${text}\n`));
  const auditTo = opts.audit;
  const audit = (e: AuditEntry) => {
    if (auditTo !== false) appendAudit(e, auditTo);
  };
  const connectTo: ConnectTo = parseConnectTo(opts.connectTo ?? process.env.AIM_BROKER_CONNECT_TO);
  const route = (host: string, port: number) => connectTo.get(`${host}:${port}`) ?? { host, port };
  const ca: Ca = await createCa();
  const sessions = new Map<string, State>();
  const targets = new WeakMap<object, Target>();

  const sessionOf = (req: IncomingMessage): State | undefined => {
    const m = (req.headers["proxy-authorization"] ?? "").match(/^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i);
    if (!m) return undefined;
    const creds = Buffer.from(m[1] as string, "base64").toString("utf8");
    const colon = creds.indexOf(":");
    const s = sessions.get(creds.slice(0, colon));
    const token = Buffer.from(creds.slice(colon + 1));
    return s?.open && colon > 0 && token.length === s.token.length && timingSafeEqual(token, s.token) ? s : undefined;
  };

  // Upstream TLS: Node's roots plus aim's own NODE_EXTRA_CA_CERTS (the default context);
  // a host whose chain only the system's bundle knows (a company's root) is tried again with
  // that bundle added. Building that context costs tens of milliseconds, so only on need.
  let systemContext: SecureContext | undefined;
  const needsSystem = new Set<string>();
  const systemCtx = () => {
    const sys = systemBundle();
    systemContext ??= createSecureContext(sys ? { ca: [sys.pem] } : {});
    return systemContext;
  };
  // TLS sessions of upstream connections, by host:port and trust: a new connection to a host
  // (the pool had none idle, or a client cancelled a stream, which ends its upstream
  // connection) resumes instead of a full handshake with its certificate chain checked again.
  // Resumption is the server's choice and proves the same server; verification stays on.
  const tlsSessions = new Map<string, Buffer>();
  const connectVerified = (host: string, port: number, alpn?: string[]): Promise<TLSSocket> => {
    const to = route(host, port);
    const attempt = (secureContext?: SecureContext) =>
      new Promise<TLSSocket>((resolve, reject) => {
        const key = `${host}:${port}:${secureContext ? "system" : "default"}`;
        // noDelay from the start: Nagle would hold the handshake's last flight and each small
        // request (an SSE request's headers) until the previous segment is acknowledged.
        const raw = netConnect({ host: to.host, port: to.port, noDelay: true });
        const socket = tlsConnect({
          socket: raw,
          servername: isIP(host) ? undefined : host,
          secureContext,
          ALPNProtocols: alpn,
          session: tlsSessions.get(key),
          // Node's tls.connect takes it (as TLSSocket does); @types/node does not list it.
          ...({ highWaterMark: STREAM_BUFFER } as object),
          checkServerIdentity: (_h, cert) => checkServerIdentity(host, cert),
        });
        socket.on("session", (session: Buffer) => {
          if (tlsSessions.size > 256) tlsSessions.clear();
          tlsSessions.set(key, session);
        });
        socket.once("secureConnect", () => {
          socket.off("error", reject);
          // Whoever holds it next (the pool, a spare, a tunnel) sees an error as its close.
          socket.on("error", () => socket.destroy());
          resolve(socket);
        });
        socket.once("error", reject);
        // The TCP leg's own errors (a refused connection) come on `raw`; later ones end the
        // TLS socket too, whose users see it close. (reject is a no-op once resolved.)
        raw.on("error", (err) => {
          reject(err);
          socket.destroy();
        });
      });
    if (needsSystem.has(host)) return attempt(systemCtx());
    return attempt().catch((err: NodeJS.ErrnoException) => {
      if (!VERIFY_FAILURES.has(err.code ?? "") || !systemBundle()) throw err;
      needsSystem.add(host);
      return attempt(systemCtx());
    });
  };
  // Kept-alive upstream connections between requests, by scheme, host and port; the latest
  // parked is the first taken (its TCP window is warm, and older ones may time out unused).
  const idle = new Map<string, Duplex[]>();
  // What ends a waiting connection's idle watch (a parked one's, or a spare's) when a request takes it.
  const unpark = new WeakMap<Duplex, () => void>();
  // Spare upstream connections, one per host at most: a request that finds no idle connection
  // takes it, instead of waiting for a handshake then. One is opened when a client's
  // intercepted connection begins (while the client's own handshake runs), and when a
  // response the client stopped reading (a cancelled SSE stream) ends its upstream
  // connection mid-answer. Unused, a spare closes after SPARE_IDLE_MS.
  const spares = new Map<string, Promise<TLSSocket>>();
  const openSpare = (host: string, port: number) => {
    const key = `${host}:${port}`;
    if (spares.has(key) || sessions.size === 0) return;
    const ready = connectVerified(host, port, ["http/1.1"]);
    spares.set(key, ready);
    const forget = () => {
      if (spares.get(key) === ready) spares.delete(key);
    };
    ready.then((s) => {
      // Bytes before any request (an upstream's 408 on an idle connection) answer nothing: a
      // spare that gets any is dropped, never handed to a request as its answer.
      const drop = () => s.destroy();
      s.setTimeout(SPARE_IDLE_MS, drop);
      s.on("data", drop);
      s.once("close", forget);
      unpark.set(s, () => {
        s.off("data", drop);
        s.off("timeout", drop);
        s.setTimeout(0);
        unpark.delete(s);
      });
    }, forget);
  };

  // Every upstream connection a request has used and not yet closed: broker.close() ends them.
  const upstreams = new Set<Duplex>();
  const poolKey = (secure: boolean, host: string, port: number) => `${secure ? "https" : "http"}://${host}:${port}`;

  /** An upstream connection for a request: an idle one (reused), else the spare, else a new one. */
  const takeUpstream = async (secure: boolean, host: string, port: number): Promise<{ socket: Duplex; reused: boolean }> => {
    const key = poolKey(secure, host, port);
    const list = idle.get(key);
    for (let s = list?.pop(); s; s = list?.pop()) {
      unpark.get(s)?.();
      if (!s.destroyed && s.writable) return { socket: s, reused: true };
    }
    if (list?.length === 0) idle.delete(key);
    let socket: Duplex;
    if (!secure) socket = await plainConnect(host, port);
    else {
      const spare = spares.get(`${host}:${port}`);
      spares.delete(`${host}:${port}`);
      socket = await (spare ?? Promise.reject())
        .then((s) => (s.destroyed || !s.writable ? Promise.reject() : s))
        .catch(() => connectVerified(host, port, ["http/1.1"]));
      // A spare's idle timer and its watch for unasked bytes end here.
      unpark.get(socket)?.();
    }
    upstreams.add(socket);
    socket.once("close", () => upstreams.delete(socket));
    return { socket, reused: false };
  };

  /**
   * A connection whose last answer ended cleanly waits for the next request, for the time the
   * upstream said it keeps it open (Keep-Alive: timeout=N, less a second, as Node's own agent
   * does) or SPARE_IDLE_MS. It does not keep the process alive. Bytes from an idle upstream
   * (there is no request to answer) end it.
   */
  const park = (key: string, socket: Duplex, head: ResponseHead | undefined) => {
    const s = socket as Socket;
    const list = idle.get(key) ?? [];
    if (list.length >= MAX_IDLE) {
      s.destroy();
      return;
    }
    const hint = /(?:^|[\s,])timeout=([0-9]+)/i.exec((head && headerValue(head.rawHeaders, "keep-alive")) ?? "")?.[1];
    const wait = hint === undefined ? SPARE_IDLE_MS : Math.min(SPARE_IDLE_MS, Number(hint) * 1000 - 1000);
    if (wait <= 0) {
      s.destroy();
      return;
    }
    const drop = () => s.destroy();
    const forget = () => {
      const at = list.indexOf(s);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0 && idle.get(key) === list) idle.delete(key);
    };
    s.on("data", drop);
    s.once("close", forget);
    s.setTimeout(wait, drop);
    s.unref?.();
    s.resume();
    unpark.set(s, () => {
      s.off("data", drop);
      s.off("close", forget);
      s.off("timeout", drop);
      s.setTimeout(0);
      s.ref?.();
      unpark.delete(s);
    });
    list.push(s);
    idle.set(key, list);
  };

  const refuse = (
    session: State,
    grants: Grant[],
    host: string,
    method: string,
    path: string,
    why: string,
    send: (status: number, body: string) => void,
  ) => {
    for (const g of grants) {
      warn(`refused to send ${g.name} to ${safeText(host)}: ${why}`);
      audit({
        time: new Date().toISOString(),
        session: session.id,
        key: g.name,
        host: safeText(host),
        method: safeText(method),
        path: pathOnly(path),
        status: 403,
        action: "refused",
      });
    }
    send(403, `aim broker: ${grants.map((g) => g.name).join(", ")} may not be sent to ${safeText(host)}\n`);
  };

  /** The keys a request may carry to `host`; refused (403 sent) when one is not bound there or the channel is plain HTTP to a non-loopback address. */
  const decide = (
    session: State,
    req: Pick<IncomingMessage, "rawHeaders" | "method">,
    host: string,
    path: string,
    tls: boolean,
    send: (status: number, body: string) => void,
  ): Swap | null => {
    const swap = swapPlaceholders(req.rawHeaders, path, session.grants);
    const method = req.method ?? "GET";
    if (swap.found.length === 0) return swap;
    const unbound = swap.found.filter((g) => !boundTo(g.hosts, host));
    if (unbound.length > 0) {
      refuse(session, unbound, host, method, path, `it is bound to ${unbound.map((g) => g.hosts.join(", ")).join("; ")} only`, send);
      return null;
    }
    if (!tls && !isLoopback(host)) {
      refuse(session, swap.found, host, method, path, "plain HTTP (a value goes over plain HTTP to a loopback address only)", send);
      return null;
    }
    return swap;
  };

  const logInjected = (session: State, grants: Grant[], host: string, req: IncomingMessage, path: string, status: number) => {
    for (const g of grants) {
      audit({
        time: new Date().toISOString(),
        session: session.id,
        key: g.name,
        host: safeText(host),
        method: safeText(req.method ?? "GET"),
        path: pathOnly(path),
        status,
        action: "injected",
      });
    }
  };

  /**
   * Sends `req` (with `swap` applied) on over a pooled upstream connection and relays the
   * answer: its head through `res`, its body as the upstream's own bytes, framing included and
   * nothing held back (a stream arrives as it is sent). The body's end is found from its
   * framing (http1.ts); a kept-alive connection goes back to the pool there.
   */
  const forward = (session: State, req: IncomingMessage, res: ServerResponse, host: string, port: number, swap: Swap, secure: boolean) => {
    const method = req.method ?? "GET";
    const key = poolKey(secure, host, port);
    // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3).
    const chunkedBody = req.headers["transfer-encoding"] !== undefined;
    const hasBody = chunkedBody || req.headers["content-length"] !== undefined;
    const closing = /(?:^|,)\s*close\s*(?:,|$)/i.test(req.headers.connection ?? "");
    let up: Duplex | undefined;
    let over = false;
    const fail = (err: NodeJS.ErrnoException) => {
      if (over) return;
      over = true;
      up?.destroy();
      // What is left of the request's body is read and dropped: paused (its upstream stopped
      // reading), the client would wait forever to send the rest.
      req.resume();
      if (res.headersSent) res.destroy();
      else {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`aim broker: cannot reach ${safeText(host)}:${port}: ${safeText(err.code ?? err.message)}\n`);
      }
    };
    // The client left before the answer's end: the upstream connection is mid-answer and goes.
    res.on("close", () => {
      if (over) return;
      over = true;
      up?.destroy();
      if (secure) openSpare(host, port);
    });

    // Built before any connection is taken: a head HTTP does not allow (a line break in a stored
    // value) is never written, and the answer does not quote it.
    let outHead: Buffer;
    try {
      outHead = requestHead(method, swap.path, swap.rawHeaders);
    } catch (err) {
      over = true;
      req.resume();
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`aim broker: the request to ${safeText(host)} cannot be sent: ${safeText((err as Error).message)}\n`);
      return;
    }

    const exchange = (s: Duplex, reused: boolean) => {
      up = s;
      let pending: Buffer | undefined;
      let head: ResponseHead | undefined;
      let framing: Framing | undefined;
      let body: BodyEnd | undefined;
      let heard = false;
      let sent = !hasBody;
      let error: NodeJS.ErrnoException | undefined;
      const resume = () => s.resume();
      const done = (extra: boolean) => {
        over = true;
        s.off("data", onData);
        s.off("error", onError);
        s.off("close", onClose);
        res.off("drain", resume);
        res.end();
        // The rest of a body the upstream did not wait for is read and dropped (see fail).
        if (!sent) req.resume();
        const again = sent && !extra && !closing && head?.keepAlive && framing?.kind !== "close" && !hasBothLengths(head.rawHeaders);
        if (again) park(key, s, head);
        else s.destroy();
      };
      const onData = (chunk: Buffer) => {
        heard = true;
        try {
          if (!body) {
            pending = pending ? Buffer.concat([pending, chunk]) : chunk;
            // Interim answers (100 Continue, 103 Early Hints) are dropped: Node's server
            // answered the client's Expect itself, as it did before the relay.
            for (;;) {
              head = parseResponseHead(pending) ?? undefined;
              if (!head) return;
              pending = pending.subarray(head.size);
              if (head.status >= 200) break;
              if (head.status === 101) throw new HttpParseError("101 to a request that asked for no upgrade");
            }
            framing = responseFraming(method, head);
            body = new BodyEnd(framing);
            // A body that runs to the close under a Transfer-Encoding Node does not frame (gzip
            // alone): the client, too, reads it to the close, so its connection must close there.
            if (framing.kind === "close" && headerValue(head.rawHeaders, "transfer-encoding") !== undefined) res.shouldKeepAlive = false;
            res.writeHead(head.status, head.reason, relayedHeaders(head.rawHeaders, framing));
            res.flushHeaders();
            // The upstream's chunked framing is relayed as it is: Node must not frame it again.
            if (framing.kind === "chunked") res.chunkedEncoding = false;
            // The log's append is synchronous (stat, open, write, close: a tenth of a millisecond
            // on a busy machine); done at the end of this turn of the event loop, it does not
            // delay the answer's first body chunk, which usually came in the same read.
            const status = head.status;
            setImmediate(() => logInjected(session, swap.found, host, req, req.url ?? "/", status));
            chunk = pending;
            pending = undefined;
          }
          const n = body.feed(chunk);
          if (n > 0 && !res.write(n < chunk.length ? chunk.subarray(0, n) : chunk)) {
            s.pause();
            res.once("drain", resume);
          }
          if (body.done) done(n < chunk.length);
        } catch (err) {
          fail(err as Error);
        }
      };
      const onError = (err: NodeJS.ErrnoException) => {
        error = err;
      };
      const onClose = (hadError: boolean) => {
        if (over) return;
        // A body that runs to the close: this was its end.
        if (framing?.kind === "close" && !hadError && !error) {
          over = true;
          res.end();
          return;
        }
        // A kept-alive connection the upstream closed as the request went out: once more.
        if (!heard && reused && !hasBody && IDEMPOTENT.has(method)) {
          up = undefined;
          attempt();
          return;
        }
        fail(error ?? Object.assign(new Error("connection closed"), { code: "ECONNRESET" }));
      };
      s.on("data", onData);
      s.on("error", onError);
      s.on("close", onClose);
      s.write(outHead);
      if (!hasBody) return;
      // The request's body: as Node's server decoded it, framed again when it came chunked.
      req.on("data", (chunk: Buffer) => {
        // (An empty piece, framed, would be the last chunk: the body would end there.)
        if (s.destroyed || chunk.length === 0) return;
        s.cork();
        if (chunkedBody) s.write(`${chunk.length.toString(16)}\r\n`);
        const ok = s.write(chunk);
        if (chunkedBody) s.write("\r\n");
        s.uncork();
        if (!ok) {
          req.pause();
          s.once("drain", () => req.resume());
        }
      });
      req.on("end", () => {
        if (chunkedBody && !s.destroyed) s.write("0\r\n\r\n");
        sent = true;
      });
    };
    const attempt = () =>
      takeUpstream(secure, host, port).then(({ socket, reused }) => {
        // The client left while the connection was made: it is kept for the next request.
        if (over) park(key, socket, undefined);
        else exchange(socket, reused);
      }, fail);
    attempt();
  };

  const reply = (res: ServerResponse) => (status: number, body: string) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  const replyRaw = (socket: Duplex) => (status: number, body: string) => {
    socket.end(
      `HTTP/1.1 ${status} ${status === 403 ? "Forbidden" : "Bad Request"}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };

  /** A protocol upgrade (websocket): headers swapped as for a request, then bytes both ways. */
  const upgrade = async (
    session: State,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    host: string,
    port: number,
    secure: boolean,
  ) => {
    const path = req.url ?? "/";
    const swap = decide(session, req, host, path, secure, replyRaw(socket));
    if (!swap) return;
    let outHead: Buffer;
    try {
      outHead = requestHead(req.method ?? "GET", swap.path, swap.rawHeaders);
    } catch (err) {
      replyRaw(socket)(502, `aim broker: the request to ${safeText(host)} cannot be sent: ${safeText((err as Error).message)}\n`);
      return;
    }
    let up: Duplex;
    try {
      up = secure ? await connectVerified(host, port, ["http/1.1"]) : await plainConnect(host, port);
    } catch (err) {
      replyRaw(socket)(502, `aim broker: cannot reach ${safeText(host)}:${port}: ${safeText((err as NodeJS.ErrnoException).code ?? "")}\n`);
      return;
    }
    up.write(outHead);
    if (head.length) up.write(head);
    // The log line holds the upstream's own answer (101, or a refusal such as 401), read from
    // its first bytes; an upstream that closes without a word is logged as 502.
    let logged = false;
    const log = (status: number) => {
      if (!logged) logInjected(session, swap.found, host, req, path, status);
      logged = true;
    };
    up.once("data", (first: Buffer) => log(Number(/^HTTP\/1\.[01] (\d{3})/.exec(first.toString("latin1", 0, 16))?.[1] ?? 502)));
    up.once("close", () => log(502));
    pipeBoth(socket, up);
  };

  const plainConnect = (host: string, port: number) =>
    new Promise<Socket>((resolve, reject) => {
      const to = route(host, port);
      const s = netConnect({ host: to.host, port: to.port }, () => {
        s.off("error", reject);
        s.on("error", () => s.destroy());
        s.setNoDelay(true);
        resolve(s);
      });
      s.once("error", reject);
    });

  const pipeBoth = (a: Duplex, b: Duplex) => {
    a.pipe(b);
    b.pipe(a);
    const end = () => {
      a.destroy();
      b.destroy();
    };
    a.on("error", end);
    b.on("error", end);
    a.on("close", end);
    b.on("close", end);
  };

  // Requests inside an intercepted TLS connection: never listens, fed by the CONNECT handler.
  const inner = createServer({ keepAliveTimeout: 120_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    const t = targets.get(req.socket);
    if (!t?.session.open) {
      res.destroy();
      return;
    }
    const swap = decide(t.session, req, t.host, req.url ?? "/", t.secure, reply(res));
    if (swap) forward(t.session, req, res, t.host, t.port, swap, t.secure);
  });
  inner.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const t = targets.get(req.socket);
    if (!t?.session.open) socket.destroy();
    else void upgrade(t.session, req, socket, head, t.host, t.port, t.secure);
  });
  inner.on("clientError", (_err, socket: Duplex) => socket.destroy());

  // Base URLs the broker serves: /aim/TOKEN/REST → the key's upstream + REST.
  const routes = new Map<string, { session: State; upstream: URL }>();
  let port = 0;
  const routeOf = (req: IncomingMessage): { session: State; upstream: URL; rest: string } | undefined => {
    let path = req.url ?? "";
    if (!path.startsWith("/")) {
      try {
        const u = new URL(path);
        if (!isLoopback(u.hostname) || Number(u.port) !== port) return undefined;
        path = `${u.pathname}${u.search}`;
      } catch {
        return undefined;
      }
    }
    const m = path.match(/^\/aim\/([A-Za-z0-9]{32})(\/.*)?$/);
    const route = m ? routes.get(m[1] as string) : undefined;
    return route?.session.open ? { ...route, rest: m?.[2] ?? "/" } : undefined;
  };
  const serveRoute = (route: { session: State; upstream: URL; rest: string }, req: IncomingMessage, res: ServerResponse) => {
    const { upstream } = route;
    const host = normalHost(upstream.hostname);
    const secure = upstream.protocol === "https:";
    const port = Number(upstream.port || (secure ? 443 : 80));
    const q = route.rest.indexOf("?");
    const restPath = q < 0 ? route.rest : route.rest.slice(0, q);
    const path = `${upstream.pathname.replace(/\/$/, "")}${restPath}${q < 0 ? "" : route.rest.slice(q)}`;
    // The upstream's own Host, not the broker's.
    const raw = [...req.rawHeaders];
    for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === "host") raw[i + 1] = upstream.host;
    const swap = decide(route.session, { rawHeaders: raw, method: req.method }, host, path, secure, reply(res));
    if (swap) forward(route.session, req, res, host, port, swap, secure);
  };

  const outer: Server = createServer({ requestTimeout: 0 }, (req, res) => {
    const route = routeOf(req);
    if (route) {
      serveRoute(route, req, res);
      return;
    }
    const session = sessionOf(req);
    if (!session) {
      res.writeHead(407, { "proxy-authenticate": 'Basic realm="aim"', "content-length": 0 });
      res.end();
      return;
    }
    // A plain-HTTP request through the proxy: its URL is absolute.
    let url: URL;
    try {
      url = new URL(req.url ?? "");
    } catch {
      reply(res)(400, "aim broker: a proxy request needs an absolute http:// URL\n");
      return;
    }
    if (url.protocol !== "http:") {
      reply(res)(400, "aim broker: only http:// URLs are proxied without CONNECT\n");
      return;
    }
    const host = normalHost(url.hostname);
    const port = Number(url.port || 80);
    session.sockets.add(req.socket);
    const swap = decide(session, req, host, `${url.pathname}${url.search}`, false, reply(res));
    if (swap) forward(session, req, res, host, port, swap, false);
  });
  outer.on("connect", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const session = sessionOf(req);
    if (!session) {
      socket.end(proxyAuthRequired);
      return;
    }
    const target = parseAuthority(req.url);
    if (!target) {
      replyRaw(socket)(400, "aim broker: CONNECT needs HOST:PORT\n");
      return;
    }
    session.sockets.add(socket);
    socket.on("close", () => session.sockets.delete(socket));
    // The broker's own port: a base URL it serves, reached through the proxy.
    const self = isLoopback(target.host) && target.port === port;
    const intercept = self || session.grants.some((g) => boundTo(g.hosts, target.host));
    if (!intercept) {
      // No key of the session may go there: a blind tunnel, never opened.
      plainConnect(target.host, target.port).then(
        (up) => {
          socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
          if (head.length) up.write(head);
          pipeBoth(socket, up);
        },
        (err: NodeJS.ErrnoException) =>
          replyRaw(socket)(502, `aim broker: cannot reach ${safeText(target.host)}:${target.port}: ${safeText(err.code ?? "")}\n`),
      );
      return;
    }
    const leaf = self ? undefined : ca.contextFor(target.host);
    leaf?.catch(() => {});
    const sock = socket as Socket;
    sock.setNoDelay?.(true);
    // TLS (a ClientHello starts with 0x16) is terminated; plain HTTP is read as it is.
    const begin = (first: Buffer) => {
      sock.pause();
      sock.unshift(first);
      if (first[0] !== 0x16) {
        if (self) outer.emit("connection", sock);
        else {
          targets.set(sock, { session, host: target.host, port: target.port, secure: false });
          inner.emit("connection", sock);
        }
        sock.resume();
        return;
      }
      if (!leaf) {
        sock.destroy();
        return;
      }
      // The upstream connection is opened now, while the client's handshake with the broker
      // runs, rather than after its first request has come through it.
      openSpare(target.host, target.port);
      leaf.then(
        (secureContext) => {
          const tls = new TLSSocket(sock, {
            isServer: true,
            secureContext,
            ALPNProtocols: ["http/1.1"],
            ...({ highWaterMark: STREAM_BUFFER } as object),
          });
          tls.on("error", () => tls.destroy());
          targets.set(tls, { session, host: target.host, port: target.port, secure: true });
          session.sockets.add(tls);
          inner.emit("connection", tls);
        },
        () => sock.destroy(),
      );
    };
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length) begin(head);
    else socket.once("data", begin);
  });
  outer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const session = sessionOf(req);
    if (!session) {
      socket.end(proxyAuthRequired);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? "");
    } catch {
      socket.destroy();
      return;
    }
    void upgrade(session, req, socket, head, normalHost(url.hostname), Number(url.port || 80), false);
  });
  outer.on("clientError", (_err, socket: Duplex) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    outer.once("error", reject);
    outer.listen(0, "127.0.0.1", () => resolve());
  });
  const address = outer.address();
  port = typeof address === "object" && address ? address.port : 0;

  return {
    port,
    caPem: ca.certPem,
    get sessions() {
      return sessions.size;
    },
    openSession(keys) {
      const user = `aim${randomToken(12)}`;
      const token = randomToken(32);
      const state: State = {
        id: randomBytes(6).toString("hex"),
        user,
        token: Buffer.from(token),
        grants: keys
          .filter((k) => k.hosts.length > 0)
          .map((k) => {
            const up = k.upstream ? new URL(k.upstream) : undefined;
            return { ...k, hosts: up ? [...k.hosts, normalHost(up.hostname)] : k.hosts, placeholder: makePlaceholder(k.value) };
          }),
        open: true,
        sockets: new Set(),
      };
      sessions.set(user, state);
      // Each bound host's leaf certificate is signed ahead, a little after the command has
      // started (a command that is done by then, such as \`true\`, never pays for it), so
      // that its first request need not wait for it.
      const warm = setTimeout(() => {
        for (const g of state.grants) for (const h of g.hosts) if (!h.startsWith("*.")) ca.contextFor(h).catch(() => {});
      }, WARM_AFTER_MS);
      warm.unref();
      const baseUrls: Record<string, string> = {};
      const tokens: string[] = [];
      for (const g of state.grants) {
        if (!g.upstream) continue;
        const t = randomToken(32);
        tokens.push(t);
        routes.set(t, { session: state, upstream: new URL(g.upstream) });
        baseUrls[g.name] = `http://127.0.0.1:${port}/aim/${t}`;
      }
      return {
        id: state.id,
        proxyUrl: `http://${user}:${token}@127.0.0.1:${port}`,
        placeholders: Object.fromEntries(state.grants.map((g) => [g.name, g.placeholder])),
        baseUrls,
        close() {
          clearTimeout(warm);
          state.open = false;
          for (const t of tokens) routes.delete(t);
          sessions.delete(user);
          for (const g of state.grants) g.value = "";
          state.grants = [];
          for (const s of state.sockets) s.destroy();
          state.sockets.clear();
        },
      };
    },
    async close() {
      for (const s of sessions.values()) {
        s.open = false;
        s.grants = [];
        for (const sock of s.sockets) sock.destroy();
      }
      sessions.clear();
      for (const s of upstreams) s.destroy();
      for (const ready of spares.values())
        ready.then(
          (s) => s.destroy(),
          () => {},
        );
      spares.clear();
      outer.closeAllConnections?.();
      await new Promise<void>((resolve) => outer.close(() => resolve()));
    },
  };
}
