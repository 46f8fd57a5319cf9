import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, BACKEND, sandbox, expectRun, succeeds } from "../../helpers/cli.js";
import { plantLarge } from "../../helpers/keyring.js";
import { layout } from "../../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.
// Inputs aim must refuse rather than alter or drop.

const utf8 = suite("item 8: bytes that are not UTF-8 are refused, never stored altered");
utf8("secrets set from standard input", () => {
  const { aim, env } = sandbox();
  const r = spawnSync("sh", ["-c", `printf 'ab\\377\\376cd' | '${process.execPath}' '${AIM}' secrets set U1`], { env, encoding: "utf8" });
  assert.is(r.status, 1, r.stderr);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    /^aim: the value for U1 on standard input is not UTF-8 text \(byte 3 is not valid UTF-8\); nothing was stored\. Store binary data base64-encoded/,
  );
  const get = aim(["secrets", "get", "U1"]);
  assert.is(get.code, 1);
  assert.is(get.stdout, "");
  assert.match(get.stderr, /no secret named U1/);
});
utf8("secrets import of a file that is not UTF-8", () => {
  const { aim, dir } = sandbox();
  const file = join(dir, "latin1.env");
  writeFileSync(file, Buffer.from("A=caf\xe9\nB=ok\n", "latin1"));
  const r = aim(["secrets", "import", file]);
  assert.is(r.code, 1, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /is not UTF-8 text \(byte 6 is not valid UTF-8\); nothing was stored/);
  assert.is(aim(["secrets", "get", "B"]).code, 1, "B was stored although the file was refused");
});
utf8.run();

const lines = suite("item 19: secrets import refuses a file with lines the parser would drop");
lines("names every line that is not KEY=value, a comment or blank; stores nothing", () => {
  const { aim, dir } = sandbox();
  const file = join(dir, "x.env");
  writeFileSync(
    file,
    [
      "# comment",
      "",
      "GOOD=1",
      "A B=x",
      "=x",
      "export OK2='q'",
      "stray",
      'MULTI="line one',
      "line two = not a key",
      'end"',
      "LAST=2",
      "",
    ].join("\n"),
  );
  const r = aim(["secrets", "import", file]);
  assert.is(r.code, 1, r.stderr);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    new RegExp(
      `^aim: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: lines 4, 5, 7 are not KEY=value, a comment or blank, so their values would be lost; nothing was imported\\. Fix those lines`,
    ),
  );
  for (const k of ["GOOD", "OK2", "MULTI", "LAST"]) assert.is(aim(["secrets", "get", k]).code, 1, `${k} was stored`);
  writeFileSync(
    file,
    ["# comment", "", "GOOD=1", "export OK2='q'", 'MULTI="line one', "line two = not a key", 'end"', "LAST=2  # note", ""].join("\n"),
  );
  const ok = aim(["secrets", "import", file]);
  assert.is(ok.code, 0, ok.stderr);
  assert.is(ok.stdout, "");
  assert.match(ok.stderr, /imported 4 new: GOOD, OK2, MULTI, LAST/);
  expectRun(aim(["secrets", "get", "MULTI", "--show"]), { code: 0, stdout: "line one\nline two = not a key\nend", stderr: "" });
});
lines.run();

const big = suite("item 20: a value too large for any program's environment");
const LIMIT = 131072;
big("secrets set refuses it and says the limit", () => {
  const { aim } = sandbox();
  const r = aim(["secrets", "set", "BIG"], { input: "x".repeat(200_000) });
  assert.is(r.code, 1, r.stderr);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    new RegExp(
      `^aim: the value for BIG from standard input is 200000 bytes: no program could receive it, since Linux allows one environment variable at most ${LIMIT} bytes \\(128 KiB, NAME=value included\\); nothing was stored`,
    ),
  );
  assert.not.match(r.stderr, /xxxx/);
  assert.is(aim(["secrets", "get", "BIG"]).code, 1);
  // The largest value that fits is taken: BIG= (4 bytes) + value + NUL = 131072.
  const fits = aim(["secrets", "set", "BIG"], { input: "y".repeat(LIMIT - 5) });
  assert.is(fits.code, 0, fits.stderr);
  assert.is(fits.stdout, "");
  const run = aim(["exec", "--keys", "BIG", "--", "sh", "-c", 'printf %s "$BIG" | wc -c']);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.stdout.trim(), String(LIMIT - 5));
});
if (BACKEND === "keyring") {
  big("a too-large value another program stored: exec names the key and size; the hook does not export it", () => {
    const { aim, env, dir } = sandbox({ AIM_BACKEND: "keyring" });
    plantLarge(env, "HUGE", 200_000);
    succeeds(aim(["secrets", "set", "SMALL"], { input: "s" }));
    const r = aim(["exec", "--keys", "HUGE", "--", "true"]);
    assert.is(r.code, 125);
    assert.is(r.stdout, "");
    assert.match(
      r.stderr,
      /^aim: cannot hand over HUGE: HUGE=… would take 200006 bytes, more than the 131072 bytes \(128 KiB, NAME=value included\) that Linux allows one environment variable\. Store it again: aim secrets set HUGE\n$/,
    );
    assert.not.match(r.stderr, /zzzz|E2BIG|internal/);
    const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [SMALL, HUGE]\n" });
    succeeds(aim(["allow"], { cwd: proj }));
    // A real bash evaluates the hook's output, then must still be able to start programs.
    const script = `eval "$('${process.execPath}' '${AIM}' hook-env bash $$ '${proj}')"; echo "small=$SMALL huge=\${#HUGE}"; /bin/echo still-runs`;
    const sh = spawnSync("bash", ["-c", script], { cwd: proj, env, encoding: "utf8" });
    assert.is(sh.status, 0, sh.stderr);
    assert.is(sh.stdout, "small=s huge=0\nstill-runs\n");
    assert.match(sh.stderr, /cannot hand over HUGE: HUGE=… would take 200006 bytes/);
    assert.match(sh.stderr, /\+SMALL/);
    assert.not.match(sh.stderr, /missing HUGE/);
  });
}
big.run();
