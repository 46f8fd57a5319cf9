// The files a repository controls around the team file:
// names with control characters, the header comment, sizes and file types, another user's
// or a world-writable recipients file, and the exact bytes aim prints from them.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun } from "../../helpers/cli.js";
import { git, push, twoMembers } from "../../helpers/team.js";

const HEADER = "# The members who can read team.age: one age public key a line (aim team add / remove).";

/** alice's team file with one name in it, and bob's public key (bob has not been added). */
function started() {
  const t = twoMembers();
  expectRun(t.alice.aim(["team", "init"], { cwd: t.a }), { code: 0, stdout: "", stderr: /^aim: made your team identity/ });
  expectRun(t.alice.aim(["team", "set", "TOKEN"], { cwd: t.a, input: "v1" }), { code: 0, stdout: "", stderr: /^aim: stored TOKEN/ });
  const bobKey = t.bob.aim(["team", "whoami"]).stdout.trim();
  assert.match(bobKey, /^age1[0-9a-z]{58}$/);
  return { ...t, bobKey, recipients: join(t.a, ".aim", "recipients"), file: join(t.a, ".aim", "team.age") };
}

const names = suite("team: member names (items 5, 21)");
names("a name with a newline or another control character is refused, and nothing is written", () => {
  const { alice, a, bobKey, recipients } = started();
  const before = readFileSync(recipients, "utf8");
  for (const name of [`bob\n${bobKey}`, "bob\x1b]0;owned\x07", "bob\u202egnp.exe"]) {
    const r = alice.aim(["team", "add", bobKey, "--name", name], { cwd: a });
    expectRun(r, { code: 2, stdout: "", stderr: /^aim: the name ".*" holds a control or bidi character\. / });
    for (const c of ["\x1b", "\u202e"]) assert.not.ok(r.stderr.includes(c), "the refusal prints the name escaped");
    assert.is(r.stderr.split("\n").length, 2, "one line");
    assert.is(readFileSync(recipients, "utf8"), before);
  }
  const init = alice.aim(["team", "init", "--name", "x\ny"], { cwd: join(a, "..") });
  expectRun(init, {
    code: 2,
    stdout: "",
    stderr: 'aim: the name "x\\u000ay" holds a control or bidi character. Give a name on one line, without control characters\n',
  });
});

