import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, succeeds } from "../../helpers/cli.js";
import { report, sha, toolSandbox, writeGlobalConfig } from "../../helpers/fixture-tools.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const ANTHROPIC = "sk-ant-fixture-4f1c9a0e7b";
const OPENAI = "sk-openai-fixture-93b2de51c0";

const keys = suite("aim run: keys");
keys("injects the tool's key from the keyring and passes its arguments verbatim", () => {
  const { aim } = toolSandbox();
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }));
  const r = aim(["run", "claude", "-p", "hello world", "--mask", "--", "x"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, "");
  const got = report(r.stdout);
  assert.is(got.tool, "claude");
  assert.equal(got.argv, ["-p", "hello world", "--mask", "--", "x"]);
  assert.equal(got.keys, { ANTHROPIC_API_KEY: sha(ANTHROPIC) });
  assert.not.match(r.stdout + r.stderr, ANTHROPIC);
});
keys("hands over the keys present; alternatives that are absent are not worth a warning", () => {
  const { aim } = toolSandbox();
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }));
  const r = aim(["run", "aider", "--message", "hi"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout).keys, { OPENAI_API_KEY: sha(OPENAI) });
  assert.is(r.stderr, "");
});
keys("a key the tool reads besides its alternatives is named when missing", () => {
  const { aim, env } = toolSandbox();
  writeGlobalConfig(env, "config.yaml", "tools:\n  aider:\n    anyOf: [OPENAI_API_KEY]\n");
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }));
  const r = aim(["run", "aider"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\{"tool":"aider",/);
  assert.match(
    r.stderr,
    /^aim: aider: not in the keyring or the environment: ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY, DEEPSEEK_API_KEY\n$/,
  );
});
keys("codex: CODEX_API_KEY is filled from OPENAI_API_KEY, unless CODEX_API_KEY itself is stored", () => {
  const { aim } = toolSandbox();
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }));
  const r = aim(["run", "codex", "exec", "hi"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, "");
  assert.equal(
    report(r.stdout).keys,
    { CODEX_API_KEY: sha(OPENAI) },
    "codex exec reads CODEX_API_KEY only; OPENAI_API_KEY is not handed over",
  );
  succeeds(aim(["secrets", "set", "CODEX_API_KEY"], { input: "codex-own-key-1234" }));
  assert.equal(report(aim(["run", "codex"]).stdout).keys, { CODEX_API_KEY: sha("codex-own-key-1234") });
  const none = toolSandbox().aim(["run", "codex"]);
  assert.is(none.code, 125);
  assert.match(
    none.stderr,
    /^aim: codex needs CODEX_API_KEY \(or OPENAI_API_KEY\): neither the keyring nor the environment holds it\. Add one with: aim secrets set CODEX_API_KEY\n$/,
  );
  const ci = toolSandbox({ OPENAI_API_KEY: "inherited-openai" }).aim(["run", "codex"]);
  assert.is(ci.code, 0, ci.stderr);
  assert.is(report(ci.stdout).keys.CODEX_API_KEY, sha("inherited-openai"), "an inherited OPENAI_API_KEY fills it too (CI)");
});
keys("gemini: one of GEMINI_API_KEY and GOOGLE_API_KEY, never both, and no warning for the other", () => {
  const { aim } = toolSandbox({ GOOGLE_API_KEY: "inherited-google" });
  succeeds(aim(["secrets", "set", "GEMINI_API_KEY"], { input: "gemini-stored-key" }));
  succeeds(aim(["secrets", "set", "GOOGLE_API_KEY"], { input: "google-stored-key" }));
  const r = aim(["run", "gemini", "-p", "x"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, "");
  assert.equal(report(r.stdout).keys, { GEMINI_API_KEY: sha("gemini-stored-key") }, "even the inherited GOOGLE_API_KEY is taken away");
  const only = toolSandbox();
  only.aim(["secrets", "set", "GOOGLE_API_KEY"], { input: "google-stored-key" });
  const g = only.aim(["run", "gemini"]);
  assert.is(g.code, 0);
  assert.equal(report(g.stdout).keys, { GOOGLE_API_KEY: sha("google-stored-key") });
  assert.is(g.stderr, "");
});
keys("no sufficient key anywhere: exit 125, the tool never starts", () => {
  const { aim } = toolSandbox();
  const r = aim(["run", "gemini", "-p", "x"]);
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    /^aim: gemini needs one of GEMINI_API_KEY, GOOGLE_API_KEY: neither the keyring nor the environment holds any\. Add one with: aim secrets set GEMINI_API_KEY\n$/,
  );
});
keys("a key inherited from the environment counts (CI)", () => {
  const { aim } = toolSandbox({ GH_TOKEN: "ghp_inherited_value" });
  const r = aim(["run", "gh", "api", "/user"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout).keys, { GH_TOKEN: sha("ghp_inherited_value") });
  assert.is(r.stderr, "", "GH_TOKEN suffices: no word about GITHUB_TOKEN");
});
keys("--mask hides the handed-over values in the tool's output", () => {
  const { aim } = toolSandbox({ FIXTURE_ECHO: "ANTHROPIC_API_KEY" });
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }));
  const masked = aim(["run", "--mask", "claude"]);
  assert.is(masked.code, 0);
  assert.match(masked.stdout, /echo:\*\*\*\*\*\n/);
  assert.match(masked.stderr, /echo:\*\*\*\*\*\n/);
  assert.not.match(masked.stdout + masked.stderr, ANTHROPIC);
  const plain = aim(["run", "claude"]);
  assert.is(plain.code, 0);
  assert.match(plain.stdout, `echo:${ANTHROPIC}`, "without --mask the output is the tool's own");
  assert.match(plain.stderr, `echo:${ANTHROPIC}`);
});
keys("keyring unreachable: the inherited key still serves, with a warning; with none, the keyring's error", () => {
  const noBus = { DBUS_SESSION_BUS_ADDRESS: "", XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), "aim-nobus-")), AIM_BACKEND: "keyring" };
  const { aim } = toolSandbox({ ANTHROPIC_API_KEY: "k-env-only" });
  const r = aim(["run", "claude"], { env: noBus });
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout).keys, { ANTHROPIC_API_KEY: sha("k-env-only") });
  assert.match(r.stderr, /^aim: no D-Bus session bus.*; running with the inherited environment\n$/);
  const none = aim(["run", "codex"], { env: noBus });
  assert.is(none.code, 125);
  assert.is(none.stdout, "");
  assert.match(none.stderr, /^aim: no D-Bus session bus, so no Secret Service/);
  const tools = aim(["tools", "--json"], { env: noBus });
  assert.is(tools.code, 0);
  assert.match(tools.stderr, /which keys the store holds is unknown/);
  assert.is(JSON.parse(tools.stdout)[1].keys[0].inStore, null);
});
keys.run();

