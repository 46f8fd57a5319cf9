/**
 * A connection to a unix socket for the direct Secret Service read: bytes out, bytes in, close.
 *
 * On Node 24, node:net and the stream classes it brings cost about 21 M instructions to load
 * and use (a quarter of `node -e 0`; as much as the keyring library's threads this read
 * replaces), for one request and its reply. libuv's pipe handle, which net.Socket wraps,
 * does the same for about 1 M: it is reached through process.binding("pipe_wrap") and
 * ("stream_wrap"), which Node 20, 22 and 24 allow (documentation-only deprecation DEP0111).
 * Wherever that is not available (a Node that refuses it, the permission model, or
 * --pending-deprecation, which would print a warning), node:net does the same job.
 */
export interface BusSocket {
  write(bytes: Buffer): void;
  close(): void;
}

export interface SocketEvents {
  data(chunk: Buffer): void;
  /** The connection failed or ended; `code` is libuv's or Node's error name. */
  end(code: string): void;
}

interface PipeHandle {
  connect(req: object, path: string): number;
  readStart(): number;
  writeBuffer(req: object, data: Buffer): number;
  close(): void;
  onread: (buffer: ArrayBuffer) => void;
}
interface Bindings {
  Pipe: new (type: number) => PipeHandle;
  PipeConnectWrap: new () => { oncomplete?: (status: number) => void };
  constants: { SOCKET: number };
  WriteWrap: new () => { handle?: PipeHandle; oncomplete?: () => void; buffer?: Buffer };
  streamBaseState: Int32Array;
  kReadBytesOrError: number;
  kArrayBufferOffset: number;
}

/** process.binding: in Node, but no longer in @types/node. */
const binding = (process as unknown as { binding?: (name: string) => unknown }).binding;

function bindings(): Bindings | undefined {
  const pending = process.execArgv.includes("--pending-deprecation") || /--pending-deprecation/.test(process.env.NODE_OPTIONS ?? "");
  if (pending || typeof binding !== "function") return undefined;
  try {
    const pipe = binding.call(process, "pipe_wrap") as Bindings;
    const stream = binding.call(process, "stream_wrap") as Bindings;
    const b = { ...pipe, ...stream };
    const ok =
      typeof b.Pipe === "function" &&
      typeof b.PipeConnectWrap === "function" &&
      typeof b.WriteWrap === "function" &&
      b.streamBaseState instanceof Int32Array &&
      typeof b.kReadBytesOrError === "number" &&
      typeof b.kArrayBufferOffset === "number" &&
      typeof b.constants?.SOCKET === "number";
    return ok ? b : undefined;
  } catch {
    return undefined;
  }
}

/** libuv's error number as a name, for the reason a read fell back. */
const uvName = (n: number): string => {
  try {
    return ((binding as (name: string) => unknown).call(process, "uv") as { errname(n: number): string }).errname(n);
  } catch {
    return `error ${n}`;
  }
};

export function connectBus(path: string, on: SocketEvents): BusSocket {
  const b = bindings();
  return b ? connectPipe(b, path, on) : connectNet(path, on);
}

function connectPipe(b: Bindings, path: string, on: SocketEvents): BusSocket {
  const handle = new b.Pipe(b.constants.SOCKET);
  let open = true;
  let connected = false;
  const queued: Buffer[] = [];
  const fail = (code: string) => {
    if (!open) return;
    close();
    on.end(code);
  };
  const send = (bytes: Buffer) => {
    const req = new b.WriteWrap();
    // The request keeps the bytes alive until libuv has written them.
    Object.assign(req, { handle, buffer: bytes, oncomplete: () => {} });
    const err = handle.writeBuffer(req, bytes);
    if (err < 0) fail(uvName(err));
  };
  const close = () => {
    if (!open) return;
    open = false;
    handle.close();
  };
  handle.onread = (buffer: ArrayBuffer) => {
    const n = b.streamBaseState[b.kReadBytesOrError] as number;
    if (n < 0) return fail(uvName(n));
    if (n === 0 || !open) return;
    const view = Buffer.from(buffer, b.streamBaseState[b.kArrayBufferOffset] as number, n);
    const chunk = Buffer.from(view);
    view.fill(0);
    on.data(chunk);
  };
  const req = new b.PipeConnectWrap();
  req.oncomplete = (status: number) => {
    if (status < 0) return fail(uvName(status));
    if (!open) return;
    connected = true;
    const err = handle.readStart();
    if (err < 0) return fail(uvName(err));
    for (const bytes of queued.splice(0)) send(bytes);
  };
  const err = handle.connect(req, path);
  if (err < 0) queueMicrotask(() => fail(uvName(err)));
  return {
    write: (bytes) => {
      if (!open) return;
      if (connected) send(bytes);
      else queued.push(bytes);
    },
    close,
  };
}

function connectNet(path: string, on: SocketEvents): BusSocket {
  const net = process.getBuiltinModule("node:net") as typeof import("node:net");
  const socket = net.connect(path);
  let open = true;
  const end = (code: string) => {
    if (!open) return;
    open = false;
    socket.destroy();
    on.end(code);
  };
  socket.on("error", (err: NodeJS.ErrnoException) => end(err.code ?? "error"));
  socket.on("close", () => end("closed"));
  socket.on("data", (chunk: Buffer) => open && on.data(chunk));
  return {
    write: (bytes) => open && socket.write(bytes),
    close: () => {
      open = false;
      socket.destroy();
    },
  };
}
