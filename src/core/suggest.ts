/**
 * "Did you mean …": the candidates close to a mistyped word. Close means an edit distance
 * of at most 2 (insertions, deletions, substitutions, and swaps of neighbours, as typos
 * are made), or the word is the start of exactly one candidate.
 */

/** Optimal string alignment distance: Levenshtein plus the transposition of two neighbours. */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between a's first i and b's first j characters.
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

export const MAX_DISTANCE = 2;

/** The closest candidates (all those tied for closest), or the one that `word` begins. */
export function suggest(word: string, candidates: readonly string[]): string[] {
  if (word === "") return [];
  const scored = candidates.map((c) => ({ c, d: editDistance(word, c) })).filter(({ c, d }) => d <= MAX_DISTANCE && d < c.length);
  if (scored.length > 0) {
    const best = Math.min(...scored.map((s) => s.d));
    return [...new Set(scored.filter((s) => s.d === best).map((s) => s.c))];
  }
  const prefixed = candidates.filter((c) => c.startsWith(word));
  return prefixed.length === 1 ? prefixed : [];
}

/** "Did you mean: aim exec?" or undefined when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], render: (c: string) => string): string | undefined {
  const found = suggest(word, candidates);
  return found.length === 0 ? undefined : `did you mean: ${found.map(render).join(" or ")}?`;
}
