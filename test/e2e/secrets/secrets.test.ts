import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { BACKEND, filesContaining, STORE_WORDS, sandbox, TEST_PASSPHRASE, expectRun, jsonOf, succeeds } from "../../helpers/cli.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const SENTINEL = "sk-sentinel-7c1e0b9d4f";

const set = suite("aim secrets set / get");
set(`stdin value round-trips through the real ${STORE_WORDS[BACKEND]}, masked by default`, () => {
  const { aim } = sandbox();
  const r = aim(["secrets", "set", "OPENAI_API_KEY", "--description", "work account"], { input: `${SENTINEL}\n` });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, new RegExp(`^aim: stored OPENAI_API_KEY in the ${STORE_WORDS[BACKEND]}`));
  const masked = aim(["secrets", "get", "OPENAI_API_KEY"]);
  assert.is(masked.code, 0);
  assert.is(masked.stdout, "sk-s…f4f\n".replace("f4f", SENTINEL.slice(-3)));
  assert.not.match(masked.stdout + masked.stderr, SENTINEL);
  const shown = aim(["secrets", "get", "OPENAI_API_KEY", "--show"]);
  assert.is(shown.code, 0);
  assert.is(shown.stdout, SENTINEL, "--show to a pipe adds no newline");
  assert.is(shown.stderr, "");
});
if (BACKEND === "keyring") {
  set("the entry is readable by other keyring clients (secret-tool)", () => {
    const { aim, env } = sandbox();
    succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: SENTINEL }));
    const r = spawnSync("secret-tool", ["lookup", "service", env.AIM_KEYRING_SERVICE as string, "username", "ANTHROPIC_API_KEY"], {
      encoding: "utf8",
    });
    assert.is(r.error, undefined, "secret-tool must be installed (libsecret-tools)");
    assert.is(r.stdout, SENTINEL);
  });
} else {
  set("the value lands in the age vault, encrypted, readable by any age implementation", async () => {
    const { aim, env } = sandbox();
    succeeds(aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: SENTINEL }));
    const bytes = readFileSync(join(env.AIM_DATA_DIR as string, "vault.age"));
    assert.ok(bytes.toString("latin1").startsWith("age-encryption.org/v1\n-> scrypt "));
    assert.not.ok(bytes.includes(SENTINEL));
    const { Decrypter } = await import("age-encryption");
    const d = new Decrypter();
    d.addPassphrase(TEST_PASSPHRASE);
    assert.equal(JSON.parse(await d.decrypt(bytes, "text")), { ANTHROPIC_API_KEY: SENTINEL });
  });
}
set("a value on argv works but warns", () => {
  const { aim } = sandbox();
  const r = aim(["secrets", "set", "K", "argv-value"]);
  assert.is(r.code, 0);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /shell history and the process list/);
  expectRun(aim(["secrets", "get", "K", "--show"]), { code: 0, stdout: "argv-value", stderr: "" });
});
set("updating keeps created, changes updated, and keeps the description", () => {
  const { aim } = sandbox();
  succeeds(aim(["secrets", "set", "K", "-d", "note"], { input: "v1" }));
  const first = jsonOf(aim(["secrets", "list", "--json"]))[0];
  const r = aim(["secrets", "set", "K"], { input: "v2" });
  assert.is(r.code, 0);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /updated K/);
  const second = jsonOf(aim(["secrets", "list", "--json"]))[0];
  assert.is(second.created, first.created);
  assert.is(second.description, "note");
  assert.ok(second.updated >= first.updated);
  expectRun(aim(["secrets", "get", "K", "--show"]), { code: 0, stdout: "v2", stderr: "" });
});
set("bad input is refused and changes nothing", () => {
  const { aim } = sandbox();
  for (const name of ["1ABC", "A-B", "A B", ""]) {
    const r = aim(["secrets", "set", name], { input: "v" });
    assert.is(r.code, 1, name);
    assert.match(r.stderr, /is not an environment variable name/);
    assert.is(r.stdout, "");
  }
  const empty = aim(["secrets", "set", "K"], { input: "" });
  assert.is(empty.code, 1);
  assert.is(empty.stdout, "");
  assert.match(empty.stderr, /^aim: the value for K from standard input is empty; nothing was stored/);
  const nul = aim(["secrets", "set", "K"], { input: "a\0b" });
  assert.is(nul.code, 1);
  assert.is(nul.stdout, "");
  assert.match(nul.stderr, /NUL byte/);
  assert.equal(jsonOf(aim(["secrets", "list", "--json"])), []);
  const flag = aim(["secrets", "set", "K", "--bogus"], { input: "v" });
  assert.is(flag.code, 2);
  assert.is(flag.stdout, "");
  assert.is(flag.stderr, 'aim: unknown option "--bogus". See: aim secrets set --help\n');
  const sub = aim(["secrets", "frobnicate"]);
  assert.is(sub.code, 2);
  assert.is(sub.stdout, "");
  assert.match(sub.stderr, /unknown command "secrets frobnicate"/);
});
set("get of a missing key is a clear error", () => {
  const { aim } = sandbox();
  const r = aim(["secrets", "get", "NOPE"]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: no secret named NOPE\. Store it with: aim secrets set NOPE\n$/);
});
set.run();

