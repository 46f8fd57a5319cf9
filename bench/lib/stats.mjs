// Pure arithmetic for the benchmark: medians and paired ratios. No I/O, unit-tested.

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  if (xs.length === 0) throw new Error("median of nothing");
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The median of the per-round ratios a[i] / b[i]. Both lists come from the same rounds of
 * an interleaved run, so a burst of load from other processes hits both sides of a pair:
 * pairing cancels it where a ratio of two medians would not.
 */
export function pairedRatio(a, b) {
  if (a.length !== b.length || a.length === 0) throw new Error("paired ratio needs two lists of one length");
  return median(a.map((x, i) => x / b[i]));
}

/**
 * The middle half of the per-round ratios a[i] / b[i] (first and third quartile, nearest
 * rank): how much the pairs scattered, the noise a difference of medians must stand out of.
 */
export function pairedSpread(a, b) {
  if (a.length !== b.length || a.length === 0) throw new Error("paired spread needs two lists of one length");
  const s = a.map((x, i) => x / b[i]).sort((x, y) => x - y);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return [at(0.25), at(0.75)];
}

/**
 * The budget verdict over several attempts: a real regression is slow in every attempt,
 * noise rarely is. Passes when the best attempt's ratio is within `limit`.
 */
export function verdict(ratios, limit) {
  const best = Math.min(...ratios);
  return { ok: best <= limit, best };
}

/** Round-robin order for round `r`: each command goes first equally often. */
export function rotation(n, r) {
  return Array.from({ length: n }, (_, i) => (i + r) % n);
}

export const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "n/a");
export const fmtMs = (x) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
