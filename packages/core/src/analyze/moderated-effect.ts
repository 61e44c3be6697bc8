// The effect of a treatment at each level of a moderator (e.g. the career-sheet dialogue by the
// sheet's quality), with the test of whether it differs between levels and Holm-adjusted
// p-values: a harm in one subgroup is shown, not averaged away.
import * as aq from "arquero";
import { z } from "zod";
import { columnValues } from "./column-values.js";
import { designMatrix, type DesignMatrix } from "./design-matrix.js";
import { clusterIds, fitOls, type Coefficient, type OlsFit, type OlsResult } from "./regression.js";
import { requireDistinct, requireTable, resolveColumn } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn, segmentColumn, type BinaryColumn, type SegmentColumn } from "../boundary/roles.js";
import type { KoeWarning } from "../errors/catalogue.js";
import { clusterMessages as cm } from "../errors/cluster-messages.js";
import { InsufficientDataError, KoeArgumentError } from "../errors/errors.js";
import { localize } from "../errors/catalogue.js";
import { moderatedMessages as m } from "../errors/moderated-messages.js";
import type { Table } from "../model/table.js";
import { fCdf } from "../stats/distributions.js";
import { cholesky, choleskyInverse } from "../stats/linear-algebra.js";
import { adjustPValues, P_ADJUST_METHODS } from "../stats/p-adjust.js";
import { ESTIMATE_KEYS, type EstimateFields, type TidyTable } from "../stats/result.js";

