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
  "weighting-cluster": { ja: "重み付け（会社を傾向スコアのモデルに含む）", en: "weighting, company in the propensity model" },
  "doubly-robust-cluster": { ja: "二重頑健（会社をモデルに含む）", en: "doubly robust, company in the models" },
  bracket: { ja: "DiDとANCOVAの範囲", en: "DiD–ANCOVA bracket" },
  did: { ja: "差の差 (DiD)", en: "difference-in-differences" },
  ancova: { ja: "ANCOVA（事前得点で調整）", en: "ANCOVA (adjusted for the pre score)" },
  "ancova-reliability": { ja: "信頼性で補正したANCOVA", en: "reliability-corrected ANCOVA" },
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
  noDegreesOfFreedom: {
    ja: "クラスター頑健な標準誤差の自由度が求まりません（重みが少数の会社に集中しています）",
    en: "the cluster-robust error has no usable degrees of freedom (the weights sit in a few companies)",
  },
  other: { ja: "このデータでは推定できません", en: "the estimator cannot run on these data" },
};
/** The reasons an `estimateFailed` note can give. */
export type FailureReason = keyof typeof REASON;

const f2 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(2));
const f3 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(3));
/** The multiplicity adjustments as a reader says them. */
const ADJUSTMENTS: Readonly<Record<string, Localized>> = {
  BH: { ja: "Benjamini–Hochberg法（偽発見率）", en: "Benjamini–Hochberg (false discovery rate)" },
  BY: { ja: "Benjamini–Yekutieli法（偽発見率）", en: "Benjamini–Yekutieli (false discovery rate)" },
  holm: { ja: "Holm法", en: "Holm" },
  hochberg: { ja: "Hochberg法", en: "Hochberg" },
  bonferroni: { ja: "Bonferroni法", en: "Bonferroni" },
  none: { ja: "調整なし", en: "no adjustment" },
};
const adjustName = (id: string, lang: "ja" | "en") => ADJUSTMENTS[id]?.[lang] ?? id;
type Reading = {
  column: string | null; gap: number; gapSd: number | null; naiveDifference: number | null; did: number | null; ancova: number | null; didSd: number | null; ancovaSd: number | null;
  doublyRobust: number | null; ciLow: number | null; ciHigh: number | null; wildLow: number | null; wildHigh: number | null;
};
type Contrast = { contrast: string; aLabel: Localized; bLabel: Localized; estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null };
const method = (id: string, lang: "ja" | "en") => EFFECT_METHOD_LABELS[id]?.[lang] ?? id;

