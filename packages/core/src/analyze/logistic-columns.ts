// The passes of an IRLS step (X'WX and X'Wz, then the linear predictor) column by column, for a
// design whose columns are mostly numeric or mostly 0 (dummies): the same sums, bit for bit, as
// the row-wise loops in regression.ts, in a fraction of the time.
//
// Why the bits stay the same: every sum X'WX[a][b] = Σᵢ (x_ia·wᵢ)·x_ib and X'Wz[a] = Σᵢ (x_ia·wᵢ)·zᵢ
// is still accumulated over the rows in ascending order with the same products, only one sum (or a
// few) at a time instead of all of them per row; a term the row-wise loop leaves out (a zero cell)
// is either left out here too (rows of a sparse column) or added as a finite ±0, which changes no
// sum (a sum of such terms never holds −0). A non-finite term could make a difference (0·∞), so
// any non-finite result sends the caller back to the row-wise loop.

/** A design held by columns: dense values, or the ascending rows where a 0/1 column is 1. */
export interface DesignColumns {
  n: number;
  p: number;
  /** Per column: its values (dense), or null when the column is sparse 0/1. */
  dense: (Float64Array | null)[];
  /** Per column: the rows (ascending) where it is 1 when sparse 0/1, else null. */
  ones: (Int32Array | null)[];
  /** Each pair of sparse columns a > b that are 1 together in some rows: those rows (ascending). */
  pairs: { a: number; b: number; rows: Int32Array }[];
  /** Each row's sparse columns (ascending) at `rowCols[rowStart[i] … rowStart[i + 1])`. */
  rowStart: Int32Array;
  rowCols: Int32Array;
}

/**
 * The columns of a row-major n × p design: a column of only 0 and 1 with at most half of its rows
 * 1 is kept as the list of those rows, every other column as its values.
 */
export function designColumns(x: Float64Array, n: number, p: number): DesignColumns {
  const ones = new Int32Array(p);
  const zeroOne = new Uint8Array(p).fill(1);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const v = x[o + a]!;
      if (v === 1) ones[a]!++;
      else if (v !== 0) zeroOne[a] = 0;
    }
  }
  const dense: (Float64Array | null)[] = [];
  const rowsOf: (Int32Array | null)[] = [];
  for (let a = 0; a < p; a++) {
    const sparse = zeroOne[a] === 1 && ones[a]! <= n / 2;
    dense.push(sparse ? null : new Float64Array(n));
    rowsOf.push(sparse ? new Int32Array(ones[a]!) : null);
  }
  const fill = new Int32Array(p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const d = dense[a];
      if (d) d[i] = x[o + a]!;
      else if (x[o + a] === 1) rowsOf[a]![fill[a]!++] = i;
    }
  }
  return designColumnsOf(n, dense, rowsOf);
}

/** A design by columns from its columns: each either dense values or the ascending rows where a 0/1 column is 1. */
export function designColumnsOf(n: number, dense: (Float64Array | null)[], ones: (Int32Array | null)[]): DesignColumns {
  const p = dense.length;
  // Each row's sparse columns, ascending (counted per row, then filled column by column); then the
  // rows of each pair of them, counted and filled in row order.
  const start = new Int32Array(n + 1);
  for (const r of ones) if (r) countRows(start, r);
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const cols = new Int32Array(start[n]!);
  const next = start.slice(0, n);
  ones.forEach((r, a) => r && placeColumn(cols, next, r, a));
  const count = new Int32Array(p * p);
  pairRows(start, cols, p, count, null);
  const rowsOf = Array.from(count, (k) => (k > 0 ? new Int32Array(k) : null));
  count.fill(0);
  pairRows(start, cols, p, count, rowsOf);
  const pairs: DesignColumns["pairs"] = [];
  rowsOf.forEach((rows, ab) => rows && pairs.push({ a: Math.floor(ab / p), b: ab % p, rows }));
  return { n, p, dense, ones, pairs, rowStart: start, rowCols: cols };
}

