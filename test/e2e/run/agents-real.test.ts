// @real-clis
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { invokeTool } from "../../../src/index.js";
import { adoptAimSettings } from "../../helpers/api.js";
import { AIM, sandbox } from "../../helpers/cli.js";
import { toolEnv } from "../../helpers/fixture-tools.js";
import { startLoopbackApi, type Seen } from "../../helpers/loopback.js";
import { node24 } from "../../helpers/node24.js";
import { CLI_BIN, realCli } from "../../helpers/real-clis.js";

// The real CLIs from npm (@anthropic-ai/claude-code, @openai/codex, @google/gemini-cli), each
// started by aim run in its non-interactive mode against a loopback API this test serves:
// the request must carry exactly the stored key, and only that one.

const ANTHROPIC = "sk-ant-real-cli-7d02b4e9a1";
const OPENAI = "sk-openai-real-cli-c38f0e55d2";
const GEMINI = "gemini-real-cli-0b9d7e61aa";
const GOOGLE = "google-real-cli-4e2c19f0b7";

/** A sandbox with its own HOME (the CLIs write there), the CLIs on PATH and no inherited key. */
function world() {
  const sb = sandbox();
  const home = join(sb.dir, "home");
  mkdirSync(home, { recursive: true });
  const env = toolEnv(
    { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), PATH: [CLI_BIN, dirname(process.execPath), "/usr/bin", "/bin"].join(":") },
    sb.env,
  );
  const cwd = join(sb.dir, "work"); // not a git repository, never trusted by any CLI
  /** Runs `cmd args` here (90 s at most); `run` runs aim on `node`. */
  const start = (cmd: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(cmd, args, { cwd, env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  const run = (node: string, args: string[], extra: NodeJS.ProcessEnv = {}) => start(node, [AIM, ...args], extra);
  return { ...sb, home, env, cwd, start, run };
}

/** Every credential header the loopback API saw. */
const creds = (seen: Seen[]) =>
  seen
    .flatMap((s) => [s.headers["x-api-key"], s.headers.authorization, s.headers["x-goog-api-key"]])
    .filter((v): v is string => typeof v === "string");

const real = suite("the real AI CLIs through aim run");
real("claude -p: x-api-key is exactly the stored ANTHROPIC_API_KEY", async () => {
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const w = world();
  assert.is(w.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }).code, 0);
  const api = await startLoopbackApi();
  try {
    const r = await w.run(process.execPath, ["run", "claude", "-p", "say hi"], {
      ANTHROPIC_BASE_URL: api.url,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
    });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.trim(), "loopback-reply");
    assert.is(r.stderr, "");
    const calls = api.seen.filter((s) => s.url.startsWith("/v1/messages"));
    assert.ok(calls.length > 0, "claude called the Messages API");
    for (const c of calls) assert.is(c.headers["x-api-key"], ANTHROPIC);
    assert.equal([...new Set(creds(api.seen))], [ANTHROPIC]);
  } finally {
    await api.close();
  }
});
/** Claude Code itself (not through aim run), its key from apiKeyHelper = aim secrets get --show. */
async function claudeWithHelper(w: ReturnType<typeof world>, api: { url: string }, extra: NodeJS.ProcessEnv = {}) {
  const settings = join(w.dir, "settings.json");
  writeFileSync(settings, JSON.stringify({ apiKeyHelper: `'${process.execPath}' '${AIM}' secrets get ANTHROPIC_API_KEY --show` }));
  const env = { ANTHROPIC_BASE_URL: api.url, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1", ...extra };
  return w.start(join(CLI_BIN, "claude"), ["--settings", settings, "-p", "say hi"], env);
}

real("claude with apiKeyHelper = aim secrets get --show, and no ANTHROPIC_API_KEY anywhere in its environment", async () => {
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const w = world();
  assert.is(w.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }).code, 0);
  assert.not.ok(Object.keys(w.env).some((k) => k.startsWith("ANTHROPIC_")));
  const api = await startLoopbackApi();
  try {
    const r = await claudeWithHelper(w, api);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.trim(), "loopback-reply");
    const calls = api.seen.filter((s) => s.url.startsWith("/v1/messages"));
    assert.ok(calls.length > 0);
    for (const c of calls)
      assert.ok(c.headers["x-api-key"] === ANTHROPIC || c.headers.authorization === `Bearer ${ANTHROPIC}`, JSON.stringify(c.headers));
    assert.equal([...new Set(creds(api.seen).map((v) => v.replace(/^Bearer /, "")))], [ANTHROPIC]);
  } finally {
    await api.close();
  }
});
real("claude with apiKeyHelper and an exported ANTHROPIC_API_KEY (as a shell hook would): the environment's key wins", async () => {
  // Why docs/agents.md says not to export it as well: the exported key is the one the API reads,
  // and it sits in the agent's environment again.
  if (!realCli("@anthropic-ai/claude-code", "claude")) return;
  const w = world();
  assert.is(w.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }).code, 0);
  const exported = "sk-ant-exported-by-a-hook-55e1";
  const api = await startLoopbackApi();
  try {
    const r = await claudeWithHelper(w, api, { ANTHROPIC_API_KEY: exported });
    assert.is(r.code, 0, r.stderr);
    // Claude Code 2.1 sends the exported key as x-api-key and the helper's only as a Bearer token.
    const calls = api.seen.filter((s) => s.url.startsWith("/v1/messages"));
    assert.ok(calls.length > 0);
    for (const c of calls) assert.is(c.headers["x-api-key"], exported, "the exported key won over the helper's");
  } finally {
    await api.close();
  }
});
real("codex exec (on Node 24: aim execve's into it): Bearer is the stored OPENAI_API_KEY, handed over as CODEX_API_KEY", async () => {
  if (!realCli("@openai/codex", "codex")) return;
  const w = world();
  assert.is(w.aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }).code, 0);
  const api = await startLoopbackApi();
  mkdirSync(join(w.home, ".codex"), { recursive: true });
  writeFileSync(join(w.home, ".codex", "config.toml"), `openai_base_url = "${api.url}/v1"\n`);
  try {
    const r = await w.run(node24(), ["run", "codex", "exec", "--skip-git-repo-check", "say hi"]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /loopback-reply/);
    assert.not.match(r.stderr, /^aim:/m);
    const calls = api.seen.filter((s) => s.method === "POST" && s.url.startsWith("/v1/responses"));
    assert.ok(calls.length > 0, "codex called the Responses API");
    for (const c of calls) assert.is(c.headers.authorization, `Bearer ${OPENAI}`);
    assert.equal([...new Set(creds(api.seen))], [`Bearer ${OPENAI}`]);
  } finally {
    await api.close();
  }
});
real("gemini -p with both keys stored: x-goog-api-key is GEMINI_API_KEY, and no 'Both ... are set' warning", async () => {
  if (!realCli("@google/gemini-cli", "gemini")) return;
  const w = world();
  assert.is(w.aim(["secrets", "set", "GEMINI_API_KEY"], { input: GEMINI }).code, 0);
  assert.is(w.aim(["secrets", "set", "GOOGLE_API_KEY"], { input: GOOGLE }).code, 0);
  // GOOGLE_GEMINI_BASE_URL alone selects Gemini CLI 0.61's "gateway" auth, which it then
  // rejects ("Invalid auth method selected"): name the API-key method in its settings. A
  // fixed model skips the model router's extra call.
  mkdirSync(join(w.home, ".gemini"), { recursive: true });
  writeFileSync(
    join(w.home, ".gemini", "settings.json"),
    JSON.stringify({ security: { auth: { selectedType: "gemini-api-key" } }, model: { name: "gemini-2.5-flash" } }),
  );
  const api = await startLoopbackApi();
  try {
    const r = await w.run(node24(), ["run", "gemini", "--skip-trust", "-p", "say hi"], { GOOGLE_GEMINI_BASE_URL: api.url });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /loopback-reply/);
    assert.not.match(r.stderr, /Both GOOGLE_API_KEY and GEMINI_API_KEY/);
    assert.not.match(r.stderr, /^aim:/m, "no warning about GOOGLE_API_KEY");
    const calls = api.seen.filter((s) => s.url.includes(":streamGenerateContent") || s.url.includes(":generateContent"));
    assert.ok(calls.length > 0);
    for (const c of calls) assert.is(c.headers["x-goog-api-key"], GEMINI);
    assert.equal([...new Set(creds(api.seen))], [GEMINI]);
  } finally {
    await api.close();
  }
});
real.run();

