import * as aq from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";
import { dropMissing, insufficientData, type NumericInput } from "./clean.js";
import { confLevelOf, kernelOptions } from "./options.js";
import { chiSquareCdf, fCdf } from "./distributions.js";
import { mean, variance } from "./moments.js";
import { averageRanks, tieSum } from "./ranks.js";
import { makeResult, type Result, type TidyTable } from "./result.js";
import { tukeyCdf, tukeyQuantile } from "./tukey-distribution.js";

function cleanGroups(fn: string, groups: readonly NumericInput[], minPerGroup: number) {
  if (!Array.isArray(groups) || groups.length < 2) throw KoeArgumentError.of(m.needGroups, { fn, found: Array.isArray(groups) ? groups.length : 0 });
  let nMissing = 0;
  const clean = groups.map((g, i) => {
    const d = dropMissing(g, fn, `group ${i + 1}`);
    nMissing += d.nMissing;
    if (d.values.length < minPerGroup) throw insufficientData(fn, minPerGroup, d.values.length, { group: String(i + 1) });
    return d.values;
  });
  return { clean, nMissing };
}

export type AnovaResult = Result<{ dfBetween: number; dfWithin: number; ssBetween: number; ssWithin: number; msBetween: number; msWithin: number; etaSquared: number; omegaSquared: number; groupMeans: number[] }>;

/**
 * One-way analysis of variance (equal variances), as R's `aov(y ~ g)`; `estimate` is η².
 * @example
 * oneWayAnova([[4.17, 5.58, 5.18], [4.81, 4.17, 4.41], [6.31, 5.12, 5.54]]).pValue // => 0.1113768  R: summary(aov(y ~ g))
 */
export function oneWayAnova(groups: readonly NumericInput[]): AnovaResult {
  const { clean, nMissing } = cleanGroups("oneWayAnova", groups, 1);
  const k = clean.length;
  const n = clean.reduce((s, g) => s + g.length, 0);
  if (n <= k) throw KoeArgumentError.of(m.moreValuesThanGroups, { fn: "oneWayAnova", n, k });
  const all = new Float64Array(n);
  let o = 0;
  for (const g of clean) {
    all.set(g, o);
    o += g.length;
  }
  const grand = mean(all);
  const means = clean.map((g) => mean(g));
  let ssB = 0;
  let ssW = 0;
  clean.forEach((g, i) => {
    ssB += g.length * (means[i]! - grand) ** 2;
    for (const v of g) ssW += (v - means[i]!) ** 2;
  });
  const dfB = k - 1;
  const dfW = n - k;
  const msB = ssB / dfB;
  const msW = ssW / dfW;
  const F = msB / msW;
  const eta = ssB / (ssB + ssW);
  return makeResult({
    method: "One-way analysis of variance",
    alternative: null,
    estimate: eta,
    stdError: null,
    statistic: F,
    df: dfB,
    pValue: fCdf(F, dfB, dfW, { lowerTail: false }),
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n,
    nMissing,
    dfBetween: dfB,
    dfWithin: dfW,
    ssBetween: ssB,
    ssWithin: ssW,
    msBetween: msB,
    msWithin: msW,
    etaSquared: eta,
    omegaSquared: (ssB - dfB * msW) / (ssB + ssW + msW),
    groupMeans: means,
  });
}

