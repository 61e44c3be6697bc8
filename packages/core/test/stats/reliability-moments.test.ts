import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { cronbachAlpha, itemMoments, mcdonaldsOmega } from "../../src/analyze/reliability.js";
import { createRandom } from "../../src/stats/random.js";

// Alpha and omega read one covariance matrix gathered in a single pass over the item columns.
// Here they are checked against the textbook computation straight from the rows: each covariance
// from its own rows and means (pairwise) or from the complete rows (listwise), two passes.

const k = 6;
const rows = 800;
const items = Array.from({ length: k }, (_, j) => `q${j + 1}`);
const rng = createRandom(20261130);
const columns: number[][] = items.map(() => []);
for (let r = 0; r < rows; r++) {
  const f = rng.normal();
  items.forEach((_, j) => {
    const raw = Math.round(3 + (j === 4 ? -1 : 1) * (0.4 + 0.1 * j) * f + rng.normal());
    const v = Math.min(5, Math.max(1, raw));
    columns[j]!.push(rng.next() < 0.06 + 0.02 * j ? Number.NaN : j === 5 ? v + rng.next() : v); // q6 not whole numbers
  });
}
const table = aq.table(Object.fromEntries(items.map((c, j) => [c, columns[j]!])));
const reverse = ["q5"];
const scored = columns.map((col, j) => (items[j] === "q5" ? col.map((v) => 1 + 6 - v) : col));

function rowCov(x: number[], y: number[], keep: (r: number) => boolean): { c: number; n: number } {
  const use = x.map((_, r) => r).filter((r) => keep(r) && !Number.isNaN(x[r]!) && !Number.isNaN(y[r]!));
  const mx = use.reduce((s, r) => s + x[r]!, 0) / use.length;
  const my = use.reduce((s, r) => s + y[r]!, 0) / use.length;
  return { c: use.reduce((s, r) => s + (x[r]! - mx) * (y[r]! - my), 0) / (use.length - 1), n: use.length };
}
const complete = (r: number) => scored.every((col) => !Number.isNaN(col[r]!));
const covMatrix = (keep: (r: number) => boolean) => scored.map((x) => scored.map((y) => rowCov(x, y, keep).c));
const sum = (m: number[][], skip = -1) => m.reduce((s, row, i) => (i === skip ? s : s + row.reduce((t, v, j) => (j === skip ? t : t + v), 0)), 0);
const tr = (m: number[][], skip = -1) => m.reduce((s, row, i) => (i === skip ? s : s + row[i]!), 0);

describe("alpha from the one-pass covariance equals alpha from the rows", () => {
  for (const missing of ["pairwise", "listwise"] as const) {
    it(missing, () => {
      const c = covMatrix(missing === "pairwise" ? () => true : complete);
      const alpha = (skip: number) => {
        const kk = skip < 0 ? k : k - 1;
        return (1 - tr(c, skip) / sum(c, skip)) * (kk / (kk - 1));
      };
      const r = cronbachAlpha(table, { items, reverse, range: [1, 6], missing });
      expect(Math.abs(r.alpha - alpha(-1))).toBeLessThan(1e-12);
      const std = c.map((row, i) => row.map((v, j) => v / Math.sqrt(c[i]![i]! * c[j]![j]!)));
      expect(Math.abs(r.standardizedAlpha - (1 - k / sum(std)) * (k / (k - 1)))).toBeLessThan(1e-12);
      r.itemStats.forEach((s, i) => {
        expect(Math.abs(s.alphaIfDropped - alpha(i)), s.item).toBeLessThan(1e-12);
        const rest = c[i]!.reduce((t, v, j) => (j === i ? t : t + v), 0) / Math.sqrt(c[i]![i]! * sum(c, i));
        expect(Math.abs(s.correctedItemTotal - rest), s.item).toBeLessThan(1e-12);
        const own = scored[i]!.filter((v) => !Number.isNaN(v));
        const mean = own.reduce((a, v) => a + v, 0) / own.length;
        expect(Math.abs(s.mean - mean), s.item).toBeLessThan(1e-12);
        expect(Math.abs(s.sd - Math.sqrt(rowCov(scored[i]!, scored[i]!, () => true).c)), s.item).toBeLessThan(1e-12);
        expect(s.n).toBe(missing === "pairwise" ? own.length : scored[0]!.filter((_, row) => complete(row)).length);
      });
      const nComplete = scored[0]!.filter((_, row) => complete(row)).length;
      expect(nComplete).toBeLessThan(rows * 0.8); // the data really have missing values
      expect(r.nMissing).toBe(rows - nComplete);
    });
  }
});

