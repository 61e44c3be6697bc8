// Numeric kernels on plain or typed arrays; every estimator returns the fixed-key result.
export { ESTIMATE_KEYS, type Alternative, type EstimateFields, type Result, type TidyTable } from "./result.js";
export type { NumericInput } from "./clean.js";
export {
  normalCdf, normalQuantile, tCdf, tQuantile, chiSquareCdf, chiSquareQuantile, fCdf, fQuantile,
  binomialCdf, binomialQuantile, hypergeometricCdf, type TailOptions,
} from "./distributions.js";
export { tukeyCdf, tukeyQuantile } from "./tukey-distribution.js";
export { describe, quantileSorted, type Description } from "./describe.js";
export { oneSampleTTest, welchTTest, studentTTest, pairedTTest, type TTestOptions, type TTestResult } from "./t-tests.js";
export { mannWhitneyU, wilcoxonSignedRank, type RankTestOptions, type RankTestResult } from "./rank-tests.js";
export { cohensD, hedgesG, type EffectSizeResult } from "./effect-sizes.js";
export { oneWayAnova, welchAnova, kruskalWallis, tukeyHsd, type AnovaResult, type TukeyRow } from "./anova.js";
export { chiSquareTest, cramersV, type ChiSquareResult } from "./chi-square.js";
export { fisherExact, type FisherResult } from "./fisher.js";
export { oddsRatio } from "./odds-ratio.js";
export { mcnemarTest } from "./mcnemar.js";
export { proportionInterval, PROPORTION_METHODS, type ProportionMethod } from "./proportions.js";
export { proportionsTest } from "./proportions-test.js";
export { pearson, spearman, kendall, correlationMatrix, type CorrelationOptions } from "./correlation.js";
export { cohensKappa, fleissKappa, krippendorffAlpha, type AlphaLevel, type KappaResult } from "./agreement.js";
export { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from "./p-adjust.js";
export { bootstrap, bootstrapWeighted, permutationTest, type BootstrapOptions, type BootstrapResult } from "./bootstrap.js";
export { noncentralTCdf } from "./noncentral-t.js";
export { testPower, detectableEffect, requiredSampleSize, POWER_ALTERNATIVES, POWER_KEYS, type PowerAlternative, type PowerFields, type PowerResult, type TestPowerOptions, type DetectableEffectOptions, type RequiredSampleSizeOptions } from "./power.js";
export { surveySampleSize, surveyMarginOfError, SURVEY_SIZE_KEYS, type SurveySizeFields, type SurveySizeResult, type SurveySampleSizeOptions, type SurveyMarginOfErrorOptions } from "./survey-size.js";
