// The input boundary: every table-level function and study reads its options and columns here.
export { parseOptions } from "./options.js";
export { closest } from "./closest.js";
export { resolveColumn, resolveColumns, requireTable, requireDistinct } from "./columns.js";
export {
  binaryColumn, numericColumn, segmentColumn, waveSelection, vocabularyFor, numberFromText, DEFAULT_MISSING, MISSING_BINARY,
  type BinaryColumn, type NumericColumn, type SegmentColumn, type WaveSelection, type RoleOptions,
} from "./roles.js";
export { coerceTable, CoerceTableOptions } from "./coerce-table.js";
