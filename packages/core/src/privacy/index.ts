// Privacy: the minimum group size; small-group suppression of one table or of several linked tables
// (the "blocks" rule, checked against a reader who knows it); an audit of any suppression; the gate
// every free text passes; keyed pseudonyms for ids; and detection of columns that hold names,
// e-mail addresses or phone numbers.
export {
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  DEFAULT_MIN_GROUP_SIZE,
  PrivacyOptions,
  type PrivacyOptionsInput,
} from "./min-group-size.js";
export { suppressSmallGroups } from "./suppress.js";
export {
  suppressTogether,
  groupKey,
  TogetherOptions,
  type CountTable,
  type CountRelation,
  type TogetherOptionsInput,
} from "./suppress-together.js";
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
export { SUPPRESSION_RULE } from "./suppress-blocks.js";
export {
  explainSuppression,
  type ExplanationSummary,
  type MatrixExplanation,
  type SuppressionReason,
  type TidyExplanation,
} from "./explain.js";
export type { NodeKind } from "./table-network.js";
export {
  auditSuppression,
  AuditOptions,
  type AuditFinding,
  type AuditOptionsInput,
  type AuditReader,
  type AuditReport,
  type HiddenInterval,
  type SuppressionPattern,
} from "./audit.js";
export {
  gateTexts,
  TextGateOptions,
  type GatedGroup,
  type GatedTexts,
  type TextGateOptionsInput,
} from "./gate-texts.js";
export {
  generateKey,
  MIN_KEY_BYTES,
  pseudonymizeColumns,
  pseudonymizeIds,
  PseudonymOptions,
  type PseudonymOptionsInput,
} from "./pseudonymize.js";
export { detectPersonalColumns, type PersonalColumn } from "./personal-columns.js";
