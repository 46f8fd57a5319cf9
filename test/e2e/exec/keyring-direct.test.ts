// The direct Secret Service read (src/store/keyring/secret-read.ts), against the real
// gnome-keyring of the keyring pass: the values it reads are the keyring library's byte for
// byte, and every case it does not handle goes to the library (AIM_DEBUG says which path a
// read took). A locked collection gets a private D-Bus session and keyring of its own, so
// that locking it cannot disturb the other tests.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, connect, type Socket } from "node:net";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { socketPath } from "../../../src/store/keyring/dbus-wire.js";
import { AIM, filesContaining, ROOT, sandbox, succeeds } from "../../helpers/cli.js";
import { privateSessionEnv } from "../../helpers/keyring.js";
import { layout } from "../../helpers/project.js";

const DIRECT = /^aim: debug: keyring: read \d+ key\(s\) over D-Bus directly$/m;
const LIBRARY = (why: string) =>
  new RegExp(`^aim: debug: keyring: read through the keyring library \\(the direct read did not: ${why}\\)$`, "m");
const DEBUG = { AIM_DEBUG: "1" };

/** Values as the keyring library (@napi-rs/keyring) writes them, from a process of its own. */
function libraryWrite(env: NodeJS.ProcessEnv, values: Record<string, string>): void {
  const code = `const { Entry } = require("@napi-rs/keyring"); const v = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const [k, s] of Object.entries(v)) new Entry(process.env.AIM_KEYRING_SERVICE, k).setPassword(s);`;
  const r = spawnSync(process.execPath, ["-e", code], { env, cwd: ROOT, input: JSON.stringify(values), encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
}

/** Values as the keyring library reads them. */
function libraryRead(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string | null> {
  const code = `const { Entry } = require("@napi-rs/keyring");
    const out = Object.fromEntries(${JSON.stringify(keys)}.map((k) => [k, new Entry(process.env.AIM_KEYRING_SERVICE, k).getPassword()]));
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ["-e", code], { env, cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** A child that prints the variables it got, as JSON. */
const printer = (keys: string[]) => [
  process.execPath,
  "-e",
  `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(keys)}.map((k) => [k, process.env[k] ?? null]))))`,
];

const VALUES: Record<string, string> = {
  AIM_T_PLAIN: "sk-plain-1234",
  AIM_T_LINES: "line one\nline two\r\n\nend\n",
  AIM_T_UNICODE: "é ü ß 😀 ∑ 中文 \u200b",
  AIM_T_BOM: "\ufeffstarts with a BOM",
  AIM_T_SPACES: "  spaced  ",
  AIM_T_QUOTES: `it's "quoted" $HOME \`x\` \\n`,
  AIM_T_LONG: "x".repeat(60_000) + "é".repeat(20_000),
};
const KEYS = Object.keys(VALUES);

