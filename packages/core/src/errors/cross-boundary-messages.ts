// The cross-boundary study's words: its argument errors, and its findings and warnings (notes kept
// as data `{ code, params }` in the report and worded here, in Japanese and English, by present/).
// Labels of scales and programme kinds arrive in the params (`scaleLabel`, `kindLabel`, from the
// instrument and the model's vocabularies); no note names a group's size unless that group is
// shown, and every note about a group carries it in `params.groups`, so the report's edge
// withholds the note when the group is hidden.
import { defineMessages, list, listJa, type Localized } from "./catalogue.js";

type Fn = { fn: string };
type Scale = { scale: string; scaleLabel: Localized };
type Kind = { kind: string; kindLabel: Localized };

/** The label of the "all participants" row of the study's tables (the other kinds are the model's). */
export const ALL_PARTICIPANTS: Localized = { ja: "越境経験者全体", en: "All participants" };

/** The estimators of the study's `effects` table, as a reader says them. */
export const EFFECT_METHOD_LABELS: Readonly<Record<string, Localized>> = {
  difference: { ja: "単純比較", en: "naive difference" },
  regression: { ja: "回帰調整", en: "regression adjustment" },
  matching: { ja: "マッチング", en: "matching" },
  weighting: { ja: "重み付け", en: "weighting" },
  "doubly-robust": { ja: "二重頑健", en: "doubly robust" },
  did: { ja: "差の差 (DiD)", en: "difference-in-differences" },
  "wild-bootstrap": { ja: "ワイルドクラスターブートストラップ", en: "wild cluster bootstrap" },
  balance: { ja: "バランス", en: "balance" },
};

/** Why an estimator could not run, without any count (the counts could describe a hidden group). */
const REASON: Record<string, Localized> = {
  separation: { ja: "傾向スコアのモデルで完全分離が起きました（ある共変量が参加の有無を言い当てます）", en: "the propensity model separates perfectly (a covariate predicts taking part)" },
  collinear: { ja: "共変量が一定か、ほかの共変量の組み合わせになっています", en: "a covariate is constant or a combination of the others" },
  tooFewMatched: { ja: "マッチングできた組が足りません", en: "too few participants could be matched" },
  notConverged: { ja: "モデルの推定が収束しませんでした", en: "the model did not converge" },
  tooFewClusters: { ja: "クラスターが足りません", en: "too few clusters" },
  tooFewRows: { ja: "比較に使える行が足りません", en: "too few rows to compare" },
  other: { ja: "このデータでは推定できません", en: "the estimator cannot run on these data" },
};
/** The reasons an `estimateFailed` note can give. */
export type FailureReason = keyof typeof REASON;

const f2 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(2));
const method = (id: string, lang: "ja" | "en") => EFFECT_METHOD_LABELS[id]?.[lang] ?? id;

