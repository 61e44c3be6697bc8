export { differenceInDifferences, wildClusterBootstrap, type DidOptions, type DidResult } from "./did.js";
export { balanceTable, type BalanceResult, type BalanceRow } from "./balance.js";
export { estimateEffect, matchNearest, type EffectMethod, type EffectResult, type EstimateEffectOptions } from "./estimate-effect.js";
export { crossBoundaryReport, type CrossBoundaryReport, type EffectRow } from "./report.js";
