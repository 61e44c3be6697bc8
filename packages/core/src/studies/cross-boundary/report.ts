// The cross-boundary (越境) study: did taking part raise engagement and innovation orientation,
// and how sure are we given that already-engaged people sign up? A composition of analyze/'s
// estimators that returns the report contract, suppressed at its edge.
import * as aq from "arquero";
import { z } from "zod";
import { balanceTable, type BalanceResult } from "../../analyze/balance.js";
import { columnValues } from "../../analyze/column-values.js";
import { codeColumn, codedMissing, type CodedColumn } from "../../analyze/design-matrix.js";
import { differenceInDifferences, type DidResult } from "../../analyze/did.js";
import { estimateEffect, type EffectMethod, type EffectResult } from "../../analyze/estimate-effect.js";
import { groupMeans } from "../../analyze/group-means.js";
import { ols } from "../../analyze/regression.js";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn, segmentColumn } from "../../boundary/roles.js";
import type { Localized, Message } from "../../errors/catalogue.js";
import { ALL_PARTICIPANTS, crossBoundaryMessages as m, type FailureReason } from "../../errors/cross-boundary-messages.js";
import { KoeArgumentError, KoeError } from "../../errors/errors.js";
import { careerSurveyInstrument, Instrument } from "../../model/instrument.js";
import { crossBoundaryKinds, crossBoundarySelections } from "../../model/segments.js";
import type { Table } from "../../model/table.js";
import { scoreScales } from "../../prepare/score-scales.js";
import { mean, variance } from "../../stats/moments.js";
import { adjustPValues, P_ADJUST_METHODS } from "../../stats/p-adjust.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { publishReport, type DraftTable, type GroupRef, type Note, type StudyReport } from "../report.js";
import { CROSS_BOUNDARY_COLUMNS } from "./columns.js";
import { studyGroups, type CountedCovariate, type KindPartition } from "./counts.js";

/** The covariates adjusted for when none are given (those the table has; the others are named in a warning). */
export const DEFAULT_REPORT_COVARIATES = ["generation", "job_type", "manager"] as const;

export const CrossBoundaryReportOptions = z.object({
  /** The instrument whose scales are scored (default koe's career survey); scale labels come from it. */
  instrument: z.custom<Instrument>((v) => Instrument.safeParse(v).success, "an instrument (see Instrument)").optional(),
  /** The yes/no column of taking part (default "cross_boundary"; 越境経験, はい/いいえ, 0/1 alike). */
  treatment: z.string().default("cross_boundary"),
  /** Covariates for the adjusted estimates (a list). Default generation, job_type, manager — those present. */
  covariates: z.array(z.string()).optional(),
  /** Cluster column for the errors and the wild bootstrap (default "company" when present); null for none. */
  cluster: z.string().nullable().optional(),
  /** Smallest group published (default 5): every figure of a smaller group, and of any group that would give it away, is blank. */
  minGroupSize: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
  /** Wild cluster bootstrap resamples (default 999). */
  resamples: z.number().int().min(19).default(999),
  /** Seed of the bootstrap (default 1). */
  seed: z.union([z.number(), z.string()]).default(1),
  /**
   * Adjustment of the report's p-values for multiplicity (default "BH", Benjamini–Hochberg): within
   * two families, the primary estimates (the bracket, its ends, doubly robust, the kind contrasts)
   * and the sensitivity analyses; the method is named in every row (`pAdjustMethod`) and in the findings.
   */
  pAdjust: z.enum(P_ADJUST_METHODS).default("BH"),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type CrossBoundaryReportOptions = z.input<typeof CrossBoundaryReportOptions>;

/** What became of one estimate (the `status` column of the `effects` table). */
export type EffectStatus = "ok" | "suppressed" | "failed";

const PARTITIONS = [
  { column: "cb_kind", vocabulary: crossBoundaryKinds },
  { column: "cb_selection", vocabulary: crossBoundarySelections },
] as const;
/** The effects table's methods in published order: the primary estimate (the DiD–ANCOVA bracket, its two ends and the doubly robust estimate) first, then the sensitivity analyses. */
const METHOD_ORDER = [
  "bracket", "did", "ancova", "doubly-robust", "ancova-reliability", "difference", "regression", "matching", "weighting", "weighting-cluster", "doubly-robust-cluster", "wild-bootstrap",
] as const;
type Method = (typeof METHOD_ORDER)[number];
/** The methods that need the cluster column: without one they have no row. */
const NEEDS_CLUSTER: ReadonlySet<string> = new Set<Method>(["weighting-cluster", "doubly-robust-cluster", "wild-bootstrap"]);
const PRIMARY: ReadonlySet<string> = new Set<Method>(["bracket", "did", "ancova", "doubly-robust"]);
/** The kinds whose effects are contrasted directly (second minus first), per partition. */
const CONTRASTS = { cb_kind: ["internal", "external"], cb_selection: ["self_nominated", "appointed"] } as const;
/** Caliper of the matching sensitivity analysis: 0.2 SD of the logit of the propensity score (Austin 2011). */
const CALIPER = 0.2;
/** Estimation failures by the error's code, worded without counts (a count could describe a hidden group). */
const REASONS: Record<string, FailureReason> = {
  "effect.separation": "separation",
  "effect.singular": "collinear",
  "effect.tooFewMatched": "tooFewMatched",
  "effect.notConverged": "notConverged",
  "effect.tooFewClusters": "tooFewClusters",
  "effect.tooFewRows": "tooFewRows",
  insufficient_data: "tooFewRows",
};
const BALANCE_THRESHOLD = 0.1;

/** An estimate as a row of the effects or contrasts table takes it. */
interface Estimate {
  estimate: number | null;
  stdError?: number | null;
  df?: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
}

/** The treatment coefficient (or the term at `term`) of a coefficient table, with its own df when the fit gives one. */
function coefficientOf(fit: { coefficients: readonly { estimate: number; stdError: number; ciLow: number; ciHigh: number; pValue: number }[]; df: number | null }, term: number): Estimate {
  const c = fit.coefficients[term]! as { estimate: number; stdError: number; ciLow: number; ciHigh: number; pValue: number; df?: number | null };
  return { estimate: c.estimate, stdError: c.stdError, df: c.df ?? fit.df, ciLow: c.ciLow, ciHigh: c.ciHigh, pValue: c.pValue };
}

/** The column of the table a name means, or null when the table has none (only a missing column is tolerated). */
function optionalColumn(fn: string, table: Table, name: string, option: string): string | null {
  try {
    return resolveColumn(fn, table, name, option);
  } catch (e) {
    if (e instanceof KoeArgumentError && e.code === "boundary.noColumn") return null;
    throw e;
  }
}

const blank = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));

