/** Ranks with ties given their average rank (R's `rank(ties.method = "average")`), and the sizes of the tie groups. */
export function averageRanks(x: ArrayLike<number>): { ranks: Float64Array; tieSizes: number[] } {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && x[order[j]!] === x[order[i]!]) j++;
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]!] = r;
    if (j - i > 1) tieSizes.push(j - i);
    i = j;
  }
  return { ranks, tieSizes };
}

/** Σ (t³ − t) over tie groups: the tie correction of rank tests. */
export function tieSum(tieSizes: readonly number[]): number {
  let s = 0;
  for (const t of tieSizes) s += t * t * t - t;
  return s;
}