export const ModeratedEffectOptions = z.object({
  /** Outcome before (column of numbers). */
  pre: z.string(),
  /** Outcome after (column of numbers). */
  post: z.string(),
  /** The yes/no column of taking part (booleans, 0/1, はい/いいえ, the field's own words). */
  treatment: z.string(),
  /** The moderator: a segment column whose levels may change the effect (e.g. "sheet_quality", "generation"). */
  moderator: z.string(),
  /**
   * "did" (default): difference-in-differences — the change post − pre regressed on the levels;
   * robust to any stable baseline difference between participants and the others. "ancova": post
   * regressed on the levels and pre; more precise when taking part was assigned at random, biased
   * when the groups differed at baseline (they regress to different means).
   */
  method: z.enum(["did", "ancova"]).default("did"),
  /**
   * Which non-participants each level is compared with: "same-level" (the moderator is a trait of
   * everyone, e.g. generation: y ~ treat × moderator), "all" (the moderator is a property of taking
   * part, e.g. the sheet's quality, blank for non-participants: each level's participants against
   * all non-participants), or "auto" (default): "same-level" when some non-participant has a value
   * in the moderator, else "all".
   */
  controls: z.enum(["auto", "same-level", "all"]).default("auto"),
  /** Cluster column (e.g. company) for cluster-robust errors; without one, HC1 errors. */
  cluster: z.string().optional(),
  /**
   * Cluster-robust errors (with `cluster`): "CR2" (default; Bell–McCaffrey with Satterthwaite df
   * per contrast, as `clubSandwich`) or "CR1" (`sandwich::vcovCL(type = "HC1")` with t on G − 1 df).
   */
  vcov: z.enum(["CR2", "CR1"]).optional(),
  /** Time-invariant covariates (a list): main effects in the model. */
  covariates: z.array(z.string()).default([]),
  /** Confidence level of the intervals (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** Adjustment of the per-level p-values for testing several levels (default "holm", as R's p.adjust). */
  pAdjust: z.enum(P_ADJUST_METHODS).default("holm"),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type ModeratedEffectOptions = z.input<typeof ModeratedEffectOptions>;

/** The effect at one level of the moderator (one row of {@link ModeratedEffectResult.levelTable}). */
export interface LevelEffect {
  level: unknown;
  nTreated: number;
  /** The non-participants it is compared with: the level's own ("same-level") or all of them ("all"). */
  nControl: number;
  estimate: number;
  stdError: number;
  statistic: number;
  df: number;
  pValue: number;
  /** Adjusted for the number of levels (Holm by default). */
  pAdjusted: number;
  ciLow: number;
  ciHigh: number;
}

/** The Wald test that the effect is the same at every level (the interaction terms are zero). */
export interface InteractionTest {
  /** The test: "Wald F" (residual df, HC1), "Satterthwaite t²" (one constraint, CR2; equals clubSandwich's HTZ), "naive F" (F on (q, G − 1), cluster-robust with several constraints or CR1). */
  test: "Wald F" | "Satterthwaite t²" | "naive F";
  statistic: number;
  df1: number;
  df2: number;
  pValue: number;
}

export interface ModeratedEffectResult extends EstimateFields {
  /** "did" or "ancova". */
  estimator: "did" | "ancova";
  /** "same-level" or "all" (what "auto" chose). */
  controls: "same-level" | "all";
  moderator: string;
  /** Per level, in the moderator's natural order. */
  levels: LevelEffect[];
  /** The interaction test; null with a single level. */
  interaction: InteractionTest | null;
  /** The effect of taking part over all levels together (what averaging shows). */
  pooled: Coefficient & { nTreated: number; nControl: number };
  /** The model behind the levels (its coefficients, vcov and fit). */
  model: OlsResult;
  nTreated: number;
  nControl: number;
  /** Number of clusters (people when there is no cluster column). */
  clusters: number;
  /** Notes (few effective clusters: the cluster-robust fit's warning), in both languages. */
  notes: KoeWarning[];
  /** One row: the fixed keys (the interaction test as the headline). */
  toTable(): TidyTable;
  /** One row per level (columns as {@link LevelEffect}) and a last row `level: "(pooled)"` with pValue/pAdjusted of the pooled effect. */
  levelTable(): TidyTable;
}

/** What {@link moderatedEffect} and its report read from the table, checked once. */
export interface ModeratedInput {
  fn: string;
  options: z.output<typeof ModeratedEffectOptions>;
  treatment: BinaryColumn;
  moderator: SegmentColumn;
  pre: Float64Array | Float32Array;
  post: Float64Array | Float32Array;
  cluster: string | null;
  clusterValues: ArrayLike<unknown> | null;
  controls: "same-level" | "all";
  /** The covariate design over the rows used (rows with everything the model needs). */
  design: DesignMatrix;
  /** Rows of the table. */
  total: number;
}

/**
 * Reads and checks everything {@link moderatedEffect} needs (the boundary): the columns in their
 * roles, the comparison chosen, and the rows with every value the model uses.
 */
export function readModeratedInput(fn: string, table: Table, options: unknown, schema: z.ZodObject = ModeratedEffectOptions): ModeratedInput {
  requireTable(fn, table);
  const o = parseOptions(fn, schema, options) as z.output<typeof ModeratedEffectOptions>;
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const missing = o.missing ? { missing: o.missing } : {};
  const pre = numericColumn(fn, t, o.pre, { option: "pre", ...missing });
  const post = numericColumn(fn, t, o.post, { option: "post", ...missing });
  const treatment = binaryColumn(fn, t, o.treatment, { option: "treatment", ...missing });
  const moderator = segmentColumn(fn, t, o.moderator, { option: "moderator", ...missing });
  const cluster = o.cluster ? resolveColumn(fn, t, o.cluster, "cluster") : null;
  if (o.vcov && !cluster) throw KoeArgumentError.of(cm.needsCluster, { fn, vcov: o.vcov });
  requireDistinct(fn, {
    pre: pre.column, post: post.column, treatment: treatment.column, moderator: moderator.column, cluster,
    ...Object.fromEntries(o.covariates.map((c, j) => [`covariates[${j}]`, resolveColumn(fn, t, c, "covariates")])),
  });
  const total = t.numRows();
  const y0 = pre.values;
  const y1 = post.values;
  const tr = treatment.values;
  const code = moderator.codes;
  const measured = (i: number) => tr[i] !== MISSING_BINARY && y0[i] === y0[i] && y1[i] === y1[i];
  let controlsWithLevel = 0;
  let treatedMeasured = 0;
  let treatedWithLevel = 0;
  for (let i = 0; i < total; i++) {
    if (!measured(i)) continue;
    if (tr[i] === 0 && code[i]! >= 0) controlsWithLevel++;
    if (tr[i] === 1) {
      treatedMeasured++;
      if (code[i]! >= 0) treatedWithLevel++;
    }
  }
  if (treatedMeasured > 0 && treatedWithLevel === 0) throw KoeArgumentError.of(m.noLevels, { fn, moderator: moderator.column, treated: treatedMeasured });
  const controls = o.controls === "auto" ? (controlsWithLevel > 0 ? "same-level" : "all") : o.controls;
  if (controls === "same-level" && controlsWithLevel === 0) throw KoeArgumentError.of(m.noControls, { fn, moderator: moderator.column, treatment: treatment.column });
  const exclude = new Uint8Array(total);
  for (let i = 0; i < total; i++) {
    // A participant needs a level; a non-participant too when compared within levels.
    if (!measured(i) || ((tr[i] === 1 || controls === "same-level") && code[i]! < 0)) exclude[i] = 1;
  }
  const design = designMatrix(t, o.covariates, { fn, option: "covariates", exclude, also: cluster ? [cluster] : [], ...missing });
  return { fn, options: o, treatment, moderator, pre: y0, post: y1, cluster, clusterValues: cluster ? columnValues(t, cluster, fn) : null, controls, design, total };
}

/**
 * The combination c'β of a fitted design as a coefficient of its own: the design reparameterized
 * (X T⁻¹ with row j of T = c, c_j ≠ 0) so that c'β is coefficient j, and refitted with the same
 * errors. Its estimate and standard error are those of c'β, and with CR2 its df is the
 * Satterthwaite df of the contrast, as `clubSandwich::linear_contrast` (CR2 and its df depend on
 * the design's column space only). A unit vector reads the model's own coefficient.
 */
function contrast(fit: OlsFit, model: OlsResult, c: Float64Array): Coefficient & { df: number } {
  const { x, n, p } = fit;
  const j = c.findIndex((v) => v !== 0);
  const unit = c.every((v, a) => v === (a === j ? 1 : 0));
  const pick = (k: Coefficient) => ({ ...k, df: k.df ?? model.df! });
  if (unit) return pick(model.coefficients[j]!);
  const xs = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    const xj = x[o + j]! / c[j]!;
    for (let a = 0; a < p; a++) xs[o + a] = a === j ? xj : x[o + a]! - xj * c[a]!;
  }
  return pick(fitOls({ ...fit, x: xs }).coefficients[j]!);
}

/**
 * Equality of the level effects (R β = 0, rows of R the differences from the first level). One
 * constraint: the contrast's t² on (1, its df) — with CR2 the Satterthwaite df, which is
 * clubSandwich's HTZ test for one constraint. Several: the Wald statistic over q, F on (q, residual
 * df) as `car::linearHypothesis(test = "F")` with HC1 errors, on (q, G − 1) when cluster-robust
 * (clubSandwich's "Naive-F").
 */
function interactionTest(fit: OlsFit, model: OlsResult, rows: Float64Array[]): InteractionTest {
  const q = rows.length;
  const clustered = model.clusters !== null;
  if (q === 1) {
    const c = contrast(fit, model, rows[0]!);
    const statistic = c.statistic ** 2;
    return { test: clustered ? (model.vcovType === "CR2" ? "Satterthwaite t²" : "naive F") : "Wald F", statistic, df1: 1, df2: c.df, pValue: c.pValue };
  }
  const p = model.coefficients.length;
  const rb = rows.map((r) => r.reduce((s, x, a) => s + x * model.coefficients[a]!.estimate, 0));
  const rvr = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) {
    let s = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) s += rows[i]![a]! * model.vcov[a]![b]! * rows[j]![b]!;
    rvr[i * q + j] = s;
  }
  const inv = choleskyInverse(cholesky(rvr, q, "the interaction's covariance"), q);
  let w = 0;
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) w += rb[i]! * inv[i * q + j]! * rb[j]!;
  const df2 = clustered ? model.clusters! - 1 : model.df!;
  const statistic = w / q;
  return { test: clustered ? "naive F" : "Wald F", statistic, df1: q, df2, pValue: fCdf(statistic, q, df2, { lowerTail: false }) };
}

