import * as aq from "arquero";
import { z } from "zod";
import { localize, warningOf, type KoeWarning } from "../errors/catalogue.js";
import { InsufficientDataError, KoeArgumentError } from "../errors/errors.js";
import { analyzeMessages as am } from "../errors/analyze-messages.js";
import { counted } from "../errors/stats-messages.js";
import { parseOptions } from "../boundary/options.js";
import { resolveColumns, requireTable } from "../boundary/columns.js";
import { numericColumn } from "../boundary/roles.js";
import { DEFAULT_LIKERT_LABELS } from "../model/instrument.js";
import type { Table } from "../model/table.js";
import { insufficientData } from "../stats/clean.js";
import { makeResult, type Result } from "../stats/result.js";

export interface ItemStat {
  item: string;
  n: number;
  mean: number;
  sd: number;
  /** Raw alpha of the scale without this item. */
  alphaIfDropped: number;
  /** Corrected item–total correlation: the item against the sum of the other items (psych's r.drop). */
  correctedItemTotal: number;
}

export type AlphaResult = Result<{
  alpha: number;
  standardizedAlpha: number;
  itemStats: ItemStat[];
  items: string[];
  missing: "pairwise" | "listwise";
  /** Warnings as data (always present, often empty): an item correlating negatively with the rest (probably an unflagged reverse key). */
  warnings: KoeWarning[];
}>;

export type OmegaResult = Result<{ loadings: { item: string; loading: number; uniqueness: number }[]; warnings: KoeWarning[] }>;

const itemShape = {
  /** The item columns (at least 2; 3 for omega). */
  items: z.array(z.string()),
  /** Items scored the other way round (min + max − x); must be among `items`. */
  reverse: z.array(z.string()).default([]),
  /** The answer scale [min, max] for reverse keys (default: the items' observed range, as psych). */
  range: z.tuple([z.number(), z.number()]).optional(),
  /** Answer labels → numbers for item columns that hold text (default koe's 5-point labels: 「そう思う」 = 5 …). */
  labels: z.record(z.string(), z.number()).optional(),
};
export const CronbachAlphaOptions = z.object({ ...itemShape, missing: z.enum(["pairwise", "listwise"]).default("pairwise") });
export type CronbachAlphaOptions = z.input<typeof CronbachAlphaOptions>;
export const McdonaldsOmegaOptions = z.object(itemShape);
export type McdonaldsOmegaOptions = z.input<typeof McdonaldsOmegaOptions>;

/**
 * Item columns as Float64Arrays (NaN = missing) read through the boundary — numbers, numeric text,
 * full-width digits and answer labels are numbers; other text is an error naming the item column —
 * and each column's reverse-key flip (min + max of the scale range, scored as flip − x; null when not reversed).
 */
function itemColumns(fn: string, table: Table, o: { items: string[]; reverse: string[]; range?: [number, number] | undefined; labels?: Record<string, number> | undefined }): { names: string[]; cols: (Float64Array | Float32Array)[]; flips: (number | null)[] } {
  requireTable(fn, table);
  const names = resolveColumns(fn, table, o.items, "items");
  const twice = names.find((c, i) => names.indexOf(c) !== i);
  if (twice !== undefined) throw KoeArgumentError.of(am.itemTwice, { fn, column: twice });
  const reverse = resolveColumns(fn, table, o.reverse, "reverse");
  for (const c of reverse) if (!names.includes(c)) throw KoeArgumentError.of(am.reverseNotItem, { fn, column: c, items: names });
  if (o.range && !(o.range[0] < o.range[1])) throw KoeArgumentError.of(am.badRange, { fn, value: o.range });
  const labels = o.labels ?? DEFAULT_LIKERT_LABELS;
  const cols = names.map((c) => numericColumn(fn, table, c, { option: "items", labels }).values);
  let [lo, hi] = o.range ?? [Infinity, -Infinity];
  if (!o.range) for (const col of cols) for (const v of col) if (!Number.isNaN(v)) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { names, cols, flips: names.map((c) => (reverse.includes(c) ? lo + hi : null)) };
}

/** Warnings for items whose corrected item–total correlation is negative. */
function negativeItems(fn: string, items: readonly string[], c: number[][]): KoeWarning[] {
  const out: KoeWarning[] = [];
  items.forEach((item, i) => {
    const r = itemRest(c, i);
    if (r < 0) out.push(warningOf(am.negativeItem, { fn, item, r }));
  });
  return out;
}

/** Corrected item–total correlation of item i from the covariance matrix. */
function itemRest(c: number[][], i: number): number {
  const covWithRest = c[i]!.reduce((t, v, j) => (j === i ? t : t + v), 0);
  return covWithRest / Math.sqrt(c[i]![i]! * sumAll(c, i));
}

/**
 * Sums over the rows of k item columns, gathered in one pass (O(n·k²) once; everything after is
 * k × k work). Values are shifted by each column's first answer (exact for answer scales, and no
 * cancellation in the cross-products). Rows answering every item go to `complete*`; the others to
 * `part*`, pair by pair (both items answered), so pairwise and listwise covariances come from the
 * same pass: pair (a, b) over its rows = complete + part.
 */
