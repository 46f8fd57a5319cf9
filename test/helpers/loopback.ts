import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the loopback API saw: what the tests check the key against. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const sse = (res: ServerResponse, events: Array<[string | null, unknown]>) => {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const [event, data] of events) res.write(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
  res.end();
};

// Minimal but well-formed streamed answers, so each CLI ends its run at once with exit 0
// instead of retrying: Anthropic's Messages, OpenAI's Responses, Gemini's generateContent.
function anthropic(res: ServerResponse, text: string) {
  const message = {
    id: "msg_loop",
    type: "message",
    role: "assistant",
    model: "claude-loop",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
  sse(res, [
    ["message_start", { type: "message_start", message }],
    ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
    ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }],
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    ["message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 1 } }],
    ["message_stop", { type: "message_stop" }],
  ]);
}

function openai(res: ServerResponse, text: string) {
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
  sse(res, [
    ["response.created", { type: "response.created", response: { ...response, status: "in_progress", output: [] } }],
    [
      "response.output_item.added",
      { type: "response.output_item.added", output_index: 0, item: { ...item, status: "in_progress", content: [] } },
    ],
    [
      "response.output_text.delta",
      { type: "response.output_text.delta", item_id: "msg_loop", output_index: 0, content_index: 0, delta: text },
    ],
    ["response.output_item.done", { type: "response.output_item.done", output_index: 0, item }],
    ["response.completed", { type: "response.completed", response }],
  ]);
}

function gemini(res: ServerResponse, text: string, stream: boolean) {
  const chunk = {
    candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
    modelVersion: "gemini-loop",
  };
  if (stream) return sse(res, [[null, chunk]]);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(chunk));
}

/**
 * A loopback HTTP server that answers like the three model APIs and records every request,
 * so a test can check which key a real CLI sent. Listens on 127.0.0.1 only.
 */
export async function startLoopbackApi(text = "loopback-reply") {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const url = req.url ?? "";
      seen.push({ method: req.method ?? "", url, headers: req.headers, body });
      if (req.method === "POST" && /\/v1\/messages(\?|$)/.test(url)) return anthropic(res, text);
      if (req.method === "POST" && /\/responses(\?|$)/.test(url)) return openai(res, text);
      if (req.method === "POST" && /:streamGenerateContent/.test(url)) return gemini(res, text, true);
      if (req.method === "POST" && /:generateContent/.test(url)) return gemini(res, text, false);
      if (req.method === "POST" && /:countTokens/.test(url)) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ totalTokens: 1 }));
      }
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "not_found_error", message: `loopback: no ${req.method} ${url}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
