import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../helpers/cli.js";
import { report, sha, toolSandbox } from "../helpers/fixture-tools.js";

// The keyring is reached through the process's own D-Bus session, so these run the built
// library in a child process whose environment has no bus, or a bus that does not answer.
const SCRIPT = `
import { invokeTool, execWithKeys } from ${JSON.stringify(join(ROOT, "dist", "index.js"))};
const r = await invokeTool("claude", "prompt", { prompt: "x" });
const e = await execWithKeys("claude", ["plain"], { keys: ["ANTHROPIC_API_KEY"] });
process.stdout.write(JSON.stringify({ r, e }));
`;

function runLibrary(env: NodeJS.ProcessEnv, cwd: string) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", SCRIPT], { env, cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const degraded = suite("API without a keyring: graceful degradation");
const variants: [string, (env: NodeJS.ProcessEnv) => void][] = [
  [
    "no D-Bus session at all",
    (env) => {
      delete env.DBUS_SESSION_BUS_ADDRESS;
      env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), "aim-nobus-"));
    },
  ],
  [
    "a bus address that nothing answers",
    (env) => {
      env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(mkdtempSync(join(tmpdir(), "aim-bogus-")), "bus")}`;
    },
  ],
];
for (const [name, breakBus] of variants) {
  degraded(`${name}: the tool still runs on the inherited environment, and the result says so`, () => {
    const { aim, env, dir } = toolSandbox({ ANTHROPIC_API_KEY: "sk-inherited-degraded" });
    assert.is(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: "sk-from-keyring" }).code, 0);
    // AIM_BACKEND=keyring: the keyring, not a fallback store, is what is missing here.
    const broken = { ...env, AIM_BACKEND: "keyring" };
    breakBus(broken);
    const out = runLibrary(broken, join(dir, "work"));
    assert.is(out.code, 0, out.stderr);
    assert.is(out.stderr, "", "the library prints nothing");
    const { r, e } = JSON.parse(out.stdout);
    assert.is(r.exitCode, 0);
    assert.is(r.degraded, true);
    assert.match(r.warnings[0], /keyring|D-Bus/);
    assert.match(r.warnings[0], /running with the inherited environment/);
    assert.equal(r.injectedKeys, []);
    assert.equal(r.inheritedKeys, ["ANTHROPIC_API_KEY"]);
    assert.equal(report(r.stdout).keys, { ANTHROPIC_API_KEY: sha("sk-inherited-degraded") });
    assert.is(e.degraded, true);
    assert.is(e.exitCode, 0);
    assert.equal(report(e.stdout).argv, ["plain"]);
  });
}
degraded("with the keyring working, the keyring's value wins over the inherited one", () => {
  const { aim, env, dir } = toolSandbox({ ANTHROPIC_API_KEY: "sk-inherited-degraded" });
  aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: "sk-from-keyring" });
  const out = runLibrary(env, join(dir, "work"));
  assert.is(out.code, 0, out.stderr);
  const { r } = JSON.parse(out.stdout);
  assert.is(r.degraded, false);
  assert.equal(r.injectedKeys, ["ANTHROPIC_API_KEY"]);
  assert.equal(report(r.stdout).keys, { ANTHROPIC_API_KEY: sha("sk-from-keyring") });
});
degraded.run();

const vault = suite("API on the file vault: no prompt, ever");
vault("a locked vault on a terminal: no passphrase prompt, the tool runs degraded", () => {
  const { aim, env, dir } = toolSandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: "vault-pass-for-test", AIM_VAULT_WORK_FACTOR: "10" });
  assert.is(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: "sk-in-the-vault" }).code, 0);
  const locked: NodeJS.ProcessEnv = { ...env, ANTHROPIC_API_KEY: "sk-inherited-locked" };
  delete locked.AIM_VAULT_PASSPHRASE;
  // script(1) gives the library a controlling terminal: a prompt there would hang this test.
  const r = spawnSync("script", ["-qec", `${process.execPath} --input-type=module -e '${SCRIPT.replaceAll("'", "'\\''")}'`, "/dev/null"], {
    env: locked,
    cwd: join(dir, "work"),
    encoding: "utf8",
    timeout: 20_000,
  });
  assert.is(r.error, undefined, "script(1) must be installed (bsdutils) and the library must not wait for input");
  assert.is(r.status, 0, r.stdout);
  assert.not.match(r.stdout, /passphrase for/);
  const { r: result } = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
  assert.is(result.degraded, true);
  assert.match(result.warnings.join("\n"), /vault .* is locked/);
  assert.equal(report(result.stdout).keys, { ANTHROPIC_API_KEY: sha("sk-inherited-locked") });
});
vault.run();
