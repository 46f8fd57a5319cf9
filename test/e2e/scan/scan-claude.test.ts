// @real-clis
// A real Claude Code transcript: the real `claude` CLI runs against a loopback Messages API
// whose first answer is a tool_use of the Bash tool that prints a variable holding a stored
// value; Claude Code runs it and writes the output into its own files under
// ~/.claude/projects. aim scan --agents must then find the value there, naming the file.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { toolEnv } from "../../helpers/fixture-tools.js";
import { CLI_BIN, realCli } from "../../helpers/real-clis.js";

const VALUE = "sk-ant-leaked-by-bash-5f1e9c2a7b";

function sse(res: ServerResponse, events: Array<Record<string, unknown>>) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const data of events) res.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
  res.end();
}
const start = (stop: string, block: Record<string, unknown>, delta: Record<string, unknown>) => [
  {
    type: "message_start",
    message: {
      id: "msg_scan",
      type: "message",
      role: "assistant",
      model: "claude-loop",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 1 },
    },
  },
  { type: "content_block_start", index: 0, content_block: block },
  { type: "content_block_delta", index: 0, delta },
  { type: "content_block_stop", index: 0 },
  { type: "message_delta", delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 1 } },
  { type: "message_stop" },
];

/** Answers a request that offers the Bash tool, and has no tool result yet, with a tool_use of it; everything else with text. */
async function toolUseApi() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      bodies.push(body);
      if (req.method !== "POST" || !/\/v1\/messages(\?|$)/.test(req.url ?? "")) {
        res.writeHead(404, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { type: "not_found_error", message: "loopback" } }));
      }
      const offersBash = body.includes('"name":"Bash"');
      if (offersBash && !body.includes('"tool_result"')) {
        return sse(
          res,
          start(
            "tool_use",
            { type: "tool_use", id: "toolu_scan01", name: "Bash", input: {} },
            {
              type: "input_json_delta",
              partial_json: JSON.stringify({ command: "printenv SCAN_T_SECRET", description: "Print the variable" }),
            },
          ),
        );
      }
      sse(res, start("end_turn", { type: "text", text: "" }, { type: "text_delta", text: "done-after-tool" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });

const real = suite("aim scan --agents on a transcript the real Claude Code wrote");
real("the Bash tool's output holding a stored value is found in ~/.claude/projects, naming the file", async () => {
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const sb = sandbox();
  const home = join(sb.dir, "home");
  mkdirSync(home, { recursive: true });
  const cwd = join(sb.dir, "work");
  const over = { HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
  succeeds(sb.aim(["secrets", "set", "LEAKY_TOKEN"], { input: VALUE, env: over }));
  const api = await toolUseApi();
  try {
    const env = toolEnv({ ...over, PATH: [CLI_BIN, dirname(process.execPath), "/usr/bin", "/bin"].join(":") }, sb.env);
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(join(CLI_BIN, "claude"), ["-p", "print the variable", "--allowedTools", "Bash"], {
        cwd,
        env: {
          ...env,
          ANTHROPIC_API_KEY: "sk-ant-loopback-only-0000",
          ANTHROPIC_BASE_URL: api.url,
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
          DISABLE_AUTOUPDATER: "1",
          SCAN_T_SECRET: VALUE,
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
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /done-after-tool/);
    assert.ok(
      api.bodies.some((b) => b.includes('"tool_result"') && b.includes(VALUE)),
      "Claude Code ran the Bash tool and sent its output back",
    );
    // Where Claude Code put it: aim must name every such file, and no other.
    const projects = join(home, ".claude", "projects");
    const holding = files(projects).filter((f) => readFileSync(f).includes(VALUE));
    assert.ok(holding.length > 0, "Claude Code wrote the value into its own files");
    const scan = sb.aim(["scan", "--agents"], { env: over, cwd });
    expectRun(scan, { code: 1, stdout: /LEAKY_TOKEN \(default\) \[raw\]/, stderr: /aim does not rewrite them/ });
    assert.not.ok(scan.stdout.includes(VALUE) || scan.stderr.includes(VALUE), "the value was printed");
    const named = [
      ...new Set(
        scan.stdout
          .trim()
          .split("\n")
          .map((l) => l.replace(/:\d+: LEAKY_TOKEN \(default\) \[raw\]$/, "")),
      ),
    ];
    for (const f of holding) assert.ok(named.includes(f), `${f} is named; got:\n${scan.stdout}`);
    // The transcripts are untouched: aim never rewrites another program's files.
    for (const f of holding) assert.ok(readFileSync(f).includes(VALUE));
  } finally {
    await api.close();
  }
});
real.run();
