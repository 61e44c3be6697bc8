// A result in words, as R prints a test: the method, the statistic line, the alternative, the
// interval, the sample estimates, n — in English or Japanese. Numbers are formatted as R's format()
// formats them; nothing is computed here.
import { getLanguage, type KoeWarning, type Lang } from "../errors/catalogue.js";
import { KoeArgumentError } from "../errors/errors.js";
import type { EstimateFields } from "../stats/result.js";
import { METHOD_NAMES_JA, resultMessages as m, resultWords, STATISTIC_NAMES } from "./result-words.js";

const nonFinite = (x: number) => (Number.isNaN(x) ? "NaN" : x > 0 ? "Inf" : "-Inf");

/** R's digits for one finite number: its sign, power of ten and significant digits after rounding to `digits`. */
function digitsOf(x: number, digits: number) {
  if (x === 0) return { neg: false, power: 0, sig: 1 };
  const [mantissa, exponent] = Math.abs(x).toExponential(digits - 1).split("e") as [string, string];
  const sig = mantissa.replace(".", "").replace(/0+$/, "").length;
  return { neg: x < 0, power: Number(exponent), sig: Math.max(1, sig) };
}

/**
 * Numbers formatted together as R's `format(x, digits = digits)` does: at least `digits`
 * significant digits for the number that needs most, the same decimals for all, fixed notation
 * unless scientific is narrower, padded to one width; `null` prints as NA.
 * @example
 * formatNumbers([-3.36548324, 0.20548324]) // => ["-3.3654832", " 0.2054832"]
 * formatNumbers([0.0000000029021], 4) // => ["2.902e-09"]
 * formatNumbers([1.5, -Infinity]) // => [" 1.5", "-Inf"]
 * formatNumbers([2, 11.138], 5) // => [" 2.000", "11.138"]
 */
export function formatNumbers(values: readonly (number | null)[], digits = 7): string[] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const parts = finite.map((v) => digitsOf(v, digits));
  const neg = parts.some((p) => p.neg) ? 1 : 0;
  const left = Math.max(1, ...parts.map((p) => (p.power >= 0 ? p.power + 1 : 1)));
  const rgt = Math.max(0, ...parts.map((p) => p.sig - p.power - 1));
  const mantissa = Math.max(0, ...parts.map((p) => p.sig - 1));
  const bigExponent = parts.some((p) => Math.abs(p.power) >= 100);
  const fixedWidth = neg + left + (rgt > 0 ? rgt + 1 : 0);
  const sciWidth = neg + (mantissa > 0 ? mantissa + 1 : 0) + 1 + (bigExponent ? 5 : 4);
  const fixed = fixedWidth <= sciWidth;
  const text = values.map((v) => {
    if (v === null) return "NA";
    if (!Number.isFinite(v)) return nonFinite(v);
    if (fixed) return v.toFixed(rgt);
    const [mant, exp] = v.toExponential(mantissa).split("e") as [string, string];
    const e = Number(exp);
    return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  });
  const width = Math.max(0, ...text.map((t) => t.length));
  return text.map((t) => t.padStart(width));
}

const EPS = 2.220446049250313e-16;

/**
 * A p-value as R's `format.pval(p, digits)`: below the machine epsilon it is "< 2.2e-16".
 * @example
 * formatPValue(0.0793941) // => "0.07939"
 * formatPValue(1e-300) // => "< 2.2e-16"
 */
export function formatPValue(p: number, digits = 4): string {
  if (p < EPS) return `< ${formatNumbers([EPS], Math.max(1, digits - 2))[0]}`;
  return formatNumbers([p], digits)[0]!;
}

/**
 * The width of a text in a terminal or a monospaced cell: wide (East Asian) characters take two columns.
 * @example
 * displayWidth("n = 20") // => 6
 * displayWidth("若手") // => 4
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}
const padStart = (s: string, w: number) => " ".repeat(Math.max(0, w - displayWidth(s))) + s;

/** A named vector as R prints it: names over values, each right-aligned in its column and followed by a space. */
function namedVector(names: readonly string[], values: readonly (number | null)[]): string {
  const text = formatNumbers(values);
  const widths = names.map((n, i) => Math.max(displayWidth(n), displayWidth(text[i]!)));
  const line = (cells: readonly string[]) => cells.map((c, i) => `${padStart(c, widths[i]!)} `).join("");
  return `${line(names)}\n${line(text)}`;
}

type AnyResult = EstimateFields & Record<string, unknown>;
type Words = (typeof resultWords)[Lang];

interface GroupLike {
  label: string;
  n: number;
  mean: number | null;
}
const groupsOf = (r: AnyResult): GroupLike[] | null =>
  Array.isArray(r.groups) && r.groups.every((g) => g !== null && typeof g === "object" && typeof g.label === "string" && typeof g.n === "number") ? (r.groups as GroupLike[]) : null;

function statisticName(r: AnyResult): string {
  if (/^Kendall/.test(r.method)) return r.exact === true ? "T" : "z";
  return STATISTIC_NAMES.find(([re]) => re.test(r.method))?.[1] ?? "statistic";
}

