// The reskilling cycle: stages, flows, completion by source, the cycle's turn, autonomous learners and their trend.
export { reskillingCycle, ReskillingCycleOptions, RESKILLING_COLUMNS } from "./cycle.js";
