// Several accounts for one variable (DESIGN "Profiles and references"): store keys with
// profiles through every secrets command, two projects reading two profiles through exec,
// run and npm run, and metadata that belongs to one store key in one store.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, BACKEND, filesContaining, sandbox, expectRun, jsonOf } from "../../helpers/cli.js";
import { report, sha, toolSandbox, writeGlobalConfig } from "../../helpers/fixture-tools.js";
import { layout, PRINT_KEYS } from "../../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const node = process.execPath;
const WORK = "sk-work-0123456789abcdef";
const HOME = "sk-personal-fedcba9876543210";
type Sandbox = ReturnType<typeof sandbox>;

const ok = (r: { code: number | null; stderr: string }, what: string) => assert.is(r.code, 0, `${what}: ${r.stderr}`);
const keysOf = (stdout: string) => JSON.parse(stdout) as Record<string, string | null>;

/** Two profiles' values, and two trusted projects: work/ reads `profile: work`, personal/ maps each variable. */
function accounts(sb: Sandbox = sandbox()) {
  ok(sb.aim(["secrets", "set", "work/OPENAI_API_KEY"], { input: WORK }), "set work/");
  ok(sb.aim(["secrets", "set", "OPENAI_API_KEY", "--profile", "personal"], { input: HOME }), "set --profile personal");
  ok(sb.aim(["secrets", "set", "work/GITHUB_TOKEN"], { input: "ghp-work-token-1234" }), "set work/GITHUB_TOKEN");
  const work = layout(join(sb.dir, "work", "work-app"), {
    ".aimrc": "profile: work\nkeys:\n  - OPENAI_API_KEY\noptional:\n  - GITHUB_TOKEN\n",
  });
  const personal = layout(join(sb.dir, "work", "side-app"), { ".aimrc": "keys:\n  - OPENAI_API_KEY: personal/OPENAI_API_KEY\n" });
  for (const cwd of [work, personal]) ok(sb.aim(["allow"], { cwd }), "allow");
  return { ...sb, workDir: work, personalDir: personal };
}

