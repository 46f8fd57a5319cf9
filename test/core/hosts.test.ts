// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { BUILTIN_HOSTS, boundTo, hostMatches, mergeHosts } from "../../src/core/hosts.js";
import { isKeyName } from "../../src/core/names.js";
import { validate_aimrc, validate_config } from "../../src/generated/validators.js";

const table = suite("the built-in host bindings");
table("the well-known names are bound to their providers' API hosts", () => {
  assert.equal(BUILTIN_HOSTS.OPENAI_API_KEY, ["api.openai.com"]);
  assert.equal(BUILTIN_HOSTS.CODEX_API_KEY, ["api.openai.com"]);
  assert.equal(BUILTIN_HOSTS.ANTHROPIC_API_KEY, ["api.anthropic.com"]);
  assert.equal(BUILTIN_HOSTS.GEMINI_API_KEY, ["generativelanguage.googleapis.com"]);
  assert.equal(BUILTIN_HOSTS.GOOGLE_API_KEY, ["generativelanguage.googleapis.com"]);
  assert.equal(BUILTIN_HOSTS.GITHUB_TOKEN, ["api.github.com", "github.com"]);
  assert.equal(BUILTIN_HOSTS.GH_TOKEN, ["api.github.com", "github.com"]);
  for (const k of [
    "HF_TOKEN",
    "GROQ_API_KEY",
    "MISTRAL_API_KEY",
    "OPENROUTER_API_KEY",
    "DEEPSEEK_API_KEY",
    "XAI_API_KEY",
    "TOGETHER_API_KEY",
  ])
    assert.ok((BUILTIN_HOSTS[k]?.length ?? 0) > 0, k);
  for (const [k, hosts] of Object.entries(BUILTIN_HOSTS)) {
    assert.ok(isKeyName(k), k);
    // Every built-in entry passes the schema a user's entry must pass.
    assert.ok(validate_config({ hosts: { [k]: hosts } }), k);
  }
});
table.run();

const match = suite("hostMatches");
match("exact names, case and a trailing dot aside", () => {
  assert.ok(hostMatches("api.openai.com", "api.openai.com"));
  assert.ok(hostMatches("api.openai.com", "API.OpenAI.com."));
  assert.not.ok(hostMatches("api.openai.com", "openai.com"));
  assert.not.ok(hostMatches("api.openai.com", "api.openai.com.evil.example"));
  assert.not.ok(hostMatches("api.openai.com", "xapi.openai.com"));
});
match("*. stands for exactly one label", () => {
  assert.ok(hostMatches("*.billing.example", "api.billing.example"));
  assert.not.ok(hostMatches("*.billing.example", "billing.example"));
  assert.not.ok(hostMatches("*.billing.example", "a.b.billing.example"));
  assert.not.ok(hostMatches("*.billing.example", "evilbilling.example"));
  assert.not.ok(hostMatches("*.billing.example", ".billing.example"));
});
match("boundTo: any pattern of the list; none for an unbound key", () => {
  assert.ok(boundTo(["api.github.com", "github.com"], "github.com"));
  assert.not.ok(boundTo(undefined, "github.com"));
  assert.not.ok(boundTo([], "github.com"));
});
match.run();

const layers = suite("mergeHosts");
layers("the config's entry replaces the built-in list; the project's replaces the config's; [] unbinds", () => {
  const m = mergeHosts(
    { OPENAI_API_KEY: ["gw.example"], BILLING_TOKEN: ["api.billing.example"] },
    { BILLING_TOKEN: ["*.Billing.example"], GH_TOKEN: [] },
  );
  assert.equal(m.OPENAI_API_KEY, ["gw.example"]);
  assert.equal(m.BILLING_TOKEN, ["*.billing.example"]);
  assert.equal(m.GH_TOKEN, []);
  assert.equal(m.ANTHROPIC_API_KEY, ["api.anthropic.com"]);
});
layers.run();

const schema = suite("hosts: and broker: in .aimrc and the global config");
schema("well-formed entries pass", () => {
  for (const v of [validate_aimrc, validate_config]) {
    assert.ok(v({ keys: ["BILLING_TOKEN"], hosts: { BILLING_TOKEN: ["api.billing.example", "*.billing.example"] }, broker: true }));
    assert.ok(v({ hosts: { LOCAL: ["127.0.0.1", "localhost"] }, broker: false }));
  }
});
schema("bad entries are refused", () => {
  for (const v of [validate_aimrc, validate_config]) {
    for (const bad of [
      { hosts: { "bad-name": ["a.example"] } },
      { hosts: { K: "a.example" } },
      { hosts: { K: ["https://a.example"] } },
      { hosts: { K: ["a.example/path"] } },
      { hosts: { K: ["*"] } },
      { hosts: { K: ["**.a.example"] } },
      { hosts: { K: ["a.*.example"] } },
      { hosts: { K: ["a.example:443"] } },
      { hosts: { K: ["-a.example"] } },
      { broker: "yes" },
    ])
      assert.not.ok(v(bad), JSON.stringify(bad));
  }
});
schema.run();