names("with USER unset, team init names the member by the account, and the header is never a name", () => {
  const { alice, a } = twoMembers();
  const env = { USER: undefined, LOGNAME: undefined };
  expectRun(alice.aim(["team", "init"], { cwd: a, env }), { code: 0, stdout: "", stderr: /^aim: made your team identity/ });
  const me = userInfo().username;
  const list = alice.aim(["team", "list", "--json"], { cwd: a });
  expectRun(list, { code: 0, stdout: /^\{/, stderr: "" });
  assert.equal(
    JSON.parse(list.stdout).members.map((m: { name: string | null }) => m.name),
    [me],
  );
  assert.is(readFileSync(join(a, ".aim", "recipients"), "utf8").split(HEADER).length - 1, 1);
});

names("team add with no --name writes the header once, and lists the new member unnamed", () => {
  const { alice, a, bobKey, recipients } = started();
  expectRun(alice.aim(["team", "add", bobKey], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: added age1/ });
  const text = readFileSync(recipients, "utf8");
  assert.is(text.split(HEADER).length - 1, 1, text);
  const list = alice.aim(["team", "list", "--json"], { cwd: a });
  assert.equal(
    JSON.parse(list.stdout).members.map((m: { name: string | null }) => m.name),
    ["alice", null],
  );
});

names("a file an older aim wrote (the header right above an unnamed key) names no one after the header", () => {
  const { alice, a, recipients } = started();
  const key = readFileSync(recipients, "utf8").match(/^age1\S+$/m)?.[0] as string;
  writeFileSync(recipients, `${HEADER}\n${key}\n`);
  const list = alice.aim(["team", "list", "--json"], { cwd: a });
  expectRun(list, { code: 0, stdout: /^\{/, stderr: "" });
  assert.equal(JSON.parse(list.stdout).members, [{ key, name: null }]);
});

const shown = suite("team: text from the repository reaches the terminal escaped (item 14)");
shown("team list prints member names with ESC, OSC and U+202E escaped, byte for byte", () => {
  const { alice, bob, a, b, bobKey } = started();
  push(a, alice.env, "team");
  // bob (who has push access but is no member) names himself with terminal escapes.
  git(bob.home, bob.env, "clone", "-q", join(alice.root, "remote.git"), "proj");
  const text = readFileSync(join(b, ".aim", "recipients"), "utf8");
  writeFileSync(join(b, ".aim", "recipients"), `${text}# \x1b]0;pwned\x07bob\u202eevil\n${bobKey}\n`);
  push(b, bob.env, "me too");
  git(a, alice.env, "pull", "-q", "origin", "main");
  const r = alice.aim(["team", "list"], { cwd: a });
  assert.is(r.stdout, "NAME\nTOKEN\n");
  assert.match(r.stderr, "aim: members: alice, \\u001b]0;pwned\\u0007bob\\u202eevil\n");
  for (const c of ["\x1b", "\x07", "\u202e"]) assert.not.ok(r.stderr.includes(c), "printed raw");
});

shown("a bad line in the recipients file is named escaped", () => {
  const { alice, a, recipients } = started();
  writeFileSync(recipients, `${readFileSync(recipients, "utf8")}\x1b[2J\x1b]0;x\x07age1\n`);
  const r = alice.aim(["team", "set", "TOKEN"], { cwd: a, input: "v2" });
  expectRun(r, {
    code: 1,
    stdout: "",
    stderr:
      'aim: .aim/recipients line 5: "\\u001b[2J\\u001b]0;x\\u0007age1" is not an age public key (age1…). Each line holds one key from: aim team whoami\n',
  });
});

const limits = suite("team: sizes and file types the repository controls (item 4)");

limits("team.age committed as a symlink to /dev/zero, or a FIFO: a clean refusal, at once", () => {
  const { alice, a, file } = started();
  writeFileSync(join(a, ".aimrc"), "keys:\n  - TOKEN: team:TOKEN\n");
  expectRun(alice.aim(["allow"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: allowed/ });
  rmSync(file);
  symlinkSync("/dev/zero", file);
  const t0 = Date.now();
  const r = alice.aim(["exec", "--", "true"], { cwd: a });
  assert.ok(Date.now() - t0 < 15_000, `took ${Date.now() - t0} ms`);
  expectRun(r, { code: 125, stdout: "", stderr: /^aim: \.aim\/team\.age is not a regular file \(a character device\)/ });
  rmSync(file);
  spawnSync("mkfifo", [file]);
  const f = alice.aim(["team", "list"], { cwd: a });
  expectRun(f, { code: 1, stdout: "", stderr: /^aim: \.aim\/team\.age is not a regular file \(a FIFO\)/ });
});

limits("a recipients file pointing at /dev/zero: doctor and team commands refuse it at once", () => {
  const { alice, a, recipients } = started();
  rmSync(recipients);
  symlinkSync("/dev/zero", recipients);
  const d = alice.aim(["doctor"], { cwd: a });
  assert.match(d.stdout + d.stderr, /\.aim\/recipients is not a regular file \(a character device\)/);
  const s = alice.aim(["team", "set", "TOKEN"], { cwd: a, input: "v2" });
  expectRun(s, { code: 1, stdout: "", stderr: /^aim: \.aim\/recipients is not a regular file \(a character device\)/ });
});

limits("a recipients file of 200,000 entries, and a team.age sealed to them, are refused, quickly", async () => {
  const { alice, a, recipients, file } = started();
  const key = readFileSync(recipients, "utf8").match(/^age1\S+$/m)?.[0] as string;
  // 1,001 distinct keys fit in the size cap, but are more members than aim encrypts to.
  const age = await import("age-encryption");
  const distinct = await Promise.all(Array.from({ length: 1001 }, async () => age.identityToRecipient(await age.generateX25519Identity())));
  writeFileSync(recipients, `${distinct.join("\n")}\n`);
  const c = alice.aim(["team", "set", "TOKEN"], { cwd: a, input: "v2" });
  expectRun(c, { code: 1, stdout: "", stderr: /^aim: \.aim\/recipients names 1001 keys, more than the 1000 members aim encrypts to/ });
  const many = Array.from({ length: 200_000 }, () => key);
  writeFileSync(recipients, `${many.join("\n")}\n`);
  const s = alice.aim(["team", "set", "TOKEN"], { cwd: a, input: "v2" });
  expectRun(s, {
    code: 1,
    stdout: "",
    stderr: /^aim: \.aim\/recipients is \d+ bytes, more than the 256 KiB aim reads of a recipients file/,
  });
  // team.age: a header of 200,000 X25519 stanzas (what `age -r` with that many keys writes).
  writeFileSync(join(a, ".aimrc"), "keys:\n  - TOKEN: team:TOKEN\n");
  expectRun(alice.aim(["allow"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: allowed/ });
  const stanza = "-> X25519 ZeLmEyDSdbJ8YMO5yGVwmSkuGnuA0zW8oIelQJj5fQY\nIh2m0bcW+mMNRQrO4Jg8YG3eU5iDwq7Nn9ldi1tJXeU\n";
  writeFileSync(file, `age-encryption.org/v1\n${stanza.repeat(200_000)}--- AAAA\n`);
  const t0 = Date.now();
  const r = alice.aim(["exec", "--", "true"], { cwd: a });
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  expectRun(r, { code: 125, stdout: "", stderr: /^aim: \.aim\/team\.age is \d+ bytes, more than the 8 MiB aim reads of a team file/ });
  writeFileSync(file, `age-encryption.org/v1\n${stanza.repeat(5_000)}--- AAAA\n`);
  const t1 = Date.now();
  const r2 = alice.aim(["exec", "--", "true"], { cwd: a });
  assert.ok(Date.now() - t1 < 10_000, `took ${Date.now() - t1} ms`);
  expectRun(r2, { code: 125, stdout: "", stderr: /^aim: \.aim\/team\.age is encrypted to 5000 recipients, more than the 1000 aim reads/ });
});

const owner = suite("team: a recipients file others may rewrite (item 6)");
owner("mode 0666, or another user's file, is refused with the .aimrc rule's words", () => {
  const { alice, a, recipients } = started();
  chmodSync(recipients, 0o666);
  const r = alice.aim(["team", "set", "TOKEN"], { cwd: a, input: "v2" });
  expectRun(r, {
    code: 1,
    stdout: "",
    stderr:
      "aim: ignoring .aim/recipients: it is writable by every user (mode 0666), so it may not decide who can read the team file. If it is yours, fix it (chown, chmod go-w), else remove it\n",
  });
  chmodSync(recipients, 0o644);
  chownSync(recipients, 54321, 54321);
  const o = alice.aim(["team", "list"], { cwd: a });
  expectRun(o, { code: 1, stdout: "", stderr: /^aim: ignoring \.aim\/recipients: it belongs to another user \(uid 54321\)/ });
  chownSync(recipients, process.getuid?.() ?? 0, process.getgid?.() ?? 0);
  expectRun(alice.aim(["team", "set", "TOKEN"], { cwd: a, input: "v2" }), { code: 0, stdout: "", stderr: /^aim: updated TOKEN/ });
});

names.run();
shown.run();
limits.run();
owner.run();
