// The fixed columns of the cross-boundary report's tables, in published order (documented in the
// glossary of packages/core/README.md). `suppressed` is added by the report's edge to every table
// whose rows describe counted groups.

/**
 * The columns of each table of `crossBoundaryReport(...)`: they never depend on the options or the data.
 * @example
 * CROSS_BOUNDARY_COLUMNS.effects // => ["scale", "kind", "method", "estimate", "stdError", "ciLow", "ciHigh", "pValue", "nTreated", "nControl", "status", "suppressed"]
 */
export const CROSS_BOUNDARY_COLUMNS = {
  /** Per kind (all, internal, external, self_nominated, appointed): participants of the kind and all non-participants. */
  groups: ["kind", "nParticipants", "nNonParticipants", "suppressed"],
  /** Per scale and wave, over everyone: items, Cronbach's alpha, McDonald's omega. */
  reliability: ["scale", "wave", "items", "alpha", "omega"],
  /** Per scale, covariate and level (null for a numeric covariate): all participants against all non-participants, before and after weighting. */
  balance: [
    "scale", "covariate", "level", "meanTreated", "meanControl", "smd", "varianceRatio",
    "meanTreatedAdjusted", "meanControlAdjusted", "smdAdjusted", "varianceRatioAdjusted", "imbalanced", "suppressed",
  ],
  /** Per scale, group (participants, nonParticipants) and wave (pre, post): mean, 95% interval, n. */
  prePost: ["scale", "group", "wave", "mean", "ciLow", "ciHigh", "n", "suppressed"],
  /** Per scale, kind and method: the estimate of the effect on participants of the kind against all non-participants. */
  effects: ["scale", "kind", "method", "estimate", "stdError", "ciLow", "ciHigh", "pValue", "nTreated", "nControl", "status", "suppressed"],
} as const satisfies Record<string, readonly string[]>;
