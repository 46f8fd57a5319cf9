// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { maskValue } from "../../src/run/mask.js";
import { dropMeta, emptyMetadata, touchMeta } from "../../src/store/metadata-records.js";
import { assertKeyName, isKeyName, parseKeyList } from "../../src/core/names.js";
import { assertStorableValue, stripOneNewline } from "../../src/core/values.js";
import { AimError } from "../../src/errors.js";

const names = suite("key names");
names("accepts environment variable names", () => {
  for (const n of ["A", "_", "OPENAI_API_KEY", "a1", "_X_9"]) assert.ok(isKeyName(n), n);
});
names("rejects everything else with BAD_KEY_NAME", () => {
  for (const n of ["", "1ABC", "A-B", "A B", "A=B", "é", "A\n"]) {
    assert.throws(
      () => assertKeyName(n),
      (e: unknown) => e instanceof AimError && e.code === "BAD_KEY_NAME",
      n,
    );
  }
});
names("parses comma lists and validates each", () => {
  assert.equal(parseKeyList("A, B,,C"), ["A", "B", "C"]);
  assert.throws(() => parseKeyList("A,1B"));
});
names.run();

const values = suite("values");
values("strips exactly one trailing newline", () => {
  assert.is(stripOneNewline("v\n\n"), "v\n");
  assert.is(stripOneNewline("v\r\n"), "v");
  assert.is(stripOneNewline("v"), "v");
});
values("rejects empty and NUL values, and the message holds no value", () => {
  assert.throws(() => assertStorableValue("K", "", "stdin"), /empty/);
  try {
    assertStorableValue("K", "sekret\0x", "stdin");
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /NUL/);
    assert.not.match((e as Error).message, /sekret/);
  }
});
values("masks long values and hides short ones entirely", () => {
  assert.is(maskValue("sk-abcdefghijk9f2"), "sk-a…9f2");
  assert.is(maskValue("short"), "*****");
  assert.is(maskValue("ab"), "***");
});
values.run();

const meta = suite("metadata merge");
meta("keeps created and description across updates", () => {
  let doc = touchMeta(emptyMetadata(), "keyring:aim", "K", "t1", "first");
  doc = touchMeta(doc, "keyring:aim", "K", "t2");
  assert.equal(doc.stores["keyring:aim"]?.K, { created: "t1", updated: "t2", description: "first" });
  doc = touchMeta(doc, "keyring:aim", "K", "t3", "second");
  assert.is(doc.stores["keyring:aim"]?.K?.description, "second");
  assert.equal(dropMeta(doc, "keyring:aim", "K").stores["keyring:aim"], {});
});
meta.run();