/** The degrees of freedom as R names them: F tests print the numerator's and the denominator's. */
function dfPart(r: AnyResult, w: Words): string | null {
  if (r.df === null) return null;
  const second = typeof r.dfWithin === "number" ? r.dfWithin : typeof r.dfDenominator === "number" ? r.dfDenominator : null;
  if (second === null) return `${w.df} = ${formatNumbers([r.df], 5)[0]!.trim()}`;
  const [a, b] = formatNumbers([r.df, second], 5).map((s) => s.trim());
  return `${w.numDf} = ${a}, ${w.denomDf} = ${b}`;
}

/** The sample estimates' names and values, as R names them where koe's method is R's. */
function estimatesOf(r: AnyResult, w: Words): { names: string[]; values: (number | null)[] } | null {
  const means = Array.isArray(r.estimates) ? (r.estimates as number[]) : null;
  const groups = groupsOf(r);
  if (/t-test/.test(r.method) && means?.length === 2) {
    const names = groups?.length === 2 ? groups.map((g) => w.meanInGroup(g.label)) : [w.meanOf("x"), w.meanOf("y")];
    return { names: [...names, w.difference], values: [...means, r.estimate] };
  }
  if (r.estimate === null) return null;
  const name = /^Paired t-test/.test(r.method)
    ? w.meanDifference
    : /^One Sample t-test/.test(r.method)
      ? w.meanOf("x")
      : /product-moment/.test(r.method)
        ? "cor"
        : /^Spearman/.test(r.method)
          ? "rho"
          : /^Kendall/.test(r.method)
            ? "tau"
            : /^Fisher|^Odds ratio/.test(r.method)
              ? w.oddsRatio
              : /analysis of variance/.test(r.method)
                ? w.etaSquared
                : typeof r.estimand === "string"
                  ? `${w.estimate} (${r.estimand})`
                  : w.estimate;
  return { names: [name], values: [r.estimate] };
}

function nLine(r: AnyResult, w: Words, sep: string): string {
  const groups = groupsOf(r);
  const parts: string[] = [];
  if (groups) parts.push(...groups.map((g) => `${g.label} ${g.n}`));
  else if (typeof r.nTreated === "number" && typeof r.nControl === "number") parts.push(`${w.treated} ${r.nTreated}`, `${w.control} ${r.nControl}`);
  if (typeof r.nMatched === "number") parts.push(`${w.matched} ${r.nMatched}`);
  if (typeof r.clusters === "number") parts.push(`${w.clusters} ${r.clusters}`);
  return w.n(String(r.n), parts.length > 0 ? parts.join(sep) : null, String(r.nMissing));
}

interface CoefficientLike {
  term: string;
  estimate: number;
  stdError: number;
  statistic: number;
  pValue: number;
}

/** A regression's coefficient table as R's summary prints it (4 significant digits a column). */
function coefficientBlock(coefficients: readonly CoefficientLike[], stat: "t" | "z", w: Words): string {
  const columns = [
    formatNumbers(coefficients.map((c) => c.estimate), 4),
    formatNumbers(coefficients.map((c) => c.stdError), 4),
    formatNumbers(coefficients.map((c) => c.statistic), 4),
    coefficients.map((c) => formatPValue(c.pValue)),
  ];
  const heads = w.coefficientColumns(stat);
  const termWidth = Math.max(...coefficients.map((c) => displayWidth(c.term)));
  const widths = heads.map((h, j) => Math.max(displayWidth(h), ...columns[j]!.map(displayWidth)));
  const row = (term: string, cells: readonly string[]) => [term + " ".repeat(termWidth - displayWidth(term)), ...cells.map((c, j) => padStart(c, widths[j]!))].join(" ");
  return [w.coefficients, row("", heads), ...coefficients.map((c, i) => row(c.term, columns.map((col) => col[i]!)))].join("\n");
}

const warningsOf = (r: AnyResult): KoeWarning[] => [
  ...(Array.isArray(r.warnings) ? (r.warnings as KoeWarning[]) : []),
  ...(r.note !== null && typeof r.note === "object" && "localized" in (r.note as object) ? [r.note as KoeWarning] : []),
];

const isEstimate = (x: unknown): x is AnyResult =>
  x !== null && typeof x === "object" && typeof (x as AnyResult).method === "string" && typeof (x as AnyResult).n === "number" && "pValue" in x && "nMissing" in x;

/** Any other result with a method (power, survey size): its scalar fields as R prints `power.t.test`. */
function fieldsBlock(r: Record<string, unknown>, w: Words): string {
  const entries = Object.entries(r).filter(([k, v]) => k !== "method" && (typeof v === "number" || typeof v === "string" || typeof v === "boolean"));
  const keyWidth = Math.max(...entries.map(([k]) => k.length));
  const value = (v: unknown) => (typeof v === "number" ? formatNumbers([v])[0]!.trim() : typeof v === "boolean" ? (v ? w.yes : w.no) : String(v));
  return [String(r.method), "", ...entries.map(([k, v]) => `${k.padStart(keyWidth)} = ${value(v)}`)].join("\n");
}

