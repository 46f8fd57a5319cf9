import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, expectRun, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

// Stores under faults.

const dying = suite("item 15: the Secret Service dies mid-import");
dying("one store from start to end; the error names what was stored and what was not", () => {
  const home = mkdtempSync(join(tmpdir(), "aim-dying-"));
  // Its own HOME and data home too: gnome-keyring keeps its keyrings under XDG_DATA_HOME.
  const { env, dir } = sandbox({
    HOME: home,
    XDG_RUNTIME_DIR: home,
    XDG_DATA_HOME: join(home, "share"),
    XDG_CONFIG_HOME: join(home, "config"),
    DBUS_SESSION_BUS_ADDRESS: undefined,
    AIM_BACKEND: undefined,
    AIM_VAULT_PASSPHRASE: "fallback would use this",
    AIM_VAULT_WORK_FACTOR: "10",
  });
  const names = Array.from({ length: 800 }, (_, i) => `K${i + 1}`);
  const envFile = join(dir, "800.env");
  writeFileSync(envFile, names.map((k) => `${k}=value-of-${k}`).join("\n"));
  const out = join(dir, "err.txt");
  // A private session whose daemon this test kills (by its pid on that bus) while aim imports.
  const script = `
    echo pw | gnome-keyring-daemon --unlock --components=secrets >'${out}.gk' 2>&1
    '${process.execPath}' '${AIM}' secrets import '${envFile}' >/dev/null 2>'${out}' &
    aim=$!
    # Kill once at least 30 values are in (the keyring's item list grows as aim stores).
    i=0
    while [ $i -lt 300 ]; do
      n=$(secret-tool search --all service "$AIM_KEYRING_SERVICE" 2>/dev/null | grep -c '^\\[')
      [ "$n" -ge 30 ] && break
      i=$((i + 1)); sleep 0.1
    done
    pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/{print $2}')
    kill -9 "$pid"
    wait "$aim"; echo "rc=$?" > '${out}.rc'`;
  // No pipes: a daemon that D-Bus starts again after the kill would hold them open.
  const r = spawnSync("dbus-run-session", ["--", "sh", "-c", script], { env, stdio: "ignore", timeout: 120_000 });
  assert.ok(!r.error, `dbus-run-session failed: ${r.error?.message}`);
  const stderr = readFileSync(out, "utf8") + readFileSync(`${out}.gk`, "utf8");
  const rc = Number(readFileSync(`${out}.rc`, "utf8").match(/rc=(\d+)/)?.[1]);
  assert.is(rc, 1, stderr);
  const m = stderr.match(
    /^aim: the OS keyring, service ".*" failed part-way \((.*)\)\. Stored \((\d+)\): ([^.]*)\. Not stored \((\d+)\): ([^.]*)\. Once the store answers again/,
  );
  assert.ok(m, stderr.slice(0, 400));
  const [, , n1, stored, n2, notStored] = m as RegExpMatchArray;
  const s = (stored as string).split(", ");
  const ns = (notStored as string).split(", ");
  assert.is(s.length, Number(n1));
  assert.is(ns.length, Number(n2));
  // The kill comes once 30 are in, but a fresh-clone CI run once saw 13 stored (cause not
  // confirmed: gnome-keyring can die by itself under the keyring library's writes while
  // secret-tool polls it, docs/limits.md). What this test checks holds either way: the
  // import stopped part-way, and the error names both sides.
  assert.ok(s.length >= 1 && ns.length > 0, `${s.length} stored, ${ns.length} not`);
  assert.equal([...s, ...ns].sort(), [...names].sort(), "every name is either stored or not stored");
  assert.not.ok(existsSync(join(env.AIM_DATA_DIR as string, "vault.age")), "aim switched to the vault mid-command");
  assert.not.match(stderr, /value-of-/);
  // The metadata knows exactly the stored ones, so list does not call the others MISSING later.
  const meta = JSON.parse(readFileSync(join(env.AIM_DATA_DIR as string, "secrets.json"), "utf8")).stores[
    `keyring:${env.AIM_KEYRING_SERVICE}`
  ];
  assert.equal(Object.keys(meta).sort(), [...s].sort());
});
dying.run();

