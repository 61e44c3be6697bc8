import { KoeArgumentError } from "../errors/errors.js";
import { counted, statsMessages as msg } from "../errors/stats-messages.js";
import { insufficientData, requireList } from "./clean.js";
import { choice, confLevelOf, flagOf, kernelOptions } from "./options.js";
import { normalCdf, normalQuantile } from "./distributions.js";
import { makeResult, type Result } from "./result.js";

type Rating = string | number | null | undefined;
const missing = (v: Rating) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || v === "";

/** Category levels: numbers sorted numerically, otherwise labels sorted as text (as irr sorts). */
function levelsOf(values: Rating[]): (string | number)[] {
  const present = [...new Set(values.filter((v) => !missing(v)) as (string | number)[])];
  return present.every((v) => typeof v === "number") ? (present as number[]).sort((a, b) => a - b) : present.map(String).sort();
}

export type KappaResult = Result<{ weights: "unweighted" | "linear" | "quadratic"; observedAgreement: number; expectedAgreement: number; subjects: number }>;

/**
 * Cohen's kappa for two raters, unweighted or with linear ("equal") or quadratic ("squared")
 * agreement weights, as `irr::kappa2`: z and p under H0 use the Fleiss–Cohen–Everitt (1969) null
 * variance; `stdError` and the interval use their asymptotic (non-null) variance, as `vcd::Kappa`.
 * Subjects missing a rating are dropped (counted in nMissing).
 * @example
 * cohensKappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]).estimate // => 0.5
 */
export function cohensKappa(rater1: readonly Rating[], rater2: readonly Rating[], options: { weights?: "unweighted" | "linear" | "quadratic"; levels?: readonly (string | number)[]; confLevel?: number } = {}): KappaResult {
  const fn = "cohensKappa";
  const o = kernelOptions(fn, options, ["weights", "levels", "confLevel"]);
  const weights = choice(fn, "weights", o.weights ?? "unweighted", ["unweighted", "linear", "quadratic"]);
  const confLevel = confLevelOf(fn, o.confLevel ?? 0.95);
  const levels = o.levels;
  requireList(fn, rater1, "rater1");
  requireList(fn, rater2, "rater2");
  if (levels !== undefined) requireList(fn, levels, "levels");
  if (rater1.length !== rater2.length) throw KoeArgumentError.of(msg.ratersDiffer, { fn, a: rater1.length, b: rater2.length });
  const keep = rater1.map((_, i) => i).filter((i) => !missing(rater1[i]) && !missing(rater2[i]));
  if (keep.length < 2) throw insufficientData(fn, 2, keep.length, { what: counted.subjectsRatedByBoth });
  const lev = levels ? [...levels] : levelsOf([...keep.map((i) => rater1[i]), ...keep.map((i) => rater2[i])]);
  const k = lev.length;
  const index = new Map(lev.map((l, i) => [String(l), i]));
  const n = keep.length;
  const p = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const i of keep) {
    const a = index.get(String(rater1[i]));
    const b = index.get(String(rater2[i]));
    if (a === undefined || b === undefined) throw KoeArgumentError.of(msg.ratingNotALevel, { fn, value: a === undefined ? rater1[i] : rater2[i], levels: lev });
    p[a]![b]! += 1 / n;
  }
  const w = (i: number, j: number) =>
    k === 1 ? 1 : weights === "linear" ? 1 - Math.abs(i - j) / (k - 1) : weights === "quadratic" ? 1 - ((i - j) / (k - 1)) ** 2 : i === j ? 1 : 0;
  const row = p.map((r) => r.reduce((s, v) => s + v, 0));
  const col = lev.map((_, j) => p.reduce((s, r) => s + r[j]!, 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    po += w(i, j) * p[i]![j]!;
    pe += w(i, j) * row[i]! * col[j]!;
  }
  const kappa = (po - pe) / (1 - pe);
  const wi = lev.map((_, i) => col.reduce((s, c, j) => s + c * w(i, j), 0));
  const wj = lev.map((_, j) => row.reduce((s, r, i) => s + r * w(i, j), 0));
  let v0 = 0;
  let v1 = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    v0 += row[i]! * col[j]! * (w(i, j) - (wi[i]! + wj[j]!)) ** 2;
    v1 += p[i]![j]! * (w(i, j) * (1 - pe) - (wi[i]! + wj[j]!) * (1 - po)) ** 2;
  }
  const se0 = Math.sqrt((v0 - pe * pe) / (n * (1 - pe) ** 2));
  const se = Math.sqrt((v1 - (po * pe - 2 * pe + po) ** 2) / (n * (1 - pe) ** 4));
  const z = kappa / se0;
  const q = normalQuantile(1 - (1 - confLevel) / 2);
  return makeResult({
    method: `Cohen's Kappa for 2 Raters (Weights: ${weights})`,
    alternative: "two-sided",
    estimate: kappa,
    stdError: se,
    statistic: z,
    df: null,
    pValue: 2 * normalCdf(-Math.abs(z)),
    ciLow: kappa - q * se,
    ciHigh: kappa + q * se,
    confLevel,
    n,
    nMissing: rater1.length - n,
    weights,
    observedAgreement: po,
    expectedAgreement: pe,
    subjects: n,
  });
}

