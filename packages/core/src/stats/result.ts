import * as aq from "arquero";

export type Alternative = "two-sided" | "less" | "greater";

/**
 * The fixed keys of every estimator's result (broom's tidy columns in camelCase). A key that
 * does not apply is `null`, never absent, whatever the options.
 */
export interface EstimateFields {
  method: string;
  alternative: Alternative | null;
  estimate: number | null;
  stdError: number | null;
  statistic: number | null;
  df: number | null;
  pValue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  confLevel: number | null;
  n: number;
  nMissing: number;
}

export const ESTIMATE_KEYS = [
  "method", "alternative", "estimate", "stdError", "statistic", "df", "pValue", "ciLow", "ciHigh", "confLevel", "n", "nMissing",
] as const satisfies readonly (keyof EstimateFields)[];

export type TidyTable = ReturnType<typeof aq.table>;

/** A result: the fixed keys, extra keys of its own, and `toTable()` giving a one-row tidy table of the fixed keys. */
export type Result<Extra extends object = object> = EstimateFields & Extra & { toTable(): TidyTable };

/** Attaches `toTable()` (non-enumerable, so results print and serialise as plain data). */
export function makeResult<Extra extends object>(fields: EstimateFields & Extra): Result<Extra> {
  const out = { ...fields } as Result<Extra>;
  Object.defineProperty(out, "toTable", {
    enumerable: false,
    value: () => aq.table(Object.fromEntries(ESTIMATE_KEYS.map((k) => [k, [fields[k]]]))),
  });
  return out;
}
