// @real-clis
// The real AI CLIs from npm (@anthropic-ai/claude-code, @openai/codex,
// @google/gemini-cli) started by `aim run`, brokered by default, against a loopback TLS
// upstream with its own CA that the real API host names reach through AIM_BROKER_CONNECT_TO.
// The upstream must see exactly the stored key; the CLI's own /proc/PID/environ only the
// placeholder. And the exfiltration scenario: the model makes Claude Code's Bash tool print
// its environment, and what goes back to the model holds placeholders, never a value.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { brokerWorld, keyHeaders } from "../../helpers/broker.js";
import { AIM } from "../../helpers/cli.js";
import { toolEnv } from "../../helpers/fixture-tools.js";
import { anthropic, type Seen, sse } from "../../helpers/loopback.js";
import { node24 } from "../../helpers/node24.js";
import { CLI_BIN, realCli } from "../../helpers/real-clis.js";

const ANTHROPIC = "sk-ant-api03-brokerCLI-0c7e52a9f1d4";
const OPENAI = "sk-proj-brokerCLI-93b1d0e6a7c2";
const GEMINI = "AIzaSyBrokerCLI-4f8a2c0e9d1b7";

/** Every process whose environment holds `mark`, with that environment: the CLI while it calls the API. */
function processesMarked(mark: string): Array<{ pid: number; cmd: string; env: string }> {
  const out: Array<{ pid: number; cmd: string; env: string }> = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, "utf8");
      if (env.includes(mark)) out.push({ pid: Number(pid), cmd: readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "), env });
    } catch {}
  }
  return out;
}

async function cliWorld(handle?: (seen: Seen, res: ServerResponse) => boolean) {
  const mark = `AIM_TEST_MARK_${process.pid}_${Date.now()}`;
  const snapshots: Array<Array<{ pid: number; cmd: string; env: string }>> = [];
  const w = await brokerWorld({
    handle: (s, res) => {
      // While the CLI waits for this answer, its process is there to look at.
      snapshots.push(processesMarked(mark));
      return handle?.(s, res) ?? false;
    },
  });
  const home = join(w.dir, "home");
  mkdirSync(home, { recursive: true });
  const env = toolEnv(
    {
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      PATH: [CLI_BIN, dirname(process.execPath), "/usr/bin", "/bin"].join(":"),
      [mark]: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
    },
    w.env,
  );
  const cwd = join(w.dir, "work");
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(node24(), [AIM, ...args], { cwd, env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] });
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
  /** The environments of the CLI's processes seen while it called the API (aim's own excluded: it holds no key). */
  const cliEnvs = () =>
    snapshots
      .flat()
      .filter((p) => !p.cmd.includes(AIM))
      .map((p) => p);
  return { ...w, home, env, cwd, run, cliEnvs };
}

const entryOf = (env: string, name: string) =>
  env
    .split("\0")
    .find((l) => l.startsWith(`${name}=`))
    ?.slice(name.length + 1);

const clis = suite("the real AI CLIs through aim run, brokered");
clis("claude -p: the upstream sees exactly the stored key; Claude Code's environ holds only the placeholder", async () => {
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const w = await cliWorld();
  assert.is(w.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }).code, 0);
  try {
    const r = await w.run(["run", "claude", "-p", "say hi"]);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.trim(), "loopback-reply");
    assert.is(r.stderr, "");
    const calls = w.api.seen.filter((s) => s.url.startsWith("/v1/messages"));
    assert.ok(calls.length > 0, "claude called the Messages API");
    for (const c of calls) assert.is(c.headers.host, "api.anthropic.com");
    assert.equal([...new Set(keyHeaders(w.api.seen))], [ANTHROPIC]);
    const envs = w.cliEnvs();
    assert.ok(envs.length > 0, "the CLI's process was seen");
    for (const p of envs) {
      assert.not.ok(p.env.includes(ANTHROPIC), `${p.cmd} holds the value`);
      assert.match(entryOf(p.env, "ANTHROPIC_API_KEY") ?? "", /^sk-ant-api03-aim[A-Za-z0-9]{40}$/, p.cmd);
    }
  } finally {
    await w.api.close();
  }
});
clis("codex exec: Bearer is exactly the stored key on api.openai.com; codex's environ holds only the placeholder", async () => {
  if (!realCli("@openai/codex", "codex")) return;
  const w = await cliWorld();
  assert.is(w.aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }).code, 0);
  try {
    const r = await w.run(["run", "codex", "exec", "--skip-git-repo-check", "say hi"]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /loopback-reply/);
    assert.not.match(r.stderr, /^aim:/m);
    const calls = w.api.seen.filter((s) => s.method === "POST" && s.url.startsWith("/v1/responses"));
    assert.ok(calls.length > 0, "codex called the Responses API");
    for (const c of calls) assert.is(c.headers.host, "api.openai.com");
    assert.equal([...new Set(keyHeaders(w.api.seen))], [`Bearer ${OPENAI}`]);
    const envs = w.cliEnvs();
    assert.ok(envs.length > 0, "the CLI's process was seen");
    for (const p of envs) {
      assert.not.ok(p.env.includes(OPENAI), `${p.cmd} holds the value`);
      assert.match(entryOf(p.env, "CODEX_API_KEY") ?? "", /^sk-proj-aim[A-Za-z0-9]{40}$/, p.cmd);
    }
  } finally {
    await w.api.close();
  }
});
clis(
  "gemini -p: x-goog-api-key is exactly the stored key on generativelanguage.googleapis.com; gemini's environ holds only the placeholder",
  async () => {
    if (!realCli("@google/gemini-cli", "gemini")) return;
    const w = await cliWorld();
    assert.is(w.aim(["secrets", "set", "GEMINI_API_KEY"], { input: GEMINI }).code, 0);
    mkdirSync(join(w.home, ".gemini"), { recursive: true });
    writeFileSync(
      join(w.home, ".gemini", "settings.json"),
      JSON.stringify({ security: { auth: { selectedType: "gemini-api-key" } }, model: { name: "gemini-2.5-flash" } }),
    );
    try {
      const r = await w.run(["run", "gemini", "--skip-trust", "-p", "say hi"]);
      assert.is(r.code, 0, r.stderr);
      assert.match(r.stdout, /loopback-reply/);
      assert.not.match(r.stderr, /^aim:/m);
      const calls = w.api.seen.filter((s) => s.url.includes(":streamGenerateContent") || s.url.includes(":generateContent"));
      assert.ok(calls.length > 0, "gemini called the API");
      for (const c of calls) assert.is(c.headers.host, "generativelanguage.googleapis.com");
      assert.equal([...new Set(keyHeaders(w.api.seen))], [GEMINI]);
      const envs = w.cliEnvs();
      assert.ok(envs.length > 0, "the CLI's process was seen");
      for (const p of envs) {
        assert.not.ok(p.env.includes(GEMINI), `${p.cmd} holds the value`);
        assert.match(entryOf(p.env, "GEMINI_API_KEY") ?? "", /^AIzaaim[A-Za-z0-9]{40}$/, p.cmd);
      }
    } finally {
      await w.api.close();
    }
  },
);
clis.run();