/**
 * Fleiss' kappa for m raters, as `irr::kappam.fleiss`: `ratings` has one row per subject and one
 * column per rater (category labels); z and p use Fleiss' variance under H0. Subjects with a
 * missing rating are dropped.
 */
export function fleissKappa(
  ratings: readonly (readonly Rating[])[],
  options: { exact?: boolean } = {},
): Result<{ raters: number; subjects: number; observedAgreement: number; expectedAgreement: number; categoryProportions: number[]; categoryKappas: { category: string | number; kappa: number; z: number; pValue: number }[] }> {
  const fn = "fleissKappa";
  const exact = flagOf(fn, "exact", kernelOptions(fn, options, ["exact"]).exact ?? false);
  requireList(fn, ratings, "ratings");
  ratings.forEach((r, i) => requireList(fn, r, `ratings[${i}]`));
  const rows = ratings.filter((r) => r.every((v) => !missing(v)));
  if (rows.length < 2) throw insufficientData(fn, 2, rows.length, { what: counted.subjectsRatedByAll });
  const m = rows[0]!.length;
  if (m < 2 || rows.some((r) => r.length !== m)) throw KoeArgumentError.of(msg.sameNumberOfRatings, { fn });
  const lev = levelsOf(rows.flat());
  const idx = new Map(lev.map((l, i) => [String(l), i]));
  const n = rows.length;
  const counts = rows.map((r) => {
    const c = new Array<number>(lev.length).fill(0);
    for (const v of r) c[idx.get(String(v))!]!++;
    return c;
  });
  const agree = counts.reduce((s, c) => s + (c.reduce((a, x) => a + x * x, 0) - m) / (m * (m - 1)), 0) / n;
  const pj = lev.map((_, j) => counts.reduce((s, c) => s + c[j]!, 0) / (n * m));
  let pe = pj.reduce((s, x) => s + x * x, 0);
  if (exact) {
    // Conger (1980): chance agreement from each rater's own marginals — Σ_j (p̄_j² − var_r(p_jr)/m), var with m − 1.
    pe = lev.reduce<number>((s, _, j) => {
      const byRater = Array.from({ length: m }, (_, r) => rows.filter((row) => String(row[r]) === String(lev[j])).length / n);
      const mean = byRater.reduce((a, b) => a + b, 0) / m;
      const v = byRater.reduce((a, b) => a + (b - mean) ** 2, 0) / (m - 1);
      return s + mean * mean - v / m;
    }, 0);
  }
  const kappa = (agree - pe) / (1 - pe);
  const spq = pj.reduce((s, x) => s + x * (1 - x), 0);
  const variance = (2 / (spq * spq * (n * m * (m - 1)))) * (spq * spq - pj.reduce((s, x) => s + x * (1 - x) * (1 - 2 * x), 0));
  const z = kappa / Math.sqrt(variance);
  const categoryKappas = lev.map((category, j) => {
    const pjj = pj[j]!;
    const kj = 1 - counts.reduce((s, c) => s + c[j]! * (m - c[j]!), 0) / (n * m * (m - 1) * pjj * (1 - pjj));
    const zj = kj / Math.sqrt(2 / (n * m * (m - 1)));
    return { category, kappa: kj, z: zj, pValue: 2 * normalCdf(-Math.abs(zj)) };
  });
  return makeResult({
    method: exact ? "Fleiss' Kappa for m Raters (exact value)" : "Fleiss' Kappa for m Raters",
    alternative: exact ? null : "two-sided",
    estimate: kappa,
    stdError: exact ? null : Math.sqrt(variance),
    statistic: exact ? null : z,
    df: null,
    pValue: exact ? null : 2 * normalCdf(-Math.abs(z)),
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n,
    nMissing: ratings.length - n,
    raters: m,
    subjects: n,
    observedAgreement: agree,
    expectedAgreement: pe,
    categoryProportions: pj,
    categoryKappas,
  });
}