const keys = suite("store keys PROFILE/NAME");
keys("set, get, list, export, delete address PROFILE/NAME and --profile alike", () => {
  const sb = accounts();
  const { aim } = sb;
  expectRun(aim(["secrets", "get", "work/OPENAI_API_KEY", "--show"]), { code: 0, stdout: WORK, stderr: "" });
  expectRun(aim(["secrets", "get", "OPENAI_API_KEY", "--profile", "work", "--show"]), { code: 0, stdout: WORK, stderr: "" });
  expectRun(aim(["secrets", "get", "personal/OPENAI_API_KEY", "--show"]), { code: 0, stdout: HOME, stderr: "" });
  const none = aim(["secrets", "get", "OPENAI_API_KEY", "--show"]);
  assert.is(none.code, 1, "no silent fallback: the default profile holds no OPENAI_API_KEY");
  assert.is(none.stdout, "");
  assert.match(none.stderr, /^aim: no secret named OPENAI_API_KEY\. Store it with: aim secrets set OPENAI_API_KEY\n$/);
  const clash = aim(["secrets", "get", "work/OPENAI_API_KEY", "--profile", "personal"]);
  assert.is(clash.code, 2);
  assert.is(clash.stdout, "");
  assert.match(clash.stderr, /^aim: work\/OPENAI_API_KEY names profile work, but --profile says personal/);
  const bad = aim(["secrets", "set", "work/eu/OPENAI_API_KEY"], { input: "x" });
  assert.is(bad.code, 1);
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /^aim: "work\/eu\/OPENAI_API_KEY" is not a store key\. A store key is NAME or PROFILE\/NAME/);

  const rows = jsonOf(aim(["secrets", "list", "--json"])) as Array<Record<string, unknown>>;
  assert.equal(
    rows.map((r) => [r.key, r.profile, r.name, r.present]),
    [
      ["personal/OPENAI_API_KEY", "personal", "OPENAI_API_KEY", true],
      ["work/GITHUB_TOKEN", "work", "GITHUB_TOKEN", true],
      ["work/OPENAI_API_KEY", "work", "OPENAI_API_KEY", true],
    ],
  );
  const table = aim(["secrets", "list", "--profile", "work"]);
  ok(table, "list --profile");
  assert.match(
    table.stdout,
    /^PROFILE\s+KEY\s+DESCRIPTION\s+CREATED\s+UPDATED\s+IN STORE\nwork\s+GITHUB_TOKEN\s.*yes\nwork\s+OPENAI_API_KEY\s.*yes\n$/,
  );

  const exported = aim(["secrets", "export", "work/OPENAI_API_KEY", "--shell", "bash"]);
  ok(exported, "export");
  assert.match(exported.stdout, new RegExp(`^export OPENAI_API_KEY='?${WORK}'?;?\n$`));
  const all = aim(["secrets", "export", "--all", "--profile", "work", "--shell", "bash"]);
  assert.is(all.code, 0);
  assert.is(all.stderr, "");
  assert.equal(
    all.stdout
      .trim()
      .split("\n")
      .map((l) => l.split("=")[0]),
    ["export GITHUB_TOKEN", "export OPENAI_API_KEY"],
  );
  const both = aim(["secrets", "export", "work/OPENAI_API_KEY", "personal/OPENAI_API_KEY"]);
  assert.is(both.code, 2);
  assert.is(both.stdout, "");
  assert.match(both.stderr, /would both be exported as OPENAI_API_KEY/);

  ok(aim(["secrets", "delete", "OPENAI_API_KEY", "--profile", "work"]), "delete --profile");
  assert.is(aim(["secrets", "get", "work/OPENAI_API_KEY"]).code, 1);
  expectRun(
    aim(["secrets", "get", "personal/OPENAI_API_KEY", "--show"]),
    { code: 0, stdout: HOME, stderr: "" },
    "the other profile is untouched",
  );
  for (const f of filesContaining(sb.dir, WORK)) if (BACKEND === "keyring" || !f.endsWith(".age")) assert.unreachable(`${f} holds a value`);
});
keys("import FILE --profile P stores each NAME as P/NAME", () => {
  const { aim, dir } = sandbox();
  writeFileSync(join(dir, "work", ".env"), `OPENAI_API_KEY=${WORK}\nOTHER=two-value\n`);
  const r = aim(["secrets", "import", ".env", "--profile", "work"]);
  ok(r, "import");
  assert.match(r.stderr, /imported 2 new: work\/OPENAI_API_KEY, work\/OTHER/);
  assert.not.match(r.stderr, WORK);
  expectRun(aim(["secrets", "get", "work/OTHER", "--show"]), { code: 0, stdout: "two-value", stderr: "" });
  assert.is(aim(["secrets", "get", "OTHER"]).code, 1);
});
if (BACKEND === "keyring") {
  keys("the keyring's account is the store key: secret-tool reads what aim stored", () => {
    const { aim, env } = sandbox();
    ok(aim(["secrets", "set", "work/OPENAI_API_KEY"], { input: WORK }), "set");
    const r = spawnSync("secret-tool", ["lookup", "service", env.AIM_KEYRING_SERVICE as string, "username", "work/OPENAI_API_KEY"], {
      env,
      encoding: "utf8",
    });
    assert.is(r.error, undefined, "secret-tool must be installed (libsecret-tools)");
    assert.is(r.stdout, WORK);
    const plain = spawnSync("secret-tool", ["lookup", "service", env.AIM_KEYRING_SERVICE as string, "username", "OPENAI_API_KEY"], {
      env,
      encoding: "utf8",
    });
    assert.is(plain.stdout, "", "nothing under the plain name");
  });
} else {
  keys("the vault's entry is named by the store key", () => {
    const { aim, env } = sandbox();
    ok(aim(["secrets", "set", "work/OPENAI_API_KEY"], { input: WORK }), "set");
    assert.ok(readFileSync(join(env.AIM_DATA_DIR as string, "vault.age")).length > 0);
    const rows = jsonOf(aim(["secrets", "list", "--json"])) as Array<{ key: string }>;
    assert.equal(
      rows.map((x) => x.key),
      ["work/OPENAI_API_KEY"],
    );
  });
}
keys.run();

