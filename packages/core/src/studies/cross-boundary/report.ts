import * as aq from "arquero";
import { z } from "zod";
import { codeColumn } from "../../analyze/design-matrix.js";
import { columnValues } from "../../analyze/column-values.js";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn, segmentColumn } from "../../boundary/roles.js";
import { warningOf, type KoeWarning, type Message } from "../../errors/catalogue.js";
import { effectMessages as m } from "../../errors/effect-messages.js";
import { KoeArgumentError, KoeError } from "../../errors/errors.js";
import { careerSurveyInstrument, Instrument } from "../../model/instrument.js";
import type { Table } from "../../model/table.js";
import { scoreScales, type ScaleReliability } from "../../prepare/score-scales.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import type { TidyTable } from "../../stats/result.js";
import { balanceTable, type BalanceResult } from "./balance.js";
import { differenceInDifferences, type DidResult } from "./did.js";
import { estimateEffect, type EffectMethod, type EffectResult } from "./estimate-effect.js";

/**
 * What became of one estimate: `"ok"`; `"suppressed"` — a group (participants of this kind, or
 * non-participants) is smaller than `minGroupSize`, so nothing is shown (privacy); `"failed"` — the
 * estimator could not run on this data (e.g. perfect separation, too few matched pairs, a covariate
 * level with no participants), with the reason in the report's `warnings`. A failure is never
 * reported as suppression.
 */
export type EffectStatus = "ok" | "suppressed" | "failed";

export interface EffectRow {
  scale: string;
  /** all, internal, external, self_nominated or appointed: which participants are compared with all non-participants. */
  kind: string;
  method: EffectMethod | "did" | "wild-bootstrap";
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  nTreated: number;
  nControl: number;
  status: EffectStatus;
  /** `status === "suppressed"` (kept for readers of the earlier shape, e.g. charts). */
  suppressed: boolean;
}

export interface CrossBoundaryReport {
  reliability: ScaleReliability[];
  effects: EffectRow[];
  /** Balance per scale (all participants), before and after weighting. */
  balance: Record<string, BalanceResult>;
  /** Group means before and after, per scale and group, for the pre/post chart. */
  prePost: { scale: string; group: "participants" | "nonParticipants"; wave: "pre" | "post"; mean: number | null; ciLow: number | null; ciHigh: number | null; n: number | null; suppressed: boolean }[];
  readings: { ja: string[]; en: string[] };
  /** Warnings as data (code, params, text in both languages): few clusters, small or suppressed groups, failed estimates, balance, overlap. */
  warnings: KoeWarning[];
  toTable(): TidyTable;
}

/** The covariates adjusted for when none are given (those the table has; the others are named in a warning). */
export const DEFAULT_REPORT_COVARIATES = ["generation", "job_type", "manager"] as const;

