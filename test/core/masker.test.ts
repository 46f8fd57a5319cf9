// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { Masker } from "../../src/core/masker.js";

/** Feeds `chunks` through a masker and returns everything it let out. */
const through = (secrets: string[], chunks: string[]): string => {
  const m = new Masker(secrets);
  return Buffer.concat([...chunks.map((c) => m.push(Buffer.from(c))), m.flush()]).toString();
};

const masker = suite("Masker");
masker("masks a secret split across chunks, at every split point", () => {
  const s = "sk-abcdef123";
  for (let i = 1; i < s.length; i++) assert.is(through([s], [`x${s.slice(0, i)}`, `${s.slice(i)}y`]), "x*****y", `split at ${i}`);
});
masker("a secret that begins a longer one: the longer one is masked whole across chunks", () => {
  assert.is(through(["abc", "abcdef"], ["abc", "def\n"]), "*****\n");
  assert.is(through(["abc", "abcdef"], ["abc", "xyz\n"]), "*****xyz\n");
  assert.is(through(["abc", "abcdef"], ["ab", "cd", "ef"]), "*****");
});
masker("no whole secret is emitted in part when the held tail starts inside it", () => {
  // "cX" could begin "cXY", but "abc" ends inside it: nothing of "abc" may go out unmasked.
  assert.is(through(["abc", "cXY"], ["abcX", "Z"]), "*****XZ");
  assert.is(through(["abc", "cXY"], ["abcX", "Y"]), "*****XY");
});
masker("output without secrets passes unchanged and is not held back", () => {
  const m = new Masker(["secret"]);
  assert.is(m.push(Buffer.from("prompt> ")).toString(), "prompt> ");
  assert.is(m.push(Buffer.from("sec")).toString(), "");
  assert.is(m.flush().toString(), "sec");
});
masker.run();
