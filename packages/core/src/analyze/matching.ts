// Greedy nearest-neighbour matching on a score (MatchIt's defaults, and its `ratio` and `exact`
// options): a general tool, used by estimateEffect's matching and open to any study.

/** One treated unit and the controls matched to it (a subclass, as MatchIt calls it). */
export interface MatchedSet {
  treated: number;
  controls: number[];
}

export interface MatchOptions {
  /** Caliper in SDs of the score over all units (as MatchIt's `caliper` with `std.caliper = TRUE`). */
  caliper?: number;
  /** Controls per treated unit (k in 1:k matching; default 1). */
  ratio?: number;
  /** Stratum code per unit (e.g. company ids): a unit is matched only within its stratum. */
  exact?: ArrayLike<number>;
}

/**
 * Greedy 1:k nearest-neighbour matching without replacement on a score (e.g. the propensity score
 * or its logit), as MatchIt's `method = "nearest"` with `m.order = "largest"`: treated units from
 * the highest score down each take the nearest unmatched control (ties: the lowest row); with
 * `ratio` k the matching runs in k rounds — every treated unit gets its first control before any
 * gets a second — so a treated unit may end with fewer than k when controls run out. A caliper
 * (in SDs of the score over all units) leaves a treated unit unmatched when no control is close
 * enough; `exact` restricts each treated unit to controls of its own stratum (MatchIt's
 * `exact = ~company`). Returns the matched sets with at least one control, in the order of the
 * treated units (highest score first).
 * @example
 * matchNearestSets([0.9, 0.8, 0.7, 0.1, 0.85, 0.75], [1, 0, 0, 0, 1, 0], { ratio: 2 }) // => [{ treated: 0, controls: [1, 2] }, { treated: 4, controls: [5, 3] }]
 */
export function matchNearestSets(score: ArrayLike<number>, treated: ArrayLike<number>, options: MatchOptions = {}): MatchedSet[] {
  const n = score.length;
  const ratio = options.ratio ?? 1;
  const exact = options.exact;
  let limit = Infinity;
  if (options.caliper !== undefined) {
    let m = 0;
    for (let i = 0; i < n; i++) m += score[i]!;
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (score[i]! - m) ** 2;
    limit = options.caliper * Math.sqrt(ss / (n - 1));
  }
  // Treated row → its controls (a Map: an array as long as the rows would be held as a dictionary).
  const controlsOf = new Map<number, number[]>();
  let order: Int32Array;
  if (!exact) {
    let nt = 0;
    for (let i = 0; i < n; i++) if (treated[i] === 1) nt++;
    const t = new Int32Array(nt);
    const c = new Int32Array(n - nt);
    for (let i = 0, a = 0, b = 0; i < n; i++) {
      if (treated[i] === 1) t[a++] = i;
      else c[b++] = i;
    }
    order = matchStratum(score, t, c, ratio, limit, controlsOf);
  } else {
    // Treated and controls per stratum, each matched on its own.
    const strata = new Map<number, { t: number[]; c: number[] }>();
    for (let i = 0; i < n; i++) {
      let s = strata.get(exact[i]!);
      if (!s) strata.set(exact[i]!, (s = { t: [], c: [] }));
      (treated[i] === 1 ? s.t : s.c).push(i);
    }
    const all: number[] = [];
    for (const { t, c } of strata.values()) for (const i of matchStratum(score, t, c, ratio, limit, controlsOf)) all.push(i);
    order = sortByScore(score, all, -1).rows;
  }
  const sets: MatchedSet[] = [];
  for (const i of order) {
    const controls = controlsOf.get(i);
    if (controls) sets.push({ treated: i, controls });
  }
  return sets;
}

