import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { designMatrix } from "../../src/analyze/design-matrix.js";
import { columnCrossProducts, designColumns } from "../../src/analyze/logistic-columns.js";
import { fitLogistic } from "../../src/analyze/regression.js";
import { cholesky, choleskySolve } from "../../src/stats/linear-algebra.js";
import { createRandom } from "../../src/stats/random.js";

// The column-wise IRLS must give the very bits of the textbook row-wise loop: each sum over the
// rows in order, (x_ia·wᵢ)·x_ib, η summed over the columns in order (R's glm start and rule).
function rowWiseIrls(x: Float64Array, y: Float64Array, n: number, p: number, pw: Float64Array) {
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  let dev = 0;
  for (let i = 0; i < n; i++) {
    mu[i] = (y[i]! + 0.5) / 2;
    eta[i] = Math.log(mu[i]! / (1 - mu[i]!));
    dev += -2 * pw[i]! * (y[i] === 1 ? Math.log(mu[i]!) : Math.log(1 - mu[i]!));
  }
  let beta: Float64Array = new Float64Array(p);
  for (let it = 1; it <= 25; it++) {
    const xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const w = pw[i]! * m * (1 - m);
      const z = eta[i]! + (y[i]! - m) / (m * (1 - m));
      for (let a = 0; a < p; a++) {
        const xa = x[i * p + a]! * w;
        xtwz[a]! += xa * z;
        for (let b = 0; b <= a; b++) xtwx[a * p + b]! += xa * x[i * p + b]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
    beta = choleskySolve(cholesky(xtwx, p), p, xtwz);
    let devNew = 0;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let a = 0; a < p; a++) e += x[i * p + a]! * beta[a]!;
      eta[i] = e;
      mu[i] = 1 / (1 + Math.exp(-e));
      devNew += -2 * pw[i]! * (y[i] === 1 ? Math.log(mu[i]!) : Math.log(1 - mu[i]!));
    }
    const done = Math.abs(devNew - dev) / (Math.abs(devNew) + 0.1) < 1e-8;
    dev = devNew;
    if (done) return { beta, mu, deviance: dev, iterations: it };
  }
  throw new Error("not converged");
}

/** A design as estimateEffect's: intercept, numeric columns, a 4-level factor's dummies, a rare and a common yes/no. */
function simulated(n: number, numeric: number, seed: number) {
  const r = createRandom(seed);
  const columns: Record<string, unknown[]> = {};
  for (let j = 0; j < numeric; j++) columns[`x${j}`] = Array.from({ length: n }, () => (j === 0 ? Math.round(r.next() * 40) / 10 : 20 + Math.floor(r.next() * 45)));
  columns.level = Array.from({ length: n }, () => ["a", "b", "c", "d"][Math.floor(r.next() * 4)]);
  columns.rare = Array.from({ length: n }, () => r.next() < 0.2);
  columns.common = Array.from({ length: n }, () => r.next() < 0.7);
  columns.y = Array.from({ length: n }, (_, i) => {
    const e = -1 + 0.4 * (columns.x0![i] as number) - (columns.level![i] === "c" ? 0.8 : 0) + (columns.rare![i] ? 0.5 : 0);
    return r.next() < 1 / (1 + Math.exp(-e)) ? 1 : 0;
  });
  return aq.table(columns);
}

function fitBoth(n: number, numeric: number, seed: number, weights?: (i: number) => number) {
  const t = simulated(n, numeric, seed);
  const dm = designMatrix(t, [...Array.from({ length: numeric }, (_, j) => `x${j}`), "level", "rare", "common"]);
  const y = Float64Array.from(dm.rows, (r) => t.array("y")[r] as number);
  const pw = weights ? Float64Array.from({ length: dm.n }, (_, i) => weights(i)) : null;
  const fit = { fn: "test", x: dm.x, y, n: dm.n, p: dm.p, terms: dm.terms, weights: pw, confLevel: 0.95, nMissing: 0, outcome: "y", predictors: [] };
  return {
    dm,
    fromRows: fitLogistic(fit),
    fromColumns: fitLogistic({ ...fit, columns: dm.byColumn() }),
    reference: rowWiseIrls(dm.x, y, dm.n, dm.p, pw ?? new Float64Array(dm.n).fill(1)),
  };
}

