import * as aq from "arquero";
import { KoeArgumentError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { columnValues } from "../../analyze/column-values.js";
import type { TidyTable } from "../../stats/result.js";

export interface BalanceRow {
  covariate: string;
  /** For a categorical covariate, the level whose share is compared; null for numeric ones. */
  level: string | null;
  meanTreated: number;
  meanControl: number;
  smd: number;
  varianceRatio: number | null;
  /** The same after adjustment (weights); null without weights. */
  meanTreatedAdjusted: number | null;
  meanControlAdjusted: number | null;
  smdAdjusted: number | null;
  varianceRatioAdjusted: number | null;
  /** |SMD| > threshold before (or, with weights, after) adjustment. */
  imbalanced: boolean;
}

export interface BalanceResult {
  rows: BalanceRow[];
  /** Which SD standardises the differences: "treated" (the ATT convention of MatchIt/cobalt) or "pooled" √((s²t + s²c)/2), always from the unadjusted sample. */
  sd: "treated" | "pooled";
  threshold: number;
  nTreated: number;
  nControl: number;
  /** Effective sample sizes with the weights (Kish): (Σw)² / Σw². */
  essTreated: number | null;
  essControl: number | null;
  toTable(): TidyTable;
}

function wstats(values: ArrayLike<number>, idx: number[], w: ArrayLike<number> | null): { mean: number; variance: number } {
  let sw = 0;
  let s = 0;
  for (const i of idx) {
    const wi = w ? w[i]! : 1;
    sw += wi;
    s += wi * values[i]!;
  }
  const m = s / sw;
  let ss = 0;
  let sw2 = 0;
  for (const i of idx) {
    const wi = w ? w[i]! : 1;
    ss += wi * (values[i]! - m) ** 2;
    sw2 += wi * wi;
  }
  // Unbiased weighted variance with frequency-like normalisation (equals var() when all weights are 1).
  const variance = ss / (sw - sw2 / sw);
  return { mean: m, variance };
}

/**
 * Covariate balance between treated and control: for each numeric covariate and each level of
 * a categorical one, the means (shares) in both groups, the standardised mean difference and the
 * variance ratio — before and, with `weights`, after adjustment — flagging |SMD| > 0.1. The SD in
 * the denominator is stated (`sd`) and comes from the unadjusted sample, so the SMD after
 * adjustment moves only with the means.
 * @example
 * balanceTable(scored, { treatment: "cross_boundary", covariates: ["engagement_pre", "generation", "manager"] })
 */
export function balanceTable(
  table: Table,
  { treatment, covariates, weights, sd = "treated", threshold = 0.1 }: { treatment: string; covariates: string[]; weights?: string | ArrayLike<number>; sd?: "treated" | "pooled"; threshold?: number },
): BalanceResult {
  if (covariates.length === 0) throw new KoeArgumentError("balanceTable needs at least one covariate");
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const tr = columnValues(t, treatment, "balanceTable");
  const w = weights === undefined ? null : typeof weights === "string" ? (columnValues(t, weights, "balanceTable") as ArrayLike<number>) : weights;
  if (w && w.length !== t.numRows()) throw new KoeArgumentError(`balanceTable: ${w.length} weights for ${t.numRows()} rows`);
  const covs = covariates.map((c) => columnValues(t, c, "balanceTable"));
  const treated: number[] = [];
  const control: number[] = [];
  for (let i = 0; i < t.numRows(); i++) {
    const d = tr[i];
    const isT = d === true || d === 1;
    const isC = d === false || d === 0;
    if (!isT && !isC) continue;
    if (covs.some((c) => c[i] === null || c[i] === undefined || (typeof c[i] === "number" && Number.isNaN(c[i] as number)))) continue;
    (isT ? treated : control).push(i);
  }
  if (treated.length < 2 || control.length < 2) throw new KoeArgumentError(`balanceTable needs at least 2 treated and 2 control rows with every covariate (found ${treated.length} and ${control.length})`);
  const rows: BalanceRow[] = [];
  const compare = (covariate: string, level: string | null, values: ArrayLike<number>) => {
    const a = wstats(values, treated, null);
    const b = wstats(values, control, null);
    // Binary variables (levels, booleans, 0/1 numbers) use √(p(1 − p)), as MatchIt and cobalt do.
    let binary = level !== null;
    if (!binary) {
      binary = true;
      for (const i of [...treated, ...control]) if (values[i] !== 0 && values[i] !== 1) {
        binary = false;
        break;
      }
    }
    const varT = binary ? a.mean * (1 - a.mean) : a.variance;
    const varC = binary ? b.mean * (1 - b.mean) : b.variance;
    const denom = sd === "treated" ? Math.sqrt(varT) : Math.sqrt((varT + varC) / 2);
    const smd = denom > 0 ? (a.mean - b.mean) / denom : 0;
    const vr = b.variance > 0 ? a.variance / b.variance : null;
    let adj: { mt: number; mc: number; smd: number; vr: number | null } | null = null;
    if (w) {
      const aw = wstats(values, treated, w);
      const bw = wstats(values, control, w);
      adj = { mt: aw.mean, mc: bw.mean, smd: denom > 0 ? (aw.mean - bw.mean) / denom : 0, vr: bw.variance > 0 ? aw.variance / bw.variance : null };
    }
    rows.push({
      covariate,
      level,
      meanTreated: a.mean,
      meanControl: b.mean,
      smd,
      varianceRatio: binary ? null : vr,
      meanTreatedAdjusted: adj?.mt ?? null,
      meanControlAdjusted: adj?.mc ?? null,
      smdAdjusted: adj?.smd ?? null,
      varianceRatioAdjusted: binary ? null : (adj?.vr ?? null),
      imbalanced: Math.abs(adj ? adj.smd : smd) > threshold,
    });
  };
  covariates.forEach((name, j) => {
    const c = covs[j]!;
    const sample = c[treated[0]!];
    if (typeof sample === "number") compare(name, null, c as ArrayLike<number>);
    else {
      const levels = [...new Set([...treated, ...control].map((i) => String(c[i])))].sort();
      const binaryBool = typeof sample === "boolean";
      for (const level of binaryBool ? ["true"] : levels) {
        const ind = Float64Array.from({ length: c.length }, (_, i) => (String(c[i]) === level ? 1 : 0));
        compare(name, level, ind);
      }
    }
  });
  const ess = (idx: number[]) => {
    if (!w) return null;
    let s = 0;
    let s2 = 0;
    for (const i of idx) {
      s += w[i]!;
      s2 += w[i]! ** 2;
    }
    return (s * s) / s2;
  };
  const result: BalanceResult = {
    rows,
    sd,
    threshold,
    nTreated: treated.length,
    nControl: control.length,
    essTreated: ess(treated),
    essControl: ess(control),
    toTable: () => aq.from(rows),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
