// The words formatResult prints around the numbers, in English (as R prints a test) and Japanese,
// and its one message. No computation here.
import { defineMessages, type Lang } from "../errors/catalogue.js";

/** Labels of the printed lines, by language. */
export const resultWords = {
  en: {
    df: "df",
    numDf: "num df",
    denomDf: "denom df",
    pValue: "p-value",
    alternative: { label: "alternative hypothesis", "two-sided": "two-sided", less: "less", greater: "greater" },
    confidence: (percent: string) => `${percent} percent confidence interval:`,
    estimates: "sample estimates:",
    meanOf: (x: string) => `mean of ${x}`,
    meanInGroup: (label: string) => `mean in group ${label}`,
    meanDifference: "mean difference",
    difference: "difference",
    estimate: "estimate",
    etaSquared: "eta squared",
    oddsRatio: "odds ratio",
    n: (n: string, parts: string | null, missing: string) => `n = ${n}${parts === null ? "" : ` (${parts})`}, missing = ${missing}`,
    treated: "treated",
    control: "control",
    matched: "matched pairs",
    clusters: "clusters",
    warning: "Warning:",
    coefficients: "Coefficients:",
    coefficientColumns: (stat: string) => ["Estimate", "Std. Error", `${stat} value`, `Pr(>|${stat}|)`],
    rSquared: (r2: string, adj: string) => `Multiple R-squared: ${r2}, Adjusted R-squared: ${adj}`,
    fTest: (f: string, df1: string, df2: string) => `F-statistic: ${f} on ${df1} and ${df2} DF`,
    likelihoodRatio: (chi: string, df: string) => `Likelihood-ratio chi-squared: ${chi} on ${df} DF`,
    yes: "TRUE",
    no: "FALSE",
  },
  ja: {
    df: "自由度",
    numDf: "分子自由度",
    denomDf: "分母自由度",
    pValue: "p値",
    alternative: { label: "対立仮説", "two-sided": "両側", less: "片側（小さい）", greater: "片側（大きい）" },
    confidence: (percent: string) => `${percent}% 信頼区間:`,
    estimates: "標本推定値:",
    meanOf: (x: string) => `${x} の平均`,
    meanInGroup: (label: string) => `「${label}」の平均`,
    meanDifference: "差の平均",
    difference: "差",
    estimate: "推定値",
    etaSquared: "η²",
    oddsRatio: "オッズ比",
    n: (n: string, parts: string | null, missing: string) => `n = ${n}${parts === null ? "" : `（${parts}）`}、欠測 = ${missing}`,
    treated: "参加",
    control: "非参加",
    matched: "マッチしたペア",
    clusters: "クラスター",
    warning: "注意:",
    coefficients: "係数:",
    coefficientColumns: (stat: string) => ["推定値", "標準誤差", `${stat} 値`, "p値"],
    rSquared: (r2: string, adj: string) => `決定係数 R² = ${r2}、自由度調整済み R² = ${adj}`,
    fTest: (f: string, df1: string, df2: string) => `F = ${f}（自由度 ${df1} と ${df2}）`,
    likelihoodRatio: (chi: string, df: string) => `尤度比カイ二乗 = ${chi}（自由度 ${df}）`,
    yes: "はい",
    no: "いいえ",
  },
} satisfies Record<Lang, unknown>;

/**
 * The statistic's name as R prints it, by the method's name (the names koe's estimators give, which
 * are R's): the first pattern that matches. Unknown methods print "statistic".
 */
export const STATISTIC_NAMES: readonly (readonly [RegExp, string])[] = [
  [/t-test|product-moment|^Regression adjustment|^Naive difference|propensity-score matching|^Inverse-probability weighting|^Doubly robust/, "t"],
  [/^Wilcoxon rank sum/, "W"],
  [/^Wilcoxon signed rank/, "V"],
  [/^McNemar's Chi-squared/, "McNemar's chi-squared"],
  [/Chi-squared test|equality of proportions|^Cramér's V/, "X-squared"],
  [/^Kruskal-Wallis/, "Kruskal-Wallis chi-squared"],
  [/analysis of variance|analysis of means/, "F"],
  [/^Spearman/, "S"],
  [/^Logistic regression/, "z"],
];

/** Japanese names of the methods koe's estimators name in English (R's names); others print as they are. */
export const METHOD_NAMES_JA: readonly (readonly [RegExp, string])[] = [
  [/^Welch Two Sample t-test$/, "Welch の2標本 t 検定"],
  [/^Two Sample t-test$/, "2標本 t 検定（等分散）"],
  [/^Paired t-test$/, "対応のある t 検定"],
  [/^One Sample t-test$/, "1標本 t 検定"],
  [/^Wilcoxon rank sum/, "Wilcoxon の順位和検定（Mann-Whitney）"],
  [/^Wilcoxon signed rank/, "Wilcoxon の符号付き順位検定"],
  [/^Pearson's Chi-squared test/, "Pearson のカイ二乗検定"],
  [/^One-way analysis of variance$/, "一元配置分散分析"],
  [/^One-way analysis of means \(not assuming equal variances\)$/, "Welch の一元配置分散分析"],
  [/^Kruskal-Wallis/, "Kruskal-Wallis 検定"],
  [/^Pearson's product-moment correlation$/, "Pearson の積率相関"],
  [/^Spearman's rank correlation/, "Spearman の順位相関"],
  [/^Kendall's rank correlation/, "Kendall の順位相関"],
  [/^Fisher's Exact Test/, "Fisher の正確検定"],
  [/^McNemar's Chi-squared test|^Exact McNemar/, "McNemar 検定"],
  [/equality of proportions/, "比率の差の検定"],
  [/^Linear regression/, "線形回帰"],
  [/^Logistic regression/, "ロジスティック回帰"],
  [/^Naive difference of means/, "単純な平均の差"],
  [/^Regression adjustment/, "回帰による調整"],
  [/propensity-score matching/, "傾向スコアマッチング"],
  [/^Inverse-probability weighting/, "逆確率重み付け"],
  [/^Doubly robust/, "二重頑健推定"],
];

export const resultMessages = defineMessages("formatResult", {
  notAResult: {
    en: (p: { got: string }) => `formatResult: expected a result of a koe estimator (an object with method and n, e.g. from welchTest), got ${p.got}`,
    ja: (p: { got: string }) => `formatResult: koe の推定関数の結果（method と n を持つオブジェクト、例えば welchTest の結果）が必要ですが、${p.got} が渡されました`,
  },
});