export interface ItemMoments {
  k: number;
  rows: number;
  shift: Float64Array;
  complete: number;
  /** Σx per item over the complete rows. */
  completeSum: Float64Array;
  /** Σxₐx_b over the complete rows (k × k, lower triangle used). */
  completeCross: Float64Array;
  /** Per pair (a, b), the incomplete rows answering both: count at [a·k+b] (a ≥ b), Σxₐ at [a·k+b], Σx_b at [b·k+a], Σxₐx_b at [a·k+b]. */
  partCount: Float64Array;
  partSum: Float64Array;
  partCross: Float64Array;
}

/** Rows gathered per block by {@link ItemMomentSums}: a block's answers (k columns) stay in cache while every pair is summed. */
const BLOCK = 512;

/** Σ x[o + i] for i < m, in four running sums (one sum waits on the previous add at every step; four do not). */
function blockSum(x: Float64Array, o: number, m: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    s0 += x[o + i]!;
    s1 += x[o + i + 1]!;
    s2 += x[o + i + 2]!;
    s3 += x[o + i + 3]!;
  }
  for (; i < m; i++) s0 += x[o + i]!;
  return s0 + s1 + (s2 + s3);
}

/** Σ x[oa + i]·y[ob + i] for i < m, in four running sums as {@link blockSum}. */
function blockDot(x: Float64Array, oa: number, y: Float64Array, ob: number, m: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    s0 += x[oa + i]! * y[ob + i]!;
    s1 += x[oa + i + 1]! * y[ob + i + 1]!;
    s2 += x[oa + i + 2]! * y[ob + i + 2]!;
    s3 += x[oa + i + 3]! * y[ob + i + 3]!;
  }
  for (; i < m; i++) s0 += x[oa + i]! * y[ob + i]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * Packing answers: when the answers are whole numbers on a scale spanning at most {@link PACK_SPAN}
 * (answer scales are), each answer less its item's lowest possible one is a small whole number y,
 * and three items' y packed as y₀ + y₁·2¹⁷ + y₂·2³⁴ let one product y_a·packed carry three cross
 * products at once: over a block each 17-bit lane sums at most BLOCK·PACK_SPAN² < 2¹⁷ and the
 * whole stays below 2⁵³, so every sum is exact and the lanes are read back exactly.
 */
const PACK_SPAN = 15;
const LANE = 2 ** 17;

/** Adds item a's row values (values[a·BLOCK + i], i < len) to its lane (a % 3) of its group's packed sums (group a / 3). */
function packInto(packed: Float64Array, values: Float64Array, a: number, len: number): void {
  const o = a * BLOCK;
  const og = Math.floor(a / 3) * BLOCK;
  const lane = a % 3;
  if (lane === 0) for (let i = 0; i < len; i++) packed[og + i] = values[o + i]!;
  else {
    const scale = lane === 1 ? LANE : LANE * LANE;
    for (let i = 0; i < len; i++) packed[og + i] = packed[og + i]! + values[o + i]! * scale;
  }
}

/**
 * Σ values_a·values_b over the first len rows, for each a and every b ≤ a (every b when `all`), read
 * out of the products of values_a with b's packed group: at out[a·w + b], w = 3·groups.
 */
function crossDots(out: Float64Array, values: Float64Array, packed: Float64Array, k: number, len: number, all: boolean): void {
  const groups = Math.ceil(k / 3);
  const w = 3 * groups;
  for (let a = 0; a < k; a++) {
    const last = all ? groups - 1 : Math.floor(a / 3);
    for (let g = 0; g <= last; g++) {
      const sum = blockDot(values, a * BLOCK, packed, g * BLOCK, len);
      const high = Math.floor(sum / (LANE * LANE));
      const rest = sum - high * (LANE * LANE);
      const mid = Math.floor(rest / LANE);
      out[a * w + 3 * g] = rest - mid * LANE;
      out[a * w + 3 * g + 1] = mid;
      out[a * w + 3 * g + 2] = high;
    }
  }
}

/**
 * Gathers the {@link ItemMoments} of k item columns (NaN = missing) a block of rows at a time, so a
 * caller's own pass over the rows (scoreScales validates and scores them) can add each block while
 * it is still in cache. `flips[j]` scores column j as flips[j] − x (a reverse key). `spans[j]`, when
 * given, is the range [lo, hi] column j's answers are known to lie in (before flipping); blocks whose
 * answers are whole numbers are then summed packed (see {@link PACK_SPAN} and packedBlock); a
 * caller scoring the rows can do so in the same pass ({@link scoreAndAdd}).
 * Other blocks (a row is complete when its sum over the items is not NaN): the complete rows are
 * gathered item by item and each pair summed in its own tight loop; the incomplete rows likewise,
 * with unanswered cells as 0 and a 0/1 answered mark, so a pair's count and sums need no branch.
 */
