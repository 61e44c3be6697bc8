export { differenceInDifferences, wildClusterBootstrap, type DidOptions, type DidResult, type WildBootstrapOptions, type WildBootstrapResult } from "./did.js";
export { balanceTable, type BalanceOptions, type BalanceResult, type BalanceRow } from "./balance.js";
export { estimateEffect, matchNearest, type EffectMethod, type EffectResult, type EstimateEffectOptions } from "./estimate-effect.js";
export { crossBoundaryReport, DEFAULT_REPORT_COVARIATES, type CrossBoundaryReport, type CrossBoundaryReportOptions, type EffectRow, type EffectStatus } from "./report.js";
