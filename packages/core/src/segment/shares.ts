// What the segment reports share: their common options, and a count as a share of its group with
// a Wilson interval.
import { z } from "zod";
import { optionRules } from "../privacy/messages.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../privacy/min-group-size.js";
import { proportionInterval } from "../stats/proportions.js";
import { publishReport, type DraftReport, type StudyReport } from "../studies/report.js";

/** The options every segment report takes: `minGroupSize` (default 5), `confLevel` (default 0.95), `missing` (cell texts meaning "no answer"). */
export const reportOptions = {
  minGroupSize: z.int({ error: optionRules.wholeAtLeast1.en }).min(1, { error: optionRules.wholeAtLeast1.en }).default(DEFAULT_MIN_GROUP_SIZE),
  confLevel: z.number().gt(0).lt(1).default(0.95),
  missing: z.array(z.string()).optional(),
};

/** The columns of a share: the count, its share of the group and the Wilson interval. */
export const SHARE_COLUMNS = ["n", "share", "share_low", "share_high"] as const;

/** `x` of `of` as a share with its Wilson interval (R's `prop.test(x, of, correct = FALSE)$conf.int`); nulls for an empty group. */
export function shareOf(x: number, of: number, confLevel: number): { n: number; share: number | null; share_low: number | null; share_high: number | null } {
  if (of === 0) return { n: x, share: null, share_low: null, share_high: null };
  const ci = proportionInterval(x, of, { confLevel });
  return { n: x, share: x / of, share_low: ci.ciLow, share_high: ci.ciHigh };
}

/** A segment report through the edge: one input table, no wave, no seed; the options as given (with the minimum group size applied). */
export function publishSegmentReport(
  study: string,
  parts: Pick<DraftReport, "counts" | "relations" | "tables" | "findings" | "warnings">,
  input: { rows: number; rowsUsed: number },
  options: Record<string, unknown> & { minGroupSize: number },
): StudyReport {
  return publishReport({ study, ...parts, provenance: { inputs: [{ name: "table", ...input }], wave: null, seed: null, options }, minGroupSize: options.minGroupSize });
}
