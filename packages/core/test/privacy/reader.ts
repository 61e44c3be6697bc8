// The informed reader of a published count table, as an attacker would write it: it sees the shown
// cells and totals and which numbers are hidden, knows the suppression rule, and enumerates every
// whole-number table consistent with what is shown. A rule-aware reader keeps only the candidates on
// which re-running the rule gives the same hidden pattern; a "zeros" reader only uses the fact that
// the rule never hides a zero (hidden ≥ 1). What is left says how far each hidden number is known.

/** Which numbers of a matrix and its totals are hidden (true = hidden). */
export interface Pattern {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
}

/** A suppression rule as the reader runs it: the true counts in, the hidden pattern out. */
export type Rule = (counts: number[][]) => Pattern;

/** One hidden number: "cell i,j", "row i", "column j" or "grand" (0-based). */
export type Place = string;

export interface Reading {
  /** Hidden small groups (0 < n < minSize, or 0 with suppressZeros) that no kept candidate lets reach minSize. */
  narrowed: Place[];
  /** Hidden numbers that take one value over every kept candidate (a number known to be 0 reveals nobody, so it is not counted unless zeros are protected). */
  pinned: Place[];
  /** Candidates looked at (the reader stops once it is sure), and those kept. */
  candidates: number;
  kept: number;
  /** Smallest and largest value of each hidden number over the kept candidates looked at. */
  intervals: Map<Place, [number, number]>;
}

export interface ReaderOptions {
  minSize: number;
  suppressZeros?: boolean;
  /** "rule": keep candidates the rule maps to the same pattern; "zeros": keep candidates whose hidden cells are ≥ 1. */
  knows: "rule" | "zeros" | "sums";
  rule?: Rule;
  /**
   * A cheap guess of the kept candidates, run through the rule first; the verdict does not depend
   * on it, only the time: the reader stops as soon as every hidden number is shown to be neither
   * narrowed nor pinned, and otherwise runs the rule on every candidate.
   */
  prefer?: (candidate: number[][]) => boolean;
}

const samePattern = (a: Pattern, b: Pattern) =>
  a.grandTotal === b.grandTotal &&
  a.rowTotals.every((x, i) => x === b.rowTotals[i]) &&
  a.columnTotals.every((x, j) => x === b.columnTotals[j]) &&
  a.cells.every((row, i) => row.every((x, j) => x === b.cells[i]![j]));

/**
 * Calls `visit` with every table that has the shown cells' values and whose shown totals match,
 * hidden cells ≥ `low`, until `visit` returns true (stop). A hidden cell no shown total bounds is
 * capped at `cap` (a cap only helps the reader: fewer candidates). Each cell's values are tried in a
 * rotated order, so that early candidates already differ in every cell. The table passed is reused.
 */
export function forEachCandidate(counts: number[][], p: Pattern, low: number, cap: number, visit: (t: number[][]) => boolean | void): void {
  const c = counts[0]!.length;
  const rowSum = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: c }, (_, j) => counts.reduce((a, row) => a + row[j]!, 0));
  const grand = rowSum.reduce((a, b) => a + b, 0);
  const hidden: [number, number][] = [];
  counts.forEach((row, i) => row.forEach((_, j) => p.cells[i]![j] && hidden.push([i, j])));
  const t = counts.map((row) => [...row]);
  for (const [i, j] of hidden) t[i]![j] = 0;
  const rowNow = t.map((row) => row.reduce((a, b) => a + b, 0));
  const colNow = Array.from({ length: c }, (_, j) => t.reduce((a, row) => a + row[j]!, 0));
  let total = rowNow.reduce((a, b) => a + b, 0);
  const lastInRow = hidden.map(([i], k) => !hidden.slice(k + 1).some(([i2]) => i2 === i));
  const lastInCol = hidden.map(([, j], k) => !hidden.slice(k + 1).some(([, j2]) => j2 === j));
  const ok = () =>
    (p.grandTotal || total === grand) &&
    rowNow.every((v, i) => p.rowTotals[i] || v === rowSum[i]) &&
    colNow.every((v, j) => p.columnTotals[j] || v === colSum[j]);
  let stop = false;
  const step = (k: number): void => {
    if (k === hidden.length) {
      if (ok() && visit(t) === true) stop = true;
      return;
    }
    const [i, j] = hidden[k]!;
    let from = low;
    let to = Math.min(
      cap,
      p.rowTotals[i] ? Infinity : rowSum[i]! - rowNow[i]!,
      p.columnTotals[j] ? Infinity : colSum[j]! - colNow[j]!,
      p.grandTotal ? Infinity : grand - total,
    );
    if (lastInRow[k] && !p.rowTotals[i]) from = to = rowSum[i]! - rowNow[i]!;
    if (lastInCol[k] && !p.columnTotals[j]) {
      const need = colSum[j]! - colNow[j]!;
      if (from === to && from !== need) return;
      from = to = need;
    }
    if (from < low || to < from) return;
    const span = to - from + 1;
    const offset = (k * 7919 + 13) % span;
    for (let n = 0; n < span && !stop; n++) {
      const v = from + ((n + offset) % span);
      t[i]![j] = v;
      rowNow[i]! += v;
      colNow[j]! += v;
      total += v;
      step(k + 1);
      rowNow[i]! -= v;
      colNow[j]! -= v;
      total -= v;
      t[i]![j] = 0;
    }
  };
  step(0);
}

