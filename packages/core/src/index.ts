// Public API of @koe/core, in pipeline order: errors, model, ingest, prepare, privacy, stats, analyze.
export * from "./errors/errors.js";
export * from "./errors/issue.js";
export { setLanguage } from "./errors/language.js";
export { getLanguage, localize, warningOf, defineMessages, type Lang, type Localized, type KoeWarning, type Message } from "./errors/catalogue.js";
export { formatIssue } from "./errors/messages.js";
export * from "./model/index.js";
export * from "./boundary/index.js";
// The zod instance the boundary checks schemas against (`parseOptions` tells objects by `instanceof`):
// packages that define options for `parseOptions` (e.g. @koe/charts) build them with this one.
export { z } from "zod";
export * from "./ingest/index.js";
export * from "./prepare/index.js";
export * from "./segment/index.js";
export * from "./privacy/index.js";
export * from "./stats/random.js";
export * from "./stats/index.js";
export * from "./analyze/index.js";
export * from "./analyze/coding/index.js";
export * from "./analyze/moderated-effect.js";
export { publishReport, StudyReport, ReportTable, Note, Provenance, KOE_VERSION, type DraftReport, type DraftTable, type GroupRef } from "./studies/report.js";
export * from "./studies/counts/index.js";
export * from "./studies/initiatives/index.js";
export * from "./studies/cross-boundary/index.js";
export * from "./studies/interviews/index.js";
export * from "./studies/penetration/index.js";
export * from "./studies/immobile/index.js";
export * from "./studies/reskilling/index.js";
export * from "./present/index.js";
