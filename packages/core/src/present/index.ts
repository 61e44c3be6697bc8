// Words and tables for people: notes rendered from the catalogue, report tables as arquero tables.
export { renderNote, localizeNote, reportTable, reportText } from "./notes.js";
// A result in words as R prints a test, and numbers formatted as R formats them.
export { formatResult, formatNumbers, formatPValue, displayWidth } from "./format-result.js";
