export { topInitiatives, TopInitiativesOptions, type TopInitiativeCell, type TopInitiativesResult } from "./top-initiatives.js";
export { broadInitiatives, initiativeGaps, type BroadInitiative, type InitiativeGap } from "./broad-and-gaps.js";
export { initiativeOutcomes, compareOutcomeWaves, type OutcomeRow, type OutcomesResult, type WaveChange } from "./outcomes.js";