/** Adds one to start[i + 1] for each row i listed (the count of the row's sparse columns). */
function countRows(start: Int32Array, rows: Int32Array): void {
  for (let k = 0; k < rows.length; k++) start[rows[k]! + 1]!++;
}

/** Writes column a into each listed row's next free place. */
function placeColumn(cols: Int32Array, next: Int32Array, rows: Int32Array, a: number): void {
  for (let k = 0; k < rows.length; k++) cols[next[rows[k]!]!++] = a;
}

/**
 * For each row, each pair of its sparse columns (a > b, at a·p + b): counted into `count`, or with
 * `rowsOf` (sized by the count) the row written into the pair's list, ascending.
 */
function pairRows(start: Int32Array, cols: Int32Array, p: number, count: Int32Array, rowsOf: (Int32Array | null)[] | null): void {
  const n = start.length - 1;
  for (let i = 0; i < n; i++) {
    for (let u = start[i]! + 1; u < start[i + 1]!; u++) {
      for (let h = start[i]!; h < u; h++) {
        const ab = cols[u]! * p + cols[h]!;
        if (rowsOf) rowsOf[ab]![count[ab]!] = i;
        count[ab]!++;
      }
    }
  }
}

/**
 * X'WX (lower triangle, row-major p × p) and X'Wz, as the row-wise loop over each row's nonzero
 * cells, given every row's weight wᵢ positive and finite and zᵢ finite.
 * Returns false when a sum is not finite (the row-wise loop must then decide).
 */
export function columnCrossProducts(c: DesignColumns, w: Float64Array, z: Float64Array, xtwx: Float64Array, xtwz: Float64Array): boolean {
  const { n, p, dense, ones } = c;
  xtwx.fill(0);
  xtwz.fill(0);
  const out = new Float64Array(7);
  // Each sum is (vᵢ·tᵢ) over the rows in order, six targets t at a time: for a dense column a,
  // vᵢ = x_ia·wᵢ over every row and the targets z and the dense columns up to a; for a sparse one,
  // vᵢ = wᵢ (x_ia = 1) over its rows, the targets z and every dense column (a product with a dense
  // column is the same number whichever of the two comes first), and Σ wᵢ·1 for its diagonal.
  // Up to four dense columns (the intercept and a few numeric covariates): every sum in one pass
  // over the rows (rowSums).
  const denseAt = dense.flatMap((d, a) => (d ? [a] : []));
  if (denseAt.length <= 4) {
    rowSums(c, denseAt, w, z, xtwx, xtwz);
    return finiteSums(p, xtwx, xtwz);
  }
  // More dense columns: each column's sums in passes of their own.
  let every: Int32Array | null = null; // all rows, for a dense column
  for (let a = 0; a < p; a++) {
    const xa = dense[a];
    const targets: { t: Float64Array; at: number }[] = [{ t: z, at: -1 }];
    if (xa) {
      for (let b = 0; b <= a; b++) if (dense[b]) targets.push({ t: dense[b]!, at: a * p + b });
    } else {
      for (let b = 0; b < p; b++) if (dense[b]) targets.push({ t: dense[b]!, at: b < a ? a * p + b : b * p + a });
    }
    for (let k = 0; k < targets.length; k += 6) {
      const chunk = targets.slice(k, k + 6);
      const t = Array.from({ length: 6 }, (_, j) => (chunk[j] ?? chunk[0]!).t);
      gatherSums(xa ? (every ??= Int32Array.from({ length: n }, (_, i) => i)) : ones[a]!, xa ?? null, w, t, out);
      chunk.forEach(({ at }, j) => {
        if (at < 0) xtwz[a] = out[j]!;
        else xtwx[at] = out[j]!;
      });
      if (!xa) xtwx[a * p + a] = out[6]!;
    }
  }
  // Pairs of sparse columns: wᵢ·1·1 over the rows where both are 1.
  for (const { a, b, rows } of c.pairs) {
    let t = 0;
    for (let k = 0; k < rows.length; k++) t += w[rows[k]!]!;
    xtwx[a * p + b] = t;
  }
  return finiteSums(p, xtwx, xtwz);
}

