// @unit: the matcher, the encodings and the chunked reader against a naive search.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { needlesOf } from "../../src/scan/encodings.js";
import { historyEntries } from "../../src/scan/fix.js";
import { Matcher } from "../../src/scan/matcher.js";
import { ChunkScanner } from "../../src/scan/stream.js";

let seed = 12345;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const ALPHA = "ab01_-+/=:\n ";
const text = (n: number, alphabet = ALPHA) => Array.from({ length: n }, () => alphabet[rand(alphabet.length)]).join("");

/** Every (needle, start) a plain indexOf finds. */
function naive(hay: Buffer, needles: Buffer[]): string[] {
  const out: string[] = [];
  needles.forEach((n, k) => {
    for (let at = hay.indexOf(n); at !== -1; at = hay.indexOf(n, at + 1)) out.push(`${k}@${at}`);
  });
  return out.sort();
}

const m = suite("Matcher and ChunkScanner");
m("finds exactly what indexOf finds, whole and in chunks of every small size", () => {
  for (let round = 0; round < 30; round++) {
    const needles = Array.from({ length: 1 + rand(12) }, () => Buffer.from(text(2 + rand(9), "ab01")));
    const hay = Buffer.from(text(3000, "ab01\n"));
    const want = naive(hay, needles);
    const matcher = new Matcher(needles.map((bytes) => ({ bytes, encoding: "raw" as const })));
    const whole: string[] = [];
    matcher.scan(hay, hay.length, 0, true, (k, s) => whole.push(`${k}@${s}`));
    assert.equal(whole.sort(), want, `round ${round} whole`);
    for (const chunk of [1, 2, 7, 64]) {
      const sc = new ChunkScanner(matcher, chunk);
      sc.reset(hay.length, true);
      for (let at = 0; at < hay.length; at += 5) sc.write(hay.subarray(at, at + 5));
      assert.equal(
        sc
          .end()
          .map((h) => `${h.needle}@${h.offset}`)
          .sort(),
        want,
        `round ${round} chunk ${chunk}`,
      );
    }
  }
});
m("a large binary is skipped unless named", () => {
  const matcher = new Matcher([{ bytes: Buffer.from("needle-123"), encoding: "raw" }]);
  const sc = new ChunkScanner(matcher, 1024);
  const data = Buffer.concat([Buffer.from([0]), Buffer.from("needle-123")]);
  sc.reset(11 * 1024 * 1024);
  sc.write(data);
  assert.equal(sc.end(), []);
  assert.ok(sc.skipped);
  sc.reset(11 * 1024 * 1024, true);
  sc.write(data);
  assert.is(sc.end().length, 1);
});
m.run();

const enc = suite("needlesOf: the encodings");
const find = (value: string, hay: string) => {
  const needles = needlesOf(value);
  const matcher = new Matcher(needles);
  const got: string[] = [];
  const buf = Buffer.from(hay);
  matcher.scan(buf, buf.length, 0, true, (k) => got.push(needles[k]?.encoding as string));
  return [...new Set(got)];
};
enc("the value inside base64 and base64url at every offset, with anything around it, is found", () => {
  for (let round = 0; round < 40; round++) {
    const value = text(8 + rand(30), "ABCxyz019~?>_-");
    const before = text(rand(6), "abc:+?~");
    const after = text(rand(6), "abc:+?~");
    const plain = Buffer.from(before + value + after);
    const std = plain.toString("base64");
    assert.ok(
      find(value, `x ${std} y`).some((e) => e === "base64"),
      `base64 of ${JSON.stringify(before)}+value`,
    );
    const url = plain.toString("base64url");
    assert.ok(
      find(value, `"${url}"`).some((e) => e === "base64url" || e === "base64"),
      "base64url",
    );
  }
});
enc("a value one bit away is not found in any encoding", () => {
  for (let round = 0; round < 40; round++) {
    const value = text(8 + rand(30), "ABCxyz019~?>_-");
    const i = rand(value.length);
    const near = value.slice(0, i) + String.fromCharCode(value.charCodeAt(i) ^ (1 << rand(2))) + value.slice(i + 1);
    if (near === value) continue;
    for (const pre of ["", "u", "us", "usr:"]) {
      const b = Buffer.from(`${pre}${near}`);
      assert.equal(
        find(value, `${b.toString("base64")} ${b.toString("base64url")} ${encodeURIComponent(near)} ${JSON.stringify(near)} ${near}`),
        [],
        `round ${round} pre ${pre}`,
      );
    }
  }
});
enc("url and json forms of a value with special characters", () => {
  const v = 'a"b\\c/d é%e f';
  assert.equal(find(v, `?k=${encodeURIComponent(v)}`), ["url"]);
  assert.equal(find(v, `?k=${encodeURIComponent(v).toLowerCase()}`), ["url"]);
  assert.equal(find(v, JSON.stringify({ v })), ["json"]);
  assert.equal(find(v, JSON.stringify({ v }).replace(/é/, "\\u00e9")), ["json"]);
});
enc.run();

const entries = suite("historyEntries: one entry per shell format");
const split = (shell: Parameters<typeof historyEntries>[0], s: string) =>
  historyEntries(shell, Buffer.from(s)).map(([a, b]) => s.slice(a, b));
entries("bash with and without timestamps, zsh continuation lines, fish records, PSReadLine backquotes", () => {
  assert.equal(split("bash", "a\nb\n"), ["a\n", "b\n"]);
  assert.equal(split("bash", "#1\na\n#2\nb\nc\n"), ["#1\na\n", "#2\nb\nc\n"]);
  assert.equal(split("zsh", ": 1:0;a \\\nb\n: 2:0;c\n"), [": 1:0;a \\\nb\n", ": 2:0;c\n"]);
  assert.equal(split("zsh", ": 1:0;a \\\\\n: 2:0;c"), [": 1:0;a \\\\\n", ": 2:0;c"]);
  assert.equal(split("fish", "- cmd: a\n  when: 1\n- cmd: b\n  when: 2\n  paths:\n    - x\n"), [
    "- cmd: a\n  when: 1\n",
    "- cmd: b\n  when: 2\n  paths:\n    - x\n",
  ]);
  assert.equal(split("pwsh", "a `\nb\nc\n"), ["a `\nb\n", "c\n"]);
});
entries("bash: a history kept before HISTTIMEFORMAT was set (no #stamp at the top) has one entry per line", () => {
  // bash joins lines into one entry only when the file starts with a timestamp (readline's
  // read_history_range); otherwise each line is an entry, and a #stamp belongs to the line after it.
  assert.equal(split("bash", "a\nb\nc\n#2\nd\n#3\ne\n"), ["a\n", "b\n", "c\n", "#2\nd\n", "#3\ne\n"]);
  assert.equal(split("bash", "a\n#2\nd\nx\n#3"), ["a\n", "#2\nd\n", "x\n", "#3"]);
  assert.equal(split("bash", "#1\na\nb\n#2\nc\n"), ["#1\na\nb\n", "#2\nc\n"]);
});
entries.run();
