// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkKeyLists } from "../../src/project/config-check.js";
import { choosePlanProfile, planKeys } from "../../src/core/config.js";
import { dropMeta, emptyMetadata, moveMeta, scopeRecords, touchMeta, upgradeMetadata } from "../../src/store/metadata-records.js";
import { formatStoreKey, parseStoreKey, readStoreKey } from "../../src/core/names.js";
import { formatReference, parseKeysFlag, parseReference, SCHEME_NAMES } from "../../src/core/reference.js";
import { AimError } from "../../src/errors.js";

const keys = suite("store keys");
keys("NAME and PROFILE/NAME; default/NAME is NAME", () => {
  assert.equal(readStoreKey("OPENAI_API_KEY"), { profile: undefined, name: "OPENAI_API_KEY" });
  assert.equal(readStoreKey("work/OPENAI_API_KEY"), { profile: "work", name: "OPENAI_API_KEY" });
  assert.equal(readStoreKey("my.org-2_x/K"), { profile: "my.org-2_x", name: "K" });
  assert.equal(readStoreKey("default/K"), { profile: undefined, name: "K" });
  for (const bad of ["", "a/b/C", "/K", "work/", "-w/K", "w/1K", `${"p".repeat(65)}/K`, "wörk/K", "K-1"])
    assert.is(readStoreKey(bad), null, bad);
  assert.is(readStoreKey(`${"p".repeat(64)}/K`)?.profile, "p".repeat(64));
});
keys("--profile applies to a plain NAME and must agree with an explicit one", () => {
  assert.is(formatStoreKey(parseStoreKey("K", "work")), "work/K");
  assert.is(formatStoreKey(parseStoreKey("work/K", "work")), "work/K");
  assert.throws(
    () => parseStoreKey("home/K", "work"),
    (e: unknown) => e instanceof AimError && /names profile home, but --profile says work/.test(e.message),
  );
  assert.throws(
    () => parseStoreKey("a/b/K"),
    (e: unknown) => e instanceof AimError && e.code === "BAD_KEY_NAME",
  );
});
keys.run();

const refs = suite("references");
refs("store keys and SCHEME:PATH round-trip to the same text", () => {
  for (const t of ["K", "work/K", "team:K", "pass:work/openai"]) assert.is(formatReference(parseReference(t)), t);
  assert.equal(parseReference("team:K"), { scheme: "team", path: "K" });
});
refs("an unknown scheme names the schemes aim knows", () => {
  assert.throws(
    () => parseReference("vault:kv/x"),
    (e: unknown) =>
      e instanceof AimError && /unknown scheme "vault"/.test(e.message) && SCHEME_NAMES.every((s) => e.hint?.includes(`${s}:`)),
  );
  assert.throws(() => parseReference("team:1BAD"), /the path after team: must be/);
  assert.throws(() => parseReference("pass:../x"), /the path after pass:/);
  assert.throws(() => parseReference("a/b/c"), /is not a reference/);
});
refs.run();

const plan = suite("planKeys with profiles");
plan("precedence: --profile > the file's profile > AIM_PROFILE > default", () => {
  assert.is(choosePlanProfile("a", "b", "c"), "a");
  assert.is(choosePlanProfile(undefined, "b", "c"), "b");
  assert.is(choosePlanProfile(undefined, undefined, "c"), "c");
  assert.is(choosePlanProfile(undefined, undefined, ""), undefined);
  assert.is(choosePlanProfile("default", "b", "c"), undefined, "--profile default overrides the file's");
});
plan("plain names take the profile, explicit references never do", () => {
  const p = planKeys(undefined, { profile: "work", keys: ["A", { B: "personal/B" }, { C: "C" }], optional: [{ D: "team:D" }] });
  assert.equal(p.required, ["A", "B", "C"]);
  assert.equal(p.optional, ["D"]);
  assert.equal({ ...p.refs }, { A: "work/A", B: "personal/B", C: "C", D: "team:D" });
  const over = planKeys(undefined, { profile: "work", keys: ["A", { B: "personal/B" }] }, { profile: "home" });
  assert.equal({ ...over.refs }, { A: "home/A", B: "personal/B" });
});
plan("a tool's from stays; the project's mapping beats a tool's plain name; --keys takes store keys", () => {
  const p = planKeys(
    undefined,
    { keys: [{ OPENAI_API_KEY: "personal/OPENAI_API_KEY" }] },
    {
      optional: ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GH_TOKEN"],
      sources: { GH_TOKEN: "work/GH_TOKEN" },
      keys: ["x/EXTRA"],
      profile: "work",
    },
  );
  assert.equal(
    { ...p.refs },
    {
      OPENAI_API_KEY: "personal/OPENAI_API_KEY",
      ANTHROPIC_API_KEY: "work/ANTHROPIC_API_KEY",
      GH_TOKEN: "work/GH_TOKEN",
      EXTRA: "x/EXTRA",
    },
  );
  assert.equal(p.required, ["OPENAI_API_KEY", "EXTRA"]);
});
plan("--keys default/NAME is explicit: --profile does not move it (as an .aimrc's default/NAME)", () => {
  const flag = planKeys(undefined, undefined, { keys: parseKeysFlag("default/A,B,work/C"), profile: "home" });
  assert.equal({ ...flag.refs }, { A: "A", B: "home/B", C: "work/C" });
  const file = planKeys(undefined, { profile: "home", keys: [{ A: "default/A" }, "B"] });
  assert.equal({ ...file.refs }, { A: "A", B: "home/B" });
});
plan.run();

const check = suite("checkKeyLists");
check("duplicates and bad references, each with its field", () => {
  assert.equal(
    checkKeyLists({ keys: ["A", { A: "work/A" }], optional: [{ B: "nope:x" }, { B: "work/B" }] }).map((p) => p.field),
    ["keys[1]", "optional[0].B", "optional[1]"],
  );
  assert.equal(checkKeyLists({ keys: ["A", { B: "work/B" }], optional: [{ C: "team:C" }] }), []);
});
check.run();

const meta = suite("metadata scopes");
meta("a record belongs to one store key in one store", () => {
  let doc = touchMeta(emptyMetadata(), "keyring:aim", "K", "t1", "home");
  doc = touchMeta(doc, "keyring:work", "K", "t2", "work");
  doc = touchMeta(doc, "keyring:aim", "w/K", "t3", "profile");
  assert.is(scopeRecords(doc, "keyring:aim").K?.description, "home");
  assert.is(scopeRecords(doc, "keyring:work").K?.description, "work");
  doc = dropMeta(doc, "keyring:work", "K");
  assert.equal(scopeRecords(doc, "keyring:aim").K, { created: "t1", updated: "t1", description: "home" });
  doc = moveMeta(doc, "keyring:aim", "file:/v.age", ["K", "w/K"]);
  assert.equal(Object.keys(scopeRecords(doc, "file:/v.age")), ["K", "w/K"]);
  assert.equal({ ...scopeRecords(doc, "keyring:aim") }, {});
});
meta("version 1 is read as the records of the store that meets it; damaged records are dropped", () => {
  const v1 = { version: 1, secrets: { K: { created: "a", updated: "b" }, "bad name": { created: "a", updated: "b" }, J: { created: 1 } } };
  assert.equal(upgradeMetadata(v1, "keyring:aim"), { version: 2, stores: { "keyring:aim": { K: { created: "a", updated: "b" } } } });
  assert.equal(upgradeMetadata(null, "x"), emptyMetadata());
  assert.equal(upgradeMetadata({ version: 2, stores: { s: { K: "junk" } } }, "x"), { version: 2, stores: { s: {} } });
});
meta.run();