const launch = suite("two projects, two profiles: exec, run, npm run");
launch("exec: profile: work reads work/, a mapping reads its own reference, --profile wins", () => {
  const { aim, workDir, personalDir } = accounts();
  const w = aim(["exec", "--", node, PRINT_KEYS, "OPENAI_API_KEY", "GITHUB_TOKEN"], { cwd: workDir });
  ok(w, "exec in work-app");
  assert.is(w.stderr, "");
  assert.equal(keysOf(w.stdout), { OPENAI_API_KEY: sha(WORK), GITHUB_TOKEN: sha("ghp-work-token-1234") });
  const p = aim(["exec", "--", node, PRINT_KEYS, "OPENAI_API_KEY", "GITHUB_TOKEN"], { cwd: personalDir });
  ok(p, "exec in side-app");
  assert.equal(keysOf(p.stdout), { OPENAI_API_KEY: sha(HOME), GITHUB_TOKEN: null });
  // --profile beats the file's profile, and the file's beats AIM_PROFILE.
  const flag = aim(["exec", "--profile", "personal", "--", node, PRINT_KEYS, "OPENAI_API_KEY"], { cwd: workDir });
  assert.is(flag.code, 0);
  assert.is(flag.stderr, "");
  assert.equal(keysOf(flag.stdout), { OPENAI_API_KEY: sha(HOME) });
  const env = aim(["exec", "--", node, PRINT_KEYS, "OPENAI_API_KEY"], { cwd: workDir, env: { AIM_PROFILE: "personal" } });
  assert.is(env.code, 0);
  assert.is(env.stderr, "");
  assert.equal(keysOf(env.stdout), { OPENAI_API_KEY: sha(WORK) }, "the .aimrc's profile wins over AIM_PROFILE");
  // A mapping is never changed by a profile.
  const mapped = aim(["exec", "--profile", "work", "--", node, PRINT_KEYS, "OPENAI_API_KEY"], { cwd: personalDir });
  assert.is(mapped.code, 0);
  assert.is(mapped.stderr, "");
  assert.equal(keysOf(mapped.stdout), { OPENAI_API_KEY: sha(HOME) });
  // --keys takes store keys; AIM_PROFILE applies where no .aimrc says otherwise.
  const k = aim(
    ["exec", "--no-config", "--keys", "work/GITHUB_TOKEN,OPENAI_API_KEY", "--", node, PRINT_KEYS, "GITHUB_TOKEN", "OPENAI_API_KEY"],
    { env: { AIM_PROFILE: "personal" } },
  );
  ok(k, "--keys with AIM_PROFILE");
  assert.equal(keysOf(k.stdout), { GITHUB_TOKEN: sha("ghp-work-token-1234"), OPENAI_API_KEY: sha(HOME) });
});
launch("no silent fallback: a key missing from the profile names the reference and the fix (125)", () => {
  const { aim, workDir } = accounts();
  ok(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: "default-profile-value" }), "set default");
  writeFileSync(join(workDir, ".aimrc"), "profile: work\nkeys: [OPENAI_API_KEY, ANTHROPIC_API_KEY]\n");
  ok(aim(["allow"], { cwd: workDir }), "allow");
  const r = aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: workDir });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    /^aim: missing ANTHROPIC_API_KEY <- work\/ANTHROPIC_API_KEY \(required by .*work-app\/\.aimrc\)\. Add it with: aim secrets set work\/ANTHROPIC_API_KEY\n$/,
  );
  // The inherited environment still counts, as in CI.
  const ci = aim(["exec", "--", node, PRINT_KEYS, "ANTHROPIC_API_KEY"], { cwd: workDir, env: { ANTHROPIC_API_KEY: "from-ci" } });
  ok(ci, "inherited");
  assert.equal(keysOf(ci.stdout), { ANTHROPIC_API_KEY: sha("from-ci") });
  const badFlag = aim(["exec", "--profile", "a/b", "--", "true"], { cwd: workDir });
  assert.is(badFlag.code, 125);
  assert.is(badFlag.stdout, "");
  assert.match(badFlag.stderr, /^aim: --profile "a\/b" is not a profile name\./);
  const badEnv = aim(["exec", "--", "true"], { cwd: workDir, env: { AIM_PROFILE: "a/b" } });
  assert.is(badEnv.code, 125);
  assert.is(badEnv.stdout, "");
  assert.match(badEnv.stderr, /^aim: AIM_PROFILE is "a\/b", which is not a profile name\./);
});
launch("the global config's keys take references too, checked like the .aimrc's", () => {
  const { aim, env, workDir } = accounts();
  writeGlobalConfig(env, "config.yaml", "keys:\n  - GITHUB_TOKEN: work/GITHUB_TOKEN\n");
  const r = aim(["exec", "--", node, PRINT_KEYS, "GITHUB_TOKEN"], { cwd: join(workDir, "..") });
  ok(r, "global reference outside any project");
  assert.equal(keysOf(r.stdout), { GITHUB_TOKEN: sha("ghp-work-token-1234") });
  writeGlobalConfig(
    env,
    "config.yaml",
    "keys:\n  - GITHUB_TOKEN: work/GITHUB_TOKEN\n  - GITHUB_TOKEN\noptional:\n  - X: op://vault/item\n",
  );
  const bad = aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: workDir });
  assert.is(bad.code, 125);
  assert.is(bad.stdout, "");
  assert.match(
    bad.stderr,
    /^aim: .*config\.yaml: keys\[1\]: GITHUB_TOKEN is listed twice \(also at keys\[0\]\).*; optional\[0\]\.X: unknown scheme "op"/,
  );
});
launch("status and allow show VARIABLE <- reference and whether it is present, never a value", () => {
  const { aim, workDir } = accounts();
  const s = aim(["status", "--json"], { cwd: workDir });
  ok(s, "status");
  const doc = JSON.parse(s.stdout);
  assert.is(doc.profile, "work");
  assert.equal(doc.keys, [
    { name: "OPENAI_API_KEY", reference: "work/OPENAI_API_KEY", required: true, source: "store", hosts: ["api.openai.com"] },
    { name: "GITHUB_TOKEN", reference: "work/GITHUB_TOKEN", required: false, source: "store", hosts: ["api.github.com", "github.com"] },
  ]);
  const text = aim(["status", "--profile", "personal"], { cwd: workDir });
  assert.is(text.code, 0);
  assert.is(text.stderr, "");
  assert.match(
    text.stdout,
    /\nprofile: personal\n {2}✓ OPENAI_API_KEY <- personal\/OPENAI_API_KEY: store → api\.openai\.com\n {2}✗ GITHUB_TOKEN <- personal\/GITHUB_TOKEN \(optional\): missing → api\.github\.com, github\.com\n$/,
  );
  writeFileSync(join(workDir, ".aimrc"), "profile: work\nkeys: [OPENAI_API_KEY, NOPE_KEY]\n");
  const a = aim(["allow"], { cwd: workDir });
  ok(a, "allow");
  assert.match(
    a.stderr,
    /^aim: allowed .*\.aimrc \(keys: OPENAI_API_KEY <- work\/OPENAI_API_KEY present, NOPE_KEY <- work\/NOPE_KEY missing\)\n$/,
  );
  for (const out of [s.stdout, text.stdout, a.stderr]) assert.not.match(out, WORK);
});
launch("aim run --profile work reads the tool's variables from work/; from takes references", () => {
  const sb = toolSandbox();
  const { aim, env } = sb;
  ok(aim(["secrets", "set", "work/ANTHROPIC_API_KEY"], { input: WORK }), "set");
  ok(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: HOME }), "set default");
  // --no-broker: the fixture reports the values it gets (aim run brokers claude by default).
  const w = aim(["run", "--no-broker", "--profile", "work", "claude", "-p", "hi"]);
  ok(w, "run --profile work");
  assert.equal(report(w.stdout).keys, { ANTHROPIC_API_KEY: sha(WORK) });
  const d = aim(["run", "--no-broker", "claude", "-p", "hi"]);
  assert.is(d.code, 0);
  assert.is(d.stderr, "");
  assert.equal(report(d.stdout).keys, { ANTHROPIC_API_KEY: sha(HOME) });
  const none = aim(["run", "--profile", "nobody", "claude"]);
  assert.is(none.code, 125);
  assert.is(none.stdout, "");
  assert.match(
    none.stderr,
    /claude needs ANTHROPIC_API_KEY <- nobody\/ANTHROPIC_API_KEY.*Add one with: aim secrets set nobody\/ANTHROPIC_API_KEY/,
  );
  // Codex reads CODEX_API_KEY (codex exec ignores OPENAI_API_KEY): the user fills it from a personal key.
  writeGlobalConfig(env, "config.yaml", "tools:\n  codex:\n    from:\n      CODEX_API_KEY: personal/OPENAI_API_KEY\n");
  ok(aim(["secrets", "set", "personal/OPENAI_API_KEY"], { input: "sk-from-personal-1234" }), "set");
  const c = aim(["run", "--no-broker", "--profile", "work", "codex", "exec", "hi"]);
  ok(c, "run codex");
  assert.equal(report(c.stdout).keys, { CODEX_API_KEY: sha("sk-from-personal-1234") }, "a from reference is never changed by --profile");
  const rows = (args: string[]) => jsonOf(aim(["tools", "--json", ...args])) as Array<{ name: string; keys: unknown }>;
  assert.equal(rows([]).find((t) => t.name === "codex")?.keys, [
    { name: "CODEX_API_KEY", from: "personal/OPENAI_API_KEY", inStore: true, inEnvironment: false },
  ]);
  assert.equal(rows(["--profile", "work"]).find((t) => t.name === "claude")?.keys, [
    { name: "ANTHROPIC_API_KEY", from: "work/ANTHROPIC_API_KEY", inStore: true, inEnvironment: false },
  ]);
  assert.equal(rows(["--profile", "nobody"]).find((t) => t.name === "claude")?.keys, [
    { name: "ANTHROPIC_API_KEY", from: "nobody/ANTHROPIC_API_KEY", inStore: false, inEnvironment: false },
  ]);
  writeGlobalConfig(env, "config.yaml", "tools:\n  codex:\n    from:\n      CODEX_API_KEY: nope:x\n");
  const bad = aim(["run", "codex"]);
  assert.is(bad.code, 125);
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /config\.yaml: tools\.codex\.from\.CODEX_API_KEY: .*unknown scheme "nope"/);
});
launch("npm run: a package.json script `aim exec -- node -e ...` gets each project's profile", () => {
  const sb = accounts();
  const npm = spawnSync("npm", ["--version"], { encoding: "utf8" });
  assert.is(npm.status, 0, "npm must be installed");
  const bin = join(sb.dir, "bin");
  layout(bin, { aim: `#!/bin/sh\nexec '${node}' '${AIM}' "$@"\n` });
  spawnSync("chmod", ["+x", join(bin, "aim")]);
  const script = `aim exec -- node -e "process.stdout.write(require('crypto').createHash('sha256').update(process.env.OPENAI_API_KEY||'').digest('hex'))"`;
  for (const [dir, want] of [
    [sb.workDir, WORK],
    [sb.personalDir, HOME],
  ] as const) {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", scripts: { show: script } }));
    const r = spawnSync("npm", ["run", "-s", "show"], {
      cwd: dir,
      env: { ...sb.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: "utf8",
    });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout, sha(want));
  }
});
launch.run();