export const crossBoundaryMessages = defineMessages("crossBoundary", {
  // Arguments (the user's input): KoeArgumentError.
  noScales: {
    en: (p: Fn & { scales: string[] }) => `${p.fn}: no scale has both pre and post scores in the table (scales of the instrument: ${list(p.scales)})`,
    ja: (p: Fn & { scales: string[] }) => `${p.fn}: 事前と事後の両方の得点がそろった尺度が表にありません（調査票の尺度: ${listJa(p.scales)}）`,
  },
  // Findings.
  reading: {
    en: (p: Scale & { gapSd: number; naiveDifference: number | null; did: number | null; ciLow: number | null; ciHigh: number | null; wildLow: number | null; wildHigh: number | null }) =>
      `${p.scaleLabel.en}: participants started ${f2(Math.abs(p.gapSd))} SD ${p.gapSd >= 0 ? "higher" : "lower"}. The naive post-period difference is ${f2(p.naiveDifference)}; after adjustment by difference-in-differences the effect is ${f2(p.did)} (95% CI ${f2(p.ciLow)} to ${f2(p.ciHigh)}${p.wildLow === null ? "" : `; wild cluster bootstrap ${f2(p.wildLow)} to ${f2(p.wildHigh)}`}).`,
    ja: (p: Scale & { gapSd: number; naiveDifference: number | null; did: number | null; ciLow: number | null; ciHigh: number | null; wildLow: number | null; wildHigh: number | null }) =>
      `${p.scaleLabel.ja}: 越境経験者は事前に${f2(Math.abs(p.gapSd))} SD${p.gapSd >= 0 ? "高かった" : "低かった"}。単純比較では事後の差は${f2(p.naiveDifference)}だが、差の差（DiD）で調整すると効果は${f2(p.did)}（95%信頼区間 ${f2(p.ciLow)}〜${f2(p.ciHigh)}${p.wildLow === null ? "" : `、ワイルドクラスターブートストラップ ${f2(p.wildLow)}〜${f2(p.wildHigh)}`}）。`,
  },
  kindEffect: {
    en: (p: Scale & Kind & { did: number | null; ciLow: number | null; ciHigh: number | null }) => `${p.scaleLabel.en}, ${p.kindLabel.en}: difference-in-differences ${f2(p.did)} (95% CI ${f2(p.ciLow)} to ${f2(p.ciHigh)}) against all non-participants.`,
    ja: (p: Scale & Kind & { did: number | null; ciLow: number | null; ciHigh: number | null }) => `${p.scaleLabel.ja}・${p.kindLabel.ja}: 非経験者全体と比べた差の差は${f2(p.did)}（95%信頼区間 ${f2(p.ciLow)}〜${f2(p.ciHigh)}）。`,
  },
  // Warnings.
  fewClusters: {
    en: (p: { column: string; clusters: number }) => `Only ${p.clusters} clusters (${p.column}): read the wild cluster bootstrap interval beside the cluster-robust one.`,
    ja: (p: { column: string; clusters: number }) => `クラスター（${p.column}）が${p.clusters}個と少ないため、区間はワイルドクラスターブートストラップも参照してください。`,
  },
  noClusterColumn: {
    en: (p: { column: string }) => `No column "${p.column}" for clusters: standard errors are by person; pass cluster: null to say so, or the column that groups people.`,
    ja: (p: { column: string }) => `クラスターの列「${p.column}」がないため、標準誤差は個人単位です（cluster: null で明示するか、人をまとめる列を指定してください）。`,
  },
  defaultCovariatesAbsent: {
    en: (p: { covariates: string[] }) => `The default covariates ${list(p.covariates)} are not in the table; the adjusted estimates do not control for them.`,
    ja: (p: { covariates: string[] }) => `既定の共変量 ${listJa(p.covariates)} が表にないため、調整した推定はこれらを考慮していません。`,
  },
  rowsLeftOut: {
    en: (p: { rows: number; rowsUsed: number }) => `${p.rows - p.rowsUsed} of ${p.rows} rows lack the treatment, a score, a covariate or the cluster and are left out of every table, so that all tables describe the same people.`,
    ja: (p: { rows: number; rowsUsed: number }) => `${p.rows}行のうち${p.rows - p.rowsUsed}行は、参加の有無・得点・共変量・クラスターのいずれかが欠けているため、すべての表から除きました（どの表も同じ人々についての数値になるように）。`,
  },
  smallGroup: {
    en: (p: Kind & { n: number }) => `${p.kindLabel.en}: only ${p.n} participants, so the estimates are imprecise.`,
    ja: (p: Kind & { n: number }) => `${p.kindLabel.ja}: 越境経験者が${p.n}人と少なく、推定は不安定です。`,
  },
  notCompared: {
    en: (p: Scale & Kind & { none: "participants" | "nonParticipants" }) => `${p.scaleLabel.en}, ${p.kindLabel.en}: not estimated — there are no ${p.none === "participants" ? "participants" : "non-participants"} to compare.`,
    ja: (p: Scale & Kind & { none: "participants" | "nonParticipants" }) => `${p.scaleLabel.ja}・${p.kindLabel.ja}: 比較する${p.none === "participants" ? "越境経験者" : "非経験者"}がいないため、推定していません。`,
  },
  estimateFailed: {
    en: (p: Scale & Kind & { method: string; reason: FailureReason }) => `${p.scaleLabel.en}, ${p.kindLabel.en}, ${method(p.method, "en")}: not estimated — ${(REASON[p.reason] ?? REASON.other!).en}.`,
    ja: (p: Scale & Kind & { method: string; reason: FailureReason }) => `${p.scaleLabel.ja}・${p.kindLabel.ja}・${method(p.method, "ja")}: 推定できませんでした（${(REASON[p.reason] ?? REASON.other!).ja}）。`,
  },
  imbalancedAfterWeighting: {
    en: (p: Scale & { covariate: string; levels: string[]; threshold: number }) =>
      `${p.scaleLabel.en}: ${p.levels.length === 0 ? `"${p.covariate}"` : `"${p.covariate}" (${list(p.levels)})`} stays imbalanced after weighting (|SMD| > ${p.threshold}).`,
    ja: (p: Scale & { covariate: string; levels: string[]; threshold: number }) =>
      `${p.scaleLabel.ja}: 重み付け後も「${p.covariate}」${p.levels.length === 0 ? "" : `（${listJa(p.levels)}）`}の標準化平均差が${p.threshold}を超えています。`,
  },
  poorOverlap: {
    en: (p: Scale & { percent: number | null }) =>
      `${p.scaleLabel.en}: ${p.percent === null ? "some people have" : `${p.percent}% of people have`} propensity scores near 0 or 1 (below 0.01 or above 0.99): poor overlap.`,
    ja: (p: Scale & { percent: number | null }) =>
      `${p.scaleLabel.ja}: 傾向スコアが0または1に近い（0.01未満・0.99超）人が${p.percent === null ? "" : `${p.percent}%`}おり、比較できる範囲（重なり）が狭くなっています。`,
  },
  changeScoreAncova: {
    en: (p: Scale & { changeScore: number; ancova: number }) =>
      `${p.scaleLabel.en}: the change-score (${p.changeScore.toFixed(3)}) and ANCOVA (${p.ancova.toFixed(3)}) estimates differ by more than their standard errors: the groups differ at baseline, and the two rest on different assumptions (parallel trends vs. a common regression to the mean).`,
    ja: (p: Scale & { changeScore: number; ancova: number }) =>
      `${p.scaleLabel.ja}: 変化量（${p.changeScore.toFixed(3)}）とANCOVA（${p.ancova.toFixed(3)}）の推定が標準誤差を超えて食い違っています（事前の差があるため、平行トレンドと平均への回帰という前提の違いが結果に現れています）。`,
  },
});
