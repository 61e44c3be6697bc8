// Words and tables for people: notes rendered from the catalogue, report tables as arquero tables.
export { renderNote, localizeNote, reportTable, reportText } from "./notes.js";