const same = suite("the direct read returns the keyring library's values");
same("several keys (newlines, unicode, a BOM, 100 KB): byte-identical to the library's getPassword", () => {
  const { aim, env } = sandbox();
  libraryWrite(env, VALUES);
  const library = libraryRead(env, KEYS);
  assert.equal(library, VALUES);
  const r = aim(["exec", "--keys", KEYS.join(","), "--", ...printer(KEYS)], { env: DEBUG });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, DIRECT);
  assert.equal(JSON.parse(r.stdout), library);
});
same("aim hook-env in a trusted project takes the direct read", () => {
  const { aim, env, dir } = sandbox();
  libraryWrite(env, { AIM_T_HOOK: "hook\nvalue é" });
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [AIM_T_HOOK]\n" });
  succeeds(aim(["allow"], { cwd: proj }));
  const r = aim(["hook-env", "bash", "1", proj], { cwd: proj, env: DEBUG });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, DIRECT);
  assert.ok(r.stdout.includes("export AIM_T_HOOK='hook\nvalue é';"), r.stdout);
});
same("a missing key is reported as before, whichever path read the others", () => {
  const { aim, env } = sandbox();
  libraryWrite(env, { AIM_T_ONE: "one" });
  const direct = aim(["exec", "--keys", "AIM_T_ONE,AIM_T_NONE", "--", "true"], { env: DEBUG });
  assert.match(direct.stderr, DIRECT);
  // A second item for AIM_T_ONE sends the same read to the keyring library.
  const r = spawnSync(
    "secret-tool",
    ["store", "--label=other", "service", env.AIM_KEYRING_SERVICE as string, "username", "AIM_T_ONE", "application", "other"],
    {
      env,
      input: "one",
    },
  );
  assert.is(r.status, 0, "secret-tool (libsecret-tools) is needed");
  const library = aim(["exec", "--keys", "AIM_T_ONE,AIM_T_NONE", "--", "true"], { env: DEBUG });
  assert.match(library.stderr, LIBRARY("a key has more than one item"));
  const said = (s: string) => s.replace(/^aim: debug: .*\n/gm, "");
  assert.is(direct.code, 125);
  assert.is(library.code, 125);
  assert.is(said(direct.stderr), "aim: missing AIM_T_NONE (required by --keys). Add it with: aim secrets set AIM_T_NONE\n");
  assert.is(said(library.stderr), said(direct.stderr));
  const quiet = aim(["exec", "--keys", "AIM_T_NONE", "--", "true"]);
  assert.equal(
    [quiet.code, quiet.stderr],
    [125, "aim: missing AIM_T_NONE (required by --keys). Add it with: aim secrets set AIM_T_NONE\n"],
  );
});
same("with --pending-deprecation (node:net instead of libuv's pipe): the same values, and no warning", () => {
  const { aim, env } = sandbox();
  libraryWrite(env, { AIM_T_NET: "net\nvalue 😀" });
  const r = aim(["exec", "--keys", "AIM_T_NET", "--", ...printer(["AIM_T_NET"])], {
    env: { ...DEBUG, NODE_OPTIONS: "--pending-deprecation" },
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr.replace(DIRECT, "").trim(), "");
  assert.match(r.stderr, DIRECT);
  assert.equal(JSON.parse(r.stdout), { AIM_T_NET: "net\nvalue 😀" });
});
same.run();

const fallback = suite("what the direct read does not handle goes to the keyring library");
fallback("two items for one key: the library's newest-item rule decides", () => {
  const { aim, env } = sandbox();
  libraryWrite(env, { AIM_T_DUP: "older-by-aim" });
  const r = spawnSync(
    "secret-tool",
    [
      "store",
      "--label=python",
      "service",
      env.AIM_KEYRING_SERVICE as string,
      "username",
      "AIM_T_DUP",
      "application",
      "Python keyring library",
    ],
    {
      env,
      input: "newer-by-python",
    },
  );
  assert.is(r.status, 0, "secret-tool (libsecret-tools) is needed");
  const got = aim(["exec", "--keys", "AIM_T_DUP", "--", ...printer(["AIM_T_DUP"])], { env: DEBUG });
  assert.is(got.code, 0, got.stderr);
  assert.match(got.stderr, LIBRARY("a key has more than one item"));
  assert.equal(JSON.parse(got.stdout), { AIM_T_DUP: "newer-by-python" });
});
fallback("a dead bus address: the library is asked, and its own failure is what the user sees", () => {
  const { aim, env, dir } = sandbox();
  libraryWrite(env, { AIM_T_DEAD: "v" });
  const r = aim(["exec", "--keys", "AIM_T_DEAD", "--", "true"], { env: { ...DEBUG, DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir}/no-bus` } });
  assert.is(r.code, 125);
  assert.match(r.stderr, LIBRARY("the bus cannot be reached \\(ENOENT\\)"));
  // zbus is the keyring library's D-Bus client: its words prove the library made the attempt.
  assert.match(r.stderr, /the keyring cannot be reached \(zbus error: Failed to connect/);
});
fallback("a bus that accepts and never answers: the deadline, then the library reads the value", async () => {
  const { aimAsync, env, dir } = sandbox();
  libraryWrite(env, { AIM_T_SLOW: "slow-value" });
  const real = socketPath(process.env.DBUS_SESSION_BUS_ADDRESS ?? "");
  assert.ok(real, "the keyring pass runs in a D-Bus session with a unix socket");
  // The first connection (the direct read's) is held silent; later ones reach the real bus.
  const held: Socket[] = [];
  let connections = 0;
  const proxy = createServer((c) => {
    held.push(c);
    if (++connections === 1) return;
    const up = connect(real as string);
    held.push(up);
    c.pipe(up).pipe(c);
    up.on("error", () => c.destroy());
    c.on("error", () => up.destroy());
  });
  const path = join(dir, "bus.sock");
  await new Promise<void>((ok) => proxy.listen(path, ok));
  try {
    const r = await aimAsync(["exec", "--keys", "AIM_T_SLOW", "--", ...printer(["AIM_T_SLOW"])], {
      env: { ...DEBUG, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path}` },
    });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, LIBRARY("no answer within 5000 ms"));
    assert.equal(JSON.parse(r.stdout), { AIM_T_SLOW: "slow-value" });
    assert.ok(connections >= 2, "the library connected after the direct read gave up");
  } finally {
    for (const s of held) s.destroy();
    proxy.close();
  }
});
fallback("a locked collection (Secret Service Lock): the library is asked, and says it is locked", () => {
  for (const tool of ["dbus-run-session", "gnome-keyring-daemon", "gdbus"]) {
    assert.is(spawnSync("sh", ["-c", `command -v ${tool}`]).status, 0, `${tool} is NOT INSTALLED (dbus, gnome-keyring, libglib2.0-bin)`);
  }
  const { env, dir } = sandbox();
  const home = join(dir, "home");
  mkdirSync(home);
  const script = [
    "set -e",
    "printf aim-test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null",
    'printf locked-value | "$NODE" "$AIM" secrets set AIM_T_LOCKED 2>/dev/null',
    'AIM_DEBUG=1 "$NODE" "$AIM" exec --keys AIM_T_LOCKED -- true 2>"$OUT.before"',
    "gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock \"['/org/freedesktop/secrets/collection/login']\" >/dev/null",
    'AIM_DEBUG=1 "$NODE" "$AIM" exec --keys AIM_T_LOCKED -- true 2>"$OUT.after" || echo "exit $?" >>"$OUT.after"',
  ].join("\n");
  const out = join(dir, "out");
  const r = spawnSync("dbus-run-session", ["--", "sh", "-c", script], {
    env: privateSessionEnv(env, home, { AIM, OUT: out }),
    encoding: "utf8",
    // A prompt that waits for ever must not hang the suite.
    timeout: 60_000,
    killSignal: "SIGKILL",
  });
  assert.is(r.status, 0, `${r.stderr} ${r.error ?? ""}`);
  assert.match(readFileSync(`${out}.before`, "utf8"), DIRECT);
  const after = readFileSync(`${out}.after`, "utf8");
  assert.match(after, LIBRARY("an item is locked"));
  assert.match(after, /^aim: the keyring has no unlocked default collection/m);
  assert.match(after, /^exit 125$/m);
});
fallback.run();

