import * as aq from "arquero";
import { KoeArgumentError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { columnValues } from "../../analyze/column-values.js";
import { careerSurveyInstrument, type Instrument } from "../../model/instrument.js";
import { scoreScales, type ScaleReliability } from "../../prepare/score-scales.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import type { TidyTable } from "../../stats/result.js";
import { balanceTable, type BalanceResult } from "./balance.js";
import { differenceInDifferences } from "./did.js";
import { estimateEffect, type EffectMethod } from "./estimate-effect.js";

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
  warnings: { ja: string; en: string }[];
  toTable(): TidyTable;
}

const KINDS = [
  { kind: "all", column: null, value: null },
  { kind: "internal", column: "cb_kind", value: "internal" },
  { kind: "external", column: "cb_kind", value: "external" },
  { kind: "self_nominated", column: "cb_selection", value: "self_nominated" },
  { kind: "appointed", column: "cb_selection", value: "appointed" },
] as const;

const KIND_JA: Record<string, string> = { all: "全体", internal: "社内越境", external: "社外越境", self_nominated: "手挙げ", appointed: "人事の指名" };
const SCALE_JA: Record<string, string> = { engagement: "エンゲージメント", innovation: "イノベーションへの前向きな視点" };
const f2 = (x: number) => x.toFixed(2);

function meanCi(values: number[]): { mean: number; ciLow: number; ciHigh: number } {
  const n = values.length;
  const m = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  const h = (1.959963984540054 * sd) / Math.sqrt(n);
  return { mean: m, ciLow: m - h, ciHigh: m + h };
}

/**
 * The cross-boundary study in one call: scale scores (with reliability), balance at baseline (the
 * pre-period score is always checked: the baseline gap is the selection question), and the naive,
 * adjusted and difference-in-differences estimates side by side — for all participants and by
 * programme kind (internal / external, self-nominated / appointed), each against all
 * non-participants — with a plain-language reading in Japanese and English and warnings when
 * balance fails, overlap is poor, groups are small or clusters are few. Groups of participants
 * smaller than the minimum group size are suppressed.
 * @example
 * const report = crossBoundaryReport(respondents, { seed: 1 });
 * report.readings.ja[0] // => "エンゲージメント: 越境経験者は事前に0.38 SD高かった。…"
 */
