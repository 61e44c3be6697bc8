export { crossBoundaryReport, CrossBoundaryReportOptions, DEFAULT_REPORT_COVARIATES, type EffectStatus } from "./report.js";
export { CROSS_BOUNDARY_COLUMNS } from "./columns.js";
