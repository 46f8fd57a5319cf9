// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { didYouMean, editDistance, suggest } from "../../src/core/suggest.js";

const distance = suite("editDistance");
distance("insertions, deletions, substitutions and swaps of neighbours cost 1 each", () => {
  const cases: Array<[string, string, number]> = [
    ["exec", "exec", 0],
    ["exce", "exec", 1], // swap
    ["exe", "exec", 1], // deletion
    ["execc", "exec", 1], // insertion
    ["exac", "exec", 1], // substitution
    ["", "run", 3],
    ["run", "", 3],
    ["secrets", "secerts", 1],
    ["ca", "abc", 3], // optimal string alignment: a swapped pair is not edited again
    ["kitten", "sitting", 3],
  ];
  for (const [a, b, d] of cases) {
    assert.is(editDistance(a, b), d, `${a} -> ${b}`);
    assert.is(editDistance(b, a), d, `${b} -> ${a}`);
  }
});
distance.run();

const close = suite("suggest");
const COMMANDS = ["exec", "allow", "deny", "status", "secrets", "run", "tools", "vault", "doctor", "hook", "reload"];
close("the closest within distance 2, every one tied", () => {
  assert.equal(suggest("exce", COMMANDS), ["exec"]);
  assert.equal(suggest("secret", COMMANDS), ["secrets"]);
  assert.equal(suggest("hok", COMMANDS), ["hook"]);
  assert.equal(suggest("tool", ["tools", "pool"]), ["tools", "pool"]);
});
close("a unique prefix when nothing is that close", () => {
  assert.equal(suggest("migr", ["set", "migrate"]), ["migrate"]);
  assert.equal(suggest("re", ["reload", "remove"]), [], "two start with re");
});
close("nothing for a word unlike every candidate, or empty", () => {
  assert.equal(suggest("frobnicate", COMMANDS), []);
  assert.equal(suggest("", COMMANDS), []);
  assert.equal(suggest("x", ["ls", "rm"]), [], "a candidate is not suggested by replacing all of it");
});
close("didYouMean renders the hint", () => {
  assert.is(
    didYouMean("exce", COMMANDS, (c) => `aim ${c}`),
    "did you mean: aim exec?",
  );
  assert.is(
    didYouMean("tool", ["tools", "pool"], (c) => c),
    "did you mean: tools or pool?",
  );
  assert.is(
    didYouMean("zzzzzz", COMMANDS, (c) => c),
    undefined,
  );
});
close.run();
