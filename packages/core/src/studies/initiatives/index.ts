export { topInitiatives, TopInitiativesOptions, betaPrior, type BetaPrior, type TopInitiativeCell, type TopInitiativesResult } from "./top-initiatives.js";
export { broadInitiatives, initiativeGaps, InitiativeGapsOptions, type BroadInitiative, type InitiativeGap } from "./broad-and-gaps.js";
export {
  initiativeOutcomes, compareOutcomeWaves, InitiativeOutcomesOptions, CompareOutcomeWavesOptions,
  type OutcomeRow, type OutcomesResult, type WaveChange, type WaveComparison, type WaveTransition, type WaveControl, type ControlEstimate,
} from "./outcomes.js";
export { initiativeReport, InitiativeReportOptions } from "./initiative-report.js";
export { clusteredShare, type ClusteredShare } from "./clustered-share.js";
