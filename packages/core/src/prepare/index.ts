export { deriveGeneration } from "./generation.js";
