// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { dirname } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ancestors, mayHoldAimField } from "../../src/project/discover.js";
import { fetchPlan, GET_COST_IN_ENTRIES } from "../../src/store/keyring/fetch-plan.js";
import { linuxBinding } from "../../src/store/keyring/native.js";
import { SEARCH_PLACES } from "../../src/project/search-places.js";

const discover = suite("project file discovery (pure parts)");
discover("walks from the folder up to the root, nearest first", () => {
  assert.equal([...ancestors("/a/b/c", dirname)], ["/a/b/c", "/a/b", "/a", "/"]);
  assert.equal([...ancestors("/", dirname)], ["/"]);
});
discover("searches data formats only, in cosmiconfig's order", () => {
  assert.equal([...SEARCH_PLACES], [".aimrc", ".aimrc.json", ".aimrc.yaml", ".aimrc.yml", "package.json"]);
  for (const place of SEARCH_PLACES) assert.not.match(place, /\.(c|m)?[jt]s$/);
});
discover("a package.json is parsed only when it may hold an aim field", () => {
  assert.ok(mayHoldAimField('{"name":"x","aim":{"keys":["A"]}}'));
  assert.ok(mayHoldAimField('{\n  "aim" : {}\n}'));
  assert.ok(mayHoldAimField('{"\\u0061im": {}}'), "an escaped key goes to the real parser");
  assert.not.ok(mayHoldAimField('{"name":"aim","description":"about aim"}'));
  assert.not.ok(mayHoldAimField('{"name":"x","aimless":1}'));
});
discover.run();

const plan = suite("keyring fetch plan");
plan("unknown service size: one batched search", () => {
  assert.is(fetchPlan(1, undefined), "find");
  assert.is(fetchPlan(50, undefined), "find");
});
plan("a few keys from a big service: one get each", () => {
  assert.is(fetchPlan(1, 50), "get");
  assert.is(fetchPlan(10, 200), "get");
});
plan("many keys, or a small service: one search", () => {
  assert.is(fetchPlan(10, 50), "find");
  assert.is(fetchPlan(50, 50), "find");
  assert.is(fetchPlan(1, GET_COST_IN_ENTRIES), "find", "a tie goes to the single search");
  assert.is(fetchPlan(1, 0), "find");
});
plan.run();

const native = suite("keyring binding shortcut");
native("names the package @napi-rs/keyring would load on Linux", () => {
  assert.is(linuxBinding("x64", "#!/bin/bash\n# glibc ldd"), "@napi-rs/keyring-linux-x64-gnu");
  assert.is(linuxBinding("arm64", "#!/bin/sh\n/lib/ld-musl-aarch64.so.1"), "@napi-rs/keyring-linux-arm64-musl");
});
native("leaves anything unusual to the package's own loader", () => {
  assert.is(linuxBinding("x64", undefined), undefined);
  assert.is(linuxBinding("riscv64", "glibc"), undefined);
});
native.run();
