// The interview study: coded texts counted by segment, codes together, quotes, agreement, immobile-layer reasons.
export { codeFrequencies, CodeFrequenciesOptions, FREQUENCY_COLUMNS, OVERALL_COLUMNS, TEST_COLUMNS } from "./frequencies.js";
export { codeCooccurrence, CodeCooccurrenceOptions, COOCCURRENCE_COLUMNS } from "./cooccurrence.js";
export { immobileReasons, classifyImmobileReasons, ImmobileReasonsOptions, IMMOBILE_ASSIGNMENTS, type ImmobileAssignment, type ImmobileClassification } from "./immobile.js";
export { ImmobileReasonRules, ImmobileReasonWeight, DEFAULT_IMMOBILE_REASON_RULES, IMMOBILE_SUBTYPES, parseImmobileReasonRules, type ImmobileReasonRulesInput } from "./immobile-rules.js";
export { coderAgreement, CoderAgreementOptions, AGREEMENT_COLUMNS, DISAGREEMENT_COLUMNS } from "./agreement.js";
export { quotes, QuotesOptions, QUOTE_LENGTH } from "./quotes.js";
export { maskText, createMasker, MASKS, type MaskLists } from "./mask.js";