export class ItemMomentSums {
  private readonly k: number;
  private readonly shift: Float64Array;
  private readonly flip: (number | null)[];
  /** The lowest possible (flipped) answer per item when packing is possible, else null. */
  private readonly base: Float64Array | null;
  private readonly d: Float64Array;
  /** Per item, y = top + ys·x: the answer less its item's lowest possible (flipped) one, when packing. */
  private readonly top: Float64Array;
  private readonly ys: Float64Array;
  /** The spans given (the range each column's answers lie in), 0 when none were. */
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly groups: number;
  private readonly m: Omit<ItemMoments, "rows">;
  private readonly total = new Float64Array(BLOCK);
  private readonly whole = new Int32Array(BLOCK);
  private readonly some = new Int32Array(BLOCK);
  /** How many items each row of a block answered ({@link scoreAndAdd}). */
  private readonly counts = new Uint32Array(BLOCK);
  private readonly x: Float64Array;
  private readonly part: Float64Array;
  private readonly mark: Float64Array;
  private readonly packed: Float64Array;
  private readonly sums: Float64Array;
  /** Packed sums of the block's incomplete rows' answers (unanswered as 0). */
  private readonly packedPart: Float64Array;
  /** Per block, pair (a, b) at a·w + b: Σyₐy_b over all rows, and over the incomplete rows. */
  private readonly crossAll: Float64Array;
  private readonly crossPart: Float64Array;
  /** Per block, Σy per item over the incomplete rows. */
  private readonly sumsPart: Float64Array;
  /** An incomplete row's 0/1 answered marks; per item b, the incomplete rows leaving it unanswered: their count, and at b·k + a item a's Σy and answers there. */
  private readonly marks: Float64Array;
  private readonly missCount: Float64Array;
  private readonly missSum: Float64Array;
  private readonly missMarks: Float64Array;

  constructor(private readonly cols: readonly Float64Array[], flips: readonly (number | null)[] = [], spans: readonly (readonly [number, number])[] | null = null) {
    const k = (this.k = cols.length);
    const rows = cols[0]!.length;
    this.flip = cols.map((_, j) => flips[j] ?? null);
    this.shift = Float64Array.from(cols, (c, j) => {
      let r = 0;
      while (r < rows && c[r] !== c[r]) r++;
      const f = this.flip[j]!;
      return r === rows ? 0 : f === null ? c[r]! : f - c[r]!;
    });
    const base = spans ? Float64Array.from(spans, ([lo, hi], j) => (this.flip[j] === null ? lo : this.flip[j]! - hi)) : null;
    const whole = (v: number) => Number.isInteger(v);
    const packable = spans !== null && spans.every(([lo, hi], j) => whole(lo) && whole(hi) && hi - lo <= PACK_SPAN && whole(this.flip[j] ?? 0) && whole(this.shift[j]!));
    this.base = packable ? base : null;
    this.top = Float64Array.from(cols, (_, j) => (this.base === null ? 0 : this.flip[j] === null ? -this.base[j]! : this.flip[j]! - this.base[j]!));
    this.ys = Float64Array.from(cols, (_, j) => (this.flip[j] === null ? 1 : -1));
    this.lo = Float64Array.from(cols, (_, j) => spans?.[j]?.[0] ?? 0);
    this.hi = Float64Array.from(cols, (_, j) => spans?.[j]?.[1] ?? 0);
    this.d = Float64Array.from(this.shift, (s, a) => (this.base ? s - this.base[a]! : 0));
    this.groups = Math.ceil(k / 3);
    this.m = { k, shift: this.shift, complete: 0, completeSum: new Float64Array(k), completeCross: new Float64Array(k * k), partCount: new Float64Array(k * k), partSum: new Float64Array(k * k), partCross: new Float64Array(k * k) };
    this.x = new Float64Array(k * BLOCK);
    this.part = new Float64Array(k * BLOCK);
    this.mark = new Float64Array(k * BLOCK);
    this.packed = new Float64Array(this.base ? this.groups * BLOCK : 0);
    this.sums = new Float64Array(k);
    const g = this.base ? this.groups * BLOCK : 0;
    this.packedPart = new Float64Array(g);
    const kk = this.base ? 3 * this.groups * k : 0;
    this.crossAll = new Float64Array(kk);
    this.crossPart = new Float64Array(kk);
    this.sumsPart = new Float64Array(k);
    this.marks = new Float64Array(k);
    this.missCount = new Float64Array(k);
    this.missSum = new Float64Array(k * k);
    this.missMarks = new Float64Array(k * k);
  }

  /**
   * Adds rows [start, end). `whole`: the caller vouches that every answer there is a whole number
   * within its span; `answered`, when the caller has counted them, how many items each row answered.
   */
  add(start: number, end: number, whole: boolean, answered: Uint32Array | null = null): void {
    for (let s = start; s < end; s += BLOCK) this.block(s, Math.min(end, s + BLOCK) - s, whole && this.base !== null, answered);
  }

  /** Whether blocks of whole answers are summed packed (the spans given, flips and shifts allow it): {@link scoreAndAdd} needs it. */
  get packs(): boolean {
    return this.base !== null;
  }

