// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type Completion, complete, type Sources } from "../../src/cli/completion-engine.js";
import { allSpecs, COMMANDS } from "../../src/commands/registry.js";

// The sources are the one part that reads aim's files; here they say what was asked.
const asked: string[] = [];
const sources: Sources = {
  keys: () => {
    asked.push("keys");
    return ["GITHUB_TOKEN", "OPENAI_API_KEY", "work/OPENAI_API_KEY"];
  },
  tools: () => {
    asked.push("tools");
    return ["aider", "claude"];
  },
  profiles: () => {
    asked.push("profiles");
    return ["work"];
  },
};
const at = async (line: string): Promise<Completion> => {
  const words = line.split(" ");
  const current = words.pop() as string;
  return complete(COMMANDS, words, current, sources);
};
const values = async (line: string) => (await at(line)).candidates.map((c) => c.value);

const engine = suite("completion from the command specs");
engine("top level: the visible commands with their summaries, never the internal ones", async () => {
  const all = await at("");
  const visible = COMMANDS.filter((c) => !c.hidden).map((c) => c.name);
  assert.equal(
    all.candidates.map((c) => c.value),
    visible,
  );
  assert.is(all.candidates.find((c) => c.value === "exec")?.description, COMMANDS.find((c) => c.name === "exec")?.summary);
  assert.ok(visible.includes("completion"));
  assert.equal(await values("se"), ["secrets"]);
  assert.equal(await values("__"), []);
  assert.equal(await values("--v"), ["--version"]);
});
engine("subcommands, aliases followed, and each leaf's options (with --help) from its spec", async () => {
  assert.equal(await values("secrets "), ["set", "get", "list", "delete", "export", "import", "migrate"]);
  assert.equal(await values("secrets ls --"), await values("secrets list --"), "an alias completes as its command");
  for (const { path, spec } of allSpecs()) {
    if (spec.hidden || spec.raw || spec.subcommands || path.some((p) => p.startsWith("_"))) continue;
    const expected = [...Object.keys(spec.options ?? {}).map((n) => `--${n}`), "--help"];
    assert.equal(await values(`${path.join(" ")} --`), expected, path.join(" "));
  }
});
engine("values: stored keys (a comma list completes its last item), shells, tools, backends", async () => {
  asked.length = 0;
  assert.equal(await values("secrets get "), ["GITHUB_TOKEN", "OPENAI_API_KEY", "work/OPENAI_API_KEY"]);
  assert.equal(await values("secrets get OP"), ["OPENAI_API_KEY"]);
  assert.equal(await values("exec --keys GITHUB_TOKEN,OP"), ["GITHUB_TOKEN,OPENAI_API_KEY"]);
  assert.equal(await values("secrets set -d "), [], "a description is free text");
  assert.equal(await values("hook "), ["bash", "zsh", "fish", "pwsh"]);
  assert.equal(await values("completion f"), ["fish"]);
  assert.equal(await values("secrets export --shell p"), ["pwsh"]);
  assert.equal(await values("secrets migrate --to "), ["file", "keyring"]);
  assert.equal(await values("run "), ["aider", "claude"]);
  assert.equal(await values("exec --p"), ["--profile"]);
  assert.equal(await values("exec --profile "), ["work"]);
  assert.equal(asked, ["keys", "keys", "keys", "tools", "profiles"], "a source is read only where its values are wanted");
});
engine("the shell's own completion where the spec says file, dir or command", async () => {
  assert.is((await at("exec -- ")).fallback, "command");
  assert.is((await at("exec --mask ")).fallback, "command", "exec's first word is the command");
  assert.is((await at("exec -- node ")).fallback, "file");
  assert.is((await at("exec -- node --")).fallback, "file", "the command's options are not aim's");
  assert.equal((await at("exec -- node --")).candidates, []);
  assert.is((await at("run claude ")).fallback, "file");
  assert.is((await at("secrets import ")).fallback, "file");
  assert.is((await at("allow ")).fallback, "file");
});
engine("nothing for words that name no command, or past the last positional", async () => {
  assert.equal(await at("nope "), { candidates: [], fallback: "none" });
  assert.equal(await at("hook-env "), { candidates: [], fallback: "none" });
  assert.equal(await at("secrets get OPENAI_API_KEY "), { candidates: [], fallback: "none" });
});
engine.run();
