// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AimError, ERRORS, type ErrorCode, EXIT, exitCodeFor, usageError } from "../src/errors.js";

const CODES = Object.keys(ERRORS) as ErrorCode[];
const COMMAND_CODES: Partial<Record<ErrorCode, number>> = { COMMAND_NOT_FOUND: 127, NOT_EXECUTABLE: 126 };

const table = suite("the error table");
table("every code: 2 for usage, 1 for other failures, 126/127 only for the command", () => {
  assert.ok(CODES.length >= 19, "the table lists every code");
  for (const code of CODES) {
    const expected = COMMAND_CODES[code] ?? (code === "USAGE" ? EXIT.usage : EXIT.failure);
    assert.is(exitCodeFor(code, false), expected, code);
  }
});
table("every code under a wrapper (exec, run): 125, except the command's 126/127", () => {
  for (const code of CODES) assert.is(exitCodeFor(code, true), COMMAND_CODES[code] ?? EXIT.aim, code);
});
table("every code has a default hint that names a fix, in the house form", () => {
  for (const code of CODES) {
    const { hint } = ERRORS[code];
    assert.ok(hint.length > 10, code);
    assert.is(hint[0], hint[0]?.toLowerCase(), `${code}: starts lower case (describeError capitalises)`);
    assert.not.ok(hint.endsWith("."), `${code}: no full stop`);
  }
});
table("a code from outside (a vault agent's reply) that aim does not know is a plain failure", () => {
  assert.is(exitCodeFor("NO_SUCH" as ErrorCode, false), 1);
  assert.is(exitCodeFor("NO_SUCH" as ErrorCode, true), 125);
});
table.run();

const error = suite("AimError");
error("takes the table's hint unless the site gives a more specific one", () => {
  assert.is(new AimError("UNTRUSTED", "x").hint, ERRORS.UNTRUSTED.hint);
  assert.is(new AimError("UNTRUSTED", "x", { hint: "run: aim allow /p" }).hint, "run: aim allow /p");
  assert.is(usageError("bad").code, "USAGE");
});
error("exitCode is the wrapper's code, as the library runs commands like aim exec", () => {
  assert.is(new AimError("CONFIG_INVALID", "x").exitCode, 125);
  assert.is(usageError("bad").exitCode, 125);
  assert.is(new AimError("COMMAND_NOT_FOUND", "x").exitCode, 127);
});
error.run();
