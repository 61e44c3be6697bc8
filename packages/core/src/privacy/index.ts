// Privacy: the minimum group size and small-group suppression (with an exact audit), keyed
// pseudonyms for ids, and detection of columns that hold names, e-mail addresses or phone numbers.
export {
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  DEFAULT_MIN_GROUP_SIZE,
  PrivacyOptions,
  type PrivacyOptionsInput,
} from "./min-group-size.js";
export { suppressSmallGroups } from "./suppress.js";
export { suppressTogether, groupKey, type CountTable, type CountRelation } from "./suppress-together.js";
export {
  suppressMatrix,
  type CellMark,
  type MatrixSuppression,
  type SuppressionSummary,
  type TotalMark,
} from "./suppress-matrix.js";
export {
  TidySuppressionOptions,
  type SuppressedRow,
  type TidySuppression,
  type TidySuppressionOptionsInput,
  type TotalRow,
} from "./suppress-tidy.js";
export type { SuppressionReason } from "./suppress-engine.js";
export type { NodeKind } from "./table-network.js";
export {
  auditSuppression,
  type AuditFinding,
  type AuditReport,
  type HiddenInterval,
  type SuppressionPattern,
} from "./audit.js";
export {
  pseudonymizeColumns,
  pseudonymizeIds,
  PseudonymOptions,
  type PseudonymOptionsInput,
} from "./pseudonymize.js";
export { detectPersonalColumns, type PersonalColumn } from "./personal-columns.js";