export const crossBoundaryMessages = defineMessages("crossBoundary", {
  // Arguments (the user's input): KoeArgumentError.
  noScales: {
    en: (p: Fn & { scales: string[] }) => `${p.fn}: no scale has both pre and post scores in the table (scales of the instrument: ${list(p.scales)})`,
    ja: (p: Fn & { scales: string[] }) => `${p.fn}: 事前と事後の両方の得点がそろった尺度が表にありません（調査票の尺度: ${listJa(p.scales)}）`,
  },
  // Findings.
  reading: {
    en: (p: Scale & Reading) =>
      `${p.scaleLabel.en}: participants started ${f2(Math.abs(p.gap))} points (${f2(p.gapSd === null ? null : Math.abs(p.gapSd))} SD) ${p.gap >= 0 ? "higher" : "lower"}, and the naive post-period difference is ${f2(p.naiveDifference)}. ` +
      `Primary estimate: because participants were selected on their baseline, difference-in-differences (${f2(p.did)}, ${f2(p.didSd)} SD) and ANCOVA on the pre score (${f2(p.ancova)}, ${f2(p.ancovaSd)} SD) bracket the effect (Lord's paradox); ` +
      `95% interval of the bracket ${f2(p.ciLow)} to ${f2(p.ciHigh)} (${p.column === null ? "errors by person" : `CR2 by ${p.column}`}); doubly robust ${f2(p.doublyRobust)}` +
      `${p.wildLow === null ? "" : `; wild cluster bootstrap ${f2(p.wildLow)} to ${f2(p.wildHigh)}`}. The other estimators are sensitivity analyses.`,
    ja: (p: Scale & Reading) =>
      `${p.scaleLabel.ja}: 越境経験者は事前に${f2(Math.abs(p.gap))}点（${f2(p.gapSd === null ? null : Math.abs(p.gapSd))} SD）${p.gap >= 0 ? "高かった" : "低かった"}。単純比較では事後の差は${f2(p.naiveDifference)}。` +
      `主な推定: 参加者は事前の得点で選ばれているため、差の差（DiD: ${f2(p.did)}、${f2(p.didSd)} SD）と事前得点で調整したANCOVA（${f2(p.ancova)}、${f2(p.ancovaSd)} SD）が効果をはさむ（ロードのパラドックス）。` +
      `範囲の95%信頼区間は${f2(p.ciLow)}〜${f2(p.ciHigh)}（${p.column === null ? "個人単位の標準誤差" : `${p.column}単位のCR2`}）、二重頑健推定は${f2(p.doublyRobust)}` +
      `${p.wildLow === null ? "" : `、ワイルドクラスターブートストラップ ${f2(p.wildLow)}〜${f2(p.wildHigh)}`}。ほかの推定は感度分析です。`,
  },
  lordsParadox: {
    en: (p: Scale & { slope: number; gap: number; difference: number }) =>
      `${p.scaleLabel.en}: ANCOVA − difference-in-differences = (1 − slope of post on pre) × baseline gap = (1 − ${f3(p.slope)}) × ${f3(p.gap)} = ${f3(p.difference)}, by construction. ` +
      `The two differ because they assume different things (parallel trends; a common regression to the mean), not by chance: their difference is not a test, and their intervals are not independent.`,
    ja: (p: Scale & { slope: number; gap: number; difference: number }) =>
      `${p.scaleLabel.ja}: ANCOVA − 差の差 ＝（1 − 事後の事前への傾き）× 事前の差 ＝（1 − ${f3(p.slope)}）× ${f3(p.gap)} ＝ ${f3(p.difference)}で、これは式の上で必ず成り立ちます。` +
      `両者の違いは偶然ではなく前提の違い（平行トレンドか、共通の平均への回帰か）によるもので、検定ではなく、二つの区間も独立ではありません。`,
  },
  estimands: {
    en: (p: Scale & { column: string; pooled: number; byCompany: number; gap: number; gapWithin: number | null }) =>
      `${p.scaleLabel.en}, before: the mean is ${f3(p.pooled)} with each employee counted once and ${f3(p.byCompany)} with each ${p.column} counted once (the mean of the ${p.column} means); ` +
      `the baseline gap is ${f3(p.gap)} pooled and ${f3(p.gapWithin)} within ${p.column} (participants against non-participants of the same ${p.column}). Intervals are cluster-robust by ${p.column} (CR2, Satterthwaite df).`,
    ja: (p: Scale & { column: string; pooled: number; byCompany: number; gap: number; gapWithin: number | null }) =>
      `${p.scaleLabel.ja}（事前）: 平均は、社員を1人1票とすると${f3(p.pooled)}、${p.column}を1社1票（${p.column}ごとの平均の平均）とすると${f3(p.byCompany)}。` +
      `事前の差は全体で${f3(p.gap)}、同じ${p.column}の中で比べると${f3(p.gapWithin)}。区間は${p.column}単位のクラスター頑健（CR2、Satterthwaiteの自由度）です。`,
  },
  kindEffect: {
    en: (p: Scale & Kind & { did: number | null; ancova: number | null; ciLow: number | null; ciHigh: number | null }) =>
      `${p.scaleLabel.en}, ${p.kindLabel.en}: difference-in-differences ${f2(p.did)}, ANCOVA ${f2(p.ancova)} (95% interval of the bracket ${f2(p.ciLow)} to ${f2(p.ciHigh)}) against all non-participants.`,
    ja: (p: Scale & Kind & { did: number | null; ancova: number | null; ciLow: number | null; ciHigh: number | null }) =>
      `${p.scaleLabel.ja}・${p.kindLabel.ja}: 非経験者全体と比べた差の差は${f2(p.did)}、ANCOVAは${f2(p.ancova)}（範囲の95%信頼区間 ${f2(p.ciLow)}〜${f2(p.ciHigh)}）。`,
  },
  kindContrast: {
    en: (p: Scale & Contrast) =>
      `${p.scaleLabel.en}: ${p.bLabel.en} minus ${p.aLabel.en}, tested directly (the difference of their difference-in-differences): ${f2(p.estimate)} (95% CI ${f2(p.ciLow)} to ${f2(p.ciHigh)}, p = ${f3(p.pValue)} before adjustment). ` +
      `Whether each effect is significant on its own says nothing about their difference.`,
    ja: (p: Scale & Contrast) =>
      `${p.scaleLabel.ja}: ${p.bLabel.ja}と${p.aLabel.ja}の効果の差（差の差どうしの差）を直接検定すると${f2(p.estimate)}（95%信頼区間 ${f2(p.ciLow)}〜${f2(p.ciHigh)}、調整前の p = ${f3(p.pValue)}）。` +
      `それぞれが有意かどうかを並べても、差についてはわかりません。`,
  },
  multiplicity: {
    en: (p: { method: string; primary: number; sensitivity: number }) =>
      `p-values are adjusted for multiplicity (pAdjusted) by ${adjustName(p.method, "en")} within two families: the primary estimates and direct contrasts (${p.primary} tests) and the sensitivity analyses (${p.sensitivity} tests).`,
    ja: (p: { method: string; primary: number; sensitivity: number }) =>
      `p値は多重比較のため${adjustName(p.method, "ja")}で調整しています（pAdjusted）。主な推定と直接の比較（${p.primary}件）、感度分析（${p.sensitivity}件）のそれぞれの中で調整しました。`,
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
  matchingUnmatched: {
    en: (p: Scale & Kind & { caliper: number }) =>
      `${p.scaleLabel.en}, ${p.kindLabel.en}: some participants found no non-participant of their own company within the caliper (${p.caliper} SD of the logit of the propensity score); the matching estimate (a sensitivity analysis) is the effect on the matched participants.`,
    ja: (p: Scale & Kind & { caliper: number }) =>
      `${p.scaleLabel.ja}・${p.kindLabel.ja}: 同じ会社の中でキャリパー（傾向スコアのロジットの${p.caliper} SD）以内に比較相手がいない越境経験者がいるため、マッチングの推定（感度分析）はマッチできた人についての効果です。`,
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
});
