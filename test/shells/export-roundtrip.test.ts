import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, HOSTILE, sandbox } from "../helpers/cli.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const have = (shell: string) => spawnSync(shell, ["-c", "exit 0"]).status === 0;

// Each shell evaluates aim's export code, then writes every variable byte for byte to a file.
const SCRIPTS: Record<string, (aim: string, out: string, keys: string[]) => string[]> = {
  bash: (aim, out, keys) => [
    "--norc",
    "--noprofile",
    "-c",
    `set -eu; eval "$(${aim} secrets export --all --shell bash)"; ${keys.map((k) => `printf '%s' "$${k}" > '${out}/${k}'`).join("; ")}`,
  ],
  zsh: (aim, out, keys) => [
    "-f",
    "-c",
    `setopt err_exit nounset; eval "$(${aim} secrets export --all --shell zsh)"; ${keys.map((k) => `printf '%s' "$${k}" > '${out}/${k}'`).join("; ")}`,
  ],
  fish: (aim, out, keys) => [
    "--no-config",
    "-c",
    `${aim} secrets export --all --shell fish | source; or exit 9; ${keys.map((k) => `printf '%s' "$${k}" > '${out}/${k}'`).join("; ")}`,
  ],
};

const roundtrip = suite("secrets export round trip through real shells");
for (const [shell, script] of Object.entries(SCRIPTS)) {
  roundtrip(`${shell}: every hostile value comes back exactly`, () => {
    assert.ok(have(shell), `${shell} is NOT INSTALLED: this test cannot prove anything without it (apt-get install ${shell})`);
    const { aim, dir, env } = sandbox();
    const keys = Object.keys(HOSTILE).map((k) => `AIM_T_${k.toUpperCase()}`);
    Object.values(HOSTILE).forEach((value, i) => {
      const r = aim(["secrets", "set", keys[i] as string], { input: `${value}\n` });
      assert.is(r.code, 0, r.stderr);
      assert.is(r.stdout, "");
    });
    const out = join(dir, `out-${shell}`);
    mkdirSync(out);
    const r = spawnSync(shell, script(`'${process.execPath}' '${AIM}'`, out, keys), { env, encoding: "utf8", cwd: dir });
    assert.is(r.status, 0, `${shell} failed: ${r.stderr}`);
    assert.is(r.stderr, "");
    Object.values(HOSTILE).forEach((value, i) => {
      assert.is(readFileSync(join(out, keys[i] as string), "utf8"), value, `${shell} ${keys[i]}`);
    });
  });
}
roundtrip("export of a missing key fails and prints no code", () => {
  const { aim } = sandbox();
  const r = aim(["secrets", "export", "NOPE", "--shell", "bash"]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /no secret named NOPE/);
});
roundtrip("export needs keys or --all", () => {
  const { aim } = sandbox();
  const r = aim(["secrets", "export"]);
  assert.is(r.code, 2);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /name the keys to export, or pass --all/);
});
roundtrip.run();
