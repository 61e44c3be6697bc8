// Power and sample size of a two-group comparison — "is a survey big enough to see it?": the power
// of a test, the smallest difference it detects, and the people it needs, for a difference in
// means (as R's power.t.test: noncentral t) and in shares (as R's power.prop.test: normal
// approximation), with equal or unequal groups.
import * as aq from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import { powerMessages as m } from "../errors/power-messages.js";
import { normalCdf, normalQuantile, tQuantile } from "./distributions.js";
import { noncentralTCdf } from "./noncentral-t.js";
import { choice, flagOf, kernelOptions } from "./options.js";
import type { TidyTable } from "./result.js";

/** A two-sided test, or a one-sided test in the direction of the difference (R's "two.sided" / "one.sided"). */
export const POWER_ALTERNATIVES = ["two-sided", "one-sided"] as const;
export type PowerAlternative = (typeof POWER_ALTERNATIVES)[number];

/**
 * The fixed keys of every power result, whatever was solved for (a key that does not apply is null):
 * - `method`: "two-sample t test power calculation" or "two-sample comparison of proportions power calculation" (R's);
 * - `solvedFor`: "power", "delta" (means), "p2" (shares) or "n";
 * - `alternative`, `strict` (two-sided power counts the far tail too, as R's `strict = TRUE`);
 * - `n`: people per group when the groups are equal (R's `n`; null when they are not), `n1`, `n2`: people per
 *   group (fractional when solved for, as R gives them) and `n1Ceiling`, `n2Ceiling` rounded up;
 * - `delta`: the difference in means, or p2 − p1 for shares; `sd` (means), `p1`, `p2` (shares);
 * - `alpha`, `power`.
 */
export interface PowerFields {
  method: string;
  solvedFor: "power" | "delta" | "p2" | "n";
  alternative: PowerAlternative;
  strict: boolean;
  n: number | null;
  n1: number;
  n2: number;
  n1Ceiling: number;
  n2Ceiling: number;
  delta: number;
  sd: number | null;
  p1: number | null;
  p2: number | null;
  alpha: number;
  power: number;
}

export const POWER_KEYS = [
  "method", "solvedFor", "alternative", "strict", "n", "n1", "n2", "n1Ceiling", "n2Ceiling", "delta", "sd", "p1", "p2", "alpha", "power",
] as const satisfies readonly (keyof PowerFields)[];

/** A power result: the fixed keys and `toTable()`, the one-row tidy table of them. */
export type PowerResult = PowerFields & { toTable(): TidyTable };

/** Attaches `toTable()` (non-enumerable: results print and serialise as plain data) giving the keys as a one-row table. */
export function withTable<F extends object>(fields: F, keys: readonly (keyof F & string)[]): F & { toTable(): TidyTable } {
  const out = { ...fields } as F & { toTable(): TidyTable };
  Object.defineProperty(out, "toTable", { enumerable: false, value: () => aq.table(Object.fromEntries(keys.map((k) => [k, [fields[k]]]))) });
  return out;
}

const METHOD_T = "two-sample t test power calculation";
const METHOD_P = "two-sample comparison of proportions power calculation";

/** Power of the two-sample t test (R's power.t.test body with df = n1 + n2 − 2). */
function powerMeans(n1: number, n2: number, delta: number, sd: number, alpha: number, tside: number, strict: boolean): number {
  const df = n1 + n2 - 2;
  const ncp = delta / (sd * Math.sqrt(1 / n1 + 1 / n2));
  const qu = -tQuantile(alpha / tside, df);
  const far = strict && tside === 2 ? noncentralTCdf(-qu, df, ncp) : 0;
  return noncentralTCdf(qu, df, ncp, { lowerTail: false }) + far;
}

/** Power of the two-sample test of shares (R's power.prop.test body; the pooled share weighted by the groups). */
function powerShares(n1: number, n2: number, p1: number, p2: number, alpha: number, tside: number, strict: boolean): number {
  const pbar = (n1 * p1 + n2 * p2) / (n1 + n2);
  const se0 = Math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2));
  const se1 = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const z = -normalQuantile(alpha / tside);
  const d = Math.abs(p1 - p2);
  const far = strict && tside === 2 ? normalCdf((d + z * se0) / se1, { lowerTail: false }) : 0;
  return normalCdf((d - z * se0) / se1) + far;
}

