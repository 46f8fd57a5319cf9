// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { buildRegistry, keyLabel, sourceKey } from "../../src/core/registry.js";
import { BUILTIN_TOOLS } from "../../src/core/tools.js";
import { isKeyName } from "../../src/core/names.js";
import { ROOT } from "../helpers/cli.js";

const table = suite("built-in tools");
table("every entry is well-formed: key names, anyOf within keys, a command", () => {
  for (const [name, t] of Object.entries(BUILTIN_TOOLS)) {
    assert.ok(t.command.length > 0, name);
    assert.ok(t.keys.length > 0 && t.keys.every(isKeyName), name);
    assert.ok(
      t.anyOf.every((k) => t.keys.includes(k)),
      name,
    );
  }
  assert.equal(BUILTIN_TOOLS.claude.keys, ["ANTHROPIC_API_KEY"]);
  assert.equal(BUILTIN_TOOLS.gh.keys, ["GH_TOKEN", "GITHUB_TOKEN"]);
  assert.equal(BUILTIN_TOOLS.gemini.anyOf, ["GEMINI_API_KEY", "GOOGLE_API_KEY"]);
});
table.run();

const merge = suite("buildRegistry");
merge("no config: the built-in table", () => {
  const { tools, problems } = buildRegistry();
  assert.equal([...tools.keys()], Object.keys(BUILTIN_TOOLS));
  assert.equal(problems, []);
  assert.is(tools.get("aider")?.origin, "builtin");
});
merge("an override changes only the fields it gives; capabilities and from merge by name", () => {
  const { tools } = buildRegistry({ aider: { from: { OPENAI_API_KEY: "WORK_KEY" }, capabilities: { lint: ["--lint"] } } });
  const aider = tools.get("aider");
  if (!aider) throw new Error("aider is in the registry");
  assert.is(aider.origin, "builtin+config");
  assert.equal(aider?.keys, BUILTIN_TOOLS.aider.keys);
  assert.equal(Object.keys(aider?.capabilities ?? {}), ["code_generation", "ask", "lint"]);
  assert.is(sourceKey(aider, "OPENAI_API_KEY"), "WORK_KEY");
  assert.is(keyLabel(aider, "OPENAI_API_KEY"), "OPENAI_API_KEY <- WORK_KEY");
  assert.is(keyLabel(aider, "GEMINI_API_KEY"), "GEMINI_API_KEY");
});
merge("a new tool: command defaults to its name, anyOf to its keys", () => {
  const t = buildRegistry({ mine: { keys: ["A_KEY", "B_KEY"] } }).tools.get("mine");
  assert.is(t?.command, "mine");
  assert.equal(t?.anyOf, ["A_KEY", "B_KEY"]);
  assert.is(t?.origin, "config");
});
merge("problems name the field: anyOf and from outside keys, a spread inside an argument", () => {
  const { problems } = buildRegistry({
    claude: { anyOf: ["OPENAI_API_KEY"], from: { X_KEY: "Y" } },
    x: { capabilities: { c: ["--f={files...}", ["{ok...}"]] } },
  });
  assert.equal(
    problems.map((p) => p.field),
    ["tools.claude.anyOf[0]", "tools.claude.from.X_KEY", "tools.x.capabilities.c[0]"],
  );
});
merge.run();

const docs = suite("docs/agents.md's table of built-in tools");
docs("lists every entry with its keys and capabilities, as in the code", () => {
  const readme = readFileSync(join(ROOT, "docs", "agents.md"), "utf8");
  for (const t of Object.values(BUILTIN_TOOLS)) {
    const row = readme.split("\n").find((l) => l.includes(`| \`${t.command}\` |`));
    assert.ok(row, `a row for ${t.command}`);
    assert.ok(row?.includes(`| ${t.keys.join(", ")} |`), `${t.command}'s keys`);
    assert.ok(row?.endsWith(`| ${Object.keys(t.capabilities).join(", ")} |`), `${t.command}'s capabilities`);
  }
});
docs.run();
