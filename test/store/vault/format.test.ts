// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseVault, serializeVault } from "../../../src/store/vault/format.js";
import { AimError } from "../../../src/errors.js";
import { HOSTILE } from "../../helpers/cli.js";

const format = suite("vault plaintext format");
format("serializes sorted, indented JSON with a trailing newline", () => {
  const text = serializeVault(
    new Map([
      ["B", "2"],
      ["A", "1"],
    ]),
  );
  assert.is(text, '{\n  "A": "1",\n  "B": "2"\n}\n');
  assert.is(serializeVault(new Map()), "{}\n");
});
format("every hostile value round-trips exactly", () => {
  const values = new Map(Object.entries(HOSTILE).map(([k, v]) => [`K_${k}`, v]));
  assert.equal(parseVault(serializeVault(values), "v"), values);
});
format("reads what a human writes: other spacing, key order, a BOM, unicode escapes", () => {
  const m = parseVault('\uFEFF{"Z":"\\u00e9",\n\n   "A" : "x y"}', "v");
  assert.equal(
    [...m],
    [
      ["Z", "é"],
      ["A", "x y"],
    ],
  );
});
const rejects = (text: string, pattern: RegExp) => {
  try {
    parseVault(text, "/v/vault.age");
    assert.unreachable(`should reject ${text}`);
  } catch (e) {
    assert.instance(e, AimError);
    assert.is((e as AimError).code, "VAULT_CORRUPT");
    assert.is((e as AimError).exitCode, 125);
    assert.match((e as AimError).message, pattern);
    return (e as AimError).message;
  }
};
format("rejects bad content with a line number, and never quotes the text", () => {
  const msg = rejects('{\n  "A": "sk-secret-value",\n  "B": sk-other-secret\n}', /not valid JSON( \(line 3\))?$/);
  rejects('{\n  "A": "v"\n}\n}', /not valid JSON \(line 4\)$/);
  assert.not.match(msg as string, /secret/);
  rejects("[]", /not a JSON object/);
  rejects('"x"', /not a JSON object/);
  rejects('{"1A": "v"}', /"1A" is not a store key/);
  const m2 = rejects('{"A": 42}', /the value of A is not a string/);
  assert.not.match(m2 as string, /42/);
  rejects('{"A": "a\\u0000b"}', /NUL byte/);
});
format.run();
