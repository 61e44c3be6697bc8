// The immobile layer's quantitative side: the dialogue pilot's moderated effect as a report, and the survey profile.
export { moderatedEffectReport, ModeratedEffectReportOptions, MODERATED_EFFECT_COLUMNS, MODERATED_POOLED_COLUMNS, MODERATED_INTERACTION_COLUMNS } from "./moderated-report.js";
export { immobileProfile, ImmobileProfileOptions, IMMOBILE_PROFILE_COLUMNS } from "./profile.js";
