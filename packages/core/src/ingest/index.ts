export { readCsv, ReadCsvOptions, type ReadResult, type ReadSummary, type Table } from "./read-csv.js";
export { readExcel, ReadExcelOptions, type WorkbookSource } from "./read-excel.js";
export { readRespondents, readInitiativeRatings, readTranscripts, readComments, type TableSource } from "./readers.js";
export { writeCsv, toCsv, type WriteCsvOptions } from "./write-csv.js";
export type { CsvSource } from "./source.js";
export { detectEncoding, type Encoding } from "./encoding.js";
export { columnSpecs, type ColumnSpec } from "./column-spec.js";
export { normalizeCell } from "./cells.js";