/** What an informed reader learns about each hidden number of `counts` published with pattern `p`. */
export function read(counts: number[][], p: Pattern, options: ReaderOptions): Reading {
  const { minSize, suppressZeros = false, knows } = options;
  const r = counts.length;
  const c = counts[0]!.length;
  const sensitive = (v: number) => (v > 0 || (suppressZeros && v === 0)) && v < minSize;
  const rowSum = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: c }, (_, j) => counts.reduce((a, row) => a + row[j]!, 0));
  const grand = rowSum.reduce((a, b) => a + b, 0);
  const places: { place: Place; value: number; of: (t: number[][]) => number }[] = [];
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) if (p.cells[i]![j]) places.push({ place: `cell ${i},${j}`, value: counts[i]![j]!, of: (t) => t[i]![j]! });
  for (let i = 0; i < r; i++) if (p.rowTotals[i]) places.push({ place: `row ${i}`, value: rowSum[i]!, of: (t) => t[i]!.reduce((a, b) => a + b, 0) });
  for (let j = 0; j < c; j++) if (p.columnTotals[j]) places.push({ place: `column ${j}`, value: colSum[j]!, of: (t) => t.reduce((a, row) => a + row[j]!, 0) });
  if (p.grandTotal) places.push({ place: "grand", value: grand, of: (t) => t.flat().reduce((a, b) => a + b, 0) });

  const low = knows === "zeros" && !suppressZeros ? 1 : 0;
  const cap = 2 * grand + 2 * minSize;
  const intervals = new Map<Place, [number, number]>();
  const reached = new Set<Place>();
  let kept = 0;
  let seen = 0;
  const keep = (values: number[]) => {
    kept++;
    places.forEach(({ place }, k) => {
      const v = values[k]!;
      const iv = intervals.get(place);
      intervals.set(place, iv === undefined ? [v, v] : [Math.min(iv[0], v), Math.max(iv[1], v)]);
      if (v >= minSize) reached.add(place);
    });
  };
  // Open: a small hidden number not yet seen at minSize, or a hidden number seen at fewer than two
  // values. (A true 0 needs nothing: the true table is kept, so if it is pinned, it is pinned at 0.)
  const exempt = (value: number) => value === 0 && !suppressZeros;
  const open = () => places.some(({ place, value }) => {
    if (exempt(value)) return false;
    const iv = intervals.get(place);
    return iv === undefined || iv[0] === iv[1] || (sensitive(value) && !reached.has(place));
  });
  const settles = (values: number[]) => places.some(({ place, value }, k) => {
    if (exempt(value)) return false;
    const iv = intervals.get(place);
    if (sensitive(value) && !reached.has(place) && values[k]! >= minSize) return true;
    return iv === undefined || (iv[0] === iv[1] && values[k] !== iv[0]);
  });
  const valuesOf = (t: number[][]) => places.map(({ of }) => of(t));
  // The verdict is existential (seen at minSize, seen at two values): the reader stops once nothing
  // is open. A rule-aware reader first runs the rule on the guessed candidates that would settle
  // something, then, if anything is still open, on every other candidate.
  if (knows !== "rule") {
    forEachCandidate(counts, p, low, cap, (t) => {
      seen++;
      keep(valuesOf(t));
      return !open();
    });
  } else {
    const isKept = (t: number[][]) => samePattern(options.rule!(t.map((row) => [...row])), p);
    const tried = new Set<string>();
    forEachCandidate(counts, p, low, cap, (t) => {
      seen++;
      const values = valuesOf(t);
      if ((options.prefer && !options.prefer(t)) || !settles(values)) return false;
      tried.add(JSON.stringify(t));
      if (isKept(t)) keep(values);
      return !open();
    });
    if (open()) {
      forEachCandidate(counts, p, low, cap, (t) => {
        if (tried.has(JSON.stringify(t))) return false;
        if (isKept(t)) keep(valuesOf(t));
        return !open();
      });
    }
  }
  const narrowed: Place[] = [];
  const pinned: Place[] = [];
  for (const { place, value } of places) {
    const iv = intervals.get(place);
    if (sensitive(value) && !reached.has(place)) narrowed.push(place);
    if (!exempt(value) && (iv === undefined || iv[0] === iv[1])) pinned.push(place);
  }
  return { narrowed, pinned, candidates: seen, kept, intervals };
}

