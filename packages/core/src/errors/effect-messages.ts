// Messages of the regression and effect estimators (ols, logisticRegression, designMatrix,
// estimateEffect, balanceTable, differenceInDifferences, wildClusterBootstrap), in Japanese and
// English. The cross-boundary study's own notes are in cross-boundary-messages.ts.
import { defineMessages, list, listJa, q } from "./catalogue.js";

type Fn = { fn: string };
/** What a yes/no (treatment) column holds among the rows considered. */
type Holds = { column: string; treated: number; control: number; missing: number };
/** Rows left out for a missing value, per column. */
type MissingCounts = { column: string; rows: number }[];

const missingEn = (c: MissingCounts) => (c.length === 0 ? "" : `; rows left out for a missing value: ${c.map((x) => `${q(x.column)} ${x.rows}`).join(", ")}`);
const missingJa = (c: MissingCounts) => (c.length === 0 ? "" : `。値が欠けているため除いた行: ${c.map((x) => `「${x.column}」${x.rows}行`).join("、")}`);
const holdsEn = (h: Holds) => `column ${q(h.column)} holds ${h.treated} yes, ${h.control} no${h.missing > 0 ? ` and ${h.missing} blank` : ""}`;
const holdsJa = (h: Holds) => `列「${h.column}」は「はい」${h.treated}行、「いいえ」${h.control}行${h.missing > 0 ? `、空欄${h.missing}行` : ""}です`;

