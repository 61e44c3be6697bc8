// Segmenting (between prepare and analyze): each respondent's segments by an editable rule set, and
// the reports on them — segment profiles, the layer distribution and the movement between layers.
export { segmentRespondents } from "./segment-respondents.js";
export { SegmentRules, DEFAULT_SEGMENT_RULES, SEGMENTS, parseSegmentRules, type SegmentName, type SegmentRulesInput } from "./rules.js";
export { segmentValues, UNCLASSIFIED } from "./values.js";
export { layerDistribution, LayerDistributionOptions, LAYER_TEST_COLUMNS } from "./layer-distribution.js";
export { layerTransitions, LayerTransitionsOptions, MOVEMENT_COLUMNS } from "./layer-transitions.js";
export { segmentProfile, SegmentProfileOptions } from "./segment-profile.js";