  /**
   * A caller's scoring pass fused with {@link add}: rows [start, end), one pass over each item's
   * answers a block of rows at a time, in item order. Row r's score is the sum over its answered
   * cells of `flip[j] + sign[j]·x` — the same additions in the same order as a row-by-row sum —
   * divided by how many it answered, or NaN when fewer than `need` (or none); it is written to
   * score[r] (zeros before), and the number of rows scored returned; −1 (stopping there) when an
   * answer lies outside its column's span. A block whose answers are all whole numbers is summed
   * packed from the same pass; another block unpacked. Only when {@link packs}.
   * In the pass a row's score is summed regardless of gaps, so that a gap leaves it NaN: those
   * rows (the incomplete ones) are then scored again cell by cell.
   */
  scoreAndAdd(start: number, end: number, flip: Float64Array, sign: Float64Array, need: number, score: Float64Array): number {
    const { k, cols, x, packed, sums, some, lo, hi, counts, marks, missCount, missSum, missMarks } = this;
    let scored = 0;
    const base = this.base!;
    for (let b0 = start; b0 < end; b0 += BLOCK) {
      const len = Math.min(end, b0 + BLOCK) - b0;
      let odd = false;
      // whole groups of three items in one loop: a row's score read and written once for the
      // three, their packed sum written once; the items left over one by one
      const trios = Math.floor(k / 3);
      for (let g = 0; g < trios; g++) {
        const a = 3 * g;
        const c0 = cols[a]!, c1 = cols[a + 1]!, c2 = cols[a + 2]!;
        const o0 = a * BLOCK, o1 = o0 + BLOCK, o2 = o1 + BLOCK;
        const og = g * BLOCK;
        const t0 = this.top[a]!, t1 = this.top[a + 1]!, t2 = this.top[a + 2]!;
        const u0 = this.ys[a]!, u1 = this.ys[a + 1]!, u2 = this.ys[a + 2]!;
        const w0 = hi[a]! - lo[a]!, w1 = hi[a + 1]! - lo[a + 1]!, w2 = hi[a + 2]! - lo[a + 2]!;
        const f0 = flip[a]!, f1 = flip[a + 1]!, f2 = flip[a + 2]!;
        const s0 = sign[a]!, s1 = sign[a + 1]!, s2 = sign[a + 2]!;
        let m0 = 0, m1 = 0, m2 = 0;
        for (let i = 0; i < len; i++) {
          const r = b0 + i;
          const v0 = c0[r]!, v1 = c1[r]!, v2 = c2[r]!;
          score[r] = score[r]! + (f0 + s0 * v0) + (f1 + s1 * v1) + (f2 + s2 * v2);
          const y0 = v0 === v0 ? t0 + u0 * v0 : 0;
          const y1 = v1 === v1 ? t1 + u1 * v1 : 0;
          const y2 = v2 === v2 ? t2 + u2 * v2 : 0;
          if (y0 >>> 0 !== y0 || y0 > w0 || y1 >>> 0 !== y1 || y1 > w1 || y2 >>> 0 !== y2 || y2 > w2) odd = true;
          x[o0 + i] = y0;
          x[o1 + i] = y1;
          x[o2 + i] = y2;
          m0 += y0;
          m1 += y1;
          m2 += y2;
          packed[og + i] = y0 + y1 * LANE + y2 * (LANE * LANE);
        }
        sums[a] = m0;
        sums[a + 1] = m1;
        sums[a + 2] = m2;
      }
      for (let a = 3 * trios; a < k; a++) {
        const c = cols[a]!;
        const o = a * BLOCK;
        const og = Math.floor(a / 3) * BLOCK;
        const keep = a % 3 === 0 ? 0 : 1;
        const lane = a % 3 === 0 ? 1 : a % 3 === 1 ? LANE : LANE * LANE;
        const f = this.flip[a]!;
        // y = the answer less its item's lowest possible (flipped) one, as top + ys·x: a whole
        // number within 0 … span exactly when the answer is a whole number within the span
        const top = f === null ? -base[a]! : f - base[a]!;
        const ys = f === null ? 1 : -1;
        const span = hi[a]! - lo[a]!;
        const fa = flip[a]!;
        const sa = sign[a]!;
        let sum = 0;
        for (let i = 0; i < len; i++) {
          const r = b0 + i;
          const v = c[r]!;
          score[r] = score[r]! + (fa + sa * v);
          const y = v === v ? top + ys * v : 0;
          if (y >>> 0 !== y || y > span) odd = true;
          x[o + i] = y;
          sum += y;
          packed[og + i] = packed[og + i]! * keep + y * lane;
        }
        sums[a] = sum;
      }
      if (odd) {
        for (let a = 0; a < k; a++) {
          const c = cols[a]!;
          for (let r = b0; r < b0 + len; r++) if (c[r]! < lo[a]! || c[r]! > hi[a]!) return -1;
        }
      }
      let p = 0;
      missCount.fill(0);
      missSum.fill(0);
      missMarks.fill(0);
      for (let r = b0; r < b0 + len; r++) {
        if (score[r] === score[r]) {
          counts[r - b0] = k;
          if (k >= need) {
            score[r] = score[r]! / k;
            scored++;
          } else score[r] = Number.NaN;
          continue;
        }
        some[p++] = r;
        let total = 0;
        let n = 0;
        for (let a = 0; a < k; a++) {
          const v = cols[a]![r]!;
          if (v === v) {
            total = total + (flip[a]! + sign[a]! * v);
            n++;
            marks[a] = 1;
          } else marks[a] = 0;
        }
        this.missing(r - b0);
        counts[r - b0] = n;
        if (n >= need && n > 0) {
          score[r] = total / n;
          scored++;
        } else score[r] = Number.NaN;
      }
      if (odd) this.block(b0, len, false, counts, b0);
      else this.finishPacked(b0, len, p, true);
    }
    return scored;
  }

