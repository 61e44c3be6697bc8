export * from "./vocabulary.js";
export * from "./segments.js";
export * from "./field.js";
export * from "./initiatives.js";
export * from "./instrument.js";
export * from "./respondent.js";
export * from "./initiative-rating.js";
export * from "./transcript.js";
