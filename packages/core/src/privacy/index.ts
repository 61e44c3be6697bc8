export { DEFAULT_MIN_COMMENT_GROUP_SIZE, DEFAULT_MIN_GROUP_SIZE } from "./min-group-size.js";
export {
  suppressMatrix,
  suppressSmallGroups,
  type CellMark,
  type MatrixSuppression,
  type SuppressedRow,
  type SuppressionOptions,
  type TidySuppression,
  type TidySuppressionOptions,
} from "./suppress.js";
export type { SuppressionReason } from "./suppress-engine.js";
export { auditSuppression, type AuditFinding } from "./audit.js";
export { pseudonymizeColumns, pseudonymizeIds, type PseudonymOptions } from "./pseudonymize.js";
export { detectPersonalColumns, type PersonalColumn } from "./personal-columns.js";