/** Whether every sum of X'WX (lower triangle) and X'Wz is finite. */
function finiteSums(p: number, xtwx: Float64Array, xtwz: Float64Array): boolean {
  for (let a = 0; a < p; a++) {
    if (!(xtwz[a]! - xtwz[a]! === 0)) return false;
    for (let b = 0; b <= a; b++) if (!(xtwx[a * p + b]! - xtwx[a * p + b]! === 0)) return false;
  }
  return true;
}

/**
 * Σ vᵢ (into out[6]) and Σ vᵢ·tᵢ over the rows listed, for six targets t at once, where vᵢ =
 * x_ia·wᵢ for a dense column a, or wᵢ for a sparse one (xa null: x_ia = 1 on its rows).
 */
function gatherSums(rows: Int32Array, xa: Float64Array | null, w: Float64Array, t: Float64Array[], out: Float64Array): void {
  const [t0, t1, t2, t3, t4, t5] = t as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let sv = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const v = xa ? xa[i]! * w[i]! : w[i]!;
    sv += v;
    s0 += v * t0[i]!;
    s1 += v * t1[i]!;
    s2 += v * t2[i]!;
    s3 += v * t3[i]!;
    s4 += v * t4[i]!;
    s5 += v * t5[i]!;
  }
  out.set([s0, s1, s2, s3, s4, s5, sv]);
}

/**
 * The linear predictor η = Xβ, summed over each row's cells in column order, as the row-wise loop
 * (β finite): runs of dense columns four at a time, a sparse column over its rows.
 */
export function columnLinearPredictor(c: DesignColumns, beta: Float64Array, eta: Float64Array): void {
  const { n, p, dense, ones } = c;
  eta.fill(0);
  for (let a = 0; a < p; ) {
    if (!dense[a]) {
      const b = beta[a]!;
      const r = ones[a]!;
      for (let k = 0; k < r.length; k++) eta[r[k]!] = eta[r[k]!]! + b;
      a++;
      continue;
    }
    let run = 1;
    while (run < 4 && a + run < p && dense[a + run]) run++;
    const [x0, x1 = x0, x2 = x0, x3 = x0] = dense.slice(a, a + run) as Float64Array[];
    const [b0, b1 = 0, b2 = 0, b3 = 0] = beta.subarray(a, a + run);
    if (run === 4) for (let i = 0; i < n; i++) eta[i] = eta[i]! + x0![i]! * b0! + x1![i]! * b1 + x2![i]! * b2 + x3![i]! * b3;
    else if (run === 3) for (let i = 0; i < n; i++) eta[i] = eta[i]! + x0![i]! * b0! + x1![i]! * b1 + x2![i]! * b2;
    else if (run === 2) for (let i = 0; i < n; i++) eta[i] = eta[i]! + x0![i]! * b0! + x1![i]! * b1;
    else for (let i = 0; i < n; i++) eta[i] = eta[i]! + x0![i]! * b0!;
    a += run;
  }
}

/**
 * X'WX and X'Wz of a design of up to four dense columns in one pass over the rows: for each dense
 * column a, Σᵢ (x_ia·wᵢ)·zᵢ and Σᵢ (x_ia·wᵢ)·x_ib for b ≤ a; each sparse column's Σwᵢ, Σwᵢ·zᵢ and Σwᵢ·x_ib (b dense) and
 * each pair's Σwᵢ added row by row over the row's sparse columns — every sum over the rows in
 * order with the same products as the column-wise passes.
 */
