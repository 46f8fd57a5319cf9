// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
// Maps keyed by names from outside answer only for names they hold: `constructor` and
// `toString` are ordinary key names, `__proto__` is none.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { planKeys } from "../../src/core/config.js";
import { checkKeyLists } from "../../src/project/config-check.js";
import { composeEnv } from "../../src/run/env.js";
import { emptyMetadata, scopeRecords, touchMeta } from "../../src/store/metadata-records.js";
import { assertKeyName, isKeyName, isStoreKey } from "../../src/core/names.js";

const maps = suite("maps keyed by outside names");
maps("__proto__ is no key name; constructor and toString are", () => {
  assert.not.ok(isKeyName("__proto__"));
  assert.not.ok(isStoreKey("work/__proto__"));
  assert.throws(() => assertKeyName("__proto__"), /"__proto__" cannot be a key name/);
  for (const n of ["constructor", "toString", "prototype", "hasOwnProperty"]) assert.ok(isKeyName(n), n);
});
maps("a plan's references hold only the planned names", () => {
  const plan = planKeys(undefined, { keys: ["A"] }, { optional: ["B"], sources: {}, fallbacks: {} });
  for (const n of ["constructor", "toString", "__proto__"]) assert.is(plan.refs[n], undefined, n);
  const own = JSON.parse('{"keys": [{"__proto__": "A"}]}');
  assert.match(checkKeyLists(own)[0]?.message ?? "", /"__proto__" cannot be a key name/);
});
maps("composeEnv: only the base's own variables count as inherited", () => {
  const plan = planKeys(undefined, { keys: ["constructor"], optional: ["toString"] });
  const out = composeEnv(plan, new Map(), { PATH: "/bin" });
  assert.equal(out.missing, ["constructor"]);
  assert.equal(out.skipped, ["toString"]);
  assert.is(Object.hasOwn(out.env, "constructor"), false);
});
maps("metadata records: none for constructor unless stored", () => {
  const doc = emptyMetadata();
  const [ctor, str] = ["constructor", "toString"] as string[];
  assert.is(scopeRecords(doc, "keyring:aim")[ctor as string], undefined);
  assert.is(scopeRecords(doc, ctor as string)[str as string], undefined);
  const stored = touchMeta(doc, "keyring:aim", ctor as string, "2026-01-01T00:00:00.000Z");
  assert.is(scopeRecords(stored, "keyring:aim")[ctor as string]?.created, "2026-01-01T00:00:00.000Z");
});
maps.run();
