// Table-level estimators: a table plus column names in, fixed-key results and tidy tables out.
export { designMatrix, codeColumn, type DesignMatrix, type DesignMatrixOptions, type CodedColumn } from "./design-matrix.js";
export { ols, logisticRegression, type Coefficient, type ModelResult, type OlsResult, type LogisticResult, type VcovType, type OlsOptions, type LogisticOptions } from "./regression.js";
export { type ClusterTest, FEW_DF, FEW_EFFECTIVE_CLUSTERS } from "./regression.js";
export { cronbachAlpha, mcdonaldsOmega, reliabilityTable, CronbachAlphaOptions, McdonaldsOmegaOptions, type AlphaResult, type OmegaResult, type ItemStat } from "./reliability.js";
export {
  welchTest, studentTest, pairedTest, mannWhitneyTest, standardizedDifference, groupsTest, correlationTest, crossTab, independenceTest,
  TwoGroupOptions, TTestTableOptions, RankTestTableOptions, StandardizedDifferenceOptions, GroupsTestOptions, PairedTestOptions, CorrelationTestOptions,
  CrossTabOptions, IndependenceTestOptions, type GroupSummary, type GroupedResult, type CrossTab,
} from "./group-comparisons.js";
export { groupColumn, type GroupColumn, type GroupLevel, type GroupKind } from "./group-column.js";
// Effects: balance, matching, the five effect estimators, difference-in-differences, the wild cluster bootstrap.
export { balanceTable, BalanceOptions, type BalanceResult, type BalanceRow, type BalanceSummary } from "./balance.js";
export { matchNearest, matchNearestSets, type MatchedSet, type MatchOptions } from "./matching.js";
export { estimateEffect, EstimateEffectOptions, MAX_AUTO_RATIO, type EffectMethod, type EffectResult } from "./estimate-effect.js";
export { differenceInDifferences, DidOptions, type DidResult } from "./did.js";
export { wildClusterBootstrap, WildBootstrapOptions, type WildBootstrapResult } from "./wild-bootstrap.js";
export { groupMeans, GroupMeansOptions, type GroupMean, type GroupMeansResult } from "./group-means.js";
