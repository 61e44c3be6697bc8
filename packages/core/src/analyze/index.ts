// Table-level estimators: a table plus column names in, fixed-key results and tidy tables out.
export { designMatrix, codeColumn, type DesignMatrix, type DesignMatrixOptions, type CodedColumn } from "./design-matrix.js";
export { ols, logisticRegression, type Coefficient, type ModelResult, type OlsResult, type LogisticResult, type VcovType, type OlsOptions, type LogisticOptions } from "./regression.js";
export { cronbachAlpha, mcdonaldsOmega, reliabilityTable, CronbachAlphaOptions, McdonaldsOmegaOptions, type AlphaResult, type OmegaResult, type ItemStat } from "./reliability.js";
export {
  welchTest, studentTest, pairedTest, mannWhitneyTest, standardizedDifference, groupsTest, correlationTest, crossTab, independenceTest,
  TwoGroupOptions, TTestTableOptions, RankTestTableOptions, StandardizedDifferenceOptions, GroupsTestOptions, PairedTestOptions, CorrelationTestOptions,
  CrossTabOptions, IndependenceTestOptions, type GroupSummary, type GroupedResult, type CrossTab,
} from "./group-comparisons.js";
export { groupColumn, type GroupColumn, type GroupLevel, type GroupKind } from "./group-column.js";
