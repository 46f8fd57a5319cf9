import { rmSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { jsonOf, succeeds } from "../../helpers/cli.js";
import { bareEnv, FIXTURES, report, sha, toolSandbox, writeGlobalConfig } from "../../helpers/fixture-tools.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const VALUE = "sk-ant-tools-fixture-55aa01";

interface Row {
  name: string;
  path: string | null;
  origin: string;
  ready: boolean;
  anyOf: string[];
  keys: { name: string; from: string; inStore: boolean | null; inEnvironment: boolean }[];
}

const list = suite("aim tools");
list("--json: installed?, keys wanted, which the keyring holds; never a value", () => {
  const { aim } = toolSandbox({ GITHUB_TOKEN: "ghp-env-only" });
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: VALUE }));
  const r = aim(["tools", "--json"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, "");
  assert.not.match(r.stdout, VALUE);
  assert.not.match(r.stdout, "ghp-env-only");
  const rows = JSON.parse(r.stdout) as Row[];
  const by = (n: string) => rows.find((t) => t.name === n) as Row;
  assert.equal(rows.map((t) => t.name).slice(0, 6), ["aider", "claude", "codex", "gemini", "gh", "llm"]);
  for (const t of rows) assert.is(t.path, `${FIXTURES}/${t.name}`, `${t.name} is found on PATH`);
  assert.equal(by("claude").keys, [{ name: "ANTHROPIC_API_KEY", from: "ANTHROPIC_API_KEY", inStore: true, inEnvironment: false }]);
  assert.is(by("claude").ready, true);
  assert.is(by("codex").ready, false);
  assert.is(by("gh").ready, true, "GITHUB_TOKEN from the environment suffices");
  assert.equal(by("gemini").anyOf, ["GEMINI_API_KEY", "GOOGLE_API_KEY"]);
  assert.is(by("aider").keys.find((k) => k.name === "ANTHROPIC_API_KEY")?.inStore, true);
});
list("a tool that is not on PATH shows as not installed", () => {
  const { aim, env } = toolSandbox();
  const r = aim(["tools", "--json"], { env: { PATH: bareEnv(env).PATH } });
  assert.is(r.code, 0, r.stderr);
  for (const t of JSON.parse(r.stdout) as Row[]) assert.is(t.path, null, t.name);
});
list("the table marks keys in the keyring, in the environment, and missing", () => {
  const { aim } = toolSandbox({ GEMINI_API_KEY: "g-env" });
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: VALUE }));
  const r = aim(["tools"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^TOOL +INSTALLED +READY +KEYS \(✓ store/);
  assert.match(r.stdout, /\nclaude +yes +yes +ANTHROPIC_API_KEY✓\n/);
  assert.match(r.stdout, /\ngemini +yes +yes +GEMINI_API_KEY\(env\) GOOGLE_API_KEY✗\n/);
  assert.match(r.stdout, /\ncodex +yes +no +CODEX_API_KEY✗\n/);
  assert.is(r.stderr, "");
});
list.run();

