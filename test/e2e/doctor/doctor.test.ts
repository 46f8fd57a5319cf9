import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, TEST_PASSPHRASE, expectRun, succeeds } from "../../helpers/cli.js";

const NO_BUS = { DBUS_SESSION_BUS_ADDRESS: undefined };
const SECRET = "sk-doctor-never-shows-this";
const row = (status: string, title: string) => new RegExp(`^${status}\\s+${title}\\s`, "m");
type Check = { id: string; title: string; status: string; detail: string; fix: string | null };

const doctor = suite("aim doctor");
doctor("a working keyring session: exit 0, every line ok or a plain warning", () => {
  const { aim } = sandbox({ AIM_BACKEND: undefined });
  succeeds(aim(["secrets", "set", "K"], { input: SECRET }));
  const r = aim(["doctor"]);
  assert.is(r.code, 0, r.stdout);
  assert.is(r.stderr, "");
  assert.match(r.stdout, /^aim can reach its secrets: the OS keyring \(service "aim-test-/);
  assert.match(r.stdout, /^ok\s+backend\s+keyring: auto \(the default\): a D-Bus session is present$/m);
  assert.match(r.stdout, row("ok", "D-Bus session"));
  assert.match(r.stdout, /^ok\s+Secret Service\s+answers, and its default collection is unlocked/m);
  assert.match(r.stdout, /^skip\s+vault file\s+none yet/m);
  assert.not.match(r.stdout, /FAIL/);
  assert.not.ok(r.stdout.includes(SECRET));
});
doctor("reports the governing .aimrc: not allowed (warn, with the fix), then trusted, and a broken one fails", () => {
  const { aim, dir } = sandbox({ AIM_BACKEND: undefined });
  const proj = join(dir, "work", "p");
  mkdirSync(proj, { recursive: true });
  writeFileSync(join(proj, ".aimrc"), "keys: [OPENAI_API_KEY]\n");
  const before = aim(["doctor"], { cwd: proj });
  assert.is(before.code, 0, before.stdout);
  assert.is(before.stderr, "");
  assert.match(before.stdout, /^warn\s+project file\s+\/.*\/p\/\.aimrc \(not allowed\)\n\s+fix: read the file, then run: aim allow$/m);
  succeeds(aim(["allow"], { cwd: proj }));
  expectRun(aim(["doctor"], { cwd: proj }), { code: 0, stdout: /^ok\s+project file\s+\/.*\/p\/\.aimrc \(trusted\)$/m, stderr: "" });
  writeFileSync(join(proj, ".aimrc"), "key: [X]\n");
  const broken = aim(["doctor"], { cwd: proj });
  assert.is(broken.code, 1);
  assert.is(broken.stderr, "");
  assert.match(broken.stdout, /^FAIL\s+project file\s+\.aimrc: unknown field "key"$/m);
});
doctor("--json has a stable shape and no value", () => {
  const { aim } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
  succeeds(aim(["secrets", "set", "K"], { input: SECRET }));
  const r = aim(["doctor", "--json"]);
  assert.is(r.code, 0, r.stdout);
  assert.is(r.stderr, "");
  const report = JSON.parse(r.stdout);
  assert.equal(Object.keys(report), ["version", "ok", "backend", "checks"]);
  assert.is(report.version, 1);
  assert.is(report.ok, true);
  assert.equal(Object.keys(report.backend), ["name", "setting", "source", "reason", "location"]);
  assert.equal([report.backend.name, report.backend.setting, report.backend.source], ["file", "file", "AIM_BACKEND"]);
  const checks = report.checks as Check[];
  assert.equal(
    checks.map((c) => c.id),
    ["backend", "dbus", "keyring", "vault", "unlock", "config-dir", "data-dir", "global-config", "hooks", "project", "mcp-keys", "scan"],
  );
  for (const c of checks) {
    assert.equal(Object.keys(c), ["id", "title", "status", "detail", "fix"]);
    assert.ok(["ok", "warn", "fail", "skip"].includes(c.status), c.status);
  }
  assert.match(checks.find((c) => c.id === "unlock")?.detail ?? "", /AIM_VAULT_PASSPHRASE opens the vault/);
  assert.not.ok(r.stdout.includes(SECRET));
  assert.not.ok(r.stdout.includes(TEST_PASSPHRASE));
});
doctor("no D-Bus with the keyring chosen: exit 1, the missing bus and its fix", () => {
  const { aim } = sandbox({ ...NO_BUS, AIM_BACKEND: "keyring" });
  const r = aim(["doctor"]);
  assert.is(r.code, 1);
  assert.is(r.stderr, "");
  assert.match(r.stdout, /^aim cannot reach its secrets \(the OS keyring .*\); the fixes are below\n/);
  assert.match(
    r.stdout,
    /^FAIL\s+D-Bus session\s+no D-Bus session bus, so no Secret Service \(keyring\) can be reached\n\s+fix: log in to a desktop session, or run aim inside dbus-run-session .*export AIM_BACKEND=file$/m,
  );
  assert.match(r.stdout, row("FAIL", "Secret Service"));
});
doctor("no D-Bus on auto: the vault is used and aim can reach its secrets", () => {
  const { aim } = sandbox({ ...NO_BUS, AIM_BACKEND: undefined });
  const r = aim(["doctor", "--json"]);
  assert.is(r.code, 0, r.stdout);
  assert.is(r.stderr, "");
  const report = JSON.parse(r.stdout);
  assert.is(report.backend.name, "file");
  assert.match(report.backend.reason, /^auto \(the default\): no D-Bus session bus/);
  assert.is((report.checks as Check[]).find((c) => c.id === "dbus")?.status, "warn");
});
doctor("a locked vault with no terminal: exit 1 and the unlock command; a wrong passphrase is caught", () => {
  const { aim } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_WORK_FACTOR: "10", AIM_VAULT_PASSPHRASE: undefined });
  succeeds(aim(["secrets", "set", "K"], { input: "v", env: { AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE } }));
  const r = aim(["doctor"]);
  assert.is(r.code, 1);
  assert.is(r.stderr, "");
  assert.match(
    r.stdout,
    /^FAIL\s+vault unlock\s+locked, and there is no terminal to ask for the passphrase\n\s+fix: aim vault unlock, or set AIM_VAULT_PASSPHRASE \(CI\)$/m,
  );
  const wrong = aim(["doctor"], { env: { AIM_VAULT_PASSPHRASE: "wrong" } });
  assert.is(wrong.code, 1);
  assert.is(wrong.stderr, "");
  assert.match(wrong.stdout, /^FAIL\s+vault unlock\s+the passphrase in AIM_VAULT_PASSPHRASE does not open the vault/m);
});
doctor("a bad backend in config.json fails the backend check, with the fix", () => {
  const { aim, env } = sandbox({ AIM_BACKEND: undefined });
  mkdirSync(env.AIM_CONFIG_DIR as string, { recursive: true });
  writeFileSync(join(env.AIM_CONFIG_DIR as string, "config.json"), '{"backend": "cloud"}');
  const r = aim(["doctor"]);
  assert.is(r.code, 1);
  assert.is(r.stderr, "");
  assert.match(
    r.stdout,
    /^FAIL\s+backend\s+"backend" in .*config\.json is "cloud", not one of keyring, file, auto\n\s+fix: set it to "auto"/m,
  );
});
doctor("finds the shells whose rc file loads aim's hook", () => {
  const { aim, dir } = sandbox({ AIM_BACKEND: undefined });
  const home = join(dir, "home");
  mkdirSync(join(home, ".config", "fish"), { recursive: true });
  writeFileSync(join(home, ".zshrc"), 'export X=1\neval "$(aim hook zsh)"\n');
  writeFileSync(join(home, ".config", "fish", "config.fish"), "aim hook fish | source\n");
  writeFileSync(join(home, ".bashrc"), "# nothing about aim here\n");
  // PowerShell's $PROFILE on Linux and macOS: under XDG's config folder.
  mkdirSync(join(home, ".config", "powershell"), { recursive: true });
  writeFileSync(
    join(home, ".config", "powershell", "Microsoft.PowerShell_profile.ps1"),
    "aim hook pwsh | Out-String | Invoke-Expression\n",
  );
  const r = aim(["doctor", "--json"], { env: { HOME: home, XDG_CONFIG_HOME: undefined, ZDOTDIR: undefined } });
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  const hooks = (JSON.parse(r.stdout).checks as Check[]).find((c) => c.id === "hooks");
  assert.is(hooks?.status, "ok");
  assert.is(
    hooks?.detail,
    `zsh (${home}/.zshrc), fish (${home}/.config/fish/config.fish), pwsh (${home}/.config/powershell/Microsoft.PowerShell_profile.ps1)`,
  );
  const none = aim(["doctor"], { env: { HOME: join(dir, "work"), XDG_CONFIG_HOME: undefined, ZDOTDIR: undefined } });
  assert.match(
    none.stdout,
    /^warn\s+shell hooks\s+no aim hook line in .*\n\s+fix: add to your shell's rc file: ~\/\.bashrc: eval "\$\(aim hook bash\)"; ~\/\.zshrc: eval "\$\(aim hook zsh\)"; ~\/\.config\/fish\/config\.fish: aim hook fish \| source; \$PROFILE: aim hook pwsh \| Out-String \| Invoke-Expression$/m,
  );
  assert.is(none.code, 0, "a missing hook does not stop aim reaching its secrets");
  assert.is(none.stderr, "");
  const help = aim(["doctor", "--help"]);
  assert.is(help.code, 0);
  assert.is(help.stderr, "");
  assert.match(help.stdout, /^Usage: aim doctor \[--json\]/);
  const top = expectRun(aim(["--help"]), { code: 0, stdout: /^Usage: aim /, stderr: "" }).stdout;
  assert.match(top, /^ {2}vault unlock\|lock\|status\s+the encrypted file vault/m);
  assert.match(top, /^ {2}doctor \[--json\]\s+why aim cannot reach its secrets/m);
});
doctor.run();