/** A seeded generator (mulberry32): the same seed gives the same tables on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` random tables of 2–3 rows × 2–3 columns, each with at least one small group: a cell is
 * small (0–4) with probability 0.35, else 5–25.
 */
export function randomTables(count: number, seed: number): number[][][] {
  const rand = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const out: number[][][] = [];
  while (out.length < count) {
    const r = int(2, 3);
    const c = int(2, 3);
    const t = Array.from({ length: r }, () => Array.from({ length: c }, () => (rand() < 0.35 ? int(0, 4) : int(5, 25))));
    if (t.flat().some((v) => v > 0 && v < 5)) out.push(t);
  }
  return out;
}

/**
 * The first step of koe's rule as its documentation states it, for a matrix with its totals: values
 * of each dimension in pairs (the last three together), a small number hides its block. A reader
 * uses it to guess which candidates the rule maps to a pattern (he still runs the rule to be sure).
 */
export function documentedBlocks(counts: number[][], minSize: number, suppressZeros = false): Pattern {
  const r = counts.length;
  const c = counts[0]!.length;
  const pairs = (n: number) => {
    const of: number[][] = [];
    for (let i = 0; i < n; ) {
      const size = n - i === 3 ? 3 : Math.min(2, n - i);
      const block = Array.from({ length: size }, (_, k) => i + k);
      for (let k = 0; k < size; k++) of.push(block);
      i += size;
    }
    return of;
  };
  const rows = pairs(r);
  const cols = pairs(c);
  const small = (v: number) => (v > 0 || (suppressZeros && v === 0)) && v < minSize;
  const p: Pattern = { cells: counts.map((row) => row.map(() => false)), rowTotals: counts.map(() => false), columnTotals: counts[0]!.map(() => false), grandTotal: false };
  const rowSum = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: c }, (_, j) => counts.reduce((a, row) => a + row[j]!, 0));
  const grand = rowSum.reduce((a, b) => a + b, 0);
  // A one-column (one-row) table's totals are its cells: they hide together.
  const cell = (i: number, j: number) => {
    for (const a of rows[i]!) for (const b of cols[j]!) {
      p.cells[a]![b] = true;
      if (c === 1) p.rowTotals[a] = true;
      if (r === 1) p.columnTotals[b] = true;
    }
  };
  counts.forEach((row, i) => row.forEach((v, j) => small(v) && cell(i, j)));
  rowSum.forEach((v, i) => {
    if (small(v)) for (const a of rows[i]!) p.rowTotals[a] = true;
  });
  colSum.forEach((v, j) => {
    if (small(v)) for (const b of cols[j]!) p.columnTotals[b] = true;
  });
  if (small(grand)) p.grandTotal = true;
  if (r === 1 && p.rowTotals[0]) p.grandTotal = true;
  if (c === 1 && p.columnTotals[0]) p.grandTotal = true;
  if (r === 1) p.rowTotals[0] = p.rowTotals[0] || p.grandTotal;
  if (c === 1) p.columnTotals[0] = p.columnTotals[0] || p.grandTotal;
  return p;
}

/** A matrix suppression (or explanation-free pattern) as the reader's Pattern. */
export function patternOf(m: { cells: { suppressed: boolean }[][]; rowTotals: { suppressed: boolean }[]; columnTotals: { suppressed: boolean }[]; grandTotal: { suppressed: boolean } }): Pattern {
  return {
    cells: m.cells.map((row) => row.map((x) => x.suppressed)),
    rowTotals: m.rowTotals.map((x) => x.suppressed),
    columnTotals: m.columnTotals.map((x) => x.suppressed),
    grandTotal: m.grandTotal.suppressed,
  };
}

/**
 * Random tables like {@link randomTables} but with counts 0–12, so that a reader can enumerate
 * them quickly (for the property test; the measurement uses {@link randomTables}).
 */
export function randomSmallTables(count: number, seed: number): number[][][] {
  const rand = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const out: number[][][] = [];
  while (out.length < count) {
    const r = int(2, 3);
    const c = int(2, 3);
    const t = Array.from({ length: r }, () => Array.from({ length: c }, () => (rand() < 0.35 ? int(0, 4) : int(5, 12))));
    if (t.flat().some((v) => v > 0 && v < 5)) out.push(t);
  }
  return out;
}
