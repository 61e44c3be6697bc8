// Public API of @koe/core, in pipeline order: errors, model, ingest, privacy, stats.
export * from "./errors/errors.js";
export * from "./errors/issue.js";
export { formatIssue } from "./errors/messages.js";
export * from "./model/index.js";
export * from "./ingest/index.js";
export * from "./prepare/index.js";
export * from "./privacy/index.js";
export * from "./stats/random.js";
