// Which groups a reader can single out from published sums. The published figures of a row are
// sums of "atoms" (the finest groups behind them, e.g. the nine moves between two waves' outcomes);
// a union of atoms is a group whose count the reader knows exactly when its indicator vector lies in
// the span of the published sums. Used to decide whether a row may be shown: every such group must
// rest on no company or on at least the minimum.

/** A basis of the vectors v with F·v = 0 (F: published sums as 0/1 rows over `atoms` atoms). */
function nullSpace(sums: readonly (readonly number[])[], atoms: number): number[][] {
  const a = sums.map((r) => [...r]);
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < atoms && row < a.length; col++) {
    let p = -1;
    for (let r = row; r < a.length; r++) if (Math.abs(a[r]![col]!) > 1e-9) { p = r; break; }
    if (p < 0) continue;
    [a[row], a[p]] = [a[p]!, a[row]!];
    const lead = a[row]![col]!;
    for (let c = 0; c < atoms; c++) a[row]![c]! /= lead;
    for (let r = 0; r < a.length; r++) {
      if (r === row) continue;
      const f = a[r]![col]!;
      if (Math.abs(f) > 1e-12) for (let c = 0; c < atoms; c++) a[r]![c]! -= f * a[row]![c]!;
    }
    pivots.push(col);
    row++;
  }
  const basis: number[][] = [];
  for (let free = 0; free < atoms; free++) {
    if (pivots.includes(free)) continue;
    const v = new Array<number>(atoms).fill(0);
    v[free] = 1;
    pivots.forEach((pc, r) => (v[pc] = -a[r]![free]!));
    basis.push(v);
  }
  return basis;
}

/**
 * The smallest non-empty group of companies that a reader can single out: over every union of
 * atoms whose count follows from the published sums, the number of companies behind it (0 when
 * every such union is empty). Empty atoms are taken as known to be empty (a reader may learn so;
 * assuming it only finds more groups). Atoms are given by the companies behind each. E.g. with
 * atoms a (companies 1, 2) and b (3–7), publishing a and a + b singles out a (2); publishing only
 * a + b singles out the union (7).
 */
export function smallestDerivableGroup(atoms: readonly Set<number>[], sums: readonly (readonly number[])[]): number {
  const n = atoms.length;
  const known = [...sums, ...atoms.flatMap((s, j) => (s.size === 0 ? [Array.from({ length: n }, (_, c) => (c === j ? 1 : 0))] : []))];
  const kernel = nullSpace(known, n);
  const live = atoms.map((s, j) => (s.size > 0 ? j : -1)).filter((j) => j >= 0);
  let best = Infinity;
  for (let mask = 1; mask < 1 << live.length; mask++) {
    const members = live.filter((_, b) => mask & (1 << b));
    if (!kernel.every((v) => Math.abs(members.reduce((s, j) => s + v[j]!, 0)) < 1e-9)) continue;
    const companies = new Set<number>();
    for (const j of members) for (const c of atoms[j]!) companies.add(c);
    best = Math.min(best, companies.size);
  }
  return best === Infinity ? 0 : best;
}