describe("omega from the one-pass covariance is the one-factor ML solution of the complete rows' correlations", () => {
  it("loadings satisfy the ML equations for the correlation matrix computed from the rows", () => {
    const c = covMatrix(complete);
    const R = c.map((row, i) => row.map((v, j) => v / Math.sqrt(c[i]![i]! * c[j]![j]!)));
    const o = mcdonaldsOmega(table, { items, reverse, range: [1, 6] });
    const l = o.loadings.map((x) => x.loading);
    const psi = o.loadings.map((x) => x.uniqueness);
    // Ψ = diag(R − λλᵀ) and R Ψ⁻¹λ = λ (1 + λᵀΨ⁻¹λ) at the ML solution (Jöreskog 1967).
    psi.forEach((p, i) => expect(Math.abs(p - (1 - l[i]! ** 2))).toBeLessThan(1e-9));
    const pl = l.map((v, i) => v / psi[i]!);
    const q = 1 + l.reduce((a, v, i) => a + v * pl[i]!, 0);
    R.forEach((row, i) => expect(Math.abs(row.reduce((a, v, j) => a + v * pl[j]!, 0) - l[i]! * q)).toBeLessThan(1e-8));
    const sl = l.reduce((a, b) => a + b, 0);
    expect(Math.abs(o.estimate! - (sl * sl) / (sl * sl + psi.reduce((a, b) => a + b, 0)))).toBeLessThan(1e-12);
    expect(o.n).toBe(scored[0]!.filter((_, row) => complete(row)).length);
  });
});

// The sums themselves, against their definitions summed row by row: over several blocks of rows and
// a remainder, rows with nothing answered, whole and fractional answers, reverse keys, columns
// given as plain arrays, Float32Arrays or Float64Arrays.
describe("itemMoments equals its definition summed row by row", () => {
  const add = (m: number[], i: number, v: number) => (m[i] = m[i]! + v);
  function definition(cols: number[][], flips: (number | null)[]) {
    const k = cols.length;
    const n = cols[0]!.length;
    const x = cols.map((c, j) => c.map((v) => (flips[j] === null ? v : flips[j]! - v)));
    const shift = x.map((c) => c.find((v) => !Number.isNaN(v)) ?? 0);
    const d = x.map((c, j) => c.map((v) => v - shift[j]!));
    const full = Array.from({ length: n }, (_, r) => d.every((c) => !Number.isNaN(c[r]!)));
    const out = { complete: full.filter(Boolean).length, completeSum: new Array<number>(k).fill(0), completeCross: new Array<number>(k * k).fill(0), partCount: new Array<number>(k * k).fill(0), partSum: new Array<number>(k * k).fill(0), partCross: new Array<number>(k * k).fill(0), shift };
    for (let a = 0; a < k; a++) {
      for (let r = 0; r < n; r++) if (full[r]) add(out.completeSum, a, d[a]![r]!);
      for (let b = 0; b <= a; b++) {
        for (let r = 0; r < n; r++) {
          const xa = d[a]![r]!;
          const xb = d[b]![r]!;
          if (full[r]) add(out.completeCross, a * k + b, xa * xb);
          else if (!Number.isNaN(xa) && !Number.isNaN(xb)) {
            add(out.partCount, a * k + b, 1);
            add(out.partSum, a * k + b, xa);
            if (b !== a) add(out.partSum, b * k + a, xb);
            add(out.partCross, a * k + b, xa * xb);
          }
        }
      }
    }
    return out;
  }
  const close = (got: ArrayLike<number>, want: ArrayLike<number>, what: string) => {
    expect(got.length, what).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!), `${what}[${i}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i]!)));
  };
  // answers: 1–5 with some items not whole numbers; whole 1–5 only (summed packed); whole 0–40 (too wide to pack)
  const cases = [[1, 7, "plain", "mixed"], [3, 512, "f64", "mixed"], [6, 1537, "plain", "mixed"], [10, 2100, "f64", "mixed"], [4, 1100, "f32", "mixed"],
    [10, 2100, "f64", "1-5"], [7, 1300, "plain", "1-5"], [2, 513, "f64", "1-5"], [5, 1100, "f64", "0-40"]] as const;
  for (const [k, n, kind, answers] of cases) {
    it(`${k} items, ${n} rows, ${kind} columns, answers ${answers}`, () => {
      const g = createRandom(k * 1000 + n);
      const cols = Array.from({ length: k }, (_, j) => Array.from({ length: n }, (_, r) => {
        if (r % 97 === 5 || g.next() < 0.08) return Number.NaN; // whole rows unanswered too
        if (answers === "0-40") return Math.floor(g.next() * 41);
        const v = 1 + Math.floor(g.next() * 5);
        return answers === "mixed" && j % 3 === 2 ? v + Math.round(g.next() * 8) / 8 : v;
      }));
      const flips = cols.map((_, j) => (j % 4 === 1 ? 6 : null));
      const given = cols.map((c) => (kind === "plain" ? c : kind === "f64" ? Float64Array.from(c) : Float32Array.from(c)));
      const got = itemMoments(given, flips);
      const want = definition(cols, flips);
      expect(got.k).toBe(k);
      expect(got.rows).toBe(n);
      expect(got.complete).toBe(want.complete);
      expect(want.complete).toBeGreaterThan(0);
      expect(want.complete).toBeLessThan(n * 0.95);
      for (const key of ["shift", "completeSum", "completeCross", "partCount", "partSum", "partCross"] as const) close(got[key], want[key], key);
    });
  }
});