export const effectMessages = defineMessages("effect", {
  // Arguments (the user's input): KoeArgumentError.
  needsCovariates: {
    en: (p: Fn & { method: string }) => `${p.fn}: method ${q(p.method)} needs covariates for the propensity score (pass covariates: ["…"])`,
    ja: (p: Fn & { method: string }) => `${p.fn}: 方法「${p.method}」には傾向スコアのための共変量が必要です（covariates: ["…"] を指定してください）`,
  },
  attOnly: {
    en: (p: Fn & { method: string }) =>
      `${p.fn}: method ${q(p.method)} estimates the ATT only (each participant is given a comparable non-participant); for the ATE use method "regression", "weighting" or "doubly-robust"`,
    ja: (p: Fn & { method: string }) =>
      `${p.fn}: 方法「${p.method}」で推定できるのは ATT（参加者にとっての効果）だけです（参加者一人ひとりに似た非参加者を対応させるため）。ATE には method "regression"・"weighting"・"doubly-robust" を使ってください`,
  },
  noCovariates: {
    en: (p: Fn) => `${p.fn}: give at least one covariate (covariates: ["…"])`,
    ja: (p: Fn) => `${p.fn}: 共変量を少なくとも一つ指定してください（covariates: ["…"]）`,
  },
  lengthMismatch: {
    en: (p: Fn & { option: string; got: number; rows: number }) => `${p.fn}: option ${p.option} has ${p.got} values for a table of ${p.rows} rows`,
    ja: (p: Fn & { option: string; got: number; rows: number }) => `${p.fn}: オプション ${p.option} の値が${p.got}個ありますが、表は${p.rows}行です`,
  },
  negativeWeight: {
    en: (p: Fn & { column: string; row: number; value: number }) => `${p.fn}: weights must be zero or positive (column ${q(p.column)}, table row ${p.row}: ${p.value})`,
    ja: (p: Fn & { column: string; row: number; value: number }) => `${p.fn}: 重みは0以上の数です（列「${p.column}」、表の${p.row}行目: ${p.value}）`,
  },
  matchingOnly: {
    en: (p: Fn & { option: string; method: string }) => `${p.fn}: option ${p.option} applies to method "matching" only (got method ${q(p.method)})`,
    ja: (p: Fn & { option: string; method: string }) => `${p.fn}: オプション ${p.option} は method "matching" でだけ使えます（method は「${p.method}」です）`,
  },
  adjustNotHere: {
    en: (p: Fn & { method: string }) => `${p.fn}: option adjust applies to methods "matching", "weighting" and "doubly-robust" (method ${q(p.method)} adjusts by its own model)`,
    ja: (p: Fn & { method: string }) => `${p.fn}: オプション adjust は method "matching"・"weighting"・"doubly-robust" でだけ使えます（方法「${p.method}」は自身のモデルで調整します）`,
  },
  propensityNotHere: {
    en: (p: Fn & { method: string }) => `${p.fn}: option propensity applies to methods "matching", "weighting" and "doubly-robust" (method ${q(p.method)} uses no propensity score)`,
    ja: (p: Fn & { method: string }) => `${p.fn}: オプション propensity は method "matching"・"weighting"・"doubly-robust" でだけ使えます（方法「${p.method}」は傾向スコアを使いません）`,
  },
  propensityRange: {
    en: (p: Fn & { row: number; value: number }) => `${p.fn}: propensity scores must lie strictly between 0 and 1 (table row ${p.row}: ${p.value})`,
    ja: (p: Fn & { row: number; value: number }) => `${p.fn}: 傾向スコアは0より大きく1より小さい数です（表の${p.row}行目: ${p.value}）`,
  },
  adjustNotCovariate: {
    en: (p: Fn & { column: string; covariates: string[] }) => `${p.fn}: adjust names column ${q(p.column)}, which is neither a covariate (${list(p.covariates, 20)}) nor the exact column; add it to covariates`,
    ja: (p: Fn & { column: string; covariates: string[] }) => `${p.fn}: adjust に指定した列「${p.column}」は共変量（${listJa(p.covariates, 20)}）でも exact の列でもありません。covariates に加えてください`,
  },
  // Estimation failures on the data given (a KoeError that is not an argument error): a study records them as "failed".
  tooFewGroups: {
    en: (p: Fn & Holds & { needed: number; left: MissingCounts }) =>
      `${p.fn} needs at least ${p.needed} treated and ${p.needed} untreated rows with every column used; ${holdsEn(p)}${missingEn(p.left)}`,
    ja: (p: Fn & Holds & { needed: number; left: MissingCounts }) =>
      `${p.fn}: 使う列がすべてそろった行が、参加（はい）・非参加（いいえ）それぞれ少なくとも${p.needed}行必要です。${holdsJa(p)}${missingJa(p.left)}`,
  },
  tooFewRows: {
    en: (p: Fn & { n: number; p: number }) => `${p.fn}: ${p.n} complete rows for ${p.p} coefficients; a model needs more rows than coefficients`,
    ja: (p: Fn & { n: number; p: number }) => `${p.fn}: 欠けのない行が${p.n}行しかなく、係数${p.p}個を推定できません（行数が係数の数より多い必要があります）`,
  },
  tooFewMatched: {
    en: (p: Fn & { matched: number; caliper: number | null }) => `${p.fn}: only ${p.matched} participants could be matched${p.caliper === null ? "" : ` within the caliper of ${p.caliper} SD`}; at least 2 pairs are needed`,
    ja: (p: Fn & { matched: number; caliper: number | null }) => `${p.fn}: ${p.caliper === null ? "" : `キャリパー ${p.caliper} SD の範囲で`}マッチングできた参加者が${p.matched}人しかいません（少なくとも2組必要です）`,
  },
  singular: {
    en: (p: Fn & { term: string; terms: string[] }) =>
      `${p.fn}: term ${q(p.term)} is constant or a combination of the other terms (${list(p.terms, 20)}), so its effect cannot be told apart; remove it or merge its levels`,
    ja: (p: Fn & { term: string; terms: string[] }) =>
      `${p.fn}: 項「${p.term}」が一定か、ほかの項（${listJa(p.terms, 20)}）の組み合わせになっているため、効果を区別できません。その項を除くか、水準をまとめてください`,
  },
  separation: {
    en: (p: Fn & { outcome: string; predictors: string[]; rows: number; n: number }) =>
      `${p.fn}: perfect (or quasi-complete) separation — the predictors (${list(p.predictors, 20)}) predict ${q(p.outcome)} exactly for ${p.rows} of ${p.n} rows, so the estimates run to infinity; remove or merge the predictor that separates`,
    ja: (p: Fn & { outcome: string; predictors: string[]; rows: number; n: number }) =>
      `${p.fn}: 完全分離（または準完全分離）です。説明変数（${listJa(p.predictors, 20)}）が${p.n}行のうち${p.rows}行で「${p.outcome}」を完全に言い当てるため、推定値が無限大に発散します。分離を起こしている説明変数を除くか、水準をまとめてください`,
  },
  notConverged: {
    en: (p: Fn & { iterations: number; deviance: number }) => `${p.fn}: the fit did not converge in ${p.iterations} iterations (deviance ${p.deviance.toFixed(6)}); check for separation or collinearity`,
    ja: (p: Fn & { iterations: number; deviance: number }) => `${p.fn}: ${p.iterations}回の反復で収束しませんでした（逸脱度 ${p.deviance.toFixed(6)}）。分離や多重共線性がないか確かめてください`,
  },
  tooFewClusters: {
    en: (p: Fn & { column: string; found: number }) => `${p.fn}: cluster-robust errors need at least 2 clusters in column ${q(p.column)} (found ${p.found})`,
    ja: (p: Fn & { column: string; found: number }) => `${p.fn}: クラスター頑健な標準誤差には、列「${p.column}」に少なくとも2つのクラスターが必要です（${p.found}つ）`,
  },
  // Warnings of one estimator.
  trimmed: {
    en: (p: Fn & { trim: number; rows: number; n: number }) => `${p.fn}: the propensity scores of ${p.rows} of ${p.n} rows were clipped to [${p.trim}, ${1 - p.trim}] (trim: ${p.trim}); the estimate is not the untrimmed one R's weighting gives`,
    ja: (p: Fn & { trim: number; rows: number; n: number }) => `${p.fn}: ${p.n}行のうち${p.rows}行の傾向スコアを [${p.trim}, ${1 - p.trim}] に切り詰めました（trim: ${p.trim}）。R の通常の重み付け（切り詰めなし）とは異なる推定値です`,
  },
  unmatched: {
    en: (p: Fn & { unmatched: number; treated: number; exact: string | null; caliper: number | null }) =>
      `${p.fn}: ${p.unmatched} of ${p.treated} participants found no control${p.exact === null ? "" : ` in their own ${q(p.exact)}`}${p.caliper === null ? "" : ` within the caliper of ${p.caliper} SD`}; the estimate is the effect on the ${p.treated - p.unmatched} matched participants`,
    ja: (p: Fn & { unmatched: number; treated: number; exact: string | null; caliper: number | null }) =>
      `${p.fn}: 参加者${p.treated}人のうち${p.unmatched}人は${p.exact === null ? "" : `同じ「${p.exact}」の中に`}${p.caliper === null ? "" : `キャリパー ${p.caliper} SD の範囲で`}対応する非参加者が見つかりませんでした。推定値はマッチングできた${p.treated - p.unmatched}人にとっての効果です`,
  },
  naiveDifference: {
    en: (p: Fn & { estimand: string }) => `${p.fn}: the naive difference adjusts for nothing; it is the ${p.estimand} (and the same number for ATT and ATE) only if taking part was as good as random`,
    ja: (p: Fn & { estimand: string }) => `${p.fn}: 単純比較は何も調整していません。参加が無作為に近い場合にだけ ${p.estimand} と読めます（ATT と ATE は同じ値です）`,
  },
  changeScoreVsAncova: {
    en: (p: Fn & { changeScore: number; ancova: number; slope: number; baselineGap: number }) =>
      `${p.fn}: the groups differ at baseline (gap ${p.baselineGap.toFixed(3)}), so the change score (${p.changeScore.toFixed(3)}) and ANCOVA (${p.ancova.toFixed(3)}) differ by construction: ANCOVA − change score = (1 − slope of post on pre) × baseline gap = (1 − ${p.slope.toFixed(3)}) × ${p.baselineGap.toFixed(3)} = ${(p.ancova - p.changeScore).toFixed(3)}. This is not a test of either: the change score assumes parallel trends, ANCOVA a common regression to the mean; with people selected on their baseline the two bracket the effect (Lord's paradox)`,
    ja: (p: Fn & { changeScore: number; ancova: number; slope: number; baselineGap: number }) =>
      `${p.fn}: 事前に群の差（${p.baselineGap.toFixed(3)}）があるため、変化量（${p.changeScore.toFixed(3)}）と ANCOVA（${p.ancova.toFixed(3)}）は構造上食い違います: ANCOVA − 変化量 = (1 − 事後の事前への傾き) × 事前の差 = (1 − ${p.slope.toFixed(3)}) × ${p.baselineGap.toFixed(3)} = ${(p.ancova - p.changeScore).toFixed(3)}。どちらかの検定ではありません。変化量は平行トレンドを、ANCOVA は共通の平均への回帰を仮定し、事前の値で選ばれた参加者では二つが効果を挟みます（ロードのパラドックス）`,
  },
});
