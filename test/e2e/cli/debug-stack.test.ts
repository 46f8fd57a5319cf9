import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, ROOT, sandbox } from "../../helpers/cli.js";

// dist/ is minified; AIM_DEBUG=1 prints stacks whose frames point at src/*.ts, through the
// source maps that ship beside every file of the CLI.

/** aim, started in a folder that is gone by then: process.cwd() throws, an internal error. */
function inDeletedFolder(args: string[], extra: NodeJS.ProcessEnv) {
  const { env, dir } = sandbox();
  const gone = join(dir, "gone");
  mkdirSync(gone);
  const script = 'cd "$1" && rmdir "$1" && shift && exec "$@"';
  const r = spawnSync("sh", ["-c", script, "sh", gone, process.execPath, AIM, ...args], { env: { ...env, ...extra }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The stack lines of `stderr` that are in aim's own code (not node's, not a package's). */
const ownFrames = (stderr: string) =>
  stderr.split("\n").filter((l) => /^\s+at /.test(l) && l.includes(ROOT) && !l.includes("node_modules/"));
const SRC_FRAME = new RegExp(`${ROOT.replace(/\/$/, "")}/src/[\\w/.-]+\\.ts:\\d+:\\d+\\)?$`);

const debug = suite("AIM_DEBUG: stacks mapped to src/");
debug("every bundled file of the CLI has its source map", () => {
  // cli.js is the few hand-written lines of scripts/cli-entry.mjs: nothing to map.
  const chunks = readdirSync(join(ROOT, "dist", "chunks")).filter((f) => f.endsWith(".js"));
  assert.ok(chunks.includes("main.js"));
  for (const f of chunks.map((c) => `chunks/${c}`)) {
    const text = readFileSync(join(ROOT, "dist", f), "utf8");
    const name = f.split("/").at(-1);
    assert.ok(text.trimEnd().endsWith(`//# sourceMappingURL=${name}.map`), f);
    assert.ok(JSON.parse(readFileSync(join(ROOT, "dist", `${f}.map`), "utf8")).mappings.length > 0, f);
  }
});
debug("an internal error: one line that says how to get the stack, and no stack without it", () => {
  const r = inDeletedFolder(["status"], {});
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  // Node's own wording of the error differs between versions (24 says more); aim's line around it does not.
  assert.match(
    r.stderr,
    /^aim: internal error: ENOENT: [^\n]*uv_cwd\. Please report it; run again with AIM_DEBUG=1 for a stack mapped to aim's sources\n$/,
  );
});
debug("an internal error under AIM_DEBUG=1: every frame of aim's points at src/*.ts, cli.ts included", () => {
  const r = inDeletedFolder(["status"], { AIM_DEBUG: "1" });
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: internal error: ENOENT/);
  const frames = ownFrames(r.stderr);
  assert.ok(
    frames.some((f) => f.includes("/src/commands/status.ts:")),
    r.stderr,
  );
  assert.ok(
    frames.some((f) => f.includes("/src/cli.ts:")),
    r.stderr,
  );
  for (const f of frames) assert.match(f, SRC_FRAME);
  assert.not.match(r.stderr, /dist\//);
});
debug("the cause of an aim error under AIM_DEBUG=1, thrown in the shared runtime, is mapped too", () => {
  const { aim, dir } = sandbox({ AIM_DEBUG: "1" });
  const p = join(dir, "work", "p");
  mkdirSync(p);
  writeFileSync(join(p, ".aimrc"), "keys: [A]\n");
  mkdirSync(join(dir, "data"), { recursive: true });
  writeFileSync(join(dir, "data", "trust.json"), "{damaged");
  // aim allow would rebuild the damaged file; aim status reports it, with its cause.
  const r = aim(["status"], { cwd: p });
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: .*trust\.json is damaged \(not valid JSON\)/);
  assert.match(r.stderr, /\nSyntaxError: /);
  const frames = ownFrames(r.stderr);
  assert.ok(
    frames.some((f) => f.includes("/src/runtime/jsonfile.ts:")),
    r.stderr,
  );
  for (const f of frames) assert.match(f, SRC_FRAME);
});
debug.run();