/** Welch's one-way ANOVA (unequal variances), as R's `oneway.test(y ~ g)`; df is the numerator df, `dfDenominator` the other. */
export function welchAnova(groups: readonly NumericInput[]): Result<{ dfDenominator: number; groupMeans: number[] }> {
  const { clean, nMissing } = cleanGroups("welchAnova", groups, 2);
  const k = clean.length;
  const ns = clean.map((g) => g.length);
  const means = clean.map((g) => mean(g));
  const vars = clean.map((g, i) => variance(g, means[i]!));
  const flat = vars.findIndex((v) => !(v > 0));
  if (flat >= 0) throw KoeArgumentError.of(m.zeroVarianceGroup, { fn: "welchAnova", group: String(flat + 1) });
  const w = ns.map((n, i) => n / vars[i]!);
  const sw = w.reduce((a, b) => a + b, 0);
  const mw = w.reduce((s, wi, i) => s + wi * means[i]!, 0) / sw;
  const tmp = w.reduce((s, wi, i) => s + (1 - wi / sw) ** 2 / (ns[i]! - 1), 0) / (k * k - 1);
  const F = w.reduce((s, wi, i) => s + wi * (means[i]! - mw) ** 2, 0) / ((k - 1) * (1 + 2 * (k - 2) * tmp));
  const dfDen = 1 / (3 * tmp);
  return makeResult({
    method: "One-way analysis of means (not assuming equal variances)",
    alternative: null,
    estimate: null,
    stdError: null,
    statistic: F,
    df: k - 1,
    pValue: fCdf(F, k - 1, dfDen, { lowerTail: false }),
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: ns.reduce((a, b) => a + b, 0),
    nMissing,
    dfDenominator: dfDen,
    groupMeans: means,
  });
}

/** Kruskal–Wallis rank-sum test with the tie correction, as R's `kruskal.test`. */
export function kruskalWallis(groups: readonly NumericInput[]): Result {
  const { clean, nMissing } = cleanGroups("kruskalWallis", groups, 1);
  const n = clean.reduce((s, g) => s + g.length, 0);
  const all = new Float64Array(n);
  let o = 0;
  for (const g of clean) {
    all.set(g, o);
    o += g.length;
  }
  const { ranks, tieSizes } = averageRanks(all);
  let stat = 0;
  o = 0;
  for (const g of clean) {
    let r = 0;
    for (let i = 0; i < g.length; i++) r += ranks[o + i]!;
    stat += (r * r) / g.length;
    o += g.length;
  }
  stat = ((12 * stat) / (n * (n + 1)) - 3 * (n + 1)) / (1 - tieSum(tieSizes) / (n * n * n - n));
  const df = clean.length - 1;
  return makeResult({ method: "Kruskal-Wallis rank sum test", alternative: null, estimate: null, stdError: null, statistic: stat, df, pValue: chiSquareCdf(stat, df, { lowerTail: false }), ciLow: null, ciHigh: null, confLevel: null, n, nMissing });
}

export interface TukeyRow {
  term: string;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
}

/**
 * Tukey's honest significant differences after a one-way ANOVA, as R's `TukeyHSD(aov(y ~ g))`:
 * every pair "b-a" (later level minus earlier), with family-wise intervals and adjusted p-values.
 */
export function tukeyHsd(groups: readonly NumericInput[], options: { names?: readonly string[]; confLevel?: number } = {}): { comparisons: TukeyRow[]; confLevel: number; df: number; toTable(): TidyTable } {
  const fn = "tukeyHsd";
  const { names, confLevel: level = 0.95 } = kernelOptions(fn, options, ["names", "confLevel"]);
  const confLevel = confLevelOf(fn, level);
  const a = oneWayAnova(groups);
  const k = groups.length;
  const labels = names ?? Array.from({ length: k }, (_, i) => `${i + 1}`);
  if (labels.length !== k) throw KoeArgumentError.of(m.namesForGroups, { fn, names: labels.length, groups: k });
  const ns = groups.map((g, i) => dropMissing(g, fn, `group ${i + 1}`).values.length);
  const q = tukeyQuantile(confLevel, k, a.dfWithin);
  const comparisons: TukeyRow[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const diff = a.groupMeans[j]! - a.groupMeans[i]!;
      const se = Math.sqrt((a.msWithin / 2) * (1 / ns[i]! + 1 / ns[j]!));
      comparisons.push({
        term: `${labels[j]}-${labels[i]}`,
        estimate: diff,
        ciLow: diff - q * se,
        ciHigh: diff + q * se,
        pValue: tukeyCdf(Math.abs(diff) / se, k, a.dfWithin, { lowerTail: false }),
      });
    }
  }
  return { comparisons, confLevel, df: a.dfWithin, toTable: () => aq.from(comparisons) };
}