/** The root of an increasing f in [lo, hi] by bisection (on the log scale with `log`), to full precision; null without a sign change. */
function bisect(f: (x: number) => number, lo: number, hi: number, log = false): number | null {
  if (!(f(lo) < 0) || !(f(hi) >= 0)) return f(lo) === 0 ? lo : null;
  let a = log ? Math.log(lo) : lo;
  let b = log ? Math.log(hi) : hi;
  const at = (x: number) => (log ? Math.exp(x) : x);
  for (let i = 0; i < 200 && Math.abs(at(b) - at(a)) > 1e-15 * Math.abs(at(b)); i++) {
    const mid = (a + b) / 2;
    if (f(at(mid)) < 0) a = mid;
    else b = mid;
  }
  return at((a + b) / 2);
}

// --- checks ---------------------------------------------------------------------------------------

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function probability(fn: string, option: string, value: unknown): number {
  if (isNumber(value) && value > 0 && value < 1) return value;
  throw KoeArgumentError.of(m.notProbability, { fn, option, value });
}
function positive(fn: string, option: string, value: unknown): number {
  if (isNumber(value) && value > 0) return value;
  throw KoeArgumentError.of(m.notPositive, { fn, option, value });
}
function groupSize(fn: string, option: string, value: unknown): number {
  if (isNumber(value) && Number.isInteger(value) && value >= 2) return value;
  throw KoeArgumentError.of(m.groupTooSmall, { fn, option, value });
}
function required(fn: string, option: string, value: unknown, example: string): unknown {
  if (value === undefined) throw KoeArgumentError.of(m.missingOption, { fn, option, example });
  return value;
}

interface Common {
  alpha: number;
  power: number | null;
  alternative: PowerAlternative;
  strict: boolean;
  tside: number;
}
function common(fn: string, o: { alpha?: unknown; power?: unknown; alternative?: unknown; strict?: unknown }, needsPower: boolean): Common {
  const alpha = probability(fn, "alpha", o.alpha ?? 0.05);
  const power = needsPower ? probability(fn, "power", o.power ?? 0.8) : null;
  if (power !== null && power <= alpha) throw KoeArgumentError.of(m.powerNotAboveAlpha, { fn, power, alpha });
  const alternative = choice(fn, "alternative", o.alternative ?? "two-sided", POWER_ALTERNATIVES);
  const strict = flagOf(fn, "strict", o.strict ?? false);
  return { alpha, power, alternative, strict, tside: alternative === "two-sided" ? 2 : 1 };
}

/** Means or shares: p1 (or p2) makes it shares; with sd too it is an error. */
function kindOf(fn: string, o: { sd?: unknown; p1?: unknown; p2?: unknown; delta?: unknown }): "means" | "shares" {
  const shares = o.p1 !== undefined || o.p2 !== undefined;
  if (shares && o.sd !== undefined) throw KoeArgumentError.of(m.meansOrShares, { fn });
  if (shares && o.delta !== undefined) throw KoeArgumentError.of(m.optionForOther, { fn, option: "delta", kind: "shares" });
  return shares ? "shares" : "means";
}

function result(fields: Omit<PowerFields, "n" | "n1Ceiling" | "n2Ceiling">): PowerResult {
  // Rounded up, but a whole number computed as 50.00000000001 stays 50.
  const up = (n: number) => Math.ceil(n * (1 - 1e-12));
  const all: PowerFields = { ...fields, n: fields.n1 === fields.n2 ? fields.n1 : null, n1Ceiling: up(fields.n1), n2Ceiling: up(fields.n2) };
  return withTable(Object.fromEntries(POWER_KEYS.map((k) => [k, all[k]])) as unknown as PowerFields, POWER_KEYS);
}

const COMMON_KEYS = ["alpha", "alternative", "strict"] as const;

// --- the three questions -------------------------------------------------------------------------

/** Options of {@link testPower}: group sizes and a difference in means (`delta`, `sd`) or shares (`p1`, `p2`). */
export interface TestPowerOptions {
  /** People in group 1 (whole, ≥ 2). */
  n1: number;
  /** People in group 2 (default n1). */
  n2?: number;
  /** Difference in means (its size: the sign does not matter). */
  delta?: number;
  /** Standard deviation within groups (default 1: delta is then in SDs). */
  sd?: number;
  /** Share in group 1 (for a difference in shares). */
  p1?: number;
  /** Share in group 2. */
  p2?: number;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** "two-sided" (default) or "one-sided". */
  alternative?: PowerAlternative;
  /** Two-sided power counting rejections in the wrong direction too (default false, as R). */
  strict?: boolean;
}

