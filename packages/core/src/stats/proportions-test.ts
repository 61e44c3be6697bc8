import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";
import { numericValues } from "./clean.js";
import { confLevelOf, flagOf, kernelOptions } from "./options.js";
import { chiSquareCdf, normalQuantile } from "./distributions.js";
import { makeResult, type Result } from "./result.js";

/**
 * Test of equal proportions across groups, as R's `prop.test(x, n)`: the chi-square statistic
 * of the groups × (successes, failures) table; for two groups Yates' continuity correction by
 * default (shrunk as R does, min(0.5, |p1 − p2| / Σ 1/n)) and a Wald interval for p1 − p2
 * widened by the same correction. `estimates` are the groups' proportions.
 * @example
 * proportionsTest([83, 90], [86, 93]).pValue // => 1 (R: 0.999999999999998)
 */
export function proportionsTest(successes: readonly number[], totals: readonly number[], options: { correct?: boolean; confLevel?: number } = {}): Result<{ estimates: number[] }> {
  const fn = "proportionsTest";
  const o = kernelOptions(fn, options, ["correct", "confLevel"]);
  const correct = flagOf(fn, "correct", o.correct ?? true);
  const confLevel = confLevelOf(fn, o.confLevel ?? 0.95);
  const x = Array.from(numericValues(fn, successes, "x"), Number);
  const n = Array.from(numericValues(fn, totals, "n"), Number);
  const k = x.length;
  if (k < 2 || n.length !== k) throw KoeArgumentError.of(m.proportionGroups, { fn, k, n: n.length });
  x.forEach((xi, i) => {
    if (!Number.isInteger(xi) || !Number.isInteger(n[i]) || xi < 0 || xi > n[i]! || n[i]! < 1) throw KoeArgumentError.of(m.badProportion, { fn, group: i + 1, x: successes[i], n: totals[i] });
  });
  const est = x.map((xi, i) => xi / n[i]!);
  const p = x.reduce((a, b) => a + b, 0) / n.reduce((a, b) => a + b, 0);
  let yates = correct && k <= 2 ? 0.5 : 0;
  let ciLow: number | null = null;
  let ciHigh: number | null = null;
  if (k === 2) {
    const delta = est[0]! - est[1]!;
    const invN = 1 / n[0]! + 1 / n[1]!;
    yates = Math.min(yates, Math.abs(delta) / invN);
    const width = normalQuantile(1 - (1 - confLevel) / 2) * Math.sqrt(est.reduce((s, e, i) => s + (e * (1 - e)) / n[i]!, 0)) + yates * invN;
    ciLow = Math.max(-1, delta - width);
    ciHigh = Math.min(1, delta + width);
  }
  let statistic = 0;
  x.forEach((xi, i) => {
    const e1 = n[i]! * p;
    const e0 = n[i]! * (1 - p);
    statistic += (Math.abs(xi - e1) - yates) ** 2 / e1 + (Math.abs(n[i]! - xi - e0) - yates) ** 2 / e0;
  });
  return makeResult({
    method: `${k}-sample test for equality of proportions ${yates > 0 || (correct && k === 2) ? "with" : "without"} continuity correction`,
    alternative: "two-sided",
    estimate: k === 2 ? est[0]! - est[1]! : null,
    stdError: null,
    statistic,
    df: k - 1,
    pValue: chiSquareCdf(statistic, k - 1, { lowerTail: false }),
    ciLow,
    ciHigh,
    confLevel: k === 2 ? confLevel : null,
    n: n.reduce((a, b) => a + b, 0),
    nMissing: 0,
    estimates: est,
  });
}