/**
 * The cross-boundary study in one call: scale scores (with reliability), balance at baseline (the
 * pre-period score is always checked: the baseline gap is the selection question), and the effect
 * of taking part — for all participants and by programme kind (internal / external,
 * self-nominated / appointed), each against all non-participants.
 *
 * **The primary estimate is the DiD–ANCOVA bracket.** Participants are selected on their
 * baseline (already-engaged people sign up), so the two classic adjustments rest on different
 * assumptions and bracket the effect (Lord's paradox; Lord 1967, Allison 1990, Maris 1998): the
 * difference-in-differences (the change score: parallel trends) and ANCOVA on the pre score (a
 * common regression to the mean). Their difference is (1 − β̂) × the baseline gap by construction
 * (β̂ the slope of post on pre), and the reading says so with the numbers. The `bracket` row gives
 * the interval from the lower end of the lower interval to the upper end of the upper one (both
 * cluster-robust, CR2 with Satterthwaite df by company), its p-value the larger of the two
 * (intersection–union), and as its point the doubly robust estimate (Bang & Robins 2005; Funk et
 * al. 2011: propensity weights and an outcome model on the pre score and the covariates; the
 * midpoint of the two ends when it cannot run). The
 * other estimators are sensitivity analyses (`role`): the naive difference, regression
 * adjustment, matching within company (1:k, caliper 0.2 SD of the logit of the score, regression
 * adjustment in the matched sample), inverse-probability weighting without an outcome model, the
 * wild cluster bootstrap of the DiD, and ANCOVA with the pre score corrected for its unreliability
 * (Porter 1967: pre* = group mean + α × (pre − group mean), α the scale's Cronbach's alpha before).
 * Weighting and doubly robust are also run with the cluster (company) in the propensity and
 * outcome models as a factor (`weighting-cluster`, `doubly-robust-cluster`: comparisons within
 * company, on the companies with participants of the kind — elsewhere the weights p/(1 − p) are
 * 0 in the limit, and near-zero weights broke CR2's Satterthwaite df). They are sensitivity rows,
 * not the primary estimate: on the bundled data company moves them little (engagement 0.266 →
 * 0.265, innovation 0.388 → 0.399; truth 0.267 and 0.343) while its dummies halve the standard
 * error (company-level noise removed), so the remaining bias — participants are selected on
 * engagement, which innovation's own pre score does not capture (adding engagement's pre score
 * gives 0.379) — looks precise: the interval of external participants' innovation effect
 * (0.49–0.58) misses the truth (0.47). A row whose df is not positive is `"failed"` with the reason
 * in `warnings`. The `balance` table has the cluster among the covariates (each company's share
 * of participants and of non-participants; a company is a counted group like any covariate level)
 * and, after adjustment, the weights of `weighting-cluster` (over everyone: 0 in companies
 * without participants).
 * Effects are given in scale points and in SDs of the pre score (the pooled baseline SD, also the
 * unit of the baseline gap). Internal vs external and self-nominated vs appointed are tested
 * directly (`contrasts`: the treatment × kind interaction), not by comparing significance
 * (Gelman & Stern 2006). p-values are adjusted for multiplicity (default Benjamini–Hochberg 1995)
 * within the primary family (the bracket, its ends, doubly robust, the contrasts) and the
 * sensitivity family, over the published rows only. Group means (`prePost`) have intervals
 * clustered by company (CR2), each person counted once, with the mean of company means beside
 * them; the reading states both estimands and the baseline gap pooled and within companies.
 *
 * Returns the report contract ({@link StudyReport}): the tables `groups`, `reliability`,
 * `balance`, `prePost`, `effects` and `contrasts` (fixed columns, see the glossary in the package
 * README), findings and warnings as notes (`{ code, params }`, worded by `renderNote`/`reportText`
 * in Japanese or English, scale labels from the instrument), and provenance. Every table describes
 * the same people — the rows with the treatment, every scale's pre and post score, every covariate
 * and the cluster — so that no difference between two tables is a group. Small groups are hidden
 * at the report's edge: participants of each kind, non-participants, and each covariate level in
 * each group are counted groups; a group under `minGroupSize`, and any group whose count or
 * figures would give it away by subtraction (the partner kind, the other levels), has every figure
 * of its rows blank (`suppressed: true`; an effect row's `status` then reads `"suppressed"`; a
 * contrast is hidden with either kind). An estimator that cannot run on the data gives a
 * `"failed"` row with the reason in `warnings`; an error in the input (a misspelt covariate, a
 * kind the model does not know) is thrown.
 * @example
 * const report = crossBoundaryReport(respondents, { seed: 1, resamples: 199 });
 * reportText(report, "ja").findings[0] // => "エンゲージメント: 越境経験者は事前に0.38点（0.39 SD）高かった。単純比較では事後の差は0.62。主な推定: 参加者は事前の得点で選ばれているため、差の差（DiD: 0.24、0.24 SD）と事前得点で調整したANCOVA（0.26、0.27 SD）が効果をはさむ（ロードのパラドックス）。範囲の95%信頼区間は0.19〜0.31…"
 * report.tables.effects.rows.find((e) => e.scale === "engagement" && e.kind === "all" && e.method === "bracket").role // => "primary"
 * crossBoundaryReport(respondents, { covariates: ["generaton"] }) // throws: did you mean "generation"?
 */
