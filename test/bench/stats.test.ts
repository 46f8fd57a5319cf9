// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseTimes } from "../../bench/lib/measure.mjs";
import { fmtRatio, median, pairedRatio, pairedSpread, rotation, verdict } from "../../bench/lib/stats.mjs";

const stats = suite("bench arithmetic");
stats("median of odd and even counts, order-free", () => {
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]));
});
stats("paired ratio is the median of per-round ratios", () => {
  // Round 3 is hit by load on both sides: the pair cancels it.
  assert.is(pairedRatio([110, 120, 400, 130], [100, 100, 300, 100]), 1.25);
  assert.throws(() => pairedRatio([1, 2], [1]));
});
stats("paired spread: the first and third quartile of the per-round ratios", () => {
  const a = [100, 110, 120, 130, 140, 150, 160, 170];
  assert.equal(
    pairedSpread(
      a,
      a.map(() => 100),
    ),
    [1.1, 1.5],
  );
  assert.equal(pairedSpread([5], [5]), [1, 1]);
  assert.throws(() => pairedSpread([1], [1, 2]));
});
stats("the budget passes on the best attempt and fails only when every attempt is over", () => {
  assert.equal(verdict([1.7, 1.4], 1.5), { ok: true, best: 1.4 });
  assert.equal(verdict([1.7, 1.6, 1.55], 1.5), { ok: false, best: 1.55 });
});
stats("rotation puts each command first once every n rounds", () => {
  assert.equal(rotation(3, 0), [0, 1, 2]);
  assert.equal(rotation(3, 1), [1, 2, 0]);
  assert.equal(rotation(3, 3), [0, 1, 2]);
});
stats("ratios print with two decimals", () => {
  assert.is(fmtRatio(1.2345), "1.23×");
  assert.is(fmtRatio(Number.NaN), "n/a");
});
stats("one run's wall and CPU time from the bash wrapper's output", () => {
  const t = parseTimes("0m0.003s 0m0.000s\n0m0.089s 0m0.033s\n1795613763.855981 1795613764.014090 0\n");
  assert.is(t.wall, 158.109);
  assert.is(Math.round(t.cpu), 122);
  assert.is(t.code, 0);
  const comma = parseTimes("0m0,003s 0m0,000s\n1m0,500s 0m0,250s\n10,000000 10,500000 3\n");
  assert.equal([comma.wall, comma.cpu, comma.code], [500, 60750, 3]);
});
stats.run();
