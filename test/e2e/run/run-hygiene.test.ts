import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, filesContaining, ROOT, succeeds } from "../../helpers/cli.js";
import { toolSandbox } from "../../helpers/fixture-tools.js";

const SENTINEL = "sk-run-hygiene-SENTINEL-4be21d";
const node = process.execPath;
const have = spawnSync("strace", ["-V"]).status === 0;

/** Lines of an strace log that carry the sentinel in a write or in an execve argv (envp is not printed without -v). */
const leaks = (log: string): string[] =>
  log.split("\n").filter((line) => line.includes(SENTINEL) && /\b(execve|write|pwrite64|writev)\(/.test(line));

const strace = suite("aim run and invokeTool under strace");
strace("aim run: the value reaches the tool's environment only, never an argv or a write", () => {
  assert.ok(have, "strace is NOT INSTALLED: apt-get install strace");
  const { aim, env, dir } = toolSandbox();
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: SENTINEL }));
  const log = join(dir, "strace.log");
  const r = spawnSync(
    "strace",
    ["-f", "-s", "65536", "-e", "trace=execve,write,pwrite64,writev", "-o", log, node, AIM, "run", "claude", "-p", "x"],
    {
      cwd: join(dir, "work"),
      env,
      encoding: "utf8",
    },
  );
  assert.is(r.status, 0, r.stderr);
  const text = readFileSync(log, "utf8");
  assert.ok(text.includes("fixtures/tools/claude"), "strace saw aim start the tool");
  assert.equal(leaks(text), []);
  assert.equal(filesContaining(dir, SENTINEL), []);
});
strace("invokeTool with masking: no write of the value even when the tool prints it", () => {
  assert.ok(have, "strace is NOT INSTALLED: apt-get install strace");
  const { aim, env, dir } = toolSandbox({ FIXTURE_ECHO: "ANTHROPIC_API_KEY" });
  succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: SENTINEL }));
  const script = `import { invokeTool } from ${JSON.stringify(join(ROOT, "dist", "index.js"))};
const r = await invokeTool("claude", "prompt", { prompt: "x" }); console.log(JSON.stringify(r));`;
  const log = join(dir, "strace.log");
  const r = spawnSync(
    "strace",
    ["-f", "-s", "65536", "-e", "trace=execve,write,pwrite64,writev,clone,clone3", "-o", log, node, "--input-type=module", "-e", script],
    {
      cwd: join(dir, "work"),
      env,
      encoding: "utf8",
    },
  );
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, "echo:*****");
  // The tool itself writes the value into its pipe (that is the test double's job); no other
  // process or thread may: drop the tool's pid and every thread or process it cloned.
  const lines = readFileSync(log, "utf8").split("\n");
  const pidOf = (l: string) => l.split(" ")[0] ?? "";
  const tool = new Set(lines.filter((l) => l.includes('execve("') && l.includes("fixtures/tools/claude")).map(pidOf));
  for (const l of lines) {
    const child = /^(\d+) +(?:clone3?\(|<\.\.\. clone3? resumed>).* = (\d+)$/.exec(l);
    if (child && tool.has(child[1] as string)) tool.add(child[2] as string);
  }
  assert.ok(tool.size > 0, "strace saw the tool start");
  const ours = lines.filter((l) => !tool.has(pidOf(l)));
  assert.equal(leaks(ours.join("\n")), []);
  assert.ok(leaks(lines.join("\n")).length > 0, "the tool's own write of the value is seen: the scan can fail");
  assert.ok(
    ours.some((l) => /write\(1, .*echo:\*\*\*\*\*/.test(l)),
    "the masked result was written",
  );
});
strace.run();
