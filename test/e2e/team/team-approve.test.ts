// Who may become a reader of the team file: a key a commit adds to
// .aim/recipients, a branch whose team.age names an extra reader, and a team.age written with
// `age -r` by someone who could not read it. Two (or three) members, each in an own HOME and
// keyring, sharing a repository through a bare remote; the attacker has push access only.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun } from "../../helpers/cli.js";
import { git, member, push, twoMembers } from "../../helpers/team.js";

const V1 = "sk-team-approved-31c9";
const V2 = "sk-team-second-8d02";

type Member = ReturnType<typeof member>;

/** Whether Debian's age opens `file` with the identity `m` keeps in its keyring (nothing of aim involved). */
function ageOpens(m: Member, file: string): boolean {
  const script = `for i in 1 2 3 4 5 6 7 8 9 10; do v=$(secret-tool lookup service aim.identity username AIM_TEAM_IDENTITY) && [ -n "$v" ] && break; sleep 0.3; done
printf '%s\\n' "$v" > "$HOME/id.txt"; age -d -i "$HOME/id.txt" ${JSON.stringify(file)} >/dev/null 2>&1; rc=$?; rm -f "$HOME/id.txt"; exit $rc`;
  return m.sh(script).code === 0;
}

/** A team.age made without aim, as anyone with the public keys can: age -r for each key. */
function forge(path: string, keys: string[], plaintext: object): void {
  const r = spawnSync("age", [...keys.flatMap((k) => ["-r", k]), "-o", path], { input: JSON.stringify(plaintext), encoding: "utf8" });
  assert.is(r.status, 0, `age must be installed (apt install age): ${r.stderr}`);
}

const keyOf = (m: Member): string => {
  const r = m.aim(["team", "whoami"]);
  assert.is(r.code, 0, r.stderr);
  return r.stdout.trim();
};

/** alice's team file holding TOKEN=V1, pushed; bob (not a member) has cloned it. */
function shared() {
  const t = twoMembers();
  expectRun(t.alice.aim(["team", "init"], { cwd: t.a }), { code: 0, stdout: "", stderr: /^aim: made your team identity/ });
  expectRun(t.alice.aim(["team", "set", "TOKEN"], { cwd: t.a, input: V1 }), { code: 0, stdout: "", stderr: /^aim: stored TOKEN/ });
  push(t.a, t.alice.env, "team file");
  git(t.bob.home, t.bob.env, "clone", "-q", t.remote, "proj");
  return { ...t, aliceKey: keyOf(t.alice), bobKey: keyOf(t.bob), file: join(t.a, ".aim", "team.age") };
}

const recipients = suite("a key a commit adds to .aim/recipients (item 1)");
recipients("stops team set and add, names the key added, encrypts nothing; aim team allow approves it", () => {
  const { alice, bob, a, b, bobKey, file } = shared();
  const theirs = join(b, ".aim", "recipients");
  writeFileSync(theirs, `${readFileSync(theirs, "utf8")}# bob\n${bobKey}\n`);
  push(b, bob.env, "add a member");
  git(a, alice.env, "pull", "-q", "origin", "main");
  const sealed = readFileSync(file);

  const stop = new RegExp(
    `^aim: \\.aim/recipients changed since you approved its members \\(added bob \\(${bobKey.slice(0, 16)}…\\)\\), and not by your aim team add or remove\\. Nothing was encrypted; check who changed it \\(git log -p -- \\.aim/recipients\\), then approve the members with: aim team allow\\n$`,
  );
  expectRun(alice.aim(["team", "set", "TOKEN"], { cwd: a, input: V2 }), { code: 1, stdout: "", stderr: stop });
  const carol = keyOf(member("carol", alice.root));
  expectRun(alice.aim(["team", "add", carol, "--name", "carol"], { cwd: a }), { code: 1, stdout: "", stderr: stop });
  expectRun(alice.aim(["team", "delete", "TOKEN"], { cwd: a }), { code: 1, stdout: "", stderr: stop });
  assert.ok(readFileSync(file).equals(sealed), "team.age is untouched");
  assert.not.ok(ageOpens(bob, file), "bob reads nothing");

  expectRun(alice.aim(["team", "allow"], { cwd: a }), {
    code: 0,
    stdout: "",
    stderr: `aim: approved the change to .aim/recipients: added bob (${bobKey.slice(0, 16)}…)\n`,
  });
  expectRun(alice.aim(["team", "set", "TOKEN"], { cwd: a, input: V2 }), { code: 0, stdout: "", stderr: /^aim: updated TOKEN/ });
  assert.ok(ageOpens(bob, file), "once approved, bob is a reader");
});

