// @unit
// src/cli/args.ts: the words that plainParse takes (so that the common commands need not load
// node:util's parseArgs) come out exactly as parseArgs gives them, over every short sequence
// of a vocabulary of awkward words; and the common forms do take that path.
import { parseArgs } from "node:util";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { plainParse } from "../../src/cli/args.js";

const CONFIG = {
  help: { type: "boolean", short: "h" },
  keys: { type: "string" },
  only: { type: "string", short: "o" },
  "no-config": { type: "boolean" },
  mask: { type: "boolean" },
} as const;
const WORDS = [
  "--keys",
  "K1",
  "--keys=K2",
  "--keys=",
  "--only",
  "-x",
  "--no-config",
  "--no-config=1",
  "--mask",
  "--help",
  "-h",
  "-o",
  "--",
  "-",
  "bash",
  "--nope",
  "--=x",
  "a=b",
  "",
];

function* sequences(max: number, prefix: string[] = []): Generator<string[]> {
  yield prefix;
  if (prefix.length === max) return;
  for (const w of WORDS) yield* sequences(max, [...prefix, w]);
}

const same = suite("plainParse: what parseArgs gives, or nothing");
same("every sequence of up to three words, with and without positionals", () => {
  let taken = 0;
  let checked = 0;
  for (const args of sequences(3)) {
    for (const allowPositionals of [true, false]) {
      checked++;
      const plain = plainParse({ ...CONFIG }, args, allowPositionals);
      if (plain === undefined) continue;
      taken++;
      let expected: { values: object; positionals: string[] };
      try {
        expected = parseArgs({ args, options: CONFIG, allowPositionals, strict: true });
      } catch (err) {
        assert.unreachable(
          `plainParse took ${JSON.stringify(args)} (positionals ${allowPositionals}), parseArgs refused: ${(err as Error).message}`,
        );
        return;
      }
      assert.equal(plain, { values: { ...expected.values }, positionals: expected.positionals }, JSON.stringify(args));
    }
  }
  assert.ok(checked > 10_000, `${checked} sequences`);
  assert.ok(taken > 1_000, `plainParse took only ${taken} of ${checked}`);
});
same("the common forms take the plain path", () => {
  assert.equal(plainParse({ ...CONFIG }, ["--keys", "OPENAI_API_KEY"], false), { values: { keys: "OPENAI_API_KEY" }, positionals: [] });
  assert.equal(plainParse({ ...CONFIG }, ["bash", "1", "/home/u/p"], true), { values: {}, positionals: ["bash", "1", "/home/u/p"] });
  assert.equal(plainParse({ ...CONFIG }, ["--no-config", "--keys=A,B"], false), {
    values: { "no-config": true, keys: "A,B" },
    positionals: [],
  });
  assert.is(plainParse({ ...CONFIG }, ["-h"], false), undefined);
  assert.is(plainParse({ ...CONFIG }, ["--keys", "-x"], false), undefined);
  assert.is(plainParse({ ...CONFIG }, ["--toString"], false), undefined);
});
same.run();
