import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";
import { checkCounts } from "./chi-square.js";
import { confLevelOf, flagOf, kernelOptions } from "./options.js";
import { normalCdf, normalQuantile } from "./distributions.js";
import { makeResult, type Result } from "./result.js";

/**
 * The sample odds ratio (a·d)/(b·c) of a 2×2 table with Woolf's log-scale interval and Wald test.
 * A zero cell makes the ratio 0 or infinite; `haldane: true` adds 0.5 to every cell instead.
 * (For the conditional maximum-likelihood odds ratio with an exact interval, see fisherExact.)
 * @example
 * oddsRatio([[3, 1], [1, 3]]).estimate // => 9
 */
export function oddsRatio(table: readonly (readonly (number | string)[])[], options: { confLevel?: number; haldane?: boolean } = {}): Result<{ logOddsRatio: number }> {
  const fn = "oddsRatio";
  const o = kernelOptions(fn, options, ["confLevel", "haldane"]);
  const confLevel = confLevelOf(fn, o.confLevel ?? 0.95);
  const haldane = flagOf(fn, "haldane", o.haldane ?? false);
  const { counts, r, c: cols } = checkCounts(fn, table);
  if (r !== 2 || cols !== 2) throw KoeArgumentError.of(m.notTwoByTwo, { fn, rows: r, columns: cols });
  const add = haldane ? 0.5 : 0;
  const [[a0, b0], [c0, d0]] = counts as [[number, number], [number, number]];
  const [a, b, c, d] = [a0 + add, b0 + add, c0 + add, d0 + add];
  const or = (a * d) / (b * c);
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const stat = Math.log(or) / se;
  return makeResult({
    method: haldane ? "Odds ratio (Haldane–Anscombe 0.5 correction, Woolf interval)" : "Odds ratio (Woolf interval)",
    alternative: "two-sided",
    estimate: or,
    stdError: se,
    statistic: Number.isFinite(stat) ? stat : null,
    df: null,
    pValue: Number.isFinite(stat) ? 2 * normalCdf(-Math.abs(stat)) : null,
    ciLow: Math.exp(Math.log(or) - z * se),
    ciHigh: Math.exp(Math.log(or) + z * se),
    confLevel,
    n: a0 + b0 + c0 + d0,
    nMissing: 0,
    logOddsRatio: Math.log(or),
  });
}