function rowSums(c: DesignColumns, at: number[], w: Float64Array, z: Float64Array, xtwx: Float64Array, xtwz: Float64Array): void {
  const { n, p, dense } = c;
  const nd = at.length;
  // Fewer than four dense columns: the others stand in (their sums unused).
  const [x0 = w, x1 = x0, x2 = x0, x3 = x0] = at.map((a) => dense[a]!);
  const acc = new Float64Array(p * 6);
  const pairAt = new Int32Array(p * p).fill(-1);
  c.pairs.forEach(({ a, b }, j) => (pairAt[a * p + b] = j));
  const pairSum = new Float64Array(c.pairs.length);
  const sums = new Float64Array(14);
  sumRows(n, x0!, x1!, x2!, x3!, w, z, c.rowStart, c.rowCols, p, acc, pairAt, pairSum, sums);
  const [z0, z1, z2, z3, s00, s10, s11, s20, s21, s22, s30, s31, s32, s33] = sums;
  const byDense = [[z0, s00], [z1, s10, s11], [z2, s20, s21, s22], [z3, s30, s31, s32, s33]];
  at.forEach((a, k) => {
    xtwz[a] = byDense[k]![0]!;
    for (let h = 0; h <= k; h++) xtwx[a * p + at[h]!] = byDense[k]![h + 1]!;
  });
  for (let a = 0; a < p; a++) {
    if (dense[a]) continue;
    const o = a * 6;
    xtwz[a] = acc[o + 1]!;
    xtwx[a * p + a] = acc[o]!;
    for (let k = 0; k < nd; k++) {
      const b = at[k]!;
      xtwx[b < a ? a * p + b : b * p + a] = acc[o + 2 + k]!;
    }
  }
  c.pairs.forEach(({ a, b }, j) => (xtwx[a * p + b] = pairSum[j]!));
}

/** The loop of {@link rowSums}. */
function sumRows(n: number, x0: Float64Array, x1: Float64Array, x2: Float64Array, x3: Float64Array, w: Float64Array, z: Float64Array, rowStart: Int32Array, rowCols: Int32Array, p: number, acc: Float64Array, pairAt: Int32Array, pairSum: Float64Array, out: Float64Array): void {
  let z0 = 0, z1 = 0, z2 = 0, z3 = 0;
  let s00 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s22 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const zi = z[i]!;
    const a0 = x0[i]!;
    const a1 = x1[i]!;
    const a2 = x2[i]!;
    const a3 = x3[i]!;
    const v0 = a0 * wi;
    const v1 = a1 * wi;
    const v2 = a2 * wi;
    const v3 = a3 * wi;
    z0 += v0 * zi;
    z1 += v1 * zi;
    z2 += v2 * zi;
    z3 += v3 * zi;
    s00 += v0 * a0;
    s10 += v1 * a0;
    s11 += v1 * a1;
    s20 += v2 * a0;
    s21 += v2 * a1;
    s22 += v2 * a2;
    s30 += v3 * a0;
    s31 += v3 * a1;
    s32 += v3 * a2;
    s33 += v3 * a3;
    for (let k = rowStart[i]!, end = rowStart[i + 1]!; k < end; k++) {
      const a = rowCols[k]!;
      const o = a * 6;
      acc[o] = acc[o]! + wi;
      acc[o + 1] = acc[o + 1]! + wi * zi;
      acc[o + 2] = acc[o + 2]! + wi * a0;
      acc[o + 3] = acc[o + 3]! + wi * a1;
      acc[o + 4] = acc[o + 4]! + wi * a2;
      acc[o + 5] = acc[o + 5]! + wi * a3;
      for (let h = rowStart[i]!; h < k; h++) {
        const j = pairAt[a * p + rowCols[h]!]!;
        pairSum[j] = pairSum[j]! + wi;
      }
    }
  }
  out.set([z0, z1, z2, z3, s00, s10, s11, s20, s21, s22, s30, s31, s32, s33]);
}
