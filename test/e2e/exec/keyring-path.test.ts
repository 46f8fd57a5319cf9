// The hot path of a trusted project: `aim exec` and `aim hook-env` in a trusted 1-key project with the
// key in the keyring, on Node 24. What it must not do (never timed: the bench measures time):
// load node:crypto (OpenSSL's start-up, and then Node 24's NODE_EXTRA_CA_CERTS read, which
// aim exec waits for before its execve), or open any file twice.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sha256Hex } from "../../../src/core/digest.js";
import { AIM, expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { node24 } from "../../helpers/node24.js";
import { layout } from "../../helpers/project.js";

const BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

const digest = suite("the trust digest");
digest("is node:crypto's SHA-256 of the same bytes, so records made before still match", () => {
  for (const text of ["", "keys: [A]\n", "é ü 😀 keys:\n  - A\n".repeat(300)]) {
    assert.is(sha256Hex(text), createHash("sha256").update(text).digest("hex"));
    assert.is(sha256Hex(Buffer.from(text)), createHash("sha256").update(text).digest("hex"));
  }
});
digest.run();

/** A trusted project asking for one key that the keyring holds; the probe reports loaded bindings. */
function trustedProject() {
  const { aim, env, dir } = sandbox();
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [AIM_T_HOT]\n" });
  succeeds(aim(["secrets", "set", "AIM_T_HOT"], { input: "v-hot" }));
  succeeds(aim(["allow"], { cwd: proj }));
  const probe = join(dir, "probe.cjs");
  writeFileSync(
    probe,
    [
      'const { writeSync } = require("node:fs");',
      "const has = (m) => process.moduleLoadList.includes(m);",
      'const pico = () => Object.keys(require("node:module")._cache).some((p) => p.includes("/picocolors/"));',
      'const report = () => writeSync(2, `CRYPTO ${has("Internal Binding crypto")} TTY ${has("NativeModule tty")} NET ${has("NativeModule net")} COLOURS ${pico()}\\n`);',
      'process.on("exit", report);',
      "const execve = process.execve; if (execve) process.execve = (...a) => { report(); return execve.apply(process, a); };",
      "",
    ].join("\n"),
  );
  return { aim, env: { ...env, NODE_EXTRA_CA_CERTS: BUNDLE }, dir, proj, probe };
}

const hot = suite("a trusted 1-key project on Node 24");
for (const [what, args] of [
  ["aim exec -- true", ["exec", "--", "true"]],
  ["aim exec --keys K -- true", ["exec", "--keys", "AIM_T_HOT", "--", "true"]],
  ["aim hook-env bash", ["hook-env", "bash", "1"]],
] as const) {
  hot(`${what}: no node:crypto, no CA bundle, no file read twice (strace)`, () => {
    assert.is(spawnSync("strace", ["-V"]).status, 0, "strace is NOT INSTALLED: apt-get install strace");
    const { aim, env, dir, proj, probe } = trustedProject();
    const argv = what.startsWith("aim hook-env") ? [...args, proj] : [...args];
    // The hook's first run in a shell makes the shell's id (with node:crypto); a cd is a later run.
    if (what.startsWith("aim hook-env")) assert.is(aim(argv, { cwd: proj, env }).code, 0);
    const r = spawnSync(node24(), ["-r", probe, AIM, ...argv], { cwd: proj, env, encoding: "utf8" });
    assert.is(r.status, 0, r.stderr);
    // stdout and stderr are pipes here: no stream (node:net with it) is made to write them,
    // and a pipe is not a terminal, so node:tty need not load to ask; the keyring read talks
    // to the bus through libuv's pipe handle, not node:net (src/store/keyring/bus-socket.ts).
    // Nor is picocolors loaded to colour nothing (NO_COLOR is set, stderr is not a terminal).
    assert.match(r.stderr, /^CRYPTO false TTY false NET false COLOURS false$/m);
    if (what.startsWith("aim hook-env")) assert.match(r.stdout, /AIM_T_HOT/);
    const log = join(dir, "strace.log");
    const s = spawnSync("strace", ["-f", "-e", "trace=openat,open", "-o", log, node24(), AIM, ...argv], {
      cwd: proj,
      env,
      encoding: "utf8",
    });
    assert.is(s.status, 0, s.stderr);
    const opens = readFileSync(log, "utf8")
      .split("\n")
      .filter((l) => /\bopen(at)?\(/.test(l) && !/ = -1 E[A-Z]+/.test(l));
    const path = (l: string) => l.match(/open(?:at)?\((?:AT_FDCWD, )?"([^"]+)"/)?.[1] ?? "";
    const opened = opens.map(path);
    // Read twice: opened for reading twice (the hook's marker is read, then rewritten).
    const read = opens.filter((l) => l.includes("O_RDONLY")).map(path);
    assert.ok(opened.length > 10, "strace must have seen aim open files");
    assert.not.ok(opened.includes(BUNDLE), "NODE_EXTRA_CA_CERTS was read");
    // aim's own files: the project, its data and config, its build (the C library's loader
    // opening ld.so.cache once per shared object is not aim's doing).
    const mine = (p: string) => p.startsWith(dir) || p.includes("/dist/") || p.includes("/node_modules/");
    const twice = read.filter((p, i) => mine(p) && read.indexOf(p) !== i);
    assert.equal(twice, [], `read twice: ${twice.join(" ")}`);
    assert.ok(opened.some((p) => p.endsWith("/p/.aimrc")));
  });
}
hot("on a terminal, the status line is still coloured (stderr a pty: node:tty is asked)", () => {
  assert.is(spawnSync("script", ["--version"]).status, 0, "script is NOT INSTALLED: apt-get install util-linux");
  const { env, proj } = trustedProject();
  const inner = `'${node24()}' '${AIM}' hook-env bash 1 '${proj}' >/dev/null`;
  const colour: NodeJS.ProcessEnv = { ...env, NO_COLOR: undefined };
  const r = spawnSync("script", ["-qec", inner, "/dev/null"], { cwd: proj, env: colour, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes("\x1b[2maim:\x1b[22m +AIM_T_HOT"), JSON.stringify(r.stdout));
});
hot("the key still arrives", () => {
  const { aim, proj } = trustedProject();
  expectRun(aim(["exec", "--", "sh", "-c", 'printf %s "$AIM_T_HOT"'], { cwd: proj }), { code: 0, stdout: "v-hot", stderr: "" });
});
hot.run();