/** Greedy matching within one stratum: fills controlsOf (treated row → its controls); returns the treated rows in matching order. */
function matchStratum(score: ArrayLike<number>, t: number[] | Int32Array, c: number[] | Int32Array, ratio: number, limit: number, controlsOf: Map<number, number[]>): Int32Array {
  t = sortByScore(score, t, -1).rows;
  // Controls sorted by score; a matched one is removed (linked list over the sorted order).
  const { rows: cs, sorted } = sortByScore(score, c, 1);
  const m = cs.length;
  const prev = new Int32Array(m);
  const next = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    prev[k] = k - 1;
    next[k] = k + 1 < m ? k + 1 : -1;
  }
  const removed = new Uint8Array(m);
  let alive = m;
  // Without NaN the sorted scores are in order, and a search may start from the last position found.
  let ordered = true;
  for (let k = 0; k < m; k++) if (sorted[k] !== sorted[k]) ordered = false;
  let hint = m;
  for (let round = 0; round < ratio && alive > 0; round++) {
    for (const i of t) {
      if (alive === 0) break;
      if (round > 0 && !controlsOf.has(i)) continue; // no control within reach in round 1: none later
      const x = score[i]!;
      // First sorted position with score ≥ x (near the last one: the treated come in score
      // order), then the nearest alive to its right and left.
      const lo = (hint = lowerBound(sorted, x, ordered ? hint : m, ordered));
      // A removed position's link points past removed ones only: follow it, then point every
      // position passed straight at the one found (so runs of removed controls are crossed once).
      let right = lo;
      while (right < m && removed[right]) right = next[right]! === -1 ? m : next[right]!;
      for (let j = lo; j < right && removed[j]; ) {
        const after = next[j]!;
        next[j] = right < m ? right : -1;
        j = after === -1 ? m : after;
      }
      let left = lo - 1;
      while (left >= 0 && removed[left]) left = prev[left]!;
      for (let j = lo - 1; j > left && removed[j]; ) {
        const before = prev[j]!;
        prev[j] = left;
        j = before;
      }
      let best = -1;
      let bestD = Infinity;
      for (let side = 0; side < 2; side++) {
        const cand = side === 0 ? left : right;
        if (cand < 0 || cand >= m || removed[cand]) continue;
        const dist = Math.abs(sorted[cand]! - x);
        if (dist < bestD || (dist === bestD && cs[cand]! < cs[best]!)) {
          best = cand;
          bestD = dist;
        }
      }
      // Equal distances further out on the same side (tied scores) may hold a lower row index.
      if (best >= 0) {
        for (let j = best; j >= 0; j = prev[j]!) {
          if (removed[j] || Math.abs(sorted[j]! - x) !== bestD) break;
          if (cs[j]! < cs[best]!) best = j;
        }
        for (let j = best; j !== -1 && j < m; j = next[j]!) {
          if (removed[j] || Math.abs(sorted[j]! - x) !== bestD) break;
          if (cs[j]! < cs[best]!) best = j;
        }
      }
      if (best < 0 || bestD > limit) continue;
      const list = controlsOf.get(i);
      if (list) list.push(cs[best]!);
      else controlsOf.set(i, [cs[best]!]);
      removed[best] = 1;
      alive--;
      if (prev[best]! >= 0) next[prev[best]!] = next[best]!;
      if (next[best]! >= 0) prev[next[best]!] = prev[best]!;
    }
  }
  return t;
}

/**
 * The first position k of `sorted` with !(sorted[k] < x) (m if none), by bisection; when `ordered`
 * (ascending, no NaN) from `hint` outward by doubling steps, then bisection — the same position,
 * in a few steps when it is near the hint.
 */
