import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AimError, CONTRACT, invokeTool } from "../../src/index.js";
import { apiSandbox } from "../helpers/api.js";
import { report, sha } from "../helpers/fixture-tools.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const ANTHROPIC = "sk-ant-api-fixture-0b7d3e";
const OPENAI = "sk-openai-api-fixture-77c1aa";

const rejection = async (p: Promise<unknown>): Promise<AimError> => {
  try {
    await p;
  } catch (err) {
    assert.instance(err, AimError);
    return err as AimError;
  }
  throw new Error("expected a rejection");
};

const ok = suite("invokeTool: results");
ok("success: AIM_PLUS_V1 result with the injected keys, captured output, no value anywhere", async () => {
  const { aim, opts } = apiSandbox();
  aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC });
  const r = await invokeTool("claude", "prompt", { prompt: "hello" }, opts);
  assert.is(r.contract, CONTRACT);
  assert.is(r.contract, "AIM_PLUS_V1");
  assert.is(r.tool, "claude");
  assert.is(r.capability, "prompt");
  assert.equal(r.args, ["-p", "hello"]);
  assert.is(r.exitCode, 0);
  assert.is(r.signal, null);
  assert.is(r.success, true);
  assert.is(r.message, "claude succeeded");
  assert.equal(r.injectedKeys, ["ANTHROPIC_API_KEY"]);
  assert.equal(r.missingKeys, []);
  assert.is(r.degraded, false);
  assert.equal(r.warnings, []);
  assert.ok(r.durationMs >= 0 && r.durationMs < 10_000);
  assert.equal(report(r.stdout), { tool: "claude", argv: ["-p", "hello"], keys: { ANTHROPIC_API_KEY: sha(ANTHROPIC) } });
  assert.not.match(JSON.stringify(r), ANTHROPIC);
  assert.is(r.content.exit_code, 0, "V1's content stays readable");
  assert.is(r.content.stdout, r.stdout);
  assert.not.ok(Object.keys(r).includes("content"), "but JSON leaves it out");
});
ok("a list field spreads, optional groups drop, extraArgs append", async () => {
  const { aim, opts } = apiSandbox();
  aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI });
  const r = await invokeTool(
    "aider",
    "code_generation",
    { message: "add tests", files: ["a.ts", "b c.ts"] },
    { ...opts, extraArgs: ["--no-git"] },
  );
  assert.equal(report(r.stdout).argv, ["--message", "add tests", "--yes-always", "a.ts", "b c.ts", "--no-git"]);
  assert.equal(r.missingKeys, ["ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENROUTER_API_KEY", "DEEPSEEK_API_KEY"]);
  assert.equal(r.warnings, [], "any one of aider's keys suffices: the others are not worth a warning");
  const llm = await invokeTool("llm", "prompt", { prompt: "hi" }, opts);
  assert.equal(llm.args, ["hi"], "[-m {model}] dropped without a model");
  const llm2 = await invokeTool("llm", "prompt", { prompt: "hi", model: "gpt-4o" }, opts);
  assert.equal(llm2.args, ["-m", "gpt-4o", "hi"]);
});
ok("failure: a non-zero exit is a result, not a rejection", async () => {
  const { opts } = apiSandbox({ FIXTURE_EXIT: "3", FIXTURE_STDERR: "model overloaded", ANTHROPIC_API_KEY: "k-inherited" });
  const r = await invokeTool("claude", "prompt", { prompt: "x" }, opts);
  assert.is(r.exitCode, 3);
  assert.is(r.success, false);
  assert.is(r.message, "claude exited with code 3");
  assert.is(r.stderr, "model overloaded\n");
  assert.equal(r.inheritedKeys, ["ANTHROPIC_API_KEY"]);
  assert.equal(r.injectedKeys, []);
});
ok("the tool's output has every handed-over value masked", async () => {
  const { aim, opts } = apiSandbox({ FIXTURE_ECHO: "ANTHROPIC_API_KEY" });
  aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: ANTHROPIC });
  const r = await invokeTool("claude", "prompt", { prompt: "x" }, opts);
  assert.match(r.stdout, "echo:*****\n");
  assert.is(r.stderr, "echo:*****\n");
  assert.not.match(JSON.stringify(r), ANTHROPIC);
});
ok.run();

