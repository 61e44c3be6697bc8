export { differenceInDifferences, wildClusterBootstrap, type DidOptions, type DidResult } from "./did.js";
export { balanceTable, type BalanceResult, type BalanceRow } from "./balance.js";
