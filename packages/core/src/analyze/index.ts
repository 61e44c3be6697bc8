// Table-level estimators: a table plus column names in, fixed-key results and tidy tables out.
export { designMatrix, type DesignMatrix } from "./design-matrix.js";
export { ols, logisticRegression, type Coefficient, type ModelResult, type OlsResult, type LogisticResult, type VcovType } from "./regression.js";
export { cronbachAlpha, mcdonaldsOmega, reliabilityTable, type AlphaResult, type ItemStat } from "./reliability.js";
export {
  welchTest, studentTest, pairedTest, mannWhitneyTest, standardizedDifference, groupsTest, correlationTest, crossTab, independenceTest,
  type TwoGroupOptions,
} from "./group-comparisons.js";