const stop = suite("invokeTool: timeout and abort");
stop("timeout stops a hanging tool with SIGTERM and says so", async () => {
  const { opts } = apiSandbox({ FIXTURE_HANG: "1", ANTHROPIC_API_KEY: "k" });
  const r = await invokeTool("claude", "prompt", { prompt: "x" }, { ...opts, timeout: 300 });
  assert.is(r.timedOut, true);
  assert.is(r.exitCode, null);
  assert.is(r.signal, "SIGTERM");
  assert.is(r.success, false);
  assert.is(r.message, "claude timed out after 300 ms");
  assert.ok(r.durationMs >= 300 && r.durationMs < 5000, String(r.durationMs));
});
stop("a tool that ignores SIGTERM gets SIGKILL after killAfter", async () => {
  const { opts } = apiSandbox({ FIXTURE_HANG: "1", FIXTURE_IGNORE_TERM: "1", ANTHROPIC_API_KEY: "k" });
  // Long enough for the fixture to have installed its SIGTERM handler.
  const r = await invokeTool("claude", "prompt", { prompt: "x" }, { ...opts, timeout: 1500, killAfter: 300 });
  assert.is(r.signal, "SIGKILL");
  assert.match(r.stderr, "ignoring SIGTERM");
});
stop("an AbortSignal stops the tool; an already aborted one starts nothing", async () => {
  const { opts } = apiSandbox({ FIXTURE_HANG: "1", ANTHROPIC_API_KEY: "k" });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const r = await invokeTool("claude", "prompt", { prompt: "x" }, { ...opts, signal: controller.signal });
  assert.is(r.aborted, true);
  assert.is(r.timedOut, false);
  assert.is(r.signal, "SIGTERM");
  assert.is(r.message, "claude was aborted");
  let caught: unknown;
  await invokeTool("claude", "prompt", { prompt: "x" }, { ...opts, signal: AbortSignal.abort() }).catch((e) => (caught = e));
  assert.is((caught as Error).name, "AbortError");
});
stop.run();

const refuse = suite("invokeTool: rejections before anything runs");
refuse("none of the tool's sufficient keys: MISSING_KEYS", async () => {
  const { opts } = apiSandbox();
  const err = await rejection(invokeTool("gemini", "prompt", { prompt: "x" }, opts));
  assert.is(err.code, "MISSING_KEYS");
  assert.is(err.exitCode, 125);
});
refuse("unknown tool, unknown capability, payload that does not fit", async () => {
  const { opts } = apiSandbox({ ANTHROPIC_API_KEY: "k" });
  assert.is((await rejection(invokeTool("nope", "prompt", {}, opts))).code, "TOOL");
  const cap = await rejection(invokeTool("claude", "refactor", {}, opts));
  assert.match(cap.message, 'claude has no capability "refactor"');
  assert.match(cap.hint ?? "", "it has: prompt, code_generation");
  const typo = await rejection(invokeTool("claude", "prompt", { promt: "x" }, opts));
  assert.match(typo.message, 'claude prompt: unknown payload field "promt"');
  const lacking = await rejection(invokeTool("claude", "prompt", {}, opts));
  assert.match(lacking.message, 'claude prompt: the payload lacks "prompt"');
});
refuse("a key's value in the payload would land on argv: refused", async () => {
  const { opts } = apiSandbox({ ANTHROPIC_API_KEY: "sk-value-on-argv" });
  const err = await rejection(invokeTool("claude", "prompt", { prompt: "use sk-value-on-argv" }, opts));
  assert.is(err.code, "TOOL");
  assert.not.match(err.message, "sk-value-on-argv");
});
refuse("a tool that is not installed: exitCode 127", async () => {
  const { opts } = apiSandbox({ ANTHROPIC_API_KEY: "k" });
  const err = await rejection(invokeTool("claude", "prompt", { prompt: "x" }, { ...opts, env: { ...opts.env, PATH: "/nonexistent" } }));
  assert.is(err.exitCode, 127);
});
refuse.run();
