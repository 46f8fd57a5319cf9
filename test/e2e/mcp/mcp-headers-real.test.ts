// @real-clis
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox } from "../../helpers/cli.js";
import { CLI_BIN, realCli } from "../../helpers/real-clis.js";

// A remote MCP server that demands a bearer token, reached by the real Claude Code (-p) through
// the headersHelper that aim mcp secure writes: the token lives only in aim's store. The model
// API is a loopback server whose first answer is a tool_use of that server's tool.

const TOKEN = "lin_api_Hd7Kq2Lx9Mz4Pw8Tv3Yb6Nc1Jf5Gs0R";
const SECRET_ANSWER = "whoami: the loopback MCP server saw the right token";

/** A Streamable HTTP MCP server on 127.0.0.1 whose one tool answers only behind `Authorization: Bearer TOKEN`. */
async function startMcp() {
  const auths: Array<string | undefined> = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    auths.push(req.headers.authorization);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "unauthorized" }));
      return;
    }
    const mcp = new McpServer({ name: "loop", version: "1.0.0" });
    mcp.registerTool("whoami", { description: "says who called" }, async () => ({ content: [{ type: "text", text: SECRET_ANSWER }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => void transport.handleRequest(req, res, body ? JSON.parse(body) : undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/mcp`, auths, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type Event = Record<string, unknown>;
const sse = (res: ServerResponse, events: Event[]) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  res.end();
};
const start = (content: Event[]): Event[] => [
  {
    type: "message_start",
    message: {
      id: "msg_l",
      type: "message",
      role: "assistant",
      model: "claude-loop",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 1 },
    },
  },
  ...content,
];

/** A loopback Messages API: asks for the MCP tool when it is offered, then ends with the tool's answer. */
async function startApi(tool: string) {
  const results: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.method !== "POST" || !/\/v1\/messages(\?|$)/.test(req.url ?? "")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "not_found_error", message: "loopback" } }));
        return;
      }
      const msg = JSON.parse(body) as { tools?: Array<{ name: string }>; messages: Array<{ content: unknown }> };
      const result = JSON.stringify(msg.messages.at(-1)?.content ?? "");
      const offered = msg.tools?.some((t) => t.name === tool);
      process.stderr.write(`API: tools=${msg.tools?.map((t) => t.name).join(",")} last=${result.slice(0, 300)}\n`);
      if (result.includes("tool_result")) {
        results.push(result);
        return sse(res, [
          ...start([]),
          { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
          { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "done" } },
          { type: "content_block_stop", index: 0 },
          { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 1 } },
          { type: "message_stop" },
        ]);
      }
      if (!offered) {
        return sse(res, [
          ...start([]),
          { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
          { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "no-tool" } },
          { type: "content_block_stop", index: 0 },
          { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 1 } },
          { type: "message_stop" },
        ]);
      }
      return sse(res, [
        ...start([]),
        { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_loop1", name: tool, input: {} } },
        { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: "{}" } },
        { type: "content_block_stop", index: 0 },
        { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 1 } },
        { type: "message_stop" },
      ]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, results, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const real = suite("a remote MCP server's bearer token through Claude Code's headersHelper (real claude -p)");
real("aim mcp secure moves the token into the store; claude reaches the server with it and calls its tool", async () => {
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const sb = sandbox();
  const home = join(sb.dir, "home");
  const cwd = join(sb.dir, "work");
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
  const env = {
    ...sb.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    PATH: [CLI_BIN, dirname(process.execPath), "/usr/bin", "/bin"].join(":"),
  };
  const mcp = await startMcp();
  const api = await startApi("mcp__loop__whoami");
  try {
    // In -p mode Claude Code connects MCP servers in the background; alwaysLoad makes it wait
    // for this one (its helper starts aim, which takes a while on a loaded machine).
    const config = join(home, ".claude.json");
    writeFileSync(
      config,
      `${JSON.stringify({ mcpServers: { loop: { type: "http", url: mcp.url, alwaysLoad: true, headers: { Authorization: `Bearer ${TOKEN}` } } } }, null, 2)}\n`,
    );
    expectRun(sb.aim(["mcp", "secure", config], { cwd, env }), {
      code: 0,
      stdout: "",
      stderr: /server loop: moved Authorization \(headers\) into the store as LOOP_TOKEN/,
    });
    const text = readFileSync(config, "utf8");
    assert.not.ok(text.includes(TOKEN), "the token left the file");
    assert.match(text, /"headersHelper": ".* mcp headers 'loop' 'Authorization: Bearer \{LOOP_TOKEN\}'"/);

    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(join(CLI_BIN, "claude"), ["-p", "call the whoami tool", "--allowedTools", "mcp__loop__whoami"], {
        cwd,
        env: {
          ...env,
          ANTHROPIC_API_KEY: "sk-ant-loopback-0000",
          ANTHROPIC_BASE_URL: api.url,
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
          DISABLE_AUTOUPDATER: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
    assert.is(r.code, 0, `claude: ${r.stderr}`);
    assert.ok(
      mcp.auths.includes(`Bearer ${TOKEN}`),
      `the MCP server saw the stored token (it saw ${mcp.auths.map((a) => (a ? a.slice(0, 12) : "none")).join(", ")})`,
    );
    assert.ok(
      api.results.some((x) => x.includes(SECRET_ANSWER)),
      `claude called the tool and got its answer: ${api.results.join(" | ")}; stdout: ${r.stdout}; stderr: ${r.stderr
        .split("\n")
        .filter((l) => /MCP|loop|elper/i.test(l))
        .join("\n")
        .slice(-3000)}; auths: ${mcp.auths.length}`,
    );
    assert.is(r.stdout.trim(), "done");
  } finally {
    await mcp.close();
    await api.close();
  }
});

real.run();