const list = suite("aim secrets list / delete");
list("lists names and metadata, never values", () => {
  const { aim } = sandbox();
  succeeds(aim(["secrets", "set", "B_KEY", "-d", "bee"], { input: SENTINEL }));
  succeeds(aim(["secrets", "set", "A_KEY"], { input: `${SENTINEL}2` }));
  const table = aim(["secrets", "list"]);
  assert.is(table.code, 0);
  assert.is(table.stderr, "");
  assert.match(
    table.stdout,
    /^PROFILE\s+KEY\s+DESCRIPTION\s+CREATED\s+UPDATED\s+IN STORE\ndefault\s+A_KEY\s+\S+ \S+\s+\S+ \S+\s+yes\ndefault\s+B_KEY\s+bee/,
  );
  const json = aim(["secrets", "list", "--json"]);
  assert.is(json.code, 0);
  assert.is(json.stderr, "");
  const rows = JSON.parse(json.stdout);
  assert.equal(
    rows.map((r: { name: string }) => r.name),
    ["A_KEY", "B_KEY"],
  );
  assert.is(rows[1].description, "bee");
  assert.is(rows[1].present, true);
  assert.not.ok(json.stdout.includes(SENTINEL));
});
list("delete removes the value and metadata; deleting again is an error", () => {
  const { aim } = sandbox();
  succeeds(aim(["secrets", "set", "K"], { input: "v" }));
  const r = aim(["secrets", "delete", "K"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /deleted K/);
  assert.equal(jsonOf(aim(["secrets", "list", "--json"])), []);
  const again = aim(["secrets", "delete", "K"]);
  assert.is(again.code, 1);
  assert.is(again.stdout, "");
  assert.match(again.stderr, /no secret named K/);
});
list.run();

const imp = suite("aim secrets import");
imp("stores each value of a .env file and never prints one", () => {
  const { aim, dir } = sandbox();
  const file = join(dir, "work", ".env");
  const text = `# comment\nOPENAI_API_KEY=${SENTINEL}\nexport GITHUB_TOKEN="gh'tok en"\nMULTI="line1\nline2"\n`;
  writeFileSync(file, text);
  const r = aim(["secrets", "import", file]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /imported 3 new: OPENAI_API_KEY, GITHUB_TOKEN, MULTI/);
  assert.not.ok(r.stderr.includes(SENTINEL));
  expectRun(aim(["secrets", "get", "MULTI", "--show"]), { code: 0, stdout: "line1\nline2", stderr: "" });
  expectRun(aim(["secrets", "get", "GITHUB_TOKEN", "--show"]), { code: 0, stdout: "gh'tok en", stderr: "" });
});
imp("a bad name in the file stores nothing", () => {
  const { aim, dir } = sandbox();
  const file = join(dir, "work", "bad.env");
  writeFileSync(file, "GOOD=1\nBAD-NAME=2\n");
  const r = aim(["secrets", "import", file]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /bad\.env: "BAD-NAME" is not an environment variable name/);
  assert.equal(jsonOf(aim(["secrets", "list", "--json"])), [], "GOOD must not be stored either");
  const missing = aim(["secrets", "import", join(dir, "nope.env")]);
  assert.is(missing.code, 1);
  assert.is(missing.stdout, "");
  assert.match(missing.stderr, /cannot read .*nope\.env: ENOENT/);
});
imp.run();

const hygiene = suite("secret hygiene and concurrency");
hygiene("20 concurrent sets leave 20 entries and a valid metadata file", async () => {
  const { aimAsync, aim, env } = sandbox();
  const runs = await Promise.all(
    Array.from({ length: 20 }, (_, i) => aimAsync(["secrets", "set", `KEY_${i}`, "-d", `n${i}`], { input: `${SENTINEL}-${i}` })),
  );
  for (const r of runs) assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(readFileSync(join(env.AIM_DATA_DIR as string, "secrets.json"), "utf8"));
  assert.is(doc.version, 2);
  assert.is(Object.keys(Object.values(doc.stores)[0] as object).length, 20);
  const rows = jsonOf(aim(["secrets", "list", "--json"]));
  assert.is(rows.filter((r: { present: boolean }) => r.present).length, 20);
});
hygiene("no value reaches aim's data or config folders", () => {
  const { aim, dir } = sandbox();
  succeeds(aim(["secrets", "set", "K", "-d", "desc"], { input: SENTINEL }));
  expectRun(aim(["secrets", "get", "K", "--show"]), { code: 0, stdout: SENTINEL, stderr: "" });
  expectRun(aim(["secrets", "list"]), { code: 0, stdout: /^PROFILE\s+KEY\s+DESCRIPTION/, stderr: "" });
  expectRun(aim(["secrets", "export", "K"]), { code: 0, stdout: /\bK\b/, stderr: "" });
  assert.equal(filesContaining(dir, SENTINEL), []);
  assert.ok(filesContaining(dir, "desc").length > 0, "the scan itself must find what is there");
});
hygiene.run();
