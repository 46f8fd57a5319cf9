// @both-backends
// Through the real CLI: aim exec --mask with two stored values that
// overlap in the output (abcdefSECRET1 and SECRET1ghijkl in abcdefSECRET1ghijkl) masks
// every byte of both, on stdout and stderr.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, succeeds } from "../../helpers/cli.js";

const mask = suite("aim exec --mask: overlapping values");
mask("no byte of either value reaches stdout or stderr", () => {
  const { aim } = sandbox();
  succeeds(aim(["secrets", "set", "AIM_T_A"], { input: "abcdefSECRET1" }));
  succeeds(aim(["secrets", "set", "AIM_T_B"], { input: "SECRET1ghijkl" }));
  const r = aim([
    "exec",
    "--keys",
    "AIM_T_A,AIM_T_B",
    "--mask",
    "--",
    "sh",
    "-c",
    "printf '<abcdefSECRET1ghijkl>'; printf 'xSECRET1ghijklabcdefSECRET1y' >&2",
  ]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "<*****>");
  // Side by side (not overlapping): one mask each, still no byte of either.
  assert.is(r.stderr, "x**********y");
});
mask.run();