  /** The sums over every row added. */
  result(): ItemMoments {
    return { ...this.m, rows: this.cols[0]!.length };
  }

  private block(start: number, len: number, pack: boolean, answered: Uint32Array | null, at = 0): void {
    if (pack) {
      this.packedBlock(start, len, answered);
      return;
    }
    const { k, cols, total, whole, some, x, part, mark, sums, m } = this;
    let n = 0;
    let p = 0;
    if (answered) {
      for (let i = 0; i < len; i++) {
        if (answered[start - at + i] === k) whole[n++] = start + i;
        else some[p++] = start + i;
      }
    } else {
      total.fill(0);
      for (let a = 0; a < k; a++) {
        const c = cols[a]!;
        for (let i = 0; i < len; i++) total[i] = total[i]! + c[start + i]!;
      }
      for (let i = 0; i < len; i++) {
        if (total[i] === total[i]) whole[n++] = start + i;
        else some[p++] = start + i;
      }
    }
    // Complete rows: answers less the item's shift, at [a·BLOCK …].
    for (let a = 0; a < k; a++) {
      const c = cols[a]!;
      const f = this.flip[a]!;
      const s = this.shift[a]!;
      const o = a * BLOCK;
      if (f === null) for (let j = 0; j < n; j++) x[o + j] = c[whole[j]!]! - s;
      else for (let j = 0; j < n; j++) x[o + j] = f - c[whole[j]!]! - s;
      for (let j = 0; j < p; j++) {
        const v = (f === null ? c[some[j]!]! : f - c[some[j]!]!) - s;
        if (v === v) {
          part[o + j] = v;
          mark[o + j] = 1;
        } else {
          part[o + j] = 0;
          mark[o + j] = 0;
        }
      }
    }
    m.complete += n;
    for (let a = 0; a < k; a++) sums[a] = blockSum(x, a * BLOCK, n);
    for (let a = 0; a < k; a++) {
      const oa = a * BLOCK;
      m.completeSum[a] = m.completeSum[a]! + sums[a]!;
      for (let b = 0; b <= a; b++) m.completeCross[a * k + b] = m.completeCross[a * k + b]! + blockDot(x, oa, x, b * BLOCK, n);
    }
    if (p === 0) return;
    for (let a = 0; a < k; a++) {
      const oa = a * BLOCK;
      for (let b = 0; b <= a; b++) {
        const ob = b * BLOCK;
        let count = 0;
        let sa = 0;
        let sb = 0;
        let cross = 0;
        for (let i = 0; i < p; i++) {
          const xa = part[oa + i]!;
          const xb = part[ob + i]!;
          const ma = mark[oa + i]!;
          const mb = mark[ob + i]!;
          count += ma * mb;
          sa += xa * mb;
          sb += xb * ma;
          cross += xa * xb;
        }
        const ab = a * k + b;
        m.partCount[ab] = m.partCount[ab]! + count;
        m.partSum[ab] = m.partSum[ab]! + sa;
        if (b !== a) m.partSum[b * k + a] = m.partSum[b * k + a]! + sb;
        m.partCross[ab] = m.partCross[ab]! + cross;
      }
    }
  }

  /**
   * A block of whole answers, summed packed (see {@link PACK_SPAN}): every row's answers less their
   * item's lowest possible one (y; unanswered as 0, which adds nothing to a product) are summed over
   * the whole block, contiguously; the incomplete rows' y and their 0/1 answered marks are gathered
   * and summed apart. The complete rows' sums are the block's less the incomplete rows'; a pair's sums
   * over the incomplete rows answering both come from Σyₐy_b, Σyₐ·mark_b and Σmarkₐ·mark_b. All
   * are whole numbers, so exact and the same as summed row by row.
   */
  private packedBlock(start: number, len: number, answered: Uint32Array | null): void {
    const { k, cols, total, x, packed } = this;
    const base = this.base!;
    if (!answered) total.fill(0);
    for (let a = 0; a < k; a++) {
      const c = cols[a]!;
      const f = this.flip[a]!;
      const o = a * BLOCK;
      const lowest = base[a]!;
      if (f === null) {
        for (let i = 0; i < len; i++) {
          const v = c[start + i]!;
          x[o + i] = v === v ? v - lowest : 0;
        }
      } else {
        const top = f - lowest;
        for (let i = 0; i < len; i++) {
          const v = c[start + i]!;
          x[o + i] = v === v ? top - v : 0;
        }
      }
      if (!answered) for (let i = 0; i < len; i++) total[i] = total[i]! + c[start + i]!;
      packInto(packed, x, a, len);
    }
    for (let a = 0; a < k; a++) this.sums[a] = blockSum(x, a * BLOCK, len);
    const some = this.some;
    let p = 0;
    if (answered) {
      for (let i = 0; i < len; i++) if (answered[start + i] !== k) some[p++] = start + i;
    } else for (let i = 0; i < len; i++) if (total[i] !== total[i]) some[p++] = start + i;
    this.finishPacked(start, len, p, false);
  }