/**
 * Fits the moderated model on the rows of `input` whose level is kept (`keep[level code]`; all
 * when omitted): for "all", the participants of the kept levels and every non-participant; for
 * "same-level", everyone of the kept levels.
 */
export function fitModerated(input: ModeratedInput, keep?: readonly boolean[]): ModeratedEffectResult {
  const { fn, options: o, treatment, moderator, pre, post, controls, design: dm, cluster, clusterValues } = input;
  const tr = treatment.values;
  const code = moderator.codes;
  const kept = (i: number) => keep === undefined || keep[code[i]!] === true;
  const use: number[] = [];
  for (let r = 0; r < dm.n; r++) {
    const i = dm.rows[r]!;
    if (tr[i] === 1 || controls === "same-level" ? kept(i) : true) use.push(r);
  }
  const nT = new Map<number, number>();
  const nC = new Map<number, number>();
  let nControl = 0;
  for (const r of use) {
    const i = dm.rows[r]!;
    const counts = tr[i] === 1 ? nT : nC;
    if (tr[i] === 0) nControl++;
    if (code[i]! >= 0) counts.set(code[i]!, (counts.get(code[i]!) ?? 0) + 1);
  }
  const nTreated = use.length - nControl;
  // Levels: those with participants, in natural order (a level only non-participants hold has no effect to estimate).
  const levels = [...nT.keys()].sort((a, b) => a - b);
  if (levels.length === 0) throw new InsufficientDataError(fn, 2, 0, treatment.column, localize(m.tooFewInLevel, { fn, moderator: moderator.column, level: "—", treated: 0, control: nControl, needed: 2, controls }));
  for (const k of levels) {
    const t = nT.get(k)!;
    const c = controls === "all" ? nControl : (nC.get(k) ?? 0);
    if (t < 2 || c < 2) throw new InsufficientDataError(fn, 2, Math.min(t, c), moderator.column, localize(m.tooFewInLevel, { fn, moderator: moderator.column, level: moderator.levels[k], treated: t, control: c, needed: 2, controls }));
  }
  const L = levels.length;
  const ancova = o.method === "ancova";
  const covTerms = dm.terms.slice(1);
  const trName = treatment.column;
  const modName = moderator.column;
  const levelName = (k: number) => `${modName}${String(moderator.levels[k])}`;
  // Terms: (Intercept), [pre], then "all": one indicator per level's participants; "same-level":
  // treat, the levels but the first, treat × those levels; then the covariates.
  const effectTerms = controls === "all" ? levels.map((k) => `${trName}:${levelName(k)}`) : [trName, ...levels.slice(1).map(levelName), ...levels.slice(1).map((k) => `${trName}:${levelName(k)}`)];
  const terms = ["(Intercept)", ...(ancova ? [o.pre] : []), ...effectTerms, ...covTerms];
  const p = terms.length;
  const first = ancova ? 2 : 1;
  const n = use.length;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  use.forEach((r, row) => {
    const i = dm.rows[r]!;
    const o0 = row * p;
    x[o0] = 1;
    if (ancova) x[o0 + 1] = pre[i]!;
    const d = tr[i]!;
    const at = levels.indexOf(code[i]!);
    if (controls === "all") {
      if (d === 1) x[o0 + first + at] = 1;
    } else {
      x[o0 + first] = d;
      if (at > 0) {
        x[o0 + first + at] = 1;
        x[o0 + first + (L - 1) + at] = d;
      }
    }
    for (let k = 0; k < covTerms.length; k++) x[o0 + first + effectTerms.length + k] = dm.x[r * dm.p + 1 + k]!;
    y[row] = ancova ? post[i]! : post[i]! - pre[i]!;
  });
  const ids = clusterValues ? clusterIds(clusterValues, Int32Array.from(use, (r) => dm.rows[r]!)) : null;
  const errors = ids ? { type: o.vcov ?? "CR2", clusterIds: ids, clusterName: cluster! } : { type: "HC1" as const };
  const nMissing = input.total - dm.n;
  const fit: OlsFit = { fn, x, y, n, p, terms, ...errors, confLevel: o.confLevel, nMissing };
  const model = fitOls(fit);
  // The effect at each level as a contrast of the coefficients.
  const vectors = levels.map((_, j) => {
    const c = new Float64Array(p);
    if (controls === "all") c[first + j] = 1;
    else {
      c[first] = 1;
      if (j > 0) c[first + (L - 1) + j] = 1;
    }
    return c;
  });
  const effects = vectors.map((c) => {
    const k = contrast(fit, model, c);
    return { estimate: k.estimate, stdError: k.stdError, statistic: k.statistic, df: k.df, pValue: k.pValue, ciLow: k.ciLow, ciHigh: k.ciHigh };
  });
  const adjusted = adjustPValues(effects.map((e) => e.pValue), o.pAdjust);
  const levelRows: LevelEffect[] = levels.map((k, j) => ({
    level: moderator.levels[k],
    nTreated: nT.get(k)!,
    nControl: controls === "all" ? nControl : nC.get(k)!,
    ...effects[j]!,
    pAdjusted: adjusted[j]!,
  }));
  // Equality of the level effects: (effect_k − effect_1) = 0 for k > 1 — the interaction terms.
  const interaction = L > 1 ? interactionTest(fit, model, vectors.slice(1).map((c) => c.map((v, a) => v - vectors[0]![a]!))) : null;
  // The pooled effect: the same people and model with one treatment term.
  const pp = p - effectTerms.length + 1;
  const px = new Float64Array(n * pp);
  for (let row = 0; row < n; row++) {
    const i = dm.rows[use[row]!]!;
    for (let a = 0; a < first; a++) px[row * pp + a] = x[row * p + a]!;
    px[row * pp + first] = tr[i]!;
    for (let k = 0; k < covTerms.length; k++) px[row * pp + first + 1 + k] = x[row * p + first + effectTerms.length + k]!;
  }
  const pooledModel = fitOls({ fn, x: px, y, n, p: pp, terms: [...terms.slice(0, first), trName, ...covTerms], ...errors, confLevel: o.confLevel, nMissing });
  const pooled = { ...pooledModel.coefficients[first]!, nTreated, nControl };
  const clusters = ids ? ids.count : n;
  // Few effective clusters (the fit's warning, e.g. 8 companies of unequal size), once.
  const resultNotes: KoeWarning[] = [];
  for (const w of [...(model.warnings ?? []), ...(pooledModel.warnings ?? [])]) if (!resultNotes.some((r) => r.code === w.code)) resultNotes.push(w);
  const se = !ids ? "HC1 standard errors, t on the residual df" : model.vcovType === "CR2" ? `cluster-robust CR2 (Bell–McCaffrey) standard errors by ${cluster}, t with Satterthwaite df per contrast` : `cluster-robust CR1 standard errors by ${cluster}, t on ${ids.count - 1} df`;
  const result: ModeratedEffectResult = {
    method: `Moderated effect by ${modName}: ${ancova ? "ANCOVA (post on pre)" : "difference-in-differences (change score)"}, ${controls === "all" ? "each level's treated vs all controls" : "treated vs controls within each level"}; interaction: ${interaction?.test === "Satterthwaite t²" ? "Satterthwaite t² (HTZ)" : interaction?.test === "naive F" ? `F on (${interaction.df1}, ${interaction.df2})` : "Wald F"}; ${o.pAdjust} adjustment; ${se}`,
    alternative: "two-sided",
    estimate: null,
    stdError: null,
    statistic: interaction?.statistic ?? null,
    df: interaction?.df1 ?? null,
    pValue: interaction?.pValue ?? null,
    ciLow: null,
    ciHigh: null,
    confLevel: o.confLevel,
    n,
    nMissing: input.total - n,
    estimator: o.method,
    controls,
    moderator: modName,
    levels: levelRows,
    interaction,
    pooled,
    model,
    nTreated,
    nControl,
    clusters,
    notes: resultNotes,
    toTable: () => aq.table(Object.fromEntries(ESTIMATE_KEYS.map((k) => [k, [result[k]]]))),
    levelTable: () => aq.from([...levelRows, { level: "(pooled)", nTreated, nControl, estimate: pooled.estimate, stdError: pooled.stdError, statistic: pooled.statistic, df: pooled.df ?? model.df, pValue: pooled.pValue, pAdjusted: null, ciLow: pooled.ciLow, ciHigh: pooled.ciHigh }]),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  Object.defineProperty(result, "levelTable", { enumerable: false });
  return result;
}

/**
 * The effect of a treatment at each level of a moderator, so that a harm in one subgroup is seen
 * rather than averaged away: per level the estimate with its interval, p-value and adjusted
 * p-value (Holm by default, over the levels), the Wald test that the effect is the same at every
 * level (the interaction), and the pooled effect beside them.
 *
 * The estimator (`method`) is difference-in-differences by default — the change post − pre
 * regressed on the treatment by level, which removes any stable difference between those who took
 * part and those who did not (people rarely join a pilot at random); `"ancova"` (post on the
 * levels and pre) is more precise when assignment was random. With `controls: "all"` (chosen by
 * default when the moderator is blank for every non-participant, as a sheet's quality is) the
 * model is `y ~ level₁ + … + level_L` with one indicator per level's participants, so each level
 * is compared with all non-participants; with `"same-level"` it is `y ~ treat × moderator` and
 * each level's participants are compared with the non-participants of that level. Standard errors
 * are HC1 with t and F on the residual df (as `lmtest::coeftest` and `car::linearHypothesis`), or,
 * with `cluster`, CR2 (Bell & McCaffrey 2002) with Satterthwaite df per level's effect, as
 * `clubSandwich::linear_contrast(fit, vcov = "CR2", test = "Satterthwaite")` — with a handful of
 * companies of unequal size CR1 with t on the residual df rejects far too often (Pustejovsky &
 * Tipton 2018); `vcov: "CR1"` gives `sandwich::vcovCL(type = "HC1")` with t on G − 1 df. The
 * interaction test with one constraint (two levels) is the contrast's t² on its Satterthwaite df
 * (clubSandwich's HTZ); with several and clusters, F on (q, G − 1) ("Naive-F"). The fit's warning
 * about few effective clusters is passed on in `notes`. The same in R:
 * `lm(I(post - pre) ~ arm)` (arm = control / good / poor) or `lm(I(post - pre) ~ treat * moderator)`.
 *
 * Rows without the treatment or a measurement, participants without a level (and, compared within
 * levels, non-participants without one), and rows missing a covariate or the cluster are left out
 * and counted (`nMissing`). Person-level analysis: {@link moderatedEffectReport} publishes it with
 * small groups hidden.
 * @throws {InsufficientDataError} when a level has fewer than 2 participants or comparable non-participants
 * @example
 * const t = aq.table({ pre: [3, 3, 3, 3, 3, 3, 3, 3], post: [4, 4.2, 2.6, 2.4, 3, 3.1, 2.9, 3], took: [1, 1, 1, 1, 0, 0, 0, 0], sheet: ["good", "good", "poor", "poor", "", "", "", ""] });
 * const r = moderatedEffect(t, { pre: "pre", post: "post", treatment: "took", moderator: "sheet" });
 * r.levels.map((l) => [l.level, l.estimate]) // => [["good", 1.1], ["poor", -0.5]]
 * r.controls // => "all"
 * r.pooled.estimate // => 0.3
 * moderatedEffect(t, { pre: "pre", post: "post", treatment: "took", moderator: "sheet", method: "diff" }) // throws: option "method" must be one of "did", "ancova"
 */
export function moderatedEffect(table: Table, options: ModeratedEffectOptions): ModeratedEffectResult {
  return fitModerated(readModeratedInput("moderatedEffect", table, options));
}