recipients("a fresh clone approves nothing: the first encrypting command asks for aim team allow", () => {
  const { alice, bob, a, b, bobKey } = shared();
  expectRun(alice.aim(["team", "add", bobKey, "--name", "bob"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: added bob/ });
  push(a, alice.env, "add bob");
  git(b, bob.env, "pull", "-q", "origin", "main");
  expectRun(bob.aim(["team", "get", "TOKEN", "--show"], { cwd: b }), { code: 0, stdout: V1, stderr: "" });
  expectRun(bob.aim(["team", "set", "TOKEN"], { cwd: b, input: V2 }), {
    code: 1,
    stdout: "",
    stderr: /^aim: you have not approved the members in \.aim\/recipients on this machine yet: alice \(age1.{12}…\), bob \(age1.{12}…\)\. /,
  });
  expectRun(bob.aim(["team", "allow"], { cwd: b }), {
    code: 0,
    stdout: "",
    stderr: /^aim: approved the members in \.aim\/recipients: alice \(age1/,
  });
  expectRun(bob.aim(["team", "set", "TOKEN"], { cwd: b, input: V2 }), { code: 0, stdout: "", stderr: /^aim: updated TOKEN/ });
});

/** Commits everything on the current branch and pushes it as `branch`. */
const pushBranch = (cwd: string, env: NodeJS.ProcessEnv, branch: string) => {
  git(cwd, env, "add", "-A");
  git(cwd, env, "commit", "-q", "-m", branch);
  git(cwd, env, "push", "-q", "origin", `HEAD:${branch}`);
};

const merging = suite("aim team merge never adds a reader (items 2, 3)");
const driver = (a: string, env: NodeJS.ProcessEnv) => {
  writeFileSync(join(a, ".gitattributes"), ".aim/team.age merge=aim-team\n");
  git(a, env, "config", "merge.aim-team.driver", `${process.execPath} ${AIM} team merge %O %A %B`);
};

merging("a branch whose team.age, made with age -r, names an extra reader: refused, the reader gets nothing", () => {
  const { alice, bob, a, b, aliceKey, bobKey, file } = shared();
  driver(a, alice.env);
  push(a, alice.env, "merge driver");
  git(b, bob.env, "pull", "-q", "origin", "main");
  git(b, bob.env, "checkout", "-q", "-b", "forged");
  forge(join(b, ".aim", "team.age"), [aliceKey, bobKey], { "aim-team": 1, recipients: [aliceKey, bobKey], values: { OTHER: "x" } });
  pushBranch(b, bob.env, "forged");
  expectRun(alice.aim(["team", "set", "TOKEN"], { cwd: a, input: V2 }), { code: 0, stdout: "", stderr: /^aim: updated TOKEN/ });
  git(a, alice.env, "commit", "-q", "-am", "rotate");
  git(a, alice.env, "fetch", "-q", "origin");
  const m = alice.sh("git merge -q --no-edit origin/forged", { cwd: a });
  assert.is.not(m.code, 0, m.stderr);
  assert.match(m.stderr, /aim: the other branch's team file was not written by a member/);
  assert.not.ok(ageOpens(bob, file), "bob is no reader of the merge");
});

merging("a member's branch that adds a key the merging member never approved: merged without that reader, and said", () => {
  const { alice, bob, a, b, bobKey, file } = shared();
  driver(a, alice.env);
  expectRun(alice.aim(["team", "add", bobKey, "--name", "bob"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: added bob/ });
  push(a, alice.env, "add bob, merge driver");
  git(b, bob.env, "pull", "-q", "origin", "main");
  driver(b, bob.env);
  expectRun(bob.aim(["team", "allow"], { cwd: b }), { code: 0, stdout: "", stderr: /^aim: approved the members/ });
  const carol = member("carol", alice.root);
  const carolKey = keyOf(carol);
  git(b, bob.env, "checkout", "-q", "-b", "carol");
  expectRun(bob.aim(["team", "add", carolKey, "--name", "carol"], { cwd: b }), { code: 0, stdout: "", stderr: /^aim: added carol/ });
  pushBranch(b, bob.env, "carol");
  expectRun(alice.aim(["team", "set", "TOKEN"], { cwd: a, input: V2 }), { code: 0, stdout: "", stderr: /^aim: updated TOKEN/ });
  git(a, alice.env, "commit", "-q", "-am", "rotate");
  git(a, alice.env, "fetch", "-q", "origin");
  const m = alice.sh("git merge -q --no-edit origin/carol", { cwd: a });
  assert.is(m.code, 0, m.stderr);
  assert.match(m.stderr, /aim: merged the team file: 1 names, 2 members\n/);
  assert.match(
    m.stderr,
    /aim: not encrypted to (?:carol )?\(age1.{12}…\): the other branch added it, and you have not approved it/,
    m.stderr,
  );
  assert.not.ok(ageOpens(carol, file), "carol is no reader until alice approves");
  assert.ok(ageOpens(bob, file));
  expectRun(alice.aim(["team", "allow"], { cwd: a }), {
    code: 0,
    stdout: "",
    stderr: /^aim: approved the change to \.aim\/recipients: added carol/,
  });
  expectRun(alice.aim(["team", "set", "TOKEN"], { cwd: a, input: V1 }), { code: 0, stdout: "", stderr: /^aim: updated TOKEN/ });
  assert.ok(ageOpens(carol, file));
});

const author = suite("a team.age written by someone who could not read it (item 3)");
author("aim exec refuses a file made with age -r; a member's rotation is followed; a removed member's forgery is refused", () => {
  const { alice, bob, a, b, aliceKey, bobKey } = shared();
  writeFileSync(join(a, ".aimrc"), "keys:\n  - TOKEN: team:TOKEN\n");
  expectRun(alice.aim(["allow"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: allowed/ });
  const printToken = ["exec", "--", "sh", "-c", 'printf %s "$TOKEN"'];
  expectRun(alice.aim(printToken, { cwd: a }), { code: 0, stdout: V1, stderr: "" });
  push(a, alice.env, "use it");

  // bob, with push access and the public keys, writes a team.age of his own.
  git(b, bob.env, "pull", "-q", "origin", "main");
  forge(join(b, ".aim", "team.age"), [aliceKey], { "aim-team": 1, recipients: [aliceKey], values: { TOKEN: "sk-forged" } });
  push(b, bob.env, "rotate TOKEN");
  git(a, alice.env, "pull", "-q", "origin", "main");
  expectRun(alice.aim(printToken, { cwd: a }), {
    code: 125,
    stdout: "",
    stderr:
      /^aim: \.aim\/team\.age was not written by a member: it lacks the member secret that every version aim writes carries\. Do not use it/,
  });
  git(a, alice.env, "revert", "--no-edit", "HEAD");

  // A real rotation: alice adds bob, bob reads; alice adds and removes carol (a new secret).
  expectRun(alice.aim(["team", "add", bobKey, "--name", "bob"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: added bob/ });
  push(a, alice.env, "add bob");
  git(b, bob.env, "pull", "-q", "origin", "main");
  expectRun(bob.aim(["allow"], { cwd: b }), { code: 0, stdout: "", stderr: /^aim: allowed/ });
  expectRun(bob.aim(printToken, { cwd: b }), { code: 0, stdout: V1, stderr: "" });
  const carol = member("carol", alice.root);
  const carolKey = keyOf(carol);
  expectRun(alice.aim(["team", "add", carolKey, "--name", "carol"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: added carol/ });
  push(a, alice.env, "add carol");
  const carolSaw = readFileSync(join(a, ".aim", "team.age"));
  expectRun(alice.aim(["team", "remove", "carol"], { cwd: a }), { code: 0, stdout: "", stderr: /^aim: removed carol/ });
  push(a, alice.env, "remove carol");
  git(b, bob.env, "pull", "-q", "origin", "main");
  expectRun(bob.aim(printToken, { cwd: b }), { code: 0, stdout: V1, stderr: "" });

  // carol still knows the secret of the version she could read: a file carrying it is refused.
  writeFileSync(join(carol.home, "saw.age"), carolSaw);
  const plain = carol.sh(
    `v=$(secret-tool lookup service aim.identity username AIM_TEAM_IDENTITY); printf '%s\\n' "$v" > "$HOME/id.txt"; age -d -i "$HOME/id.txt" "$HOME/saw.age"; rc=$?; rm -f "$HOME/id.txt"; exit $rc`,
  );
  assert.is(plain.code, 0, plain.stderr);
  const old = JSON.parse(plain.stdout);
  forge(join(b, ".aim", "team.age"), [aliceKey, bobKey], { ...old, recipients: [aliceKey, bobKey], values: { TOKEN: "sk-carol" } });
  expectRun(bob.aim(printToken, { cwd: b }), {
    code: 125,
    stdout: "",
    stderr: /^aim: \.aim\/team\.age was not written by a member: its member secret does not follow the one in the version you last read\./,
  });
});

recipients.run();
merging.run();
author.run();