const away = suite("item 16: keys known to be in the keyring, no keyring now");
const NO_BUS = { DBUS_SESSION_BUS_ADDRESS: "", XDG_RUNTIME_DIR: "/nonexistent", AIM_BACKEND: "" };
away("exec, list, set and doctor say the keyring is out of reach and how to reach it", () => {
  const { aim, env, dir } = sandbox({ AIM_BACKEND: "" });
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [OPENAI_API_KEY]\n" });
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY"], { input: "sk-1" }));
  succeeds(aim(["allow"], { cwd: proj }));
  const r = aim(["exec", "--", "true"], { cwd: proj, env: NO_BUS });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    /^aim: OPENAI_API_KEY is in the OS keyring, which aim cannot reach now: no D-Bus session bus, so no Secret Service \(keyring\) can be reached\. Run aim inside your desktop session/m,
  );
  assert.not.match(r.stderr, /missing OPENAI_API_KEY|aim secrets set OPENAI_API_KEY/);
  const list = aim(["secrets", "list"], { env: NO_BUS });
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, /^default\s+OPENAI_API_KEY .*in the keyring \(unreachable\)$/m);
  assert.not.match(list.stdout, /MISSING/);
  assert.match(list.stderr, /OPENAI_API_KEY is in the OS keyring, which aim cannot reach now/);
  const set = aim(["secrets", "set", "OPENAI_API_KEY"], {
    input: "second-copy",
    env: { ...NO_BUS, AIM_VAULT_PASSPHRASE: "p", AIM_VAULT_WORK_FACTOR: "10" },
  });
  assert.is(set.code, 1);
  assert.is(set.stdout, "");
  assert.match(set.stderr, /OPENAI_API_KEY is in the OS keyring, which aim cannot reach now/);
  assert.not.ok(existsSync(join(env.AIM_DATA_DIR as string, "vault.age")), "a second copy went into a new vault");
  // Metadata written before aim recorded stores: the key is not in the vault, so it is in the keyring.
  const metaFile = join(env.AIM_DATA_DIR as string, "secrets.json");
  const legacy = JSON.parse(readFileSync(metaFile, "utf8"));
  const scope = `keyring:${env.AIM_KEYRING_SERVICE}`;
  delete legacy.stores[scope].OPENAI_API_KEY.store;
  writeFileSync(metaFile, JSON.stringify(legacy));
  const old = aim(["exec", "--", "true"], { cwd: proj, env: NO_BUS });
  assert.is(old.code, 125);
  assert.is(old.stdout, "");
  assert.match(old.stderr, /^aim: OPENAI_API_KEY is in the OS keyring, which aim cannot reach now/m);
  writeFileSync(
    metaFile,
    JSON.stringify({
      ...legacy,
      stores: { ...legacy.stores, [scope]: { OPENAI_API_KEY: { ...legacy.stores[scope].OPENAI_API_KEY, store: "keyring" } } },
    }),
  );
  const doc = aim(["doctor"], { env: NO_BUS });
  assert.is(doc.code, 1, doc.stdout);
  assert.is(doc.stderr, "");
  assert.match(doc.stdout, /FAIL\s+keys in the keyring\s+OPENAI_API_KEY is kept in the OS keyring, which cannot be reached/);
  assert.match(doc.stdout, /fix: run aim inside your desktop session/);
});
away.run();

const stale = suite("item 18: a lock left by a killed aim");
stale("is taken over at once, and the temp files it left are removed", async () => {
  const { env, aim } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: "p", AIM_VAULT_WORK_FACTOR: "18" });
  const data = env.AIM_DATA_DIR as string;
  // Creating a vault runs scrypt inside the vault's lock: kill -9 aim while it holds it.
  const child = spawn(process.execPath, [AIM, "secrets", "set", "K1"], { env, stdio: ["pipe", "ignore", "ignore"] });
  child.stdin.end("v1");
  const lock = join(data, "vault.age.lock");
  const until = Date.now() + 20_000;
  while (!existsSync(lock) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  assert.ok(existsSync(lock), "aim never took the lock");
  // Well inside the scrypt (a few hundred ms at work factor 18), which runs under the lock.
  await new Promise((r) => setTimeout(r, 100));
  process.kill(child.pid as number, "SIGKILL");
  await new Promise((r) => child.on("exit", r));
  assert.ok(existsSync(lock), "the kill left no lock behind: nothing to test");
  // What a writer killed mid-write leaves: write-file-atomic's temp files.
  writeFileSync(join(data, "secrets.json.2849321"), "{");
  writeFileSync(join(data, "vault.age.bak.33"), "x");
  const t0 = Date.now();
  const r = aim(["secrets", "set", "K2"], { input: "v2", env: { AIM_VAULT_WORK_FACTOR: "10" } });
  const took = Date.now() - t0;
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.ok(took < 4_000, `the next set waited ${took} ms`);
  assert.equal(
    readdirSync(data).filter((n) => /\.lock|\.\d+$/.test(n)),
    [],
    "leftovers remain",
  );
  expectRun(aim(["secrets", "get", "K2", "--show"]), { code: 0, stdout: "v2", stderr: "" });
});
stale("a live holder is waited for, not taken over", async () => {
  const { env, aim } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: "p", AIM_VAULT_WORK_FACTOR: "16" });
  const a = spawn(process.execPath, [AIM, "secrets", "set", "A"], { env, stdio: ["pipe", "ignore", "pipe"] });
  a.stdin.end("va");
  const lock = join(env.AIM_DATA_DIR as string, "vault.age.lock");
  const until = Date.now() + 20_000;
  while (!existsSync(lock) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  const b = spawn(process.execPath, [AIM, "secrets", "set", "B"], { env, stdio: ["pipe", "ignore", "pipe"] });
  b.stdin.end("vb");
  const codes = await Promise.all([a, b].map((c) => new Promise((r) => c.on("exit", r))));
  assert.equal(codes, [0, 0]);
  const list = aim(["secrets", "list", "--json"]);
  assert.is(list.stderr, "");
  assert.equal(
    JSON.parse(list.stdout).map((x: { name: string }) => x.name),
    ["A", "B"],
  );
});
stale.run();