export const CrossBoundaryReportOptions = z.object({
  /** The instrument whose scales are scored (default koe's career survey). */
  instrument: z.custom<Instrument>((v) => Instrument.safeParse(v).success, "an instrument (see Instrument)").optional(),
  /** The yes/no column of taking part (default "cross_boundary"; 越境経験, はい/いいえ, 0/1 alike). */
  treatment: z.string().default("cross_boundary"),
  /** Covariates for the adjusted estimates (a list). Default generation, job_type, manager — those present. */
  covariates: z.array(z.string()).optional(),
  /** Cluster column for the errors and the wild bootstrap (default "company" when present); null for none. */
  cluster: z.string().nullable().optional(),
  /** Smallest group shown (default 5): smaller groups of participants or non-participants are suppressed. */
  minGroupSize: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
  /** Wild cluster bootstrap draws (default 999). */
  draws: z.number().int().min(19).default(999),
  /** Seed of the bootstrap (default 1). */
  seed: z.union([z.number(), z.string()]).default(1),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type CrossBoundaryReportOptions = z.input<typeof CrossBoundaryReportOptions>;

const KINDS = [
  { kind: "all", column: null, value: null },
  { kind: "internal", column: "cb_kind", value: "internal" },
  { kind: "external", column: "cb_kind", value: "external" },
  { kind: "self_nominated", column: "cb_selection", value: "self_nominated" },
  { kind: "appointed", column: "cb_selection", value: "appointed" },
] as const;

const METHODS = ["difference", "regression", "matching", "weighting", "doubly-robust", "did"] as const;
const SCALE_JA: Record<string, string> = { engagement: "エンゲージメント", innovation: "イノベーションへの前向きな視点" };
const f2 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(2));

function meanCi(values: number[]): { mean: number; ciLow: number; ciHigh: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const h = (1.959963984540054 * sd) / Math.sqrt(n);
  return { mean, ciLow: mean - h, ciHigh: mean + h };
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

/**
 * The cross-boundary study in one call: scale scores (with reliability), balance at baseline (the
 * pre-period score is always checked: the baseline gap is the selection question), and the naive,
 * adjusted and difference-in-differences estimates side by side — for all participants and by
 * programme kind (internal / external, self-nominated / appointed), each against all
 * non-participants — with a plain-language reading in Japanese and English and warnings when
 * balance fails, overlap is poor, groups are small or clusters are few.
 *
 * Inputs are read at the input boundary before anything is computed: the treatment as yes/no
 * (はい/いいえ, 0/1, 経験あり/経験なし alike), 越境の種類 and 選ばれ方 through the model's
 * vocabularies (社内/社外, 手挙げ/人事の指名), covariates by name with "did you mean" on a typo;
 * options are strict. Each effect row has a `status`: `"suppressed"` only when a group is smaller
 * than `minGroupSize`; `"failed"` when an estimator cannot run on the data, with the reason in
 * `warnings`; an error in the user's input (a bad column or value) is thrown, never turned into a
 * row. Weighting is not trimmed (propensity scores as fitted, as R's usual weighting).
 * In the example, `respondents` is the bundled data/respondents.csv read with `readRespondents`.
 * @example
 * const report = crossBoundaryReport(respondents, { seed: 1, draws: 199 });
 * report.readings.ja[0] // => "エンゲージメント: 越境経験者は事前に0.39 SD高かった。単純比較では事後の差は0.62だが、差の差（DiD）で調整すると効果は0.24（95%信頼区間 0.20〜0.28、ワイルドクラスターブートストラップ …）。"
 * report.effects.find((e) => e.scale === "engagement" && e.kind === "all" && e.method === "did").status // => "ok"
 * crossBoundaryReport(respondents, { covariates: ["generaton"] }) // throws: did you mean "generation"?
 */
export function crossBoundaryReport(table: Table, options: CrossBoundaryReportOptions = {}): CrossBoundaryReport {
  const fn = "crossBoundaryReport";
  requireTable(fn, table);
  const o = parseOptions(fn, CrossBoundaryReportOptions, options);
  const { minGroupSize, draws, seed } = o;
  const instrument = o.instrument ?? careerSurveyInstrument;
  const missing = o.missing ? { missing: o.missing } : {};
  const warnings: KoeWarning[] = [];
  const seen = new Set<string>();
  const warn = <P extends object>(message: Message<P>, params: P) => {
    const key = `${message.code} ${JSON.stringify(params)}`;
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push(warningOf(message, params));
  };

  // 1. Everything the user named, checked before anything is computed.
  const { table: scored, reliability } = scoreScales(table, instrument);
  const names = scored.columnNames();
  const scales = instrument.scales.map((s) => s.id).filter((s) => names.includes(`${s}_pre`) && names.includes(`${s}_post`));
  if (scales.length === 0) throw KoeArgumentError.of(m.noScales, { fn, scales: instrument.scales.map((s) => s.id) });
  const tr = binaryColumn(fn, scored, o.treatment, { option: "treatment", ...missing });
  const treatment = tr.column;
  let covariates: string[];
  if (o.covariates !== undefined) covariates = o.covariates.map((c) => resolveColumn(fn, scored, c, "covariates"));
  else {
    const found = DEFAULT_REPORT_COVARIATES.map((c) => ({ c, column: optionalColumn(fn, scored, c, "covariates") }));
    covariates = found.flatMap((f) => (f.column === null ? [] : [f.column]));
    const absent = found.filter((f) => f.column === null).map((f) => f.c);
    if (absent.length > 0) warn(m.defaultCovariatesAbsent, { covariates: absent });
  }
  // Each covariate read once in its role: a value it cannot hold is an error naming it, here.
  for (const c of covariates) codeColumn(fn, scored, c, "covariates", o.missing);
  let cluster: string | null;
  if (o.cluster === null) cluster = null;
  else if (o.cluster !== undefined) cluster = resolveColumn(fn, scored, o.cluster, "cluster");
  else {
    cluster = optionalColumn(fn, scored, "company", "cluster");
    if (cluster === null) warn(m.noClusterColumn, { column: "company" });
  }
  requireDistinct(fn, { treatment, cluster, ...Object.fromEntries(covariates.map((c, j) => [`covariates[${j}]`, c])) });
  const kindColumns = new Map<string, { codes: Int32Array; levels: unknown[] }>();
  for (const name of ["cb_kind", "cb_selection"] as const) {
    const column = optionalColumn(fn, scored, name, name);
    if (column !== null) kindColumns.set(name, segmentColumn(fn, scored, column, { option: name, ...missing }));
  }
  const n = scored.numRows();
  const isT = (i: number) => tr.values[i] === 1;
  const isC = (i: number) => tr.values[i] === 0;
  if (cluster) {
    const values = columnValues(scored, cluster, fn);
    const distinct = new Set<unknown>();
    for (let i = 0; i < n; i++) if (values[i] !== null && values[i] !== undefined && values[i] !== "") distinct.add(values[i]);
    if (distinct.size < 30) warn(m.fewClusters, { column: cluster, clusters: distinct.size });
  }

  // 2. Estimates: a failure of an estimator on this data is a "failed" row with its reason; an
  // error about the user's input is thrown.
  const effects: EffectRow[] = [];
  const balance: Record<string, BalanceResult> = {};
  const prePost: CrossBoundaryReport["prePost"] = [];
  const readings = { ja: [] as string[], en: [] as string[] };
  const attempt = <T>(scale: string, kind: string, method: string, f: () => T): T | null => {
    try {
      return f();
    } catch (e) {
      if (e instanceof KoeArgumentError || !(e instanceof KoeError)) throw e;
      warn(m.estimateFailed, { scale, kind, method, reason: e.localized });
      return null;
    }
  };
  for (const scale of scales) {
    const pre = `${scale}_pre`;
    const post = `${scale}_post`;
    const preV = numericColumn(fn, scored, pre).values;
    const postV = numericColumn(fn, scored, post).values;
    for (const [group, test] of [["participants", isT], ["nonParticipants", isC]] as const) {
      for (const [wave, values] of [["pre", preV], ["post", postV]] as const) {
        const xs: number[] = [];
        for (let i = 0; i < n; i++) if (test(i) && values[i] === values[i]) xs.push(values[i]!);
        const small = xs.length < minGroupSize;
        const mc = small || xs.length < 2 ? null : meanCi(xs);
        prePost.push({ scale, group, wave, mean: mc?.mean ?? null, ciLow: mc?.ciLow ?? null, ciHigh: mc?.ciHigh ?? null, n: small ? null : xs.length, suppressed: small });
      }
    }
    for (const k of KINDS) {
      const kindV = k.column ? kindColumns.get(k.column) : null;
      if (k.column && !kindV) continue;
      const matches = (i: number) => kindV === null || kindV === undefined || (kindV.codes[i]! >= 0 && kindV.levels[kindV.codes[i]!] === k.value);
      const indices: number[] = [];
      let nT = 0;
      for (let i = 0; i < n; i++) {
        if (tr.values[i] === MISSING_BINARY) continue;
        if (isC(i)) indices.push(i);
        else if (matches(i)) {
          indices.push(i);
          nT++;
        }
      }
      const nC = indices.length - nT;
      const add = (method: EffectRow["method"], status: EffectStatus, r: { estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null } | null) =>
        effects.push({ scale, kind: k.kind, method, estimate: r?.estimate ?? null, ciLow: r?.ciLow ?? null, ciHigh: r?.ciHigh ?? null, pValue: r?.pValue ?? null, nTreated: nT, nControl: nC, status, suppressed: status === "suppressed" });
      if (nT < minGroupSize || nC < minGroupSize) {
        for (const method of cluster ? [...METHODS, "wild-bootstrap" as const] : METHODS) add(method, "suppressed", null);
        warn(m.groupSuppressed, { kind: k.kind, minGroupSize, nTreated: nT, nControl: nC });
        continue;
      }
      if (nT < 30) warn(m.imprecise, { kind: k.kind, nTreated: nT });
      const sub = scored.reify(indices);
      const opts = { outcome: post, treatment, covariates: [pre, ...covariates], ...(cluster ? { cluster } : {}), ...missing };
      const run = (method: EffectMethod, extra: { covariates?: string[] } = {}): EffectResult | null => {
        const r = attempt(scale, k.kind, method, () => estimateEffect(sub, { ...opts, ...extra, method }));
        add(method, r ? "ok" : "failed", r);
        return r;
      };
      const diff = run("difference", { covariates: [] });
      run("regression");
      run("matching");
      const w = run("weighting");
      run("doubly-robust");
      const did: DidResult | null = attempt(scale, k.kind, "did", () =>
        differenceInDifferences(sub, { pre, post, treatment, ...(cluster ? { cluster, bootstrap: { draws, seed, weights: "webb" as const } } : { bootstrap: false as const }), ...missing }),
      );
      add("did", did ? "ok" : "failed", did);
      if (cluster) {
        if (did?.wildBootstrap) add("wild-bootstrap", "ok", { estimate: did.estimate, ciLow: did.wildBootstrap.ciLow, ciHigh: did.wildBootstrap.ciHigh, pValue: did.wildBootstrap.pValue });
        else add("wild-bootstrap", "failed", null);
      }
      if (k.kind !== "all") continue;
      if (w) {
        balance[scale] = w.balance;
        const off = w.balance.rows.filter((r) => Math.abs(r.smdAdjusted ?? 0) > w.balance.threshold);
        if (off.length > 0) warn(m.imbalancedAfterWeighting, { scale, covariates: [...new Set(off.map((r) => (r.level === null ? r.covariate : `${r.covariate}=${r.level}`)))] });
        const ps = w.propensity!;
        const extreme = Array.from(ps).filter((p) => p < 0.01 || p > 0.99).length / ps.length;
        if (extreme > 0.05) warn(m.poorOverlap, { percent: Math.round(extreme * 100) });
      }
      const gap = attempt(scale, k.kind, "balance", () => balanceTable(sub, { treatment, covariates: [pre], sd: "pooled", ...missing }).rows[0]!.smd);
      if (did && gap !== null) {
        readings.ja.push(
          `${SCALE_JA[scale] ?? scale}: 越境経験者は事前に${f2(Math.abs(gap))} SD${gap >= 0 ? "高かった" : "低かった"}。単純比較では事後の差は${f2(diff?.estimate)}だが、差の差（DiD）で調整すると効果は${f2(did.estimate)}（95%信頼区間 ${f2(did.ciLow)}〜${f2(did.ciHigh)}${did.wildBootstrap ? `、ワイルドクラスターブートストラップ ${f2(did.wildBootstrap.ciLow)}〜${f2(did.wildBootstrap.ciHigh)}` : ""}）。`,
        );
        readings.en.push(
          `${scale}: participants started ${f2(Math.abs(gap))} SD ${gap >= 0 ? "higher" : "lower"}. The naive post-period difference is ${f2(diff?.estimate)}; after adjustment by difference-in-differences the effect is ${f2(did.estimate)} (95% CI ${f2(did.ciLow)} to ${f2(did.ciHigh)}${did.wildBootstrap ? `; wild cluster bootstrap ${f2(did.wildBootstrap.ciLow)} to ${f2(did.wildBootstrap.ciHigh)}` : ""}).`,
        );
        if (did.note) warn(m.changeScoreAncova, { scale, changeScore: did.changeScore.coefficients[1]!.estimate, ancova: did.ancova.coefficients[1]!.estimate });
      }
    }
  }
  const result: CrossBoundaryReport = { reliability, effects, balance, prePost, readings, warnings, toTable: () => aq.from(effects) };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
