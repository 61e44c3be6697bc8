export { deriveGeneration, DeriveGenerationOptions } from "./generation.js";
export { scoreScales, ScoreScalesOptions, type ScoredScales, type ScaleReliability } from "./score-scales.js";