export function crossBoundaryReport(table: Table, options: CrossBoundaryReportOptions = {}): StudyReport {
  const fn = "crossBoundaryReport";
  requireTable(fn, table);
  const o = parseOptions(fn, CrossBoundaryReportOptions, options);
  const { minGroupSize, resamples, seed } = o;
  const instrument = o.instrument ?? careerSurveyInstrument;
  const missing = o.missing ? { missing: o.missing } : {};
  const warnings: Note[] = [];
  const findings: Note[] = [];
  const seen = new Set<string>();
  const note = <P extends object>(to: Note[], message: Message<P>, params: P & { groups?: GroupRef[] }) => {
    const key = `${message.code} ${JSON.stringify(params)}`;
    if (seen.has(key)) return;
    seen.add(key);
    to.push({ code: message.code, params: params as Record<string, unknown> });
  };

  // 1. Everything the user named, checked before anything is computed.
  const { table: scored, reliability } = scoreScales(table, instrument, missing);
  const names = scored.columnNames();
  const scales = instrument.scales.filter((s) => names.includes(`${s.id}_pre`) && names.includes(`${s.id}_post`));
  if (scales.length === 0) throw KoeArgumentError.of(m.noScales, { fn, scales: instrument.scales.map((s) => s.id) });
  const tr = binaryColumn(fn, scored, o.treatment, { option: "treatment", ...missing });
  const treatment = tr.column;
  let covariates: string[];
  if (o.covariates !== undefined) covariates = o.covariates.map((c) => resolveColumn(fn, scored, c, "covariates"));
  else {
    const found = DEFAULT_REPORT_COVARIATES.map((c) => ({ c, column: optionalColumn(fn, scored, c, "covariates") }));
    covariates = found.flatMap((f) => (f.column === null ? [] : [f.column]));
    const absent = found.filter((f) => f.column === null).map((f) => f.c);
    if (absent.length > 0) note(warnings, m.defaultCovariatesAbsent, { covariates: absent });
  }
  // Each covariate read once in its role: a value it cannot hold is an error naming it, here.
  const coded = covariates.map((c) => codeColumn(fn, scored, c, "covariates", o.missing));
  let cluster: string | null;
  if (o.cluster === null) cluster = null;
  else if (o.cluster !== undefined) cluster = resolveColumn(fn, scored, o.cluster, "cluster");
  else {
    cluster = optionalColumn(fn, scored, "company", "cluster");
    if (cluster === null) note(warnings, m.noClusterColumn, { column: "company" });
  }
  requireDistinct(fn, { treatment, cluster, ...Object.fromEntries(covariates.map((c, j) => [`covariates[${j}]`, c])) });
  const partitionColumns = PARTITIONS.flatMap((p) => {
    const column = optionalColumn(fn, scored, p.column, p.column);
    return column === null ? [] : [{ ...p, read: segmentColumn(fn, scored, column, { option: p.column, ...missing }) }];
  });

  // 2. The people of the analysis: one set for every table (a second set would make the
  // difference between two tables' counts, or means, a group of its own).
  const total = scored.numRows();
  const scores = scales.map((s) => ({ pre: numericColumn(fn, scored, `${s.id}_pre`).values, post: numericColumn(fn, scored, `${s.id}_post`).values }));
  const clusterValues = cluster ? columnValues(scored, cluster, fn) : null;
  const used: number[] = [];
  for (let i = 0; i < total; i++) {
    if (tr.values[i] === MISSING_BINARY) continue;
    if (scores.some((s) => s.pre[i] !== s.pre[i] || s.post[i] !== s.post[i])) continue;
    if (coded.some((c) => codedMissing(c, i))) continue;
    if (clusterValues && blank(clusterValues[i])) continue;
    used.push(i);
  }
  if (used.length < total) note(warnings, m.rowsLeftOut, { rows: total, rowsUsed: used.length });
  const sample = scored.reify(used);
  const n = used.length;
  const d = Uint8Array.from(used, (i) => tr.values[i]!);
  const partitions: (KindPartition & { label: (kind: string) => Localized })[] = partitionColumns.map((p) => ({
    column: p.column,
    kinds: p.vocabulary.ids,
    of: (r: number) => {
      const code = p.read.codes[used[r]!]!;
      return code < 0 ? null : String(p.read.levels[code]);
    },
    label: (kind: string) => ({ ja: p.vocabulary.label(kind as never, "ja"), en: p.vocabulary.label(kind as never, "en") }),
  }));
  // The cluster (company) is a covariate of the balance table, so its levels are counted groups too.
  const codedCluster = cluster ? codeColumn(fn, scored, cluster, "cluster", o.missing) : null;
  const groups = studyGroups(d, partitions, [...coded, ...(codedCluster ? [codedCluster] : [])].map((c) => countedCovariate(c, used)));
  const kindLabel = (kind: string): Localized => (kind === "all" ? ALL_PARTICIPANTS : (partitions.find((p) => p.kinds.includes(kind))?.label(kind) ?? { ja: kind, en: kind }));
  if (clusterValues) {
    const distinct = new Set<unknown>(used.map((i) => clusterValues[i]));
    if (distinct.size < 30) note(warnings, m.fewClusters, { column: cluster!, clusters: distinct.size });
  }
  const kinds = [
    { kind: "all", member: (_: number) => true },
    ...partitions.flatMap((p) => p.kinds.map((kind) => ({ kind, member: (r: number) => p.of(r) === kind }))),
  ];
  for (const k of kinds) {
    const size = groups.size(k.kind).participants;
    if (size >= minGroupSize && size < 30) note(warnings, m.smallGroup, { kind: k.kind, kindLabel: kindLabel(k.kind), n: size, groups: groups.kindRefs(k.kind) });
  }

  // 3. Estimates, per scale and kind. A group under minGroupSize is not estimated (the edge hides
  // it); an estimator that fails on the data gives a "failed" row and a warning without counts.
  const effects: Record<string, unknown>[] = [];
  const contrasts: Record<string, unknown>[] = [];
  const prePost: Record<string, unknown>[] = [];
  const balance: Record<string, unknown>[] = [];
  const treatedValue = (r: number) => d[r]!;
  /** Runs an estimator; a failure on the data (not a bad argument) is a warning naming the scale, kind and method, without counts. */
  const attemptAs = (sc: { scale: string; scaleLabel: Localized }, kn: { kind: string; kindLabel: Localized }, refs: GroupRef[]) => <T>(method: string, f: () => T): T | null => {
    try {
      return f();
    } catch (e) {
      if (e instanceof KoeArgumentError || !(e instanceof KoeError)) throw e;
      note(warnings, m.estimateFailed, { ...sc, ...kn, method, reason: REASONS[e.code] ?? "other", groups: refs });
      return null;
    }
  };
  const clusterOf = (r: number) => (clusterValues ? clusterValues[used[r]!] : null);
  /** An OLS of the sample's rows `rows` on columns built here, clustered as the study: the coefficient at `term`. */
  const fitRows = (rows: readonly number[], outcome: (r: number) => number, predictors: Record<string, (r: number) => number>, term: number): Estimate => {
    const columns: Record<string, unknown[]> = { y: rows.map(outcome), ...Object.fromEntries(Object.entries(predictors).map(([k, f]) => [k, rows.map(f)])) };
    if (clusterValues) columns.cluster = rows.map(clusterOf);
    const fit = ols(aq.table(columns), { outcome: "y", predictors: Object.keys(predictors), ...(clusterValues ? { cluster: "cluster" } : { vcov: "HC1" as const }) });
    return coefficientOf(fit, term);
  };
  for (const [s, scale] of scales.entries()) {
    const pre = `${scale.id}_pre`;
    const post = `${scale.id}_post`;
    const sc = { scale: scale.id, scaleLabel: { ja: scale.ja, en: scale.en } };
    const preOf = (r: number) => scores[s]!.pre[used[r]!]!;
    const postOf = (r: number) => scores[s]!.post[used[r]!]!;
    // The SD unit: the pooled baseline SD √((s²_T + s²_C)/2) of the pre score (participants and non-participants of the analysis).
    const preBy = [0, 1].map((g) => Float64Array.from(used.flatMap((_, r) => (d[r] === g ? [preOf(r)] : []))));
    const sdUnit = preBy.every((x) => x.length >= 2) ? Math.sqrt((variance(preBy[0]!) + variance(preBy[1]!)) / 2) : null;
    const inSd = (x: number | null | undefined) => (x === null || x === undefined || sdUnit === null ? null : x / sdUnit);
    for (const wave of ["pre", "post"] as const) {
      const column = wave === "pre" ? pre : post;
      const by = { outcome: column, by: treatment, ...(cluster ? { cluster } : {}), ...missing };
      const person = groupMeans(sample, by).groups;
      const company = cluster ? groupMeans(sample, { ...by, weights: "company" }).groups : null;
      for (const group of ["participants", "nonParticipants"] as const) {
        const level = group === "participants";
        const g = person.find((x) => x.group === level);
        prePost.push({
          scale: scale.id, group, wave, mean: g?.mean ?? null, stdError: g?.stdError ?? null, df: g?.df ?? null, ciLow: g?.ciLow ?? null, ciHigh: g?.ciHigh ?? null,
          meanByCompany: company?.find((x) => x.group === level)?.mean ?? null, n: g?.n ?? 0,
        });
      }
    }
    const reliabilityPre = reliability.find((r) => r.scale === scale.id && r.wave === "pre")?.alpha ?? null;
    for (const k of kinds) {
      const { participants: nT, nonParticipants: nC } = groups.size(k.kind);
      const refs = groups.kindRefs(k.kind);
      const kn = { kind: k.kind, kindLabel: kindLabel(k.kind) };
      const add = (method: Method, status: EffectStatus, r: Estimate | null) =>
        effects.push({
          scale: scale.id, kind: k.kind, method, role: PRIMARY.has(method) ? "primary" : "sensitivity",
          estimate: r?.estimate ?? null, stdError: r?.stdError ?? null, df: r?.df ?? null, ciLow: r?.ciLow ?? null, ciHigh: r?.ciHigh ?? null, pValue: r?.pValue ?? null,
          pAdjusted: null, pAdjustMethod: o.pAdjust, estimateSd: inSd(r?.estimate), ciLowSd: inSd(r?.ciLow), ciHighSd: inSd(r?.ciHigh),
          nTreated: nT, nControl: nC, status, refs,
        });
      const methods = METHOD_ORDER.filter((method) => !NEEDS_CLUSTER.has(method) || cluster);
      if (nT === 0 || nC === 0) {
        for (const method of methods) add(method, "failed", null);
        note(warnings, m.notCompared, { ...sc, ...kn, none: nT === 0 ? "participants" : "nonParticipants", groups: refs });
        continue;
      }
      if (nT < minGroupSize || nC < minGroupSize) {
        for (const method of methods) add(method, "suppressed", null);
        continue;
      }
      const attempt = attemptAs(sc, kn, refs);
      const subRows = used.flatMap((_, r) => (d[r] === 0 || k.member(r) ? [r] : []));
      const sub = k.kind === "all" ? sample : sample.reify(subRows);
      const opts = { outcome: post, treatment, covariates: [pre, ...covariates], ...(cluster ? { cluster } : {}), ...missing };
      const estimated = new Map<Method, Estimate | null>();
      const run = (method: Method, f: () => Estimate) => {
        let r = attempt(method, f);
        // Errors without usable degrees of freedom (CR2's Satterthwaite df at or below zero: the
        // weights sit in a few companies) are no estimate to publish: a failed row, said why.
        if (r && r.df !== null && r.df !== undefined && !(r.df > 0 && r.pValue === r.pValue)) {
          note(warnings, m.estimateFailed, { ...sc, ...kn, method, reason: "noDegreesOfFreedom", groups: refs });
          r = null;
        }
        estimated.set(method, r);
        return r;
      };
      const effect = (method: EffectMethod, extra: Record<string, unknown> = {}) => () => estimateEffect(sub, { ...opts, ...extra, method });
      const diff = run("difference", effect("difference", { covariates: [] }));
      run("regression", effect("regression"));
      // Matching as the methodologist would: within company, 1:k neighbours, a caliper on the logit of the score, regression adjustment in the matched sample.
      const matched = run("matching", effect("matching", { ...(cluster ? { exact: cluster } : {}), ratio: "auto", caliper: CALIPER, adjust: true })) as EffectResult | null;
      // Participants without a control in their company within the caliper: said without their number (a count of people).
      if (matched?.warnings.some((x) => x.code === "effect.unmatched")) note(warnings, m.matchingUnmatched, { ...sc, ...kn, caliper: CALIPER, groups: refs });
      const w = run("weighting", effect("weighting")) as EffectResult | null;
      const dr = run("doubly-robust", effect("doubly-robust"));
      // The same two with the cluster in the propensity (and outcome) model as a factor: comparisons
      // within company, sensitivity analyses (see the TSDoc for why not primary). Only the
      // companies with participants of the kind: the others' non-participants would get weight
      // p/(1 − p) → 0 anyway (their company dummy separates), and near-zero weights break CR2's
      // Satterthwaite df.
      let wc: EffectResult | null = null;
      let withinRows: number[] = [];
      if (cluster) {
        const withParticipants = new Set(subRows.filter((r) => d[r] === 1).map(clusterOf));
        withinRows = subRows.filter((r) => withParticipants.has(clusterOf(r)));
        const within = sample.reify(withinRows);
        const inCompany = (method: EffectMethod) => () => estimateEffect(within, { ...opts, method, exact: cluster! });
        wc = run("weighting-cluster", inCompany("weighting")) as EffectResult | null;
        run("doubly-robust-cluster", inCompany("doubly-robust"));
      }
      const did: DidResult | null = attempt("did", () =>
        differenceInDifferences(sub, { pre, post, treatment, ...(cluster ? { cluster, bootstrap: { draws: resamples, seed } } : { bootstrap: false as const }), ...missing }),
      );
      estimated.set("did", did ? { ...did.did } : null);
      const ancova = did ? coefficientOf(did.ancova, 1) : null;
      estimated.set("ancova", ancova);
      if (did?.wildBootstrap) estimated.set("wild-bootstrap", { estimate: did.estimate, ciLow: did.wildBootstrap.ciLow, ciHigh: did.wildBootstrap.ciHigh, pValue: did.wildBootstrap.pValue });
      // Porter's measurement-error-corrected ANCOVA: the pre score shrunk to its group's mean by its reliability.
      if (reliabilityPre !== null && reliabilityPre > 0 && reliabilityPre <= 1) {
        const groupMean = [0, 1].map((g) => mean(Float64Array.from(subRows.filter((r) => d[r] === g), preOf)));
        run("ancova-reliability", () => fitRows(subRows, postOf, { treated: treatedValue, preCorrected: (r) => groupMean[d[r]!]! + reliabilityPre * (preOf(r) - groupMean[d[r]!]!) }, 1));
      } else estimated.set("ancova-reliability", null);
      // The primary estimate: the bracket [DiD, ANCOVA], each end's interval, the doubly robust estimate inside.
      let bracket: Estimate | null = null;
      if (did && ancova) {
        bracket = {
          // The doubly robust estimate; the midpoint of the two ends when it cannot run on these data.
          estimate: dr?.estimate ?? (did.did.estimate + ancova.estimate!) / 2,
          ciLow: Math.min(did.did.ciLow, ancova.ciLow!),
          ciHigh: Math.max(did.did.ciHigh, ancova.ciHigh!),
          // Intersection–union: the effect is said to differ from 0 only when both ends say so.
          pValue: Math.max(did.did.pValue, ancova.pValue!),
        };
      }
      estimated.set("bracket", bracket);
      for (const method of methods) {
        const r = estimated.get(method) ?? null;
        add(method, r ? "ok" : "failed", r);
      }
      if (k.kind !== "all") {
        if (did && ancova) note(findings, m.kindEffect, { ...sc, ...kn, did: did.estimate, ancova: ancova.estimate, ciLow: bracket!.ciLow, ciHigh: bracket!.ciHigh, groups: refs });
        continue;
      }
      // Balance of all participants, over everyone of the analysis (as every table), the cluster
      // (company) among the covariates: after the weighting with the cluster in the propensity
      // model when it ran (weights 1 for participants, p/(1 − p) for non-participants, 0 in
      // companies without participants), without a cluster after the plain weighting, else
      // before adjustment only.
      let weighted: EffectResult | null = w;
      let bal: BalanceResult | null = w?.balance ?? null;
      if (cluster || !bal) {
        let weights: Float64Array | undefined;
        weighted = null;
        if (wc?.propensity && wc.propensity.length === withinRows.length) {
          weighted = wc;
          weights = new Float64Array(n);
          withinRows.forEach((r, j) => (weights![r] = d[r] === 1 ? 1 : wc!.propensity![j]! / (1 - wc!.propensity![j]!)));
        }
        bal = attempt("balance", () => balanceTable(sample, { treatment, covariates: [pre, ...covariates, ...(cluster ? [cluster] : [])], ...(weights ? { weights } : {}), ...missing }));
      }
      const shown = bal;
      if (shown) {
        for (const row of shown.rows) {
          balance.push({ scale: scale.id, ...row, refs: groups.balanceRefs(row.covariate, row.level) });
        }
        if (weighted) {
          const off = shown.rows.filter((r) => Math.abs(r.smdAdjusted ?? 0) > shown.threshold);
          for (const covariate of [...new Set(off.map((r) => r.covariate))]) {
            const rows = off.filter((r) => r.covariate === covariate);
            const levels = rows.flatMap((r) => (r.level === null ? [] : [r.level]));
            note(warnings, m.imbalancedAfterWeighting, { ...sc, covariate, levels, threshold: shown.threshold, groups: rows.flatMap((r) => groups.balanceRefs(r.covariate, r.level)) });
          }
        }
      }
      if (w?.propensity) {
        const extreme = Array.from(w.propensity).filter((p) => p < 0.01 || p > 0.99).length;
        // The share names a count of people; below the minimum it is not given.
        if (extreme / n > 0.05) note(warnings, m.poorOverlap, { ...sc, percent: extreme >= minGroupSize ? Math.round((extreme / n) * 100) : null, groups: refs });
      }
      const gap = mean(preBy[1]!) - mean(preBy[0]!);
      // The gap within companies: the treatment coefficient of pre on treatment and company dummies.
      const gapWithin = cluster ? attempt("balance", () => ols(sample, { outcome: pre, predictors: [treatment, cluster], vcov: "HC1", ...missing }).coefficients[1]!.estimate) : null;
      if (did && ancova && bracket) {
        note(findings, m.reading, {
          ...sc, column: cluster, gap, gapSd: inSd(gap), naiveDifference: diff?.estimate ?? null, did: did.estimate, ancova: ancova.estimate!, doublyRobust: dr?.estimate ?? null,
          ciLow: bracket.ciLow, ciHigh: bracket.ciHigh, didSd: inSd(did.estimate), ancovaSd: inSd(ancova.estimate),
          wildLow: did.wildBootstrap?.ciLow ?? null, wildHigh: did.wildBootstrap?.ciHigh ?? null, groups: refs,
        });
        // ANCOVA − DiD = (1 − β̂)·gap by construction (β̂ the pooled within-group slope of post on pre).
        const slope = did.ancova.coefficients[2]!.estimate;
        note(findings, m.lordsParadox, { ...sc, slope, gap, difference: ancova.estimate! - did.did.estimate, groups: refs });
      }
      if (cluster) {
        const everyone = { outcome: pre, cluster, ...missing };
        const pooled = groupMeans(sample, everyone).groups[0]!.mean;
        const byCompany = groupMeans(sample, { ...everyone, weights: "company" }).groups[0]!.mean;
        note(findings, m.estimands, { ...sc, column: cluster, pooled, byCompany, gap, gapWithin, groups: refs });
      }
    }
    // Direct tests: the difference of two kinds' effects (second minus first) as the kind × treatment interaction.
    for (const p of partitions) {
      const [a, b] = CONTRASTS[p.column];
      const refs = [...groups.kindRefs(a), ...groups.kindRefs(b)];
      const contrast = `${b}-${a}`;
      const sizes = [groups.size(a).participants, groups.size(b).participants];
      const cn = { contrast, aLabel: kindLabel(a), bLabel: kindLabel(b) };
      const rows = used.flatMap((_, r) => (d[r] === 0 || p.of(r) === a || p.of(r) === b ? [r] : []));
      const attempt = attemptAs(sc, { kind: contrast, kindLabel: { ja: `${cn.bLabel.ja} − ${cn.aLabel.ja}`, en: `${cn.bLabel.en} − ${cn.aLabel.en}` } }, refs);
      for (const method of ["did", "ancova"] as const) {
        let r: Estimate | null = null;
        if (sizes.every((x) => x >= minGroupSize)) {
          const second = (row: number) => (d[row] === 1 && p.of(row) === b ? 1 : 0);
          r = attempt(method, () =>
            method === "did"
              ? fitRows(rows, (row) => postOf(row) - preOf(row), { treated: treatedValue, second }, 2)
              : fitRows(rows, postOf, { treated: treatedValue, second, pre: preOf }, 2));
          if (r && method === "did") note(findings, m.kindContrast, { ...sc, ...cn, estimate: r.estimate, ciLow: r.ciLow, ciHigh: r.ciHigh, pValue: r.pValue, groups: refs });
        }
        contrasts.push({ scale: scale.id, contrast, method, ...(r ?? { estimate: null, ciLow: null, ciHigh: null, pValue: null }), pAdjusted: null, pAdjustMethod: o.pAdjust, estimateSd: inSd(r?.estimate), refs });
      }
    }
  }

  // 4. The edge: every counted group suppressed together, every figure of a hidden group blank.
  const groupRows = kinds.map((k) => ({ kind: k.kind, nParticipants: groups.size(k.kind).participants, nNonParticipants: groups.size(k.kind).nonParticipants, refs: groups.kindRefs(k.kind) }));
  const refsOf = (r: Readonly<Record<string, unknown>>) => r.refs as GroupRef[];
  const draftTable = (name: keyof typeof CROSS_BOUNDARY_COLUMNS, rows: Record<string, unknown>[], dims: string[], counted = true): DraftTable => ({
    columns: CROSS_BOUNDARY_COLUMNS[name].filter((c) => c !== "suppressed"),
    rows,
    dims,
    // Orders the model does not know: kinds as listed ("all" first), groups, waves pre → post, scales and methods as the study runs them.
    order: {
      kind: kinds.map((k) => k.kind), group: ["participants", "nonParticipants"], wave: ["pre", "post"], scale: scales.map((sc) => sc.id), method: METHOD_ORDER,
      contrast: Object.values(CONTRASTS).map(([a, b]) => `${b}-${a}`),
      // Covariates as the study adjusts for them: the pre score, the covariates given, the cluster last.
      covariate: [...scales.map((sc) => `${sc.id}_pre`), ...covariates, ...(cluster ? [cluster] : [])],
    },
    groups: counted ? refsOf : () => null,
  });
  const report = publishReport({
    study: "crossBoundary",
    counts: groups.counts,
    tables: {
      groups: draftTable("groups", groupRows, ["kind"]),
      reliability: draftTable("reliability", reliability.map((r) => ({ ...r })), ["scale", "wave"], false),
      balance: draftTable("balance", balance, ["scale", "covariate", "level"]),
      prePost: draftTable("prePost", prePost.map((r) => ({ ...r, refs: [groups.groupRef(r.group as "participants" | "nonParticipants")] })), ["scale", "group", "wave"]),
      effects: draftTable("effects", effects, ["scale", "kind", "method"]),
      contrasts: draftTable("contrasts", contrasts, ["scale", "contrast", "method"]),
    },
    findings,
    warnings,
    provenance: {
      inputs: [{ name: "table", rows: total, rowsUsed: n }],
      wave: null,
      seed,
      options: { instrument: instrument.id, scales: scales.map((s) => s.id), treatment, covariates, cluster, minGroupSize, resamples, seed, pAdjust: o.pAdjust, ...(o.missing ? { missing: o.missing } : {}) },
    },
    minGroupSize,
  });
  // A hidden row of effects reads "suppressed" (the edge blanked its status with its figures).
  for (const row of report.tables.effects!.rows) if (row.suppressed === true) row.status = "suppressed";
  // Multiplicity, over the published p-values only (a hidden row's p-value must not move a shown
  // one): the primary family (the bracket, its ends, doubly robust, the contrasts) and the
  // sensitivity family, each adjusted by the chosen method.
  const family = (primary: boolean) => [
    ...report.tables.effects!.rows.filter((r) => (r.role === "primary") === primary),
    ...(primary ? report.tables.contrasts!.rows : []),
  ].filter((r) => typeof r.pValue === "number");
  const sizes: Record<string, number> = {};
  for (const primary of [true, false]) {
    const rows = family(primary);
    const adjusted = adjustPValues(rows.map((r) => r.pValue as number), o.pAdjust);
    rows.forEach((r, i) => (r.pAdjusted = adjusted[i]!));
    sizes[primary ? "primary" : "sensitivity"] = rows.length;
  }
  if (sizes.primary! + sizes.sensitivity! > 0) report.findings.push({ code: m.multiplicity.code, params: { method: o.pAdjust, primary: sizes.primary!, sensitivity: sizes.sensitivity! } });
  return report;
}

/** A covariate as the count tables see it, over the rows of the analysis. */
function countedCovariate(c: CodedColumn, used: readonly number[]): CountedCovariate {
  if (c.kind === "segment") return { column: c.column, levelOf: (r) => String(c.levels[c.codes[used[r]!]!]) };
  if (c.kind === "binary") return { column: c.column, levelOf: (r) => (c.values[used[r]!] === 1 ? "true" : "false") };
  // A numeric covariate holding only 0 and 1 is a share: its 1s are a counted group.
  const binary = used.every((i) => c.values[i] === 0 || c.values[i] === 1);
  return { column: c.column, levelOf: binary ? (r) => String(c.values[used[r]!]) : null };
}