export function crossBoundaryReport(
  table: Table,
  { instrument = careerSurveyInstrument, treatment = "cross_boundary", covariates = ["generation", "job_type", "manager"], cluster = "company", minGroupSize = DEFAULT_MIN_GROUP_SIZE, draws = 999, seed = 1 }: {
    instrument?: Instrument; treatment?: string; covariates?: string[]; cluster?: string | null; minGroupSize?: number; draws?: number; seed?: number | string;
  } = {},
): CrossBoundaryReport {
  const { table: scored, reliability } = scoreScales(table, instrument);
  const scales = instrument.scales.map((s) => s.id).filter((s) => scored.columnNames().includes(`${s}_pre`) && scored.columnNames().includes(`${s}_post`));
  if (scales.length === 0) throw new KoeArgumentError("crossBoundaryReport: no scale has both pre and post items in the table");
  const tr = columnValues(scored, treatment, "crossBoundaryReport");
  const isT = (i: number) => tr[i] === true || tr[i] === 1;
  const isC = (i: number) => tr[i] === false || tr[i] === 0;
  const effects: EffectRow[] = [];
  const balance: Record<string, BalanceResult> = {};
  const prePost: CrossBoundaryReport["prePost"] = [];
  const readings = { ja: [] as string[], en: [] as string[] };
  const warnings: CrossBoundaryReport["warnings"] = [];
  const warn = (ja: string, en: string) => {
    if (!warnings.some((w) => w.en === en)) warnings.push({ ja, en });
  };
  const clusters = cluster ? new Set(Array.from(columnValues(scored, cluster, "crossBoundaryReport"))).size : 0;
  if (cluster && clusters < 30) warn(`クラスター（${cluster}）が${clusters}個と少ないため、区間はワイルドクラスターブートストラップも参照してください。`, `Only ${clusters} clusters (${cluster}): read the wild cluster bootstrap interval beside the cluster-robust one.`);
  for (const scale of scales) {
    const pre = `${scale}_pre`;
    const post = `${scale}_post`;
    const preV = columnValues(scored, pre);
    const postV = columnValues(scored, post);
    for (const [group, test] of [["participants", isT], ["nonParticipants", isC]] as const) {
      for (const [wave, values] of [["pre", preV], ["post", postV]] as const) {
        const xs: number[] = [];
        for (let i = 0; i < values.length; i++) if (test(i) && typeof values[i] === "number" && !Number.isNaN(values[i])) xs.push(values[i] as number);
        const small = xs.length < minGroupSize;
        const m = small || xs.length < 2 ? null : meanCi(xs);
        prePost.push({ scale, group, wave, mean: m?.mean ?? null, ciLow: m?.ciLow ?? null, ciHigh: m?.ciHigh ?? null, n: small ? null : xs.length, suppressed: small });
      }
    }
    for (const k of KINDS) {
      const kindV = k.column && scored.columnNames().includes(k.column) ? columnValues(scored, k.column) : null;
      if (k.column && !kindV) continue;
      const mask = Array.from({ length: scored.numRows() }, (_, i) => isC(i) || (isT(i) && (kindV === null || kindV[i] === k.value)));
      const sub = scored.assign({ __in: mask }).filter((d: { __in: boolean }) => d.__in).reify();
      const subTr = columnValues(sub, treatment);
      const nT = Array.from(subTr).filter((v) => v === true || v === 1).length;
      const nC = sub.numRows() - nT;
      const add = (method: EffectRow["method"], r: { estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null } | null) =>
        effects.push({ scale, kind: k.kind, method, estimate: r?.estimate ?? null, ciLow: r?.ciLow ?? null, ciHigh: r?.ciHigh ?? null, pValue: r?.pValue ?? null, nTreated: nT, nControl: nC, suppressed: r === null });
      if (nT < minGroupSize) {
        for (const m of ["difference", "regression", "matching", "weighting", "doubly-robust", "did"] as const) add(m, null);
        warn(`${KIND_JA[k.kind]}の越境経験者が${minGroupSize}人未満のため、推定を表示していません。`, `Fewer than ${minGroupSize} ${k.kind} participants: estimates suppressed.`);
        continue;
      }
      if (nT < 30) warn(`${KIND_JA[k.kind]}の越境経験者は${nT}人と少なく、推定は不安定です。`, `Only ${nT} ${k.kind} participants: estimates are imprecise.`);
      const covs = [pre, ...covariates.filter((c) => sub.columnNames().includes(c))];
      const opts = { outcome: post, treatment, covariates: covs, ...(cluster ? { cluster } : {}) };
      const safe = <T>(f: () => T): T | null => {
        try {
          return f();
        } catch {
          return null;
        }
      };
      const diff = safe(() => estimateEffect(sub, { ...opts, covariates: [], method: "difference" }));
      add("difference", diff);
      add("regression", safe(() => estimateEffect(sub, { ...opts, method: "regression" })));
      add("matching", safe(() => estimateEffect(sub, { ...opts, method: "matching" })));
      const w = safe(() => estimateEffect(sub, { ...opts, method: "weighting" }));
      add("weighting", w);
      add("doubly-robust", safe(() => estimateEffect(sub, { ...opts, method: "doubly-robust" })));
      const did = safe(() => differenceInDifferences(sub, { pre, post, treatment, ...(cluster ? { cluster } : {}), bootstrap: cluster ? { draws, seed, weights: "webb" } : false }));
      add("did", did);
      if (did?.wildBootstrap) add("wild-bootstrap", { estimate: did.estimate, ciLow: did.wildBootstrap.ciLow, ciHigh: did.wildBootstrap.ciHigh, pValue: did.wildBootstrap.pValue });
      if (k.kind === "all") {
        if (w) {
          balance[scale] = w.balance;
          if (w.balance.rows.some((r) => Math.abs(r.smdAdjusted ?? 0) > w.balance.threshold)) warn(`${SCALE_JA[scale] ?? scale}: 重み付け後も標準化平均差が0.1を超える共変量があります。`, `${scale}: some covariates stay imbalanced (|SMD| > 0.1) after weighting.`);
          const ps = w.propensity!;
          const extreme = Array.from(ps).filter((p) => p < 0.01 || p > 0.99).length / ps.length;
          if (extreme > 0.05) warn(`傾向スコアが0または1に近い人が${(extreme * 100).toFixed(0)}%おり、比較できる範囲（重なり）が狭くなっています。`, `${(extreme * 100).toFixed(0)}% of people have propensity scores near 0 or 1: poor overlap.`);
        }
        const gap = balanceTable(sub, { treatment, covariates: [pre], sd: "pooled" }).rows[0]!.smd;
        if (did) {
          readings.ja.push(
            `${SCALE_JA[scale] ?? scale}: 越境経験者は事前に${f2(gap)} SD${gap >= 0 ? "高かった" : "低かった"}。単純比較では事後の差は${f2(diff?.estimate ?? Number.NaN)}だが、差の差（DiD）で調整すると効果は${f2(did.estimate!)}（95%信頼区間 ${f2(did.ciLow!)}〜${f2(did.ciHigh!)}${did.wildBootstrap ? `、ワイルドクラスターブートストラップ ${f2(did.wildBootstrap.ciLow)}〜${f2(did.wildBootstrap.ciHigh)}` : ""}）。`,
          );
          readings.en.push(
            `${scale}: participants started ${f2(Math.abs(gap))} SD ${gap >= 0 ? "higher" : "lower"}. The naive post-period difference is ${f2(diff?.estimate ?? Number.NaN)}; after adjustment by difference-in-differences the effect is ${f2(did.estimate!)} (95% CI ${f2(did.ciLow!)} to ${f2(did.ciHigh!)}${did.wildBootstrap ? `; wild cluster bootstrap ${f2(did.wildBootstrap.ciLow)} to ${f2(did.wildBootstrap.ciHigh)}` : ""}).`,
          );
          if (did.note) warn(`${SCALE_JA[scale] ?? scale}: 変化量とANCOVAの推定が食い違っています（事前の差があるため、前提の違いが結果に現れています）。`, `${scale}: ${did.note}`);
        }
      }
    }
  }
  const result: CrossBoundaryReport = { reliability, effects, balance, prePost, readings, warnings, toTable: () => aq.from(effects) };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
