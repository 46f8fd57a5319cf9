import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, filesContaining } from "../../helpers/cli.js";
import { git, member } from "../../helpers/team.js";

const V1 = "sk-team-first-4b1d9e";
const V2 = "sk-team-rotated-77c2aa";
const PUBKEY = /^age1[0-9a-z]{58}\n$/;

/** alice starts a team file in a repository shared through a bare remote; bob clones it. */
function twoMembers() {
  const root = mkdtempSync(join(tmpdir(), "aim-team-"));
  const alice = member("alice", root);
  const bob = member("bob", root);
  const remote = join(root, "remote.git");
  git(root, alice.env, "init", "-q", "--bare", "-b", "main", remote);
  git(alice.home, alice.env, "clone", "-q", remote, "proj");
  const a = join(alice.home, "proj");
  writeFileSync(join(a, ".aimrc"), "optional: []\n");
  return { root, alice, bob, remote, a, b: join(bob.home, "proj") };
}

const push = (cwd: string, env: NodeJS.ProcessEnv, msg: string) => {
  git(cwd, env, "add", "-A");
  git(cwd, env, "commit", "-q", "-m", msg);
  git(cwd, env, "push", "-q", "origin", "HEAD:main");
};

const team = suite("aim team: two members sharing a repository");
team("init, set, add, remove and rotate, each member in its own HOME and keyring", () => {
  const { root, alice, bob, remote, a, b } = twoMembers();
  const init = alice.aim(["team", "init"], { cwd: a });
  assert.is(init.code, 0, init.stderr);
  assert.is(init.stdout, "");
  assert.match(init.stderr, /^aim: made your team identity and stored it in the OS keyring/);
  assert.match(readFileSync(join(a, ".aim", "recipients"), "utf8"), /^# alice\nage1/m);
  const set = alice.aim(["team", "set", "OPENAI_API_KEY"], { cwd: a, input: `${V1}\n` });
  assert.is(set.code, 0, set.stderr);
  assert.is(set.stdout, "");
  assert.match(set.stderr, /^aim: stored OPENAI_API_KEY in \.aim\/team\.age/);
  push(a, alice.env, "team file");

  git(bob.home, bob.env, "clone", "-q", remote, "proj");
  const who = bob.aim(["team", "whoami"]);
  assert.is(who.code, 0, who.stderr);
  assert.match(who.stdout, PUBKEY);
  const bobKey = who.stdout.trim();
  const again = bob.aim(["team", "whoami"]);
  assert.is(again.code, 0);
  assert.is(again.stdout, who.stdout, "the identity is made once and kept");
  assert.is(again.stderr, "");

  const before = bob.aim(["team", "get", "OPENAI_API_KEY", "--show"], { cwd: b });
  assert.is(before.code, 1);
  assert.is(before.stdout, "");
  assert.is(before.stderr, `aim: you are not a recipient of ${join(b, ".aim", "team.age")}. Ask a member to run: aim team add ${bobKey}\n`);

  const add = alice.aim(["team", "add", bobKey, "--name", "bob"], { cwd: a });
  assert.is(add.code, 0, add.stderr);
  assert.is(add.stdout, "");
  assert.match(add.stderr, /^aim: added bob/);
  push(a, alice.env, "add bob");
  git(b, bob.env, "pull", "-q", "origin", "main");
  const got = bob.aim(["team", "get", "OPENAI_API_KEY", "--show"], { cwd: b });
  assert.is(got.code, 0, got.stderr);
  assert.is(got.stdout, V1);
  assert.is(got.stderr, "");

  // Debian's age opens the file with the identity aim keeps in the keyring: no lock-in.
  const plain = alice.sh(
    `secret-tool lookup service aim.identity username AIM_TEAM_IDENTITY > id.txt && age -d -i id.txt proj/.aim/team.age; rm -f id.txt`,
  );
  assert.is(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, `"OPENAI_API_KEY": "${V1}"`);

  const rm = alice.aim(["team", "remove", "bob"], { cwd: a });
  assert.is(rm.code, 0, rm.stderr);
  assert.is(rm.stdout, "");
  assert.match(rm.stderr, /removed bob; the team file is re-encrypted to 1 member/);
  assert.match(rm.stderr, /bob could read OPENAI_API_KEY: rotate each at its source/);
  assert.is(alice.aim(["team", "set", "OPENAI_API_KEY"], { cwd: a, input: V2 }).code, 0);
  push(a, alice.env, "remove bob, rotate");
  git(b, bob.env, "pull", "-q", "origin", "main");
  const after = bob.aim(["team", "get", "OPENAI_API_KEY", "--show"], { cwd: b });
  assert.is(after.code, 1);
  assert.is(after.stdout, "");
  assert.match(after.stderr, /^aim: you are not a recipient of .*team\.age\. Ask a member to run: aim team add age1/);
  assert.not.match(after.stderr + after.stdout, V2);

  // Values live only in the encrypted file: nothing in either HOME, the remote or a temp file.
  for (const v of [V1, V2]) assert.equal(filesContaining(root, v), [], `${v} in a plain file`);
});

team("list shows names, never values, and notices recipients edited by hand", () => {
  const { alice, a } = twoMembers();
  assert.is(alice.aim(["team", "init"], { cwd: a }).code, 0);
  assert.is(alice.aim(["team", "set", "GITHUB_TOKEN"], { cwd: a, input: V1 }).code, 0);
  const list = alice.aim(["team", "list", "--json"], { cwd: a });
  assert.is(list.code, 0, list.stderr);
  const json = JSON.parse(list.stdout);
  assert.equal(json.names, ["GITHUB_TOKEN"]);
  assert.is(json.members[0].name, "alice");
  assert.not.match(list.stdout + list.stderr, V1);
  const other = member("carol", alice.root).aim(["team", "whoami"]).stdout.trim();
  writeFileSync(join(a, ".aim", "recipients"), `${readFileSync(join(a, ".aim", "recipients"), "utf8")}# carol\n${other}\n`);
  const drift = alice.aim(["team", "list"], { cwd: a });
  assert.is(drift.code, 1);
  assert.is(drift.stdout, "NAME\nGITHUB_TOKEN\n");
  assert.match(drift.stderr, /and \.aim\/recipients differ \(listed in \.aim\/recipients but not able to read it: carol\)/);
});

team("a bad recipients file is an error naming the line", () => {
  const { alice, a } = twoMembers();
  assert.is(alice.aim(["team", "init"], { cwd: a }).code, 0);
  const file = join(a, ".aim", "recipients");
  const good = readFileSync(file, "utf8");
  const key = good.match(/^age1\S+$/m)?.[0] as string;
  const cases: Array<[string, RegExp]> = [
    [`${good}not-a-key\n`, /recipients line 4: "not-a-key" is not an age public key/],
    [`${good}${key}\n`, /recipients line 4: the key of line 3 again\. Delete one of the two lines/],
    [`${good}ssh-ed25519 AAAAC3Nza\n`, /recipients line 4: "ssh-ed25519 AAAAC3Nz…" is an SSH key, not an age X25519 key/],
  ];
  for (const [text, message] of cases) {
    writeFileSync(file, text);
    const r = alice.aim(["team", "set", "X"], { cwd: a, input: "v" });
    assert.is(r.code, 1, text);
    assert.is(r.stdout, "");
    assert.match(r.stderr, message);
  }
});

team("aim team merge: per-name union as a git merge driver; a name changed on both sides is a conflict", () => {
  const { alice, a } = twoMembers();
  assert.is(alice.aim(["team", "init"], { cwd: a }).code, 0);
  assert.is(alice.aim(["team", "set", "SHARED"], { cwd: a, input: "base" }).code, 0);
  writeFileSync(join(a, ".gitattributes"), ".aim/team.age merge=aim-team\n");
  git(a, alice.env, "config", "merge.aim-team.driver", `${process.execPath} ${AIM} team merge %O %A %B`);
  push(a, alice.env, "base");
  const branch = (name: string, key: string, value: string) => {
    git(a, alice.env, "checkout", "-q", "-b", name, "main");
    assert.is(alice.aim(["team", "set", key], { cwd: a, input: value }).code, 0);
    git(a, alice.env, "commit", "-q", "-am", `${name}: ${key}`);
  };
  branch("one", "FIRST", "1");
  branch("two", "SECOND", "2");
  git(a, alice.env, "checkout", "-q", "one");
  const merged = alice.sh("git merge -q --no-edit two", { cwd: a });
  assert.is(merged.code, 0, merged.stderr);
  assert.match(merged.stderr, /aim: merged the team file: 3 names, 1 member/);
  const names = JSON.parse(alice.aim(["team", "list", "--json"], { cwd: a }).stdout).names;
  assert.equal(names, ["FIRST", "SECOND", "SHARED"]);

  branch("three", "SHARED", "three");
  git(a, alice.env, "checkout", "-q", "one");
  assert.is(alice.aim(["team", "set", "SHARED"], { cwd: a, input: "one" }).code, 0);
  git(a, alice.env, "commit", "-q", "-am", "one: SHARED");
  const clash = alice.sh("git merge -q --no-edit three", { cwd: a });
  assert.is.not(clash.code, 0);
  assert.match(clash.stderr, /aim: team file conflict: SHARED changed on both branches/);
  assert.match(alice.sh("git status --porcelain", { cwd: a }).stdout, /^UU \.aim\/team\.age$/m);
});

team("CI: an identity in AIM_IDENTITY, and no D-Bus session at all", () => {
  const { alice, a } = twoMembers();
  assert.is(alice.aim(["team", "init"], { cwd: a }).code, 0);
  assert.is(alice.aim(["team", "set", "DEPLOY_TOKEN"], { cwd: a, input: V1 }).code, 0);
  // The fresh session's keyring may take a moment to answer: ask a few times.
  const id = alice.sh(
    'for i in 1 2 3 4 5 6 7 8 9 10; do v=$(secret-tool lookup service aim.identity username AIM_TEAM_IDENTITY) && [ -n "$v" ] && { printf %s "$v"; exit 0; }; sleep 0.3; done; exit 1',
  ).stdout;
  assert.match(id, /^AGE-SECRET-KEY-1/);
  const ci = { ...alice.env, AIM_IDENTITY: id, HOME: mkdtempSync(join(tmpdir(), "aim-ci-")), DBUS_SESSION_BUS_ADDRESS: undefined };
  const r = spawnSync(process.execPath, [AIM, "team", "get", "DEPLOY_TOKEN", "--show"], { cwd: a, env: ci, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, V1);
  assert.is(r.stderr, "");
  const bad = spawnSync(process.execPath, [AIM, "team", "list"], {
    cwd: a,
    env: { ...ci, AIM_IDENTITY: "AGE-SECRET-KEY-1NOPE" },
    encoding: "utf8",
  });
  assert.is(bad.status, 1);
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /^aim: AIM_IDENTITY is not an age X25519 identity \(AGE-SECRET-KEY-1…\)/);
});

team.run();