/**
 * A result in words as R prints a test (`print(t.test(x, y))`): the method; the statistic, its
 * degrees of freedom and the p-value (R's digits: 5 significant for the statistic and df, 4 for the
 * p-value, "< 2.2e-16" below the machine epsilon); the alternative; the confidence interval; the
 * sample estimates (the groups' means by their labels, and the difference); n and the missing;
 * a regression's coefficients; the result's warnings. In English (R's own words) or Japanese.
 * Results that are not tests but have a method (power, survey size) print their fields.
 * @example
 * const r = welchTTest([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0], [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]);
 * formatResult(r, "en").split("\n").slice(0, 3)
 * // => ["Welch Two Sample t-test", "", "t = -1.8608, df = 17.776, p-value = 0.07939"]
 * formatResult(r, "ja").split("\n")[2] // => "t = -1.8608、自由度 = 17.776、p値 = 0.07939"
 * formatResult({ n: 3 }) // throws: formatResult: expected a result of a koe estimator
 * @throws {KoeArgumentError} when `result` is not a result (an object with `method` and `n`).
 */
export function formatResult(result: EstimateFields | { method: string }, lang: Lang = getLanguage()): string {
  const w = resultWords[lang];
  if (!isEstimate(result)) {
    if (result !== null && typeof result === "object" && typeof (result as { method?: unknown }).method === "string") return fieldsBlock(result as Record<string, unknown>, w);
    throw KoeArgumentError.of(m.notAResult, { got: describe(result) });
  }
  const r = result;
  const sep = lang === "ja" ? "、" : ", ";
  const ja = lang === "ja" ? METHOD_NAMES_JA.find(([re]) => re.test(r.method))?.[1] : undefined;
  const lines = [ja ? `${ja}（${r.method}）` : r.method, ""];
  const p = r.pValue === null ? null : formatPValue(r.pValue);
  const pPart = p === null ? null : `${w.pValue} ${p.startsWith("<") ? p : `= ${p}`}`;
  if (Array.isArray(r.coefficients)) lines.push(...modelBlock(r, r.coefficients as CoefficientLike[], pPart, w, sep));
  else lines.push(...testBlock(r, pPart, w, sep));
  lines.push(nLine(r, w, sep));
  for (const warning of warningsOf(r)) lines.push(`${w.warning} ${warning.localized[lang]}`);
  return lines.join("\n");
}

/** A test's lines: statistic, df and p-value; the alternative; the interval; the sample estimates. */
function testBlock(r: AnyResult, pPart: string | null, w: Words, sep: string): string[] {
  const lines: string[] = [];
  const head = [r.statistic === null ? null : `${statisticName(r)} = ${formatNumbers([r.statistic], 5)[0]!.trim()}`, dfPart(r, w), pPart].filter((s): s is string => s !== null);
  if (head.length > 0) lines.push(head.join(sep));
  if (r.alternative !== null) lines.push(`${w.alternative.label}: ${w.alternative[r.alternative]}`);
  if (r.ciLow !== null && r.ciHigh !== null && r.confLevel !== null) {
    lines.push(w.confidence(formatNumbers([r.confLevel * 100])[0]!), ` ${formatNumbers([r.ciLow, r.ciHigh]).join(" ")}`);
  }
  const estimates = estimatesOf(r, w);
  if (estimates) lines.push(w.estimates, namedVector(estimates.names, estimates.values));
  return lines;
}

/**
 * A regression's lines as R's summary prints them: the coefficients, then R² and the F test of a
 * linear model (its `statistic` is F on the slopes' and the residuals' df), or the likelihood-ratio
 * chi-squared of a logistic one (on `df`).
 */
function modelBlock(r: AnyResult, coefficients: readonly CoefficientLike[], pPart: string | null, w: Words, sep: string): string[] {
  const logistic = statisticName(r) === "z";
  const lines = [coefficientBlock(coefficients, logistic ? "z" : "t", w)];
  if (typeof r.rSquared === "number" && typeof r.adjRSquared === "number") lines.push(w.rSquared(formatNumbers([r.rSquared], 4)[0]!, formatNumbers([r.adjRSquared], 4)[0]!));
  if (r.statistic !== null && r.df !== null && Number.isFinite(r.statistic)) {
    const stat = formatNumbers([r.statistic], 5)[0]!.trim();
    const slopes = coefficients.filter((c) => c.term !== "(Intercept)").length;
    const test = logistic ? w.likelihoodRatio(stat, String(r.df)) : w.fTest(stat, String(slopes), String(r.df));
    lines.push([test, pPart].filter((s): s is string => s !== null).join(sep));
  }
  return lines;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v !== "object") return `${typeof v} ${JSON.stringify(v)}`;
  const keys = Object.keys(v);
  return keys.length === 0 ? "{}" : `{ ${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""} }`;
}