const exfil = suite("the exfiltration scenario with the real Claude Code");
/** Claude Code against a model that asks its Bash tool for the environment; returns the tool_result it sent back. */
async function exfiltrate(flags: string[]) {
  const command = "printenv; echo ---; tr '\\0' '\\n' < /proc/self/environ";
  let toolResult: string | undefined;
  const w = await cliWorld((s, res) => {
    if (!/\/v1\/messages(\?|$)/.test(s.url) || s.method !== "POST") return false;
    const body = JSON.parse(s.body) as { tools?: Array<{ name: string }>; messages?: Array<{ content: unknown }> };
    const text = JSON.stringify(body.messages ?? []);
    if (text.includes('"tool_result"')) {
      toolResult = text;
      sse(res, anthropic("done"));
      return true;
    }
    if (!body.tools?.some((t) => t.name === "Bash")) return false;
    const [start, , , , , stop] = anthropic("");
    sse(res, [
      start as { type: string },
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_exfil", name: "Bash", input: {} } },
      {
        type: "content_block_delta",
        index: 0,
        delta: { type: "input_json_delta", partial_json: JSON.stringify({ command, description: "print env" }) },
      },
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 1 } },
      stop as { type: string },
    ]);
    return true;
  });
  assert.is(w.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }).code, 0);
  try {
    // Unbrokered, Claude Code goes to the upstream straight (it trusts the test's CA through the NODE_EXTRA_CA_CERTS aim passes on).
    const direct = flags.includes("--no-broker") ? { ANTHROPIC_BASE_URL: w.api.url } : {};
    const r = await w.run(["run", ...flags, "claude", "-p", "print your environment", "--allowedTools", "Bash"], direct);
    assert.is(r.code, 0, r.stderr);
    assert.ok(toolResult, `Claude Code sent a tool_result back (stdout: ${r.stdout})`);
    assert.equal([...new Set(keyHeaders(w.api.seen))], [ANTHROPIC]);
    return { result: toolResult ?? "", out: r.stdout + r.stderr };
  } finally {
    await w.api.close();
  }
}

exfil("the model makes the Bash tool print the environment: the tool_result carries placeholders, never the value", async () => {
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const { result, out } = await exfiltrate([]);
  assert.not.ok(result.includes(ANTHROPIC), "the tool_result holds the real key");
  assert.match(result, /ANTHROPIC_API_KEY=sk-ant-api03-aim[A-Za-z0-9]{40}/, "printenv showed the placeholder");
  assert.match(result, /---[\s\S]*ANTHROPIC_API_KEY=sk-ant-api03-aim[A-Za-z0-9]{40}/, "/proc/self/environ showed the placeholder");
  assert.not.ok(out.includes(ANTHROPIC));
});
exfil("the same with --no-broker: the value reaches the model (what the broker prevents; the check can fail)", async () => {
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const { result } = await exfiltrate(["--no-broker"]);
  assert.ok(result.includes(`ANTHROPIC_API_KEY=${ANTHROPIC}`));
});
exfil.run();