  /**
   * Adds an incomplete row (row i of the block; its answered marks in `marks`) to the sums, per item
   * b, over the incomplete rows leaving b unanswered (few: a row mostly lacks one answer): how many,
   * and each item's Σy and answers there. A pair's sums over the incomplete rows answering both are
   * the incomplete rows' sums less these.
   */
  private missing(i: number): void {
    const { k, x, marks, missCount, missSum, missMarks } = this;
    for (let b = 0; b < k; b++) {
      if (marks[b] === 1) continue;
      missCount[b] = missCount[b]! + 1;
      const ob = b * k;
      for (let a = 0; a < k; a++) {
        missSum[ob + a] = missSum[ob + a]! + x[a * BLOCK + i]!;
        missMarks[ob + a] = missMarks[ob + a]! + marks[a]!;
      }
    }
  }

  /** The rest of {@link packedBlock} once x, the packed sums and each item's Σy hold the block's rows, and some[0 … p) its incomplete rows (`missingDone`: and {@link missing} has had each of them). */
  private finishPacked(start: number, len: number, p: number, missingDone: boolean): void {
    const { k, cols, some, x, part, packed, packedPart, sums, sumsPart, crossAll, crossPart, marks, missCount, missSum, missMarks, m } = this;
    const d = this.d;
    const n = len - p;
    crossDots(crossAll, x, packed, k, len, false);
    if (p > 0) {
      for (let a = 0; a < k; a++) {
        const o = a * BLOCK;
        for (let j = 0; j < p; j++) part[o + j] = x[o + some[j]! - start]!;
        packInto(packedPart, part, a, p);
        sumsPart[a] = blockSum(part, o, p);
      }
      crossDots(crossPart, part, packedPart, k, p, false);
      if (!missingDone) {
        missCount.fill(0);
        missSum.fill(0);
        missMarks.fill(0);
        for (let j = 0; j < p; j++) {
          const r = some[j]!;
          for (let a = 0; a < k; a++) marks[a] = cols[a]![r]! === cols[a]![r]! ? 1 : 0;
          this.missing(r - start);
        }
      }
    }
    m.complete += n;
    const w = 3 * this.groups;
    for (let a = 0; a < k; a++) {
      const da = d[a]!;
      const ya = p > 0 ? sums[a]! - sumsPart[a]! : sums[a]!;
      m.completeSum[a] = m.completeSum[a]! + (ya - n * da);
      for (let b = 0; b <= a; b++) {
        const db = d[b]!;
        const yb = p > 0 ? sums[b]! - sumsPart[b]! : sums[b]!;
        const ab = a * k + b;
        const cross = p > 0 ? crossAll[a * w + b]! - crossPart[a * w + b]! : crossAll[a * w + b]!;
        m.completeCross[ab] = m.completeCross[ab]! + (cross - db * ya - da * yb + n * da * db);
        if (p === 0) continue;
        // over the incomplete rows answering both, answers less the shift: y − d
        const both = p - missCount[a]! - missMarks[b * k + a]!;
        const sa = sumsPart[a]! - missSum[b * k + a]!;
        const sb = sumsPart[b]! - missSum[a * k + b]!;
        m.partCount[ab] = m.partCount[ab]! + both;
        m.partSum[ab] = m.partSum[ab]! + (sa - da * both);
        if (b !== a) m.partSum[b * k + a] = m.partSum[b * k + a]! + (sb - db * both);
        m.partCross[ab] = m.partCross[ab]! + (crossPart[a * w + b]! - db * sa - da * sb + da * db * both);
      }
    }
  }
}

/** Each column's observed range when every answer is a whole number within {@link PACK_SPAN}; else null. */
function wholeSpans(cols: readonly Float64Array[]): [number, number][] | null {
  const spans: [number, number][] = [];
  for (const c of cols) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < c.length; r++) {
      const v = c[r]!;
      if (v !== v) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (Math.floor(v) !== v) return null;
    }
    if (hi - lo > PACK_SPAN) return null;
    spans.push(lo === Infinity ? [0, 0] : [lo, hi]);
  }
  return spans;
}