const meta = suite("metadata belongs to one store key in one store");
meta("work/X and X never share a record", () => {
  const { aim } = sandbox();
  ok(aim(["secrets", "set", "X_KEY", "-d", "personal one"], { input: "v1" }), "set");
  ok(aim(["secrets", "set", "work/X_KEY", "-d", "work one"], { input: "v2" }), "set");
  const rows = () => jsonOf(aim(["secrets", "list", "--json"])) as Array<{ key: string; description?: string; created?: string }>;
  assert.equal(
    rows().map((r) => [r.key, r.description]),
    [
      ["X_KEY", "personal one"],
      ["work/X_KEY", "work one"],
    ],
  );
  ok(aim(["secrets", "delete", "work/X_KEY"]), "delete");
  const left = rows();
  assert.equal(
    left.map((r) => [r.key, r.description]),
    [["X_KEY", "personal one"]],
  );
  assert.ok(left[0]?.created, "the other record keeps its dates");
});
if (BACKEND === "keyring") {
  // The three faults of a second AIM_KEYRING_SERVICE with one secrets.json keyed by name.
  const two = () => {
    const sb = sandbox();
    const other = { AIM_KEYRING_SERVICE: `${sb.env.AIM_KEYRING_SERVICE}-work` };
    return { ...sb, other };
  };
  meta("a description set under another service does not overwrite this service's", () => {
    const { aim, other } = two();
    ok(aim(["secrets", "set", "SHARED_KEY", "-d", "home account"], { input: "home" }), "set");
    ok(aim(["secrets", "set", "SHARED_KEY", "-d", "work account"], { input: "work", env: other }), "set other");
    const mine = jsonOf(aim(["secrets", "list", "--json"]));
    assert.is(mine[0].description, "home account");
    const theirs = jsonOf(aim(["secrets", "list", "--json"], { env: other }));
    assert.is(theirs[0].description, "work account");
  });
  meta("deleting under another service keeps this service's description and dates", () => {
    const { aim, other } = two();
    ok(aim(["secrets", "set", "SHARED_KEY", "-d", "home account"], { input: "home" }), "set");
    const before = jsonOf(aim(["secrets", "list", "--json"]))[0];
    ok(aim(["secrets", "set", "SHARED_KEY"], { input: "work", env: other }), "set other");
    ok(aim(["secrets", "delete", "SHARED_KEY"], { env: other }), "delete other");
    const after = jsonOf(aim(["secrets", "list", "--json"]))[0];
    assert.equal(after, before);
  });
  meta("aim secrets list under another service shows none of this service's keys", () => {
    const { aim, other } = two();
    ok(aim(["secrets", "set", "ONLY_HOME"], { input: "home" }), "set");
    const r = aim(["secrets", "list", "--json"], { env: other });
    ok(r, "list other");
    assert.equal(JSON.parse(r.stdout), []);
  });
}
meta("an existing version-1 secrets.json keeps working and is upgraded in place on the first write", () => {
  const { aim, env } = sandbox();
  ok(aim(["secrets", "set", "OLD_KEY"], { input: "old" }), "set");
  const path = join(env.AIM_DATA_DIR as string, "secrets.json");
  const v1 = {
    version: 1,
    secrets: { OLD_KEY: { description: "from before", created: "2025-01-01T00:00:00.000Z", updated: "2025-01-02T00:00:00.000Z" } },
  };
  writeFileSync(path, JSON.stringify(v1));
  const listed = jsonOf(aim(["secrets", "list", "--json"]));
  assert.equal(
    listed.map((r: { key: string; description: string }) => [r.key, r.description]),
    [["OLD_KEY", "from before"]],
  );
  assert.equal(JSON.parse(readFileSync(path, "utf8")), v1, "reading changes nothing");
  ok(aim(["secrets", "set", "work/NEW_KEY"], { input: "new" }), "set");
  const doc = JSON.parse(readFileSync(path, "utf8"));
  assert.is(doc.version, 2);
  const [records] = Object.values(doc.stores) as Array<Record<string, { description?: string }>>;
  assert.equal(Object.keys(records ?? {}).sort(), ["OLD_KEY", "work/NEW_KEY"]);
  assert.is(records?.OLD_KEY?.description, "from before");
});
meta.run();
