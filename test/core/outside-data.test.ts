// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { parse } from "dotenv";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { untakenLines } from "../../src/core/dotenv-lines.js";
import { isStoreKey, safeText, shownName } from "../../src/core/names.js";
import { decodeUtf8, MAX_ENV_STRING, unusableValue } from "../../src/core/values.js";
import { AimError } from "../../src/errors.js";

const names = suite("names from outside");
names("a store key is a NAME today", () => {
  for (const n of ["A", "OPENAI_API_KEY", "_x"]) assert.ok(isStoreKey(n), n);
  for (const n of ["", "X;echo INJECTED #", "bad name", "$(id)", "A\n", "E\x1b[31m"]) assert.not.ok(isStoreKey(n), n);
});
names("shown with every control character escaped", () => {
  assert.is(shownName("E\x1b[31mRED\x07"), '"E\\u001b[31mRED\\u0007"');
  assert.is(shownName('a"b\\c'), '"a\\"b\\\\c"');
  assert.is(shownName("bidi\u202eevil\u0085"), '"bidi\\u202eevil\\u0085"');
  assert.is(safeText("desc\x1b[2J"), "desc\\u001b[2J");
  assert.is(safeText("ключ 🔑 é"), "ключ 🔑 é");
});
names.run();

const values = suite("values no program could receive");
values("a NUL byte, and more than 128 KiB for NAME=value plus its NUL", () => {
  assert.match(unusableValue("K", "a\0b") ?? "", /K contains a NUL byte/);
  assert.is(unusableValue("K", "x".repeat(MAX_ENV_STRING - 3)), undefined);
  assert.match(unusableValue("K", "x".repeat(MAX_ENV_STRING - 2)) ?? "", /would take 131073 bytes, more than the 131072/);
  assert.not.match(unusableValue("K", "x".repeat(200_000)) ?? "", /xxx/);
});
values("UTF-8 or refused, naming the first bad byte", () => {
  assert.is(decodeUtf8(Buffer.from("ключ"), "v", "h"), "ключ");
  const bad = (bytes: number[]) => {
    try {
      decodeUtf8(Uint8Array.from(bytes), "the value", "fix");
    } catch (err) {
      assert.ok(err instanceof AimError);
      return (err as AimError).message;
    }
    throw new Error("accepted");
  };
  assert.match(bad([0x61, 0x62, 0xff, 0xfe]), /byte 3 is not valid UTF-8/);
  assert.match(bad([0x41, 0x3d, 0x63, 0x61, 0x66, 0xe9, 0x0a]), /byte 6 is not valid UTF-8/);
  assert.match(bad([0x61, 0xe2, 0x82]), /byte 2 is not valid UTF-8/);
});
values.run();

const lines = suite(".env lines dotenv would drop");
const untaken = (text: string) => untakenLines(text, (l) => parse(l));
lines("blank lines, comments, KEY=value, export and KEY: value are taken", () => {
  assert.equal(untaken("# c\n\nA=1\nexport B='2'\nC: 3\n  D = 4  # note\n"), []);
});
lines("a space in a name, a missing name, a stray word are not", () => {
  assert.equal(untaken("A B=x\n=x\nstray\nOK=1\n"), [1, 2, 3]);
});
lines("a quoted value that spans lines is one entry; an unclosed quote is taken literally", () => {
  assert.equal(untaken('M="one\nnot a key line\ntwo"\nN=1\n'), []);
  assert.equal(untaken("M='one\nstill\n'\nbad line\n"), [4]);
  assert.equal(untaken('U="never closed\nbad line\n'), [2]);
});
lines("CRLF files", () => {
  assert.equal(untaken("A=1\r\nA B=2\r\n"), [2]);
});
lines.run();