const invoke = suite("invokeTool with the real CLIs, outside a git repository and any trusted folder");
invoke("codex prompt and gemini prompt answer from a plain folder", async () => {
  const codex = realCli("@openai/codex", "codex");
  const gemini = realCli("@google/gemini-cli", "gemini");
  const w = world();
  // The library reads aim's own settings (store, config) from this process's environment.
  adoptAimSettings(w.env);
  w.aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI });
  w.aim(["secrets", "set", "GEMINI_API_KEY"], { input: GEMINI });
  const api = await startLoopbackApi();
  mkdirSync(join(w.home, ".codex"), { recursive: true });
  writeFileSync(join(w.home, ".codex", "config.toml"), `openai_base_url = "${api.url}/v1"\n`);
  mkdirSync(join(w.home, ".gemini"), { recursive: true });
  writeFileSync(
    join(w.home, ".gemini", "settings.json"),
    JSON.stringify({ security: { auth: { selectedType: "gemini-api-key" } }, model: { name: "gemini-2.5-flash" } }),
  );
  const env = { ...w.env, GOOGLE_GEMINI_BASE_URL: api.url };
  try {
    for (const [tool, present] of [
      ["codex", codex],
      ["gemini", gemini],
    ] as const) {
      if (!present) continue;
      const r = await invokeTool(tool, "prompt", { prompt: "say hi" }, { cwd: w.cwd, env, timeout: 90_000 });
      assert.is(r.exitCode, 0, `${tool}: ${r.stderr}`);
      assert.ok(r.success, tool);
      assert.match(r.stdout, /loopback-reply/, tool);
    }
  } finally {
    await api.close();
  }
});
invoke.run();