export type AlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";

/**
 * Krippendorff's alpha from the coincidence matrix (Krippendorff 2011), for nominal, ordinal,
 * interval or ratio data with missing values: `data` has one row per coder and one column per
 * unit, `null` where a coder did not code a unit. Units coded once are not pairable and drop out.
 * @example
 * // Krippendorff's own 2011 example (4 coders, 12 units, nominal): 0.743.
 * const N = null;
 * krippendorffAlpha([[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3], [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]]).estimate // => 0.743
 */
export function krippendorffAlpha(data: readonly (readonly Rating[])[], options: { level?: AlphaLevel } = {}): Result<{ level: AlphaLevel; observedDisagreement: number; expectedDisagreement: number; pairable: number; values: (string | number)[]; coincidences: number[][] }> {
  const fn = "krippendorffAlpha";
  const level = choice(fn, "level", kernelOptions(fn, options, ["level"]).level ?? "nominal", ["nominal", "ordinal", "interval", "ratio"]);
  requireList(fn, data, "data");
  data.forEach((r, i) => requireList(fn, r, `data[${i}]`));
  const units = data[0]?.length ?? 0;
  if (data.some((r) => r.length !== units)) throw KoeArgumentError.of(msg.unitPerCoder, { fn });
  const values = levelsOf(data.flat());
  if (level !== "nominal" && values.some((v) => typeof v !== "number")) throw KoeArgumentError.of(msg.levelNeedsNumbers, { fn, level });
  const idx = new Map(values.map((v, i) => [String(v), i]));
  const k = values.length;
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let u = 0; u < units; u++) {
    const coded = data.map((r) => r[u]).filter((v) => !missing(v)).map((v) => idx.get(String(v))!);
    const mu = coded.length;
    if (mu < 2) continue;
    for (let a = 0; a < mu; a++) for (let b = 0; b < mu; b++) if (a !== b) o[coded[a]!]![coded[b]!]! += 1 / (mu - 1);
  }
  const nc = o.map((r) => r.reduce((s, v) => s + v, 0));
  const n = nc.reduce((s, v) => s + v, 0);
  if (n < 2) throw insufficientData(fn, 2, n, { what: counted.pairableValues });
  const num = values as number[];
  const delta = (c: number, kk: number): number => {
    if (level === "nominal") return c === kk ? 0 : 1;
    if (level === "interval") return (num[c]! - num[kk]!) ** 2;
    if (level === "ratio") return num[c]! + num[kk]! === 0 ? 0 : ((num[c]! - num[kk]!) / (num[c]! + num[kk]!)) ** 2;
    const [lo, hi] = c < kk ? [c, kk] : [kk, c];
    let s = 0;
    for (let g = lo; g <= hi; g++) s += nc[g]!;
    return (s - (nc[c]! + nc[kk]!) / 2) ** 2;
  };
  let dO = 0;
  let dE = 0;
  for (let c = 0; c < k; c++) for (let kk = 0; kk < k; kk++) {
    const d = delta(c, kk);
    dO += o[c]![kk]! * d;
    dE += nc[c]! * nc[kk]! * d;
  }
  dO /= n;
  dE /= n * (n - 1);
  return makeResult({
    method: `Krippendorff's alpha (${level})`,
    alternative: null,
    estimate: 1 - dO / dE,
    stdError: null,
    statistic: null,
    df: null,
    pValue: null,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: units,
    nMissing: data.flat().filter(missing).length,
    level,
    observedDisagreement: dO,
    expectedDisagreement: dE,
    pairable: n,
    values,
    coincidences: o,
  });
}
