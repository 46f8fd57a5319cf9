import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/** One request the loopback API saw: what the tests check the key against. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** How long (ms) the request's connection had been open when the request came. */
  connectionAge?: number;
}

type Event = { type?: string } & Record<string, unknown>;

/** A server-sent event stream; Anthropic and OpenAI name each event by its data's `type`, Gemini names none. */
export function sse(res: ServerResponse, events: Event[]) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const data of events) res.write(`${data.type ? `event: ${data.type}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
  res.end();
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

// Minimal but well-formed streamed answers, so each CLI ends its run at once with exit 0
// instead of retrying: Anthropic's Messages, OpenAI's Responses, Gemini's generateContent.
export const anthropic = (text: string): Event[] => [
  {
    type: "message_start",
    message: {
      id: "msg_loop",
      type: "message",
      role: "assistant",
      model: "claude-loop",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 1 },
    },
  },
  { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } },
  { type: "content_block_stop", index: 0 },
  { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 1 } },
  { type: "message_stop" },
];

function openai(text: string): Event[] {
  const item = {
    type: "message",
    id: "msg_loop",
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text, annotations: [] }],
  };
  const response = {
    id: "resp_loop",
    object: "response",
    status: "completed",
    output: [item],
    usage: {
      input_tokens: 1,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 1,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 2,
    },
  };
  return [
    { type: "response.created", response: { ...response, status: "in_progress", output: [] } },
    { type: "response.output_item.added", output_index: 0, item: { ...item, status: "in_progress", content: [] } },
    { type: "response.output_text.delta", item_id: "msg_loop", output_index: 0, content_index: 0, delta: text },
    { type: "response.output_item.done", output_index: 0, item },
    { type: "response.completed", response },
  ];
}

const gemini = (text: string): Event => ({
  candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
  usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
  modelVersion: "gemini-loop",
});

export interface LoopbackOptions {
  /** Serve HTTPS with this key and certificate (test/helpers/test-ca.ts). */
  tls?: { key: string; cert: string };
  /** Answers a request itself when it returns true (after it is recorded). */
  handle?: (seen: Seen, res: ServerResponse) => boolean;
  /** Protocol upgrades (websockets): recorded in `seen` like a request, then handed to this. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/**
 * A loopback HTTP server that answers like the three model APIs and records every request,
 * so a test can check which key a real CLI sent. Listens on 127.0.0.1 only.
 */
export async function startLoopbackApi(text = "loopback-reply", opts: LoopbackOptions = {}) {
  const seen: Seen[] = [];
  const openedAt = new WeakMap<object, number>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const arrived = performance.now();
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const url = req.url ?? "";
      const s = {
        method: req.method ?? "",
        url,
        headers: req.headers,
        body,
        connectionAge: arrived - (openedAt.get(req.socket) ?? arrived),
      };
      seen.push(s);
      if (opts.handle?.(s, res)) return;
      const post = req.method === "POST";
      if (post && /\/v1\/messages(\?|$)/.test(url)) return sse(res, anthropic(text));
      if (post && /\/responses(\?|$)/.test(url)) return sse(res, openai(text));
      if (post && /:streamGenerateContent/.test(url)) return sse(res, [gemini(text)]);
      if (post && /:generateContent/.test(url)) return json(res, 200, gemini(text));
      if (post && /:countTokens/.test(url)) return json(res, 200, { totalTokens: 1 });
      json(res, 404, { error: { type: "not_found_error", message: `loopback: no ${req.method} ${url}` } });
    });
  };
  const server = opts.tls ? createTlsServer(opts.tls, handler) : createServer(handler);
  server.on(opts.tls ? "secureConnection" : "connection", (socket: object) => openedAt.set(socket, performance.now()));
  const { upgrade } = opts;
  if (upgrade)
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: "" });
      upgrade(req, socket, head);
    });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `${opts.tls ? "https" : "http"}://127.0.0.1:${port}`,
    seen,
    /** Connections open now. */
    openConnections: () => new Promise<number>((resolve) => server.getConnections((_err, n) => resolve(n))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
