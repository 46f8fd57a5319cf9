// --expand-args fills ${NAME} in the command's arguments with a key's value. Under the
// broker the command must only ever hold a bound key's placeholder, so the two together
// are refused before anything runs: the value would otherwise land in argv, where the
// agent (and ps) can read it.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, succeeds } from "../../helpers/cli.js";

const VALUE = "sk-expand-broker-0123456789abcdef";

const both = suite("aim exec --expand-args with the broker");
both("refused with a usage error, and the value reaches no argv and no output", () => {
  const { aim } = sandbox();
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY"], { input: VALUE }));
  const r = aim(["exec", "--no-config", "--broker", "--expand-args", "--keys", "OPENAI_API_KEY", "--", "echo", "${OPENAI_API_KEY}"]);
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /--expand-args cannot be used with the broker/);
  assert.not.ok(r.stderr.includes(VALUE));
  // Without the broker it still expands, as the MCP wrappers rely on.
  const plain = aim(["exec", "--no-config", "--expand-args", "--keys", "OPENAI_API_KEY", "--", "echo", "${OPENAI_API_KEY}"]);
  assert.is(plain.code, 0, plain.stderr);
  assert.is(plain.stdout, `${VALUE}\n`);
});
both.run();