const proc = suite("aim run: process semantics");
proc("the tool's exit code is aim's", () => {
  const { aim } = toolSandbox({ FIXTURE_EXIT: "7", ANTHROPIC_API_KEY: "k-env-value" });
  const r = aim(["run", "claude"]);
  assert.is(r.code, 7);
  assert.match(r.stdout, /^\{"tool":"claude",/);
  assert.is(r.stderr, "");
});
proc("a tool killed by a signal makes aim die by the same signal", () => {
  const { aim } = toolSandbox({ FIXTURE_SIGNAL: "SIGTERM", ANTHROPIC_API_KEY: "k-env-value" });
  const r = aim(["run", "claude"]);
  assert.is(r.code, null);
  assert.match(r.stdout, /^\{"tool":"claude",/);
  assert.is(r.stderr, "");
  assert.is(r.signal, "SIGTERM");
});
proc("SIGTERM sent to aim reaches the tool", async () => {
  const { env, dir } = toolSandbox({ FIXTURE_HANG: "1", ANTHROPIC_API_KEY: "k-env-value" });
  const child = spawn(process.execPath, [AIM, "run", "claude"], { env, cwd: join(dir, "work"), stdio: ["pipe", "pipe", "pipe"] });
  await new Promise<void>((resolve) => child.stderr.on("data", (d: Buffer) => d.includes("ready") && resolve()));
  child.kill("SIGTERM");
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on("close", (c, s) => resolve([c, s])));
  assert.is(code, null);
  assert.is(signal, "SIGTERM");
});
proc("a tool that is not installed: 127; an unknown tool: 125", () => {
  const { aim, env } = toolSandbox({ ANTHROPIC_API_KEY: "k" });
  writeGlobalConfig(env, "config.yaml", "tools:\n  ghost:\n    command: no-such-tool-aim-test\n    anyOf: []\n");
  const missing = aim(["run", "ghost"]);
  assert.is(missing.code, 127);
  assert.is(missing.stdout, "");
  assert.match(missing.stderr, /^aim: command not found: no-such-tool-aim-test/);
  const unknown = aim(["run", "nosuchtool"]);
  assert.is(unknown.code, 125);
  assert.match(unknown.stderr, /^aim: no tool named "nosuchtool" in the registry\. Known tools: aider, claude,/);
  assert.is(unknown.stdout, "");
});
proc("usage: no tool is exit 125 (aim run is a wrapper); --help prints on stdout", () => {
  const { aim } = toolSandbox();
  const none = aim(["run"]);
  assert.is(none.code, 125);
  assert.is(none.stdout, "");
  assert.match(none.stderr, /no tool given/);
  const top = aim(["--help"]);
  assert.is(top.code, 0);
  assert.is(top.stderr, "");
  assert.match(top.stdout, /\n {2}run \[options\] <tool> \[args\.\.\.\] +run a registered AI tool/);
  assert.match(top.stdout, /\n {2}tools \[--profile P\] \[--json\] +the tool registry/);
  const tools = aim(["tools", "--help"]);
  assert.is(tools.code, 0);
  assert.is(tools.stderr, "");
  assert.match(tools.stdout, /^Usage: aim tools \[--profile P\] \[--json\]/);
  const help = aim(["run", "--help"]);
  assert.is(help.code, 0);
  assert.match(help.stdout, /^Usage: aim run \[options\] <tool> \[args\.\.\.\]/);
  assert.is(help.stderr, "");
});
proc.run();

const project = suite("aim run: the project's .aimrc");
project("an untrusted .aimrc stops aim as aim exec does", () => {
  const { aim, dir } = toolSandbox({ ANTHROPIC_API_KEY: "k" });
  writeFileSync(join(dir, "work", ".aimrc"), "keys: [PROJECT_TOKEN]\n");
  const r = aim(["run", "claude"]);
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /\.aimrc is not allowed\. Review it, then run: aim allow/);
  expectRun(aim(["run", "--no-config", "claude"]), { code: 0, stdout: /^\{"tool":"claude",/, stderr: "" }, "--no-config ignores it");
});
project("a trusted .aimrc adds its keys, and its required keys are enforced", () => {
  const { aim, dir } = toolSandbox();
  writeFileSync(join(dir, "work", ".aimrc"), "keys: [PROJECT_TOKEN]\n");
  succeeds(aim(["allow"]));
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC }));
  const missing = aim(["run", "claude"]);
  assert.is(missing.code, 125);
  assert.is(missing.stdout, "");
  assert.match(missing.stderr, /missing PROJECT_TOKEN \(required by .*\.aimrc\)/);
  succeeds(aim(["secrets", "set", "PROJECT_TOKEN"], { input: "proj-value-1" }));
  const r = aim(["run", "claude"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout).keys, { ANTHROPIC_API_KEY: sha(ANTHROPIC), PROJECT_TOKEN: sha("proj-value-1") });
});
project.run();
