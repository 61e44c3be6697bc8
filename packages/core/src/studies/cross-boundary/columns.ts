// The fixed columns of the cross-boundary report's tables, in published order (documented in the
// glossary of packages/core/README.md). `suppressed` is added by the report's edge to every table
// whose rows describe counted groups.

/**
 * The columns of each table of `crossBoundaryReport(...)`: they never depend on the options or the data.
 * @example
 * CROSS_BOUNDARY_COLUMNS.contrasts // => ["scale", "contrast", "method", "estimate", "stdError", "df", "ciLow", "ciHigh", "pValue", "pAdjusted", "pAdjustMethod", "estimateSd", "suppressed"]
 */
export const CROSS_BOUNDARY_COLUMNS = {
  /** Per kind (all, internal, external, self_nominated, appointed): participants of the kind and all non-participants. */
  groups: ["kind", "nParticipants", "nNonParticipants", "suppressed"],
  /** Per scale and wave, over everyone: items, Cronbach's alpha, McDonald's omega. */
  reliability: ["scale", "wave", "items", "alpha", "omega"],
  /**
   * Per scale, covariate and level (null for a numeric covariate): all participants against all
   * non-participants, before and after weighting. The covariates are the pre score, the
   * covariates adjusted for and the cluster (company: one row per company, its share among
   * participants and among non-participants); "after" uses the weights with the cluster in the
   * propensity model (the plain weighting without a cluster).
   */
  balance: [
    "scale", "covariate", "level", "meanTreated", "meanControl", "smd", "varianceRatio",
    "meanTreatedAdjusted", "meanControlAdjusted", "smdAdjusted", "varianceRatioAdjusted", "imbalanced", "suppressed",
  ],
  /**
   * Per scale, group (participants, nonParticipants) and wave (pre, post): the mean with each
   * person counted once, its standard error, degrees of freedom and 95% interval (CR2 by the
   * cluster with Satterthwaite df; i.i.d. t without a cluster), the mean with each company
   * counted once (`meanByCompany`: the mean of the company means; null without a cluster), n.
   */
  prePost: ["scale", "group", "wave", "mean", "stdError", "df", "ciLow", "ciHigh", "meanByCompany", "n", "suppressed"],
  /**
   * Per scale, kind and method: the estimate of the effect on participants of the kind against all
   * non-participants. `role` is "primary" (the DiD–ANCOVA bracket, its two ends and the doubly
   * robust estimate) or "sensitivity" (among them `weighting-cluster` and `doubly-robust-cluster`,
   * with the cluster in the models as a factor; rows only with a cluster); `pAdjusted` is adjusted within its role's family by
   * `pAdjustMethod`; `estimateSd`, `ciLowSd`, `ciHighSd` are in SDs of the pre score (the pooled
   * baseline SD √((s²_T + s²_C)/2) of participants and non-participants).
   */
  effects: [
    "scale", "kind", "method", "role", "estimate", "stdError", "df", "ciLow", "ciHigh", "pValue", "pAdjusted", "pAdjustMethod",
    "estimateSd", "ciLowSd", "ciHighSd", "nTreated", "nControl", "status", "suppressed",
  ],
  /**
   * Per scale, contrast ("external-internal", "appointed-self_nominated") and method (did,
   * ancova): the difference of the two kinds' effects (second minus first), tested directly by
   * the kind × treatment interaction, clustered as the effects; adjusted in the primary family.
   */
  contrasts: ["scale", "contrast", "method", "estimate", "stdError", "df", "ciLow", "ciHigh", "pValue", "pAdjusted", "pAdjustMethod", "estimateSd", "suppressed"],
} as const satisfies Record<string, readonly string[]>;