const config = suite("global config: tools");
config("adds a tool, which aim run then starts with its keys", () => {
  const { aim, env } = toolSandbox();
  writeGlobalConfig(
    env,
    "config.yaml",
    "tools:\n  mytool:\n    description: in-house agent\n    keys: [MYTOOL_TOKEN]\n    capabilities:\n      ask: ['--ask', '{question}']\n",
  );
  succeeds(aim(["secrets", "set", "MYTOOL_TOKEN"], { input: "mt-value-123" }));
  const row = (jsonOf(aim(["tools", "--json"])) as Row[]).find((t) => t.name === "mytool") as Row;
  assert.is(row.origin, "config");
  assert.is(row.ready, true);
  const r = aim(["run", "mytool", "go"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout), { tool: "mytool", argv: ["go"], keys: { MYTOOL_TOKEN: sha("mt-value-123") } });
});
config("overrides a built-in entry field by field", () => {
  const { aim, env } = toolSandbox();
  writeGlobalConfig(env, "config.json", JSON.stringify({ tools: { claude: { keys: ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"] } } }));
  succeeds(aim(["secrets", "set", "ANTHROPIC_AUTH_TOKEN"], { input: "auth-token-value" }));
  // The real value, to compare: aim run brokers claude by default (test/e2e/broker/ covers that).
  const r = aim(["run", "--no-broker", "claude"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout).keys, { ANTHROPIC_AUTH_TOKEN: sha("auth-token-value") });
  assert.is(r.stderr, "", "either key suffices (anyOf follows keys): no warning");
  const row = (jsonOf(aim(["tools", "--json"])) as Row[]).find((t) => t.name === "claude") as Row;
  assert.is(row.origin, "builtin+config");
  assert.equal(row.anyOf, ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"], "anyOf follows keys when only keys is given");
});
config("maps a tool's variable to another keyring key", () => {
  const { aim, env } = toolSandbox();
  writeGlobalConfig(env, "config.yaml", "tools:\n  llm:\n    from:\n      OPENAI_API_KEY: WORK_OPENAI_KEY\n");
  const none = aim(["run", "llm"]);
  assert.is(none.code, 125);
  assert.is(none.stdout, "");
  assert.match(none.stderr, /llm needs OPENAI_API_KEY <- WORK_OPENAI_KEY.*Add one with: aim secrets set WORK_OPENAI_KEY/);
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY"], { input: "personal-key-value" }));
  succeeds(aim(["secrets", "set", "WORK_OPENAI_KEY"], { input: "work-key-value" }));
  const r = aim(["run", "llm", "hi"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout).keys, { OPENAI_API_KEY: sha("work-key-value") }, "the work key, under the tool's name only");
  const row = (jsonOf(aim(["tools", "--json"])) as Row[]).find((t) => t.name === "llm") as Row;
  assert.equal(row.keys, [{ name: "OPENAI_API_KEY", from: "WORK_OPENAI_KEY", inStore: true, inEnvironment: false }]);
});
config("anyOf: [] lets a tool run without any key (gh after gh auth login)", () => {
  const { aim, env } = toolSandbox();
  writeGlobalConfig(env, "config.yaml", "tools:\n  gh:\n    anyOf: []\n");
  const r = aim(["run", "gh", "status"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(report(r.stdout).keys, {});
});
config("bad entries: exit 125 under aim run, 1 for aim tools with the file and the field named", () => {
  const { aim, env } = toolSandbox();
  const cases: [string, string, RegExp][] = [
    [
      "config.json",
      JSON.stringify({ tools: { aider: { keys: ["1BAD"] } } }),
      /config\.json: tools\.aider\.keys\[0\]: "1BAD" is not an environment variable name/,
    ],
    ["config.json", JSON.stringify({ tools: { "bad name": {} } }), /config\.json: tools: "bad name" is not a valid name/],
    ["config.json", JSON.stringify({ tools: { claude: { model: "x" } } }), /config\.json: tools\.claude: unknown field "model"/],
    [
      "config.json",
      JSON.stringify({ tools: { claude: { capabilities: { p: ["-p", 3] } } } }),
      /config\.json: tools\.claude\.capabilities\.p\[1\]: must be a string or a list/,
    ],
    [
      "config.yaml",
      "tools:\n  claude:\n    anyOf: [OPENAI_API_KEY]\n",
      /config\.yaml: tools\.claude\.anyOf\[0\]: "OPENAI_API_KEY" is not one of the tool's keys \(ANTHROPIC_API_KEY\)/,
    ],
    [
      "config.yaml",
      "tools:\n  codex:\n    from: { OPENAI_KEY: WORK }\n",
      /config\.yaml: tools\.codex\.from\.OPENAI_KEY: "OPENAI_KEY" is not one of the tool's keys/,
    ],
    [
      "config.yaml",
      "tools:\n  x:\n    capabilities:\n      c: ['--files={files...}']\n",
      /config\.yaml: tools\.x\.capabilities\.c\[0\]: a \{field\.\.\.\} spread must be a whole argument/,
    ],
  ];
  for (const [name, body, expected] of cases) {
    const file = writeGlobalConfig(env, name, body);
    for (const args of [["tools"], ["run", "claude"]]) {
      const r = aim(args);
      assert.is(r.code, args[0] === "run" ? 125 : 1, `${args.join(" ")} with ${body}`);
      assert.is(r.stdout, "");
      assert.match(r.stderr, expected);
    }
    rmSync(file);
  }
});
config.run();
