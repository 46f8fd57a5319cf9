// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { Masker } from "../../src/run/masker.js";

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
  // Both are there and overlap: every byte of both is masked.
  assert.is(through(["abc", "cXY"], ["abcX", "Y"]), "*****");
});
masker("output without secrets passes unchanged and is not held back", () => {
  const m = new Masker(["secret"]);
  assert.is(m.push(Buffer.from("prompt> ")).toString(), "prompt> ");
  assert.is(m.push(Buffer.from("sec")).toString(), "");
  assert.is(m.flush().toString(), "sec");
});
masker("overlapping secrets: every byte of every occurrence is masked", () => {
  const a = "abcdefSECRET1";
  const b = "SECRET1ghijkl";
  const out = `${a.slice(0, 6)}SECRET1${b.slice(7)}`;
  assert.is(through([a, b], [out]), "*****");
  assert.is(through([a, b], [`<${out}>`]), "<*****>");
  // Every split point of the stream, so the held-back tail cannot let a part out either.
  for (let i = 1; i < out.length; i++) assert.is(through([a, b], [out.slice(0, i), out.slice(i)]), "*****", `split at ${i}`);
  // One secret overlapping itself, and a third one inside the overlap.
  assert.is(through(["aXa"], ["aXaXa."]), "*****.");
  assert.is(through(["xyzw", "zwvu", "wv"], ["-xyzwvu-"]), "-*****-");
  // Apart, they stay apart.
  assert.is(through([a, b], [`${a} ${b}`]), "***** *****");
});
masker.run();