const hygiene = suite("secret hygiene of the direct read, under strace");
const SENTINEL = "sk-direct-SENTINEL-5b1e77";
hygiene("the value is in no write, send or execve argv: only read from the bus socket", () => {
  assert.is(spawnSync("strace", ["-V"]).status, 0, "strace is NOT INSTALLED: apt-get install strace");
  const { env, dir } = sandbox();
  libraryWrite(env, { AIM_T_S: SENTINEL });
  const log = join(dir, "strace.log");
  const child = `process.exit(process.env.AIM_T_S?.length === ${SENTINEL.length} ? 0 : 3)`;
  const r = spawnSync(
    "strace",
    [
      "-f",
      "-s",
      "65536",
      "-e",
      "trace=execve,write,pwrite64,writev,sendmsg,sendto,read,recvmsg,recvfrom",
      "-o",
      log,
      process.execPath,
      AIM,
      "exec",
      "--keys",
      "AIM_T_S",
      "--",
      process.execPath,
      "-e",
      child,
    ],
    {
      cwd: join(dir, "work"),
      env: { ...env, ...DEBUG },
      encoding: "utf8",
    },
  );
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, DIRECT);
  const lines = readFileSync(log, "utf8")
    .split("\n")
    .filter((l) => l.includes(SENTINEL));
  const leaks = lines.filter((l) => /\b(execve|write|pwrite64|writev|sendmsg|sendto)\(/.test(l));
  assert.equal(leaks, []);
  // The scan sees the socket's traffic: the value arrives in a read of it.
  assert.ok(
    lines.some((l) => /\b(read|recvmsg|recvfrom)\(/.test(l)),
    "the value was read from the bus socket",
  );
  assert.equal(
    filesContaining(dir, SENTINEL).filter((f) => f !== log),
    [],
  );
  writeFileSync(log, "");
});
hygiene.run();
