// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { groupReferences } from "../../src/store/resolve.js";

const group = suite("the resolve step groups references by source");
group("10 store keys across two profiles are one batch for the store; each scheme its own", () => {
  const refs = [
    ...Array.from({ length: 5 }, (_, i) => `work/K${i}`),
    ...Array.from({ length: 5 }, (_, i) => `personal/K${i}`),
    "team:T",
    "pass:a/b",
    "team:U",
  ];
  const groups = groupReferences(refs);
  assert.equal([...groups.keys()], ["store", "team", "pass"]);
  assert.is(groups.get("store")?.size, 10);
  assert.equal(
    [...(groups.get("team") ?? new Map()).entries()],
    [
      ["T", "team:T"],
      ["U", "team:U"],
    ],
  );
  assert.equal([...(groups.get("pass") ?? new Map()).keys()], ["a/b"]);
});
group("an unknown scheme is thrown before any source is asked", () => {
  assert.throws(() => groupReferences(["K", "vault:x"]), /unknown scheme "vault"/);
});
group.run();
