// The global config against the tool registry: `aim doctor` checks it as `aim run` does, and
// a config written for an older registry (codex read OPENAI_API_KEY; it reads CODEX_API_KEY
// now) keeps working, with one line saying how to write it now.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, jsonOf, succeeds } from "../../helpers/cli.js";
import { report, sha, toolSandbox, writeGlobalConfig } from "../../helpers/fixture-tools.js";

// The README's example before this fix: codex's `from` named the variable codex used to read.
const OLD_EXAMPLE = `keys: []
optional: []
mask: false
tools:
  codex:
    from:
      OPENAI_API_KEY: work/OPENAI_API_KEY
  gh:
    anyOf: []
  mytool:
    command: mytool
    description: in-house agent
`;
const NOTE =
  'config.yaml: tools.codex.from.OPENAI_API_KEY: codex reads CODEX_API_KEY now (filled from OPENAI_API_KEY), so this entry is read as tools.codex.from.CODEX_API_KEY; write it so: "CODEX_API_KEY: work/OPENAI_API_KEY"';
const WORK = "sk-work-openai-fixture-71c2";
type Check = { id: string; status: string; detail: string; fix: string | null };

const old = suite("a config written for the older registry");
old("aim run codex: CODEX_API_KEY comes from work/OPENAI_API_KEY, and one line says how to write it now", () => {
  const { aim, env } = toolSandbox();
  const path = writeGlobalConfig(env, "config.yaml", OLD_EXAMPLE);
  succeeds(aim(["secrets", "set", "work/OPENAI_API_KEY"], { input: WORK }));
  const r = expectRun(aim(["run", "--no-broker", "codex", "hi"]), {
    code: 0,
    stdout: /^\{"tool":"codex"/,
    stderr: `aim: ${NOTE.replace("config.yaml", path)}\n`,
  });
  assert.equal(report(r.stdout).keys, { CODEX_API_KEY: sha(WORK) });
});
old("aim tools: exit 0, the same line; aim doctor: a warning with that line, exit 0", () => {
  const { aim, env } = toolSandbox();
  const path = writeGlobalConfig(env, "config.yaml", OLD_EXAMPLE);
  expectRun(aim(["tools"]), { code: 0, stdout: /^TOOL/, stderr: `aim: ${NOTE.replace("config.yaml", path)}\n` });
  const doc = jsonOf(aim(["doctor", "--json"]));
  const config = (doc.checks as Check[]).find((c) => c.id === "global-config");
  assert.equal(config, {
    id: "global-config",
    title: "global config",
    status: "warn",
    detail: NOTE.replace("config.yaml", path),
    fix: null,
  });
});
old("the example as the README gives it now: no note anywhere", () => {
  const { aim, env } = toolSandbox();
  writeGlobalConfig(env, "config.yaml", OLD_EXAMPLE.replace("OPENAI_API_KEY: work/", "CODEX_API_KEY: work/"));
  succeeds(aim(["secrets", "set", "work/OPENAI_API_KEY"], { input: WORK }));
  const r = expectRun(aim(["run", "--no-broker", "codex", "hi"]), { code: 0, stdout: /^\{"tool":"codex"/, stderr: "" });
  assert.equal(report(r.stdout).keys, { CODEX_API_KEY: sha(WORK) });
  const doc = jsonOf(aim(["doctor", "--json"]));
  assert.is((doc.checks as Check[]).find((c) => c.id === "global-config")?.status, "ok");
});

const doctor = suite("aim doctor checks the global config");
doctor("a tool entry aim run refuses: doctor fails (exit 1) with the same message", () => {
  const { aim, env } = toolSandbox();
  const path = writeGlobalConfig(env, "config.yaml", "tools:\n  codex:\n    from:\n      NOT_CODEX_KEY: X\n");
  const run = expectRun(aim(["run", "codex"]), { code: 125, stdout: "", stderr: /is not one of the tool's keys/ });
  const why = run.stderr.match(/^aim: (.*?)\. /)?.[1] ?? "";
  assert.ok(why.startsWith(path), run.stderr);
  const r = aim(["doctor", "--json"]);
  assert.is(r.code, 1, r.stdout);
  const config = (JSON.parse(r.stdout).checks as Check[]).find((c) => c.id === "global-config");
  assert.is(config?.status, "fail");
  assert.is(config?.detail, why);
  const text = aim(["doctor"]);
  assert.is(text.code, 1);
  assert.match(text.stdout, /^FAIL\s+global config\s+.*NOT_CODEX_KEY/m);
});
doctor("a config the schema refuses: doctor fails naming the file", () => {
  const { aim, env } = toolSandbox();
  writeGlobalConfig(env, "config.yaml", "mask: sometimes\n");
  const r = aim(["doctor", "--json"]);
  assert.is(r.code, 1, r.stdout);
  const config = (JSON.parse(r.stdout).checks as Check[]).find((c) => c.id === "global-config");
  assert.is(config?.status, "fail");
  assert.match(config?.detail ?? "", /config\.yaml: mask/);
});
doctor("no global config: ok, says none", () => {
  const { aim } = toolSandbox();
  const doc = jsonOf(aim(["doctor", "--json"]));
  const config = (doc.checks as Check[]).find((c) => c.id === "global-config");
  assert.is(config?.status, "ok");
  assert.match(config?.detail ?? "", /^none/);
});
old.run();
doctor.run();