/**
 * The power of a two-group comparison: for a difference in means as R's
 * `power.t.test(n, delta, sd, sig.level)` (noncentral t; groups of n1 and n2 with df = n1 + n2 − 2),
 * for a difference in shares as R's `power.prop.test(n, p1, p2, sig.level)` (normal approximation,
 * the pooled share weighted by the groups). Equal groups give R's numbers (tests: r-oracle/power.R).
 * @example
 * testPower({ n1: 15, delta: 1, sd: 1 }).power // => 0.7529210 (R: power.t.test(n = 15, delta = 1)$power)
 * testPower({ n1: 50, p1: 0.5, p2: 0.75 }).power // => 0.7401659 (R: power.prop.test(n = 50, p1 = 0.5, p2 = 0.75)$power)
 * testPower({ n1: 15, delta: 1, sd: -1 }) // throws: sd must be a positive finite number
 */
export function testPower(options: TestPowerOptions): PowerResult {
  const fn = "testPower";
  const o = kernelOptions(fn, options, ["n1", "n2", "delta", "sd", "p1", "p2", ...COMMON_KEYS]);
  const kind = kindOf(fn, o);
  const c = common(fn, o, false);
  const n1 = groupSize(fn, "n1", required(fn, "n1", o.n1, "n1: 50"));
  const n2 = groupSize(fn, "n2", o.n2 ?? n1);
  const base = { solvedFor: "power" as const, alternative: c.alternative, strict: c.strict, n1, n2, alpha: c.alpha };
  if (kind === "means") {
    const delta = Math.abs(nonZero(fn, required(fn, "delta", o.delta, "delta: 0.3")));
    const sd = positive(fn, "sd", o.sd ?? 1);
    return result({ method: METHOD_T, ...base, delta, sd, p1: null, p2: null, power: powerMeans(n1, n2, delta, sd, c.alpha, c.tside, c.strict) });
  }
  const { p1, p2 } = shares(fn, o.p1, o.p2);
  return result({ method: METHOD_P, ...base, delta: p2 - p1, sd: null, p1, p2, power: powerShares(n1, n2, p1, p2, c.alpha, c.tside, c.strict) });
}

function nonZero(fn: string, value: unknown): number {
  if (isNumber(value) && value !== 0) return value;
  throw KoeArgumentError.of(m.notNonZero, { fn, option: "delta", value });
}

function shares(fn: string, p1v: unknown, p2v: unknown): { p1: number; p2: number } {
  const p1 = probability(fn, "p1", required(fn, "p1", p1v, "p1: 0.3"));
  const p2 = probability(fn, "p2", required(fn, "p2", p2v, "p2: 0.4"));
  if (p1 === p2) throw KoeArgumentError.of(m.sameShares, { fn, p1, p2 });
  return { p1, p2 };
}

/** Options of {@link detectableEffect}: group sizes, the power wanted, and `sd` (means) or `p1` (shares). */
export interface DetectableEffectOptions {
  n1: number;
  /** Default n1. */
  n2?: number;
  /** Default 0.8. */
  power?: number;
  /** Default 0.05. */
  alpha?: number;
  /** For a difference in means: the standard deviation within groups (default 1: the effect is then in SDs, Cohen's d). */
  sd?: number;
  /** For a difference in shares: the share in group 1; the detectable p2 is sought above it (as R). */
  p1?: number;
  alternative?: PowerAlternative;
  strict?: boolean;
}

/**
 * The smallest difference two groups of n1 and n2 people detect with the power asked for: in means
 * (`delta`, as R's `power.t.test(n, sd, power, sig.level)`), or with `p1` in shares (the share `p2`
 * above p1 and `delta` = p2 − p1, as R's `power.prop.test(n, p1, power, sig.level)`).
 * @example
 * detectableEffect({ n1: 20, n2: 20, sd: 1 }).delta // => 0.9091301 (R: power.t.test(n = 20, power = 0.8)$delta)
 * detectableEffect({ n1: 50, p1: 0.5, power: 0.9 }).p2 // => 0.8026306 (R: power.prop.test(n = 50, p1 = 0.5, power = 0.9)$p2)
 * detectableEffect({ n1: 40, n2: 120, sd: 1 }).delta // => 0.5146324
 * detectableEffect({ n1: 20, sd: 1, power: 1 }) // throws: power must be a number strictly between 0 and 1 (got 1)
 */
