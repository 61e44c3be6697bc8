export { deriveGeneration } from "./generation.js";
export { scoreScales, type ScoredScales, type ScaleReliability } from "./score-scales.js";
