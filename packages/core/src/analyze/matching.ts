// Greedy nearest-neighbour matching on a score (MatchIt's defaults): a general tool, used by
// estimateEffect's matching and open to any study.

/**
 * Greedy 1:1 nearest-neighbour matching without replacement on the propensity score, as MatchIt's
 * defaults (m.order = "largest"): treated units from the highest score down each take the nearest
 * unmatched control (ties: the lowest row); a caliper (in SDs of the score over all units) leaves
 * a treated unit unmatched when no control is close enough. Returns [treated, control] row pairs.
 */
export function matchNearest(score: ArrayLike<number>, treated: ArrayLike<number>, caliper?: number): [number, number][] {
  const n = score.length;
  const t: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) (treated[i] === 1 ? t : c).push(i);
  let limit = Infinity;
  if (caliper !== undefined) {
    let m = 0;
    for (let i = 0; i < n; i++) m += score[i]!;
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (score[i]! - m) ** 2;
    limit = caliper * Math.sqrt(ss / (n - 1));
  }
  t.sort((a, b) => score[b]! - score[a]! || a - b);
  // Controls sorted by score; a matched one is removed (linked list over the sorted order).
  const cs = [...c].sort((a, b) => score[a]! - score[b]! || a - b);
  const prev = Int32Array.from({ length: cs.length }, (_, k) => k - 1);
  const next = Int32Array.from({ length: cs.length }, (_, k) => (k + 1 < cs.length ? k + 1 : -1));
  let head = cs.length > 0 ? 0 : -1;
  const pairs: [number, number][] = [];
  const positionOf = (x: number) => {
    // First sorted position with score ≥ x (binary search over all, then skip removed).
    let lo = 0;
    let hi = cs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (score[cs[mid]!]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const removed = new Uint8Array(cs.length);
  for (const i of t) {
    if (head < 0) break;
    const x = score[i]!;
    let k = positionOf(x);
    // Nearest alive to the right and to the left of position k.
    let right = k;
    while (right < cs.length && removed[right]) right = next[right]! === -1 ? cs.length : next[right]!;
    let left = k - 1;
    while (left >= 0 && removed[left]) left = prev[left]!;
    let best = -1;
    let bestD = Infinity;
    for (const cand of [left, right]) {
      if (cand < 0 || cand >= cs.length || removed[cand]) continue;
      const dist = Math.abs(score[cs[cand]!]! - x);
      if (dist < bestD || (dist === bestD && cs[cand]! < cs[best]!)) {
        best = cand;
        bestD = dist;
      }
    }
    // Equal distances further out on the same side (tied scores) may hold a lower row index.
    if (best >= 0) {
      for (let j = best; j >= 0; j = prev[j]!) {
        if (removed[j] || Math.abs(score[cs[j]!]! - x) !== bestD) break;
        if (cs[j]! < cs[best]!) best = j;
      }
      for (let j = best; j !== -1 && j < cs.length; j = next[j]!) {
        if (removed[j] || Math.abs(score[cs[j]!]! - x) !== bestD) break;
        if (cs[j]! < cs[best]!) best = j;
      }
    }
    if (best < 0 || bestD > limit) continue;
    pairs.push([i, cs[best]!]);
    removed[best] = 1;
    if (prev[best]! >= 0) next[prev[best]!] = next[best]!;
    else head = next[best]!;
    if (next[best]! >= 0) prev[next[best]!] = prev[best]!;
    k = 0;
  }
  return pairs;
}
