import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AimError, execWithKeys, listTools, resolveEnv, resolveProject } from "../../src/index.js";
import { apiSandbox } from "../helpers/api.js";
import { report, sha } from "../helpers/fixture-tools.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const project = suite("resolveProject / resolveEnv");
project("report the governing file and its trust without throwing; resolveEnv refuses an untrusted one", async () => {
  const { aim, cwd, opts } = apiSandbox();
  writeFileSync(join(cwd, ".aimrc"), "keys: [PROJECT_TOKEN]\noptional: [EXTRA_TOKEN]\n");
  const info = await resolveProject({ cwd });
  assert.match(info.file ?? "", /\/work\/\.aimrc$/);
  assert.is(info.trusted, false);
  assert.is(info.trust, "unknown");
  assert.equal(info.required, ["PROJECT_TOKEN"]);
  assert.equal(info.optional, ["EXTRA_TOKEN"]);
  let err: unknown;
  await resolveEnv(opts).catch((e) => (err = e));
  assert.instance(err, AimError);
  assert.is((err as AimError).code, "UNTRUSTED");
  aim(["allow"]);
  assert.is((await resolveProject({ cwd })).trusted, true);
});
project("resolveEnv: values in env, names in the lists, missing keys reported not thrown", async () => {
  const { aim, cwd, opts } = apiSandbox({ EXTRA_TOKEN: "extra-inherited" });
  writeFileSync(join(cwd, ".aimrc"), "keys: [PROJECT_TOKEN, OTHER_TOKEN]\noptional: [EXTRA_TOKEN, NONE_TOKEN]\n");
  aim(["allow"]);
  aim(["secrets", "set", "PROJECT_TOKEN"], { input: "project-value" });
  const r = await resolveEnv(opts);
  assert.is(r.env.PROJECT_TOKEN, "project-value");
  assert.equal(r.injectedKeys, ["PROJECT_TOKEN"]);
  assert.equal(r.inheritedKeys, ["EXTRA_TOKEN"]);
  assert.equal(r.missingKeys, ["OTHER_TOKEN"]);
  assert.equal(r.skippedKeys, ["NONE_TOKEN"]);
  assert.is(r.degraded, false);
  let bad: unknown;
  await resolveEnv({ ...opts, keys: ["NOT-A-NAME"] }).catch((e) => (bad = e));
  assert.is((bad as AimError).code, "BAD_KEY_NAME");
});
project.run();

const exec = suite("execWithKeys / listTools");
exec("runs a command with the requested keys, output captured and masked", async () => {
  const { aim, opts } = apiSandbox({ FIXTURE_ECHO: "SOME_TOKEN" });
  aim(["secrets", "set", "SOME_TOKEN"], { input: "some-token-value" });
  const r = await execWithKeys("llm", ["a", "b"], { ...opts, keys: ["SOME_TOKEN"] });
  assert.is(r.exitCode, 0);
  assert.equal(report(r.stdout), { tool: "llm", argv: ["a", "b"], keys: { SOME_TOKEN: sha("some-token-value") } });
  assert.match(r.stdout, "echo:*****");
  assert.not.match(JSON.stringify(r), "some-token-value");
  assert.equal(r.injectedKeys, ["SOME_TOKEN"]);
});
exec("a required key missing while the keyring works: MISSING_KEYS, nothing runs", async () => {
  const { opts } = apiSandbox();
  let err: unknown;
  await execWithKeys("llm", [], { ...opts, keys: ["ABSENT_TOKEN"] }).catch((e) => (err = e));
  assert.is((err as AimError).code, "MISSING_KEYS");
});
exec("input reaches stdin; stdio inherit captures nothing", async () => {
  const { opts } = apiSandbox();
  const cat = await execWithKeys("node", ["-e", "process.stdin.pipe(process.stdout)"], { ...opts, input: "piped text" });
  assert.is(cat.stdout, "piped text");
  const inherited = await execWithKeys("node", ["-e", "process.exit(4)"], { ...opts, stdio: "inherit" });
  assert.is(inherited.exitCode, 4);
  assert.is(inherited.stdout, "");
});
exec("listTools: the registry with presence, never values", async () => {
  const { aim, opts } = apiSandbox();
  aim(["secrets", "set", "CURSOR_API_KEY"], { input: "cursor-value" });
  const list = await listTools({ env: opts.env });
  assert.is(list.degraded, false);
  const cursor = list.tools.find((t) => t.name === "cursor-agent");
  assert.is(cursor?.ready, true);
  assert.equal(cursor?.keys, [{ name: "CURSOR_API_KEY", from: "CURSOR_API_KEY", inStore: true, inEnvironment: false }]);
  assert.not.match(JSON.stringify(list), "cursor-value");
});
exec.run();
