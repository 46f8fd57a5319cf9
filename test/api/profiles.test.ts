import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AimError, execWithKeys, invokeTool, resolveEnv, resolveProject } from "../../src/index.js";
import { apiSandbox } from "../helpers/api.js";
import { sha } from "../helpers/fixture-tools.js";
import { PRINT_KEYS } from "../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const WORK = "sk-api-work-value-0001";
const HOME = "sk-api-personal-value-0002";

function world() {
  const sb = apiSandbox();
  sb.aim(["secrets", "set", "work/OPENAI_API_KEY"], { input: WORK });
  sb.aim(["secrets", "set", "personal/OPENAI_API_KEY"], { input: HOME });
  sb.aim(["secrets", "set", "personal/ANTHROPIC_API_KEY"], { input: HOME });
  writeFileSync(join(sb.cwd, ".aimrc"), "profile: work\nkeys:\n  - OPENAI_API_KEY\noptional:\n  - GITHUB_TOKEN: team:GITHUB_TOKEN_RO\n");
  return sb;
}

const api = suite("library: profile option and references in results");
api("resolveProject names each variable's reference and the profile; `profile` overrides the file's", async () => {
  const { cwd } = world();
  const info = await resolveProject({ cwd });
  assert.is(info.profile, "work");
  assert.equal(info.references, { OPENAI_API_KEY: "work/OPENAI_API_KEY", GITHUB_TOKEN: "team:GITHUB_TOKEN_RO" });
  const other = await resolveProject({ cwd, profile: "personal" });
  assert.equal(other.references, { OPENAI_API_KEY: "personal/OPENAI_API_KEY", GITHUB_TOKEN: "team:GITHUB_TOKEN_RO" });
  let bad: unknown;
  await resolveProject({ cwd, profile: "a/b" }).catch((e) => (bad = e));
  assert.instance(bad, AimError);
  assert.match((bad as AimError).message, /profile "a\/b" is not a profile name/);
});
api("resolveEnv and execWithKeys read the profile's values; a scheme without a provider is an error", async () => {
  const { aim, cwd, opts } = world();
  aim(["allow"]);
  const noTeam = await resolveEnv(opts);
  assert.is(noTeam.degraded, true, "no team file here: that source cannot be read");
  assert.match(noTeam.warnings.join("\n"), /team file/);
  assert.is(noTeam.env.OPENAI_API_KEY, WORK, "the store's references still resolve");
  writeFileSync(join(cwd, ".aimrc"), "profile: work\nkeys:\n  - OPENAI_API_KEY\n");
  aim(["allow"]);
  const r = await resolveEnv({ ...opts, profile: "personal" });
  assert.is(r.env.OPENAI_API_KEY, HOME);
  assert.equal(r.references, { OPENAI_API_KEY: "personal/OPENAI_API_KEY" });
  const e = await execWithKeys(process.execPath, [PRINT_KEYS, "OPENAI_API_KEY", "X_KEY"], {
    ...opts,
    keys: ["personal/ANTHROPIC_API_KEY"],
  });
  assert.is(e.exitCode, 0, e.stderr);
  assert.equal(JSON.parse(e.stdout), { OPENAI_API_KEY: sha(WORK), X_KEY: null });
  assert.equal(e.references, { OPENAI_API_KEY: "work/OPENAI_API_KEY", ANTHROPIC_API_KEY: "personal/ANTHROPIC_API_KEY" });
  let missing: unknown;
  await execWithKeys("true", [], { ...opts, profile: "nobody" }).catch((x) => (missing = x));
  assert.instance(missing, AimError);
  assert.match((missing as AimError).message, /^missing OPENAI_API_KEY <- nobody\/OPENAI_API_KEY/);
  assert.match((missing as AimError).hint ?? "", /aim secrets set nobody\/OPENAI_API_KEY/);
});
api("invokeTool takes `profile`: the tool's variables come from that profile", async () => {
  const { opts } = world();
  const r = await invokeTool("claude", "prompt", { prompt: "hi" }, { ...opts, noConfig: true, profile: "personal" });
  assert.is(r.exitCode, 0, r.stderr);
  assert.is(r.references.ANTHROPIC_API_KEY, "personal/ANTHROPIC_API_KEY");
  assert.ok(r.injectedKeys.includes("ANTHROPIC_API_KEY"));
  assert.not.match(JSON.stringify(r), HOME);
});
api.run();
