export { countsReport, CountsReportOptions } from "./counts-report.js";