export function detectableEffect(options: DetectableEffectOptions): PowerResult {
  const fn = "detectableEffect";
  const o = kernelOptions(fn, options, ["n1", "n2", "sd", "p1", "power", ...COMMON_KEYS]);
  const kind = kindOf(fn, o);
  const c = common(fn, o, true);
  const power = c.power!;
  const n1 = groupSize(fn, "n1", required(fn, "n1", o.n1, "n1: 50"));
  const n2 = groupSize(fn, "n2", o.n2 ?? n1);
  const base = { solvedFor: kind === "means" ? ("delta" as const) : ("p2" as const), alternative: c.alternative, strict: c.strict, n1, n2, alpha: c.alpha, power };
  if (kind === "means") {
    const sd = positive(fn, "sd", o.sd ?? 1);
    const delta = bisect((d) => powerMeans(n1, n2, d, sd, c.alpha, c.tside, c.strict) - power, sd * 1e-7, sd * 1e7, true);
    if (delta === null) throw KoeArgumentError.of(m.noSolution, { fn, what: "delta" });
    return result({ method: METHOD_T, ...base, delta, sd, p1: null, p2: null });
  }
  const p1 = probability(fn, "p1", o.p1);
  const p2 = bisect((p) => powerShares(n1, n2, p1, p, c.alpha, c.tside, c.strict) - power, p1, 1 - 1e-12);
  if (p2 === null) throw KoeArgumentError.of(m.noShareReaches, { fn, p1, power, n1, n2 });
  return result({ method: METHOD_P, ...base, delta: p2 - p1, sd: null, p1, p2 });
}

/** Options of {@link requiredSampleSize}: the difference (`delta`, `sd` or `p1`, `p2`), the power wanted, and the ratio of the groups. */
export interface RequiredSampleSizeOptions {
  /** Difference in means to detect (its size). */
  delta?: number;
  /** Standard deviation within groups (default 1). */
  sd?: number;
  /** Shares to tell apart. */
  p1?: number;
  p2?: number;
  /** Default 0.8. */
  power?: number;
  /** Default 0.05. */
  alpha?: number;
  /** n2 / n1 (default 1: equal groups). */
  ratio?: number;
  alternative?: PowerAlternative;
  strict?: boolean;
}

/**
 * The people needed per group to detect a difference in means (as R's
 * `power.t.test(delta, sd, power, sig.level)`) or in shares (as R's `power.prop.test(p1, p2, power,
 * sig.level)`): `n1` and `n2` = ratio · n1 as R gives them (fractional), `n1Ceiling` and
 * `n2Ceiling` rounded up — the sizes to plan with.
 * @example
 * requiredSampleSize({ delta: 1, sd: 1 }).n // => 16.7147598 (R: power.t.test(delta = 1, power = 0.8)$n)
 * requiredSampleSize({ delta: 1, sd: 1 }).n1Ceiling // => 17
 * requiredSampleSize({ p1: 0.5, p2: 0.75, power: 0.9 }).n1Ceiling // => 77 (R: power.prop.test(p1 = 0.5, p2 = 0.75, power = 0.9)$n = 76.7)
 * requiredSampleSize({ delta: 0.5, ratio: 2 }).n2Ceiling // => 96
 */
export function requiredSampleSize(options: RequiredSampleSizeOptions): PowerResult {
  const fn = "requiredSampleSize";
  const o = kernelOptions(fn, options, ["delta", "sd", "p1", "p2", "power", "ratio", ...COMMON_KEYS]);
  const kind = kindOf(fn, o);
  const c = common(fn, o, true);
  const power = c.power!;
  const ratio = positive(fn, "ratio", o.ratio ?? 1);
  const base = { solvedFor: "n" as const, alternative: c.alternative, strict: c.strict, alpha: c.alpha, power };
  if (kind === "means") {
    const delta = Math.abs(nonZero(fn, required(fn, "delta", o.delta, "delta: 0.3")));
    const sd = positive(fn, "sd", o.sd ?? 1);
    // Any n1 with df = n1 (1 + ratio) − 2 > 0 (R's search starts at 2 and extends below it).
    const n1 = bisect((n) => powerMeans(n, ratio * n, delta, sd, c.alpha, c.tside, c.strict) - power, (2 / (1 + ratio)) * (1 + 1e-9), 1e7, true);
    if (n1 === null) throw KoeArgumentError.of(m.noSolution, { fn, what: "n1" });
    return result({ method: METHOD_T, ...base, n1, n2: ratio * n1, delta, sd, p1: null, p2: null });
  }
  const { p1, p2 } = shares(fn, o.p1, o.p2);
  const n1 = bisect((n) => powerShares(n, ratio * n, p1, p2, c.alpha, c.tside, c.strict) - power, 1e-6, 1e7, true);
  if (n1 === null) throw KoeArgumentError.of(m.noSolution, { fn, what: "n1" });
  return result({ method: METHOD_P, ...base, n1, n2: ratio * n1, delta: p2 - p1, sd: null, p1, p2 });
}