describe("fitLogistic by columns", () => {
  it.each([
    ["three dense columns (intercept, x0, common: one pass, a column of zeros beside them)", 1, undefined],
    ["four dense columns (one pass)", 2, undefined],
    ["seven dense columns (one at a time)", 5, undefined],
    ["prior weights, some zero (those steps take the row-wise loop)", 2, (i: number) => (i % 7 === 0 ? 0 : 1 + (i % 3))],
  ] as const)("the same bits as the row-wise loop: %s", (_, numeric, weights) => {
    const { fromRows, fromColumns, reference } = fitBoth(3000, numeric, 11 + numeric, weights);
    expect(Array.from(fromColumns.fitted)).toEqual(Array.from(reference.mu));
    expect(Array.from(fromRows.fitted)).toEqual(Array.from(reference.mu));
    expect(fromColumns.coefficients.map((c) => c.estimate)).toEqual(Array.from(reference.beta));
    expect([fromColumns.deviance, fromColumns.iterations]).toEqual([reference.deviance, reference.iterations]);
    expect(fromColumns.iterations).toBeGreaterThan(2);
  });

  it("the design by columns holds the design's values: dense columns as they are, sparse 0/1 columns as the rows where they are 1", () => {
    const { dm } = fitBoth(500, 2, 5);
    const c = dm.byColumn();
    const fromX = designColumns(dm.x, dm.n, dm.p);
    // Intercept, x0, x1 and `common` (true in most rows) dense; the levels and `rare` by their rows.
    expect(c.dense.map((d) => d !== null)).toEqual(dm.terms.map((t) => !t.startsWith("level") && t !== "rareTRUE"));
    expect(fromX.dense.map((d) => d !== null)).toEqual(c.dense.map((d) => d !== null));
    for (let a = 0; a < dm.p; a++) {
      const column = Array.from({ length: dm.n }, (_, i) => dm.x[i * dm.p + a]);
      if (c.dense[a]) expect(Array.from(c.dense[a]!)).toEqual(column);
      else expect(Array.from(c.ones[a]!)).toEqual(column.flatMap((v, i) => (v === 1 ? [i] : [])));
    }
    // Pairs of sparse columns: the rows where both are 1 (levels of one factor never are).
    const byPair = new Map(c.pairs.map(({ a, b, rows }) => [`${dm.terms[a]}|${dm.terms[b]}`, Array.from(rows)]));
    expect([...byPair.keys()].sort()).toEqual(["rareTRUE|levelb", "rareTRUE|levelc", "rareTRUE|leveld"]);
    const levelC = dm.terms.indexOf("levelc");
    const rare = dm.terms.indexOf("rareTRUE");
    expect(byPair.get("rareTRUE|levelc")).toEqual(Array.from({ length: dm.n }, (_, i) => i).filter((i) => dm.x[i * dm.p + levelC] === 1 && dm.x[i * dm.p + rare] === 1));
  });

  it("a sum that is not finite (an infinite value in the design) is left to the row-wise loop", () => {
    const x = Float64Array.from([1, 0, 1, Infinity, 1, 0, 1, 2]);
    const c = designColumns(x, 4, 2);
    const ones = new Float64Array(4).fill(1);
    expect(columnCrossProducts(c, ones, ones, new Float64Array(4), new Float64Array(2))).toBe(false);
    const finite = designColumns(Float64Array.from([1, 0, 1, 3, 1, 0, 1, 2]), 4, 2);
    const xtwx = new Float64Array(4);
    const xtwz = new Float64Array(2);
    expect(columnCrossProducts(finite, Float64Array.from([1, 2, 3, 4]), ones, xtwx, xtwz)).toBe(true);
    // By hand, x₁ = [0, 3, 0, 2], w = [1, 2, 3, 4], z = 1: Σw = 10, Σw·x₁ = 6 + 8, Σw·x₁² = 18 + 16.
    expect([xtwx[0], xtwx[2], xtwx[3], xtwz[0], xtwz[1]]).toEqual([10, 14, 34, 10, 14]);
  });

  it.each([0, 1, 2, 3, 4, 5])("X'WX and X'Wz of %i dense columns among 0/1 ones (any order): the bits of the row-wise sums", (dense) => {
    const r = createRandom(40 + dense);
    const n = 2000;
    const p = dense + 4;
    // Dense columns at random places among four 0/1 columns true in a quarter of the rows (some together).
    const kinds = Array.from({ length: p }, (_, a) => a < dense);
    for (let a = p - 1; a > 0; a--) {
      const b = Math.floor(r.next() * (a + 1));
      [kinds[a], kinds[b]] = [kinds[b]!, kinds[a]!];
    }
    const x = new Float64Array(n * p);
    for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) x[i * p + a] = kinds[a] ? Math.round(r.next() * 50) / 10 - 1 : r.next() < 0.25 ? 1 : 0;
    const w = Float64Array.from({ length: n }, () => 0.01 + r.next() * 0.24);
    const z = Float64Array.from({ length: n }, () => r.next() * 8 - 4);
    const rowXtwx = new Float64Array(p * p);
    const rowXtwz = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < p; a++) {
        if (x[i * p + a] === 0) continue;
        const xa = x[i * p + a]! * w[i]!;
        rowXtwz[a]! += xa * z[i]!;
        for (let b = 0; b <= a; b++) if (x[i * p + b] !== 0) rowXtwx[a * p + b]! += xa * x[i * p + b]!;
      }
    }
    const c = designColumns(x, n, p);
    expect(c.dense.map((d) => d !== null)).toEqual(kinds);
    expect(c.pairs.length).toBe(6);
    const xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    expect(columnCrossProducts(c, w, z, xtwx, xtwz)).toBe(true);
    expect(Array.from(xtwz)).toEqual(Array.from(rowXtwz));
    expect(Array.from(xtwx)).toEqual(Array.from(rowXtwx));
  });
});