/** The one-pass sums of item columns (NaN = missing); `flips[j]` scores column j as flips[j] − x (a reverse key). See {@link ItemMomentSums}. */
export function itemMoments(cols: readonly ArrayLike<number>[], flips: readonly (number | null)[] = []): ItemMoments {
  const data = cols.map((c) => (c instanceof Float64Array ? c : Float64Array.from(c)));
  const spans = wholeSpans(data);
  const sums = new ItemMomentSums(data, flips, spans);
  sums.add(0, data[0]!.length, spans !== null);
  return sums.result();
}

/**
 * Covariance matrix from the one-pass sums: pairwise-complete (each pair's own rows and means, as
 * R's cov(use = "pairwise")) or listwise (the rows answering every item); with each pair's count.
 */
function covariances(m: ItemMoments, listwise: boolean): { c: number[][]; n: number[] } {
  const { k } = m;
  const c = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const nPair: number[] = new Array<number>(k).fill(0);
  for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) {
    const i = a * k + b;
    const part = listwise ? 0 : 1;
    const n = m.complete + part * m.partCount[i]!;
    const sa = m.completeSum[a]! + part * m.partSum[i]!;
    const sb = m.completeSum[b]! + part * m.partSum[b * k + a]!;
    const cross = m.completeCross[i]! + part * m.partCross[i]!;
    c[a]![b] = c[b]![a] = (cross - (sa * sb) / n) / (n - 1);
    if (a === b) nPair[a] = n;
  }
  return { c, n: nPair };
}

const sumAll = (m: number[][], skip = -1) => m.reduce((s, row, i) => (i === skip ? s : s + row.reduce((t, v, j) => (j === skip ? t : t + v), 0)), 0);
const trace = (m: number[][], skip = -1) => m.reduce((s, row, i) => (i === skip ? s : s + row[i]!), 0);

/**
 * Cronbach's alpha with standardised alpha, alpha if an item is dropped and corrected item–total
 * correlations, as `psych::alpha`: missing values pairwise by default (each covariance from the
 * rows answering both items), listwise on request; reverse-keyed items scored as min + max − x of
 * the scale range (given, or the items' observed range as psych does). Item columns may hold
 * numbers, numeric text or answer labels (「そう思う」); other text is an error naming the column.
 * `warnings` names any item that correlates negatively with the rest (probably an unflagged
 * reverse key; psych warns likewise).
 * @example
 * cronbachAlpha(respondents, { items: ["eng_01_pre", "eng_02_pre", "eng_06_pre"], reverse: ["eng_06_pre"], range: [1, 5] }).alpha // => 0.877
 * const items = ["eng_01_pre", "eng_02_pre", "eng_03_pre", "eng_04_pre", "eng_06_pre"];
 * cronbachAlpha(respondents, { items, reverse: ["eng_06_pre"], range: [1, 5] }).alpha // => 0.925
 * cronbachAlpha(respondents, { items }).warnings.map((w) => w.params.item) // => ["eng_06_pre"]  (its reverse key forgotten)
 * cronbachAlpha(respondents, { items: ["eng_01_pre", "eng_02_pre"], missing: "listwize" }) // throws: option "missing" must be one of "pairwise", "listwise" … did you mean "listwise"?
 */
export function cronbachAlpha(table: Table, options: CronbachAlphaOptions): AlphaResult {
  const fn = "cronbachAlpha";
  const o = parseOptions(fn, CronbachAlphaOptions, options);
  const missing = o.missing;
  if (o.items.length < 2) throw insufficientData(fn, 2, o.items.length, { what: counted.items });
  const { names: items, cols, flips } = itemColumns(fn, table, o);
  return alphaFromMoments(items, itemMoments(cols, flips), missing);
}

/**
 * {@link cronbachAlpha} of items whose one-pass sums are `m` (see {@link itemMoments}); reverse keys
 * already applied. Errors and warnings as cronbachAlpha's.
 */
export function alphaFromMoments(items: readonly string[], m: ItemMoments, missing: "pairwise" | "listwise"): AlphaResult {
  const fn = "cronbachAlpha";
  if (items.length < 2) throw insufficientData(fn, 2, items.length, { what: counted.items });
  const rowsUsed = m.complete;
  const { c, n } = covariances(m, missing === "listwise");
  const counts = missing === "listwise" ? n.map(() => rowsUsed) : n;
  if (Math.min(...counts) < 2) {
    const short = items.map((it, i) => [it, counts[i]!] as const).filter(([, k]) => k < 2);
    const params = { fn, items: short.map(([it]) => it), needed: 2, found: short.map(([, k]) => k), pairwise: missing === "pairwise" };
    throw new InsufficientDataError(fn, 2, Math.min(...counts), short[0]![0], localize(am.tooFewAnswers, params));
  }
  const k = items.length;
  const alphaOf = (skip: number) => {
    const kk = skip < 0 ? k : k - 1;
    return (1 - trace(c, skip) / sumAll(c, skip)) * (kk / (kk - 1));
  };
  const r = c.map((row, i) => row.map((v, j) => v / Math.sqrt(c[i]![i]! * c[j]![j]!)));
  const standardized = (1 - k / sumAll(r)) * (k / (k - 1));
  const alpha = alphaOf(-1);
  const own = missing === "listwise" ? covariances(m, false) : { c, n };
  const itemStats: ItemStat[] = items.map((item, i) => {
    const ii = i * k + i;
    const answered = own.n[i]!;
    return {
      item,
      n: n[i]!,
      mean: m.shift[i]! + (m.completeSum[i]! + m.partSum[ii]!) / answered,
      sd: Math.sqrt(own.c[i]![i]!),
      alphaIfDropped: k > 2 ? alphaOf(i) : Number.NaN,
      correctedItemTotal: itemRest(c, i),
    };
  });
  const rows = m.rows;
  const incomplete = rows - rowsUsed;
  return makeResult({
    method: `Cronbach's alpha (${missing})`,
    alternative: null,
    estimate: alpha,
    stdError: null,
    statistic: null,
    df: null,
    pValue: null,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: missing === "listwise" ? rowsUsed : rows,
    nMissing: missing === "listwise" ? rows - rowsUsed : incomplete,
    alpha,
    standardizedAlpha: standardized,
    itemStats,
    items: [...items],
    missing,
    warnings: negativeItems(fn, items, c),
  });
}