function lowerBound(sorted: Float64Array, x: number, hint: number, ordered: boolean): number {
  const m = sorted.length;
  let lo = 0;
  let hi = m;
  if (ordered && hint < m && sorted[hint]! < x) {
    // After the hint: [lo, hi] holds the answer.
    lo = hint + 1;
    hi = lo;
    for (let step = 1; hi < m && sorted[hi]! < x; step *= 2) {
      lo = hi + 1;
      hi = lo + step;
    }
    hi = Math.min(hi, m);
  } else if (ordered) {
    // At or before the hint.
    hi = hint;
    let k = hi - 1;
    for (let step = 1; k >= 0 && !(sorted[k]! < x); step *= 2) {
      hi = k;
      k = hi - step;
    }
    lo = k < 0 ? 0 : k + 1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The rows `idx` ordered by score (`direction` 1 ascending, −1 descending), ties by row, as
 * `idx.sort((a, b) => direction * (score[a] − score[b]) || a − b)` would order them, and their
 * scores in that order (−0 as 0); large lists by a stable radix sort of the scores' high 32 bits
 * (two passes of 16 bits), runs of equal high bits then by their low bits, instead of a comparator.
 */
function sortByScore(score: ArrayLike<number>, idx: readonly number[] | Int32Array, direction: 1 | -1): { rows: Int32Array; sorted: Float64Array } {
  const m = idx.length;
  if (m < 512) {
    const rows = Int32Array.from(idx).sort((a, b) => direction * (score[a]! - score[b]!) || a - b);
    return { rows, sorted: Float64Array.from(rows, (i) => score[i]! + 0) };
  }
  // Rows ascending first, so the stable passes leave ties by row.
  let rows = new Int32Array(idx);
  for (let k = 1; k < m; k++) if (rows[k]! < rows[k - 1]!) {
    rows.sort();
    break;
  }
  // Each score as an unsigned 64-bit key (hi, lo) in its order: a sign flip for positive numbers,
  // every bit flipped for negative ones; −0 counts as 0.
  const bits = new Float64Array(m);
  const words = new Uint32Array(bits.buffer);
  let hi = new Uint32Array(m);
  let lo = new Uint32Array(m);
  scoreKeys(score, rows, direction, bits, words, hi, lo);
  let rows2 = new Int32Array(m);
  let hi2 = new Uint32Array(m);
  let lo2 = new Uint32Array(m);
  const count = new Int32Array(65536);
  // Two passes on the high words; then runs of equal high words (rare: scores equal in their first
  // 20 bits of mantissa) ordered by the low word, stably.
  for (const shift of [0, 16]) {
    if (!radixPass(shift, count, rows, hi, lo, rows2, hi2, lo2)) continue; // one digit: the order stands
    [rows, rows2] = [rows2, rows];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  orderRuns(hi, lo, rows);
  // The scores back from their keys, in order.
  keyScores(hi, lo, direction, bits, words);
  return { rows, sorted: bits };
}

// The loops of sortByScore, each a small function of its own (compiled once, not once per loop of a long function).
/** Each row's score (times `direction`, −0 as 0) into `bits`, and its order key (hi, lo). */
function scoreKeys(score: ArrayLike<number>, rows: Int32Array, direction: 1 | -1, bits: Float64Array, words: Uint32Array, hi: Uint32Array, lo: Uint32Array): void {
  const m = rows.length;
  for (let k = 0; k < m; k++) bits[k] = direction * score[rows[k]!]! + 0;
  for (let k = 0; k < m; k++) {
    const h = words[2 * k + 1]!;
    const negative = h >>> 31 === 1;
    hi[k] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[k] = negative ? ~words[2 * k]! >>> 0 : words[2 * k]!;
  }
}

/**
 * One stable counting pass on 16 bits of the high words (from `shift`) into rows2, hi2, lo2;
 * false (nothing moved) when every key has the same digit.
 */
function radixPass(shift: number, count: Int32Array, rows: Int32Array, hi: Uint32Array, lo: Uint32Array, rows2: Int32Array, hi2: Uint32Array, lo2: Uint32Array): boolean {
  const m = rows.length;
  count.fill(0);
  for (let k = 0; k < m; k++) count[(hi[k]! >>> shift) & 0xffff]!++;
  if (count[(hi[0]! >>> shift) & 0xffff] === m) return false;
  for (let b = 0, sum = 0; b < 65536; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
  for (let k = 0; k < m; k++) {
    const to = count[(hi[k]! >>> shift) & 0xffff]!++;
    rows2[to] = rows[k]!;
    hi2[to] = hi[k]!;
    lo2[to] = lo[k]!;
  }
  return true;
}

/** Runs of equal high words ordered by the low word, stably (insertion; a comparator for long runs). */
function orderRuns(hi: Uint32Array, lo: Uint32Array, rows: Int32Array): void {
  const m = rows.length;
  for (let k = 0; k < m; ) {
    let end = k + 1;
    while (end < m && hi[end] === hi[k]) end++;
    if (end - k > 64) {
      // A long run (scores nearly equal): sorted by the low word, then by place (stable).
      const at = Array.from({ length: end - k }, (_, j) => k + j).sort((a, b) => lo[a]! - lo[b]! || a - b);
      const l = Uint32Array.from(at, (j) => lo[j]!);
      const r = Int32Array.from(at, (j) => rows[j]!);
      lo.set(l, k);
      rows.set(r, k);
    } else if (end - k > 1) {
      // Insertion sort by the low word (stable: a key moves only past larger ones).
      for (let j = k + 1; j < end; j++) {
        const l = lo[j]!;
        const r = rows[j]!;
        let i = j - 1;
        while (i >= k && lo[i]! > l) {
          lo[i + 1] = lo[i]!;
          rows[i + 1] = rows[i]!;
          i--;
        }
        lo[i + 1] = l;
        rows[i + 1] = r;
      }
    }
    k = end;
  }
}

/** The scores (−0 as 0) back from their keys into `bits`. */
function keyScores(hi: Uint32Array, lo: Uint32Array, direction: 1 | -1, bits: Float64Array, words: Uint32Array): void {
  for (let k = 0; k < hi.length; k++) {
    const h = hi[k]!;
    const positive = h >>> 31 === 1;
    words[2 * k + 1] = positive ? h & 0x7fffffff : ~h;
    words[2 * k] = positive ? lo[k]! : ~lo[k]!;
    if (direction === -1) bits[k] = -bits[k]! + 0;
  }
}

/**
 * Greedy 1:1 nearest-neighbour matching without replacement on the propensity score, as MatchIt's
 * defaults (m.order = "largest"): treated units from the highest score down each take the nearest
 * unmatched control (ties: the lowest row); a caliper (in SDs of the score over all units) leaves
 * a treated unit unmatched when no control is close enough. Returns [treated, control] row pairs;
 * {@link matchNearestSets} adds 1:k and matching within strata.
 * @example
 * matchNearest([0.9, 0.8, 0.1, 0.85], [1, 0, 0, 1]) // => [[0, 1], [3, 2]]
 */
export function matchNearest(score: ArrayLike<number>, treated: ArrayLike<number>, caliper?: number): [number, number][] {
  return matchNearestSets(score, treated, caliper === undefined ? {} : { caliper }).map((s) => [s.treated, s.controls[0]!]);
}
