import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, expectRun, succeeds } from "../../helpers/cli.js";
import { node24 } from "../../helpers/node24.js";

const haveStrace = spawnSync("strace", ["-V"]).status === 0;

/** The dist/ files one aim run opens, by unit name (the part before the hash). */
function unitsOpened(args: string[], cwd: string, env: NodeJS.ProcessEnv): string[] {
  const r = spawnSync("strace", ["-f", "-e", "trace=openat", process.execPath, AIM, ...args], { cwd, env, encoding: "utf8" });
  return [...r.stderr.matchAll(/dist\/(?:chunks\/)?([a-z-]+?)(?:-[A-Z0-9]{8})?\.js"/g)].map((m) => m[1] as string);
}

const lazy = suite("start-up: what aim exec loads");
lazy("outside any project: the entry, the main module and the shared runtime, nothing else", () => {
  assert.ok(haveStrace, "strace is NOT INSTALLED: apt-get install strace");
  const { env, dir } = sandbox();
  assert.equal([...new Set(unitsOpened(["exec", "--", "true"], join(dir, "work"), env))], ["cli", "main", "runtime"]);
});
lazy("a folder whose package.json has no aim field costs no parser either", () => {
  const { env, dir } = sandbox();
  const p = join(dir, "work", "js-project");
  mkdirSync(p);
  writeFileSync(join(p, "package.json"), '{"name":"js-project","scripts":{"dev":"vite"}}');
  assert.equal([...new Set(unitsOpened(["exec", "--", "true"], p, env))], ["cli", "main", "runtime"]);
});
lazy("a trusted, unchanged .aimrc is not parsed again: its allowed config is reused", () => {
  const { aim, env, dir } = sandbox();
  const p = join(dir, "work", "p");
  mkdirSync(p);
  succeeds(aim(["secrets", "set", "A"], { input: "v-A" }));
  writeFileSync(join(p, ".aimrc"), "keys: [A]\n");
  succeeds(aim(["allow"], { cwd: p }));
  const trust = JSON.parse(readFileSync(join(dir, "data", "trust.json"), "utf8"));
  const rec = Object.values(trust.allowed)[0] as { parsed: { config: unknown } };
  assert.equal(rec.parsed.config, { keys: ["A"] }, "the record holds key names, no values");
  assert.not.match(JSON.stringify(trust), /v-A/);
  // The trust records are read by code in the runtime: no unit loads.
  const units = unitsOpened(["exec", "--", "true"], p, env);
  assert.equal([...new Set(units)], ["cli", "main", "runtime"], `parsed again? ${units.join(" ")}`);
  expectRun(aim(["exec", "--", "sh", "-c", 'printf %s "$A"'], { cwd: p }), { code: 0, stdout: "v-A", stderr: "" });
  // A record made under other schemas is not reused (but the trust itself still holds).
  const trustFile = join(dir, "data", "trust.json");
  writeFileSync(trustFile, readFileSync(trustFile, "utf8").replace(/"schema": "[0-9a-f]+"/, '"schema": "older"'));
  assert.ok(unitsOpened(["exec", "--", "true"], p, env).includes("config-load"));
  expectRun(aim(["exec", "--", "sh", "-c", 'printf %s "$A"'], { cwd: p }), { code: 0, stdout: "v-A", stderr: "" });
  // An edit changes the bytes: the record no longer applies, and trust is gone too.
  writeFileSync(join(p, ".aimrc"), "keys: [A, B]\n");
  assert.ok(unitsOpened(["exec", "--", "true"], p, env).includes("config-load"));
  expectRun(aim(["exec", "--", "true"], { cwd: p }), { code: 125, stdout: "", stderr: /changed since it was allowed/ });
});
lazy(
  "outside any project, aim exec loads no crypto, readline, streams or tty: what Node's ES facades of node:fs and node:util would pull in",
  () => {
    const { env, dir } = sandbox();
    const probe = join(dir, "probe.mjs");
    writeFileSync(
      probe,
      [
        // writeSync, not process.stderr: that stream would load tty and net itself.
        'import { writeSync } from "node:fs";',
        'const report = () => writeSync(2, `BUILTINS ${process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).join(",")}\\n`);',
        'process.on("exit", report);',
        // Where aim replaces itself (process.execve, Node 22.15+), exit never comes: report just before.
        "const execve = process.execve; if (execve) process.execve = (...a) => { report(); return execve.apply(process, a); };",
        "",
      ].join("\n"),
    );
    const loadedBy = (node: string, script: string, args: string[]) => {
      const r = spawnSync(node, ["--import", probe, script, ...args], { cwd: join(dir, "work"), env, encoding: "utf8" });
      assert.is(r.status, 0, r.stderr);
      assert.is(r.stdout, "");
      return new Set(r.stderr.match(/^BUILTINS (.*)$/m)?.[1]?.split(",") ?? []);
    };
    // What Node loads for any ES module on this version (Node 20's own loader reads files with
    // fs/promises, for one): aim is judged on what it adds.
    const empty = join(dir, "empty.mjs");
    writeFileSync(empty, "");
    const added = (node: string) => {
      const baseline = loadedBy(node, empty, []);
      const loaded = loadedBy(node, AIM, ["exec", "--", "true"]);
      assert.ok(loaded.has("NativeModule fs"));
      return [...loaded].filter((m) => !baseline.has(m));
    };
    // fs/promises, the stream classes and readline come with the ES facade of node:fs (its
    // lazy getters), async context frames with an AsyncLocalStorage: no command needs them.
    const heavy = ["crypto", "readline", "internal/crypto/hash", "internal/fs/promises", "internal/readline/interface"];
    // On the execve path nothing is spawned, so neither are child_process, net (with the
    // stream classes) and tty (an isatty at start-up would load it).
    const nodes = [
      { node: process.execPath, names: [...heavy, "internal/async_local_storage/async_context_frame"] },
      // Nor node:os, which Node would load to find its compile cache's default folder.
      {
        node: node24(),
        names: [...heavy, "internal/async_local_storage/async_context_frame", "stream", "net", "tty", "child_process", "os"],
      },
    ];
    for (const { node, names } of nodes) {
      const extra = added(node);
      for (const name of names) assert.not.ok(extra.includes(`NativeModule ${name}`), `${node}: ${name} loaded: ${extra.join(" ")}`);
    }
  },
);
lazy("on Node 24 the compile cache holds the runtime too: the entry turns it on before aim's code is read", () => {
  const { env, dir } = sandbox();
  const cacheEnv = { ...env, NODE_COMPILE_CACHE: join(dir, "compile-cache"), NODE_DEBUG_NATIVE: "COMPILE_CACHE" };
  const run = () => spawnSync(node24(), [AIM, "exec", "--", "true"], { cwd: join(dir, "work"), env: cacheEnv, encoding: "utf8" });
  assert.is(run().status, 0);
  const second = run();
  assert.is(second.status, 0, second.stderr);
  for (const file of ["chunks/main.js", "chunks/runtime.js"])
    assert.match(second.stderr, new RegExp(`V8 code cache for ESM file://\\S*/dist/${file.replace(".", "\\.")} was accepted`), file);
});
lazy("without NODE_COMPILE_CACHE, the cache is where Node keeps it by default: os.tmpdir()/node-compile-cache", () => {
  const { env, dir } = sandbox();
  const run = (tmp: Record<string, string | undefined>) => {
    const e = { ...env, NODE_COMPILE_CACHE: undefined, TMPDIR: undefined, TMP: undefined, TEMP: undefined, ...tmp };
    const r = spawnSync(node24(), [AIM, "exec", "--", "true"], { cwd: join(dir, "work"), env: e, encoding: "utf8" });
    assert.is(r.status, 0, r.stderr);
    const where = spawnSync(node24(), ["-p", "require('node:os').tmpdir()"], { env: e, encoding: "utf8" }).stdout.trim();
    assert.ok(where.startsWith(dir), where);
    return readdirSync(join(where, "node-compile-cache"));
  };
  for (const [name, value] of [
    ["TMPDIR", "tmp-a/"],
    ["TMP", "tmp-b"],
    ["TEMP", "tmp-c//"],
  ] as const) {
    const folder = join(dir, value);
    mkdirSync(folder);
    assert.equal(run({ [name]: folder }).length, 1, `${name}=${folder}: one folder for this Node's version`);
  }
});
lazy.run();