/**
 * McDonald's omega total from a one-factor maximum-likelihood factor analysis of the items'
 * correlation matrix (EM to convergence): (Σλ)² / ((Σλ)² + Σψ). Complete cases only; items read
 * as {@link cronbachAlpha} reads them, with the same `warnings`.
 */
export function mcdonaldsOmega(table: Table, options: McdonaldsOmegaOptions): OmegaResult {
  const fn = "mcdonaldsOmega";
  const o = parseOptions(fn, McdonaldsOmegaOptions, options);
  if (o.items.length < 3) throw insufficientData(fn, 3, o.items.length, { what: counted.items });
  const { names: items, cols, flips } = itemColumns(fn, table, o);
  return omegaFromMoments(items, itemMoments(cols, flips));
}

/**
 * {@link mcdonaldsOmega} of items whose one-pass sums are `m` (see {@link itemMoments}); reverse keys
 * already applied. Errors and warnings as mcdonaldsOmega's.
 */
export function omegaFromMoments(items: readonly string[], m: ItemMoments): OmegaResult {
  const fn = "mcdonaldsOmega";
  if (items.length < 3) throw insufficientData(fn, 3, items.length, { what: counted.items });
  const rowsUsed = m.complete;
  const { c } = covariances(m, true);
  if (rowsUsed < 3) {
    const params = { fn, items: [...items], needed: 3, found: items.map(() => rowsUsed), pairwise: false };
    throw new InsufficientDataError(fn, 3, rowsUsed, items[0]!, localize(am.tooFewAnswers, params));
  }
  const k = items.length;
  const s = c.map((row, i) => row.map((v, j) => v / Math.sqrt(c[i]![i]! * c[j]![j]!)));
  // EM for the one-factor model Σ = λλᵀ + Ψ (Rubin & Thayer 1982), started from the first principal axis.
  let lambda = s.map((row) => Math.sqrt(Math.max(0.01, (row.reduce((a, v) => a + Math.abs(v), 0) - 1) / (k - 1))));
  let psi = lambda.map((l) => Math.max(0.005, 1 - l * l));
  for (let iter = 0; iter < 100000; iter++) {
    // β = λᵀ Σ⁻¹ via Woodbury: Σ⁻¹λ = Ψ⁻¹λ / (1 + λᵀΨ⁻¹λ).
    const pl = lambda.map((l, i) => l / psi[i]!);
    const q = 1 + lambda.reduce((a, l, i) => a + l * pl[i]!, 0);
    const beta = pl.map((v) => v / q);
    const sb = s.map((row) => row.reduce((a, v, j) => a + v * beta[j]!, 0));
    const ezz = 1 - beta.reduce((a, b, i) => a + b * lambda[i]!, 0) + beta.reduce((a, b, i) => a + b * sb[i]!, 0);
    const next = sb.map((v) => v / ezz);
    const nextPsi = next.map((l, i) => Math.max(0.005, s[i]![i]! - l * sb[i]!));
    const change = Math.max(...next.map((l, i) => Math.abs(l - lambda[i]!)), ...nextPsi.map((p, i) => Math.abs(p - psi[i]!)));
    lambda = next;
    psi = nextPsi;
    if (change < 1e-12) break;
  }
  const sl = lambda.reduce((a, b) => a + b, 0);
  const omega = (sl * sl) / (sl * sl + psi.reduce((a, b) => a + b, 0));
  const rows = m.rows;
  return makeResult({
    method: "McDonald's omega total (one-factor ML)",
    alternative: null,
    estimate: omega,
    stdError: null,
    statistic: null,
    df: null,
    pValue: null,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: rowsUsed,
    nMissing: rows - rowsUsed,
    loadings: items.map((item, i) => ({ item, loading: lambda[i]!, uniqueness: psi[i]! })),
    warnings: negativeItems(fn, items, c),
  });
}

export const reliabilityTable = (r: AlphaResult) => aq.from(r.itemStats);
