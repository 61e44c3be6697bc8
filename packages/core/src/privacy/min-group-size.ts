// The minimum group size: the house rule every published count, share or score obeys, and the
// options that say how it is applied to a table.
import { z } from "zod";
import { closest } from "../boundary/closest.js";
import { boundaryMessages } from "../errors/boundary-messages.js";
import { KoeArgumentError } from "../errors/errors.js";
import { optionRules, privacyMessages, ruleJa } from "./messages.js";

/**
 * Survey results about people never show a group smaller than this (ratings, counts, scores),
 * directly, through subtraction from published totals, or to a reader who knows the suppression rule.
 * @example
 * DEFAULT_MIN_GROUP_SIZE // => 5
 * suppressSmallGroups([[12, 3], [20, 9]]).cells[0][1] // => { suppressed: true }
 */
export const DEFAULT_MIN_GROUP_SIZE = 5;

/**
 * Free texts (comments, quotes, interview excerpts) are shown only from groups at least this large:
 * a voice is easier to recognise than a rating. {@link gateTexts}, which every text output passes,
 * enforces it and refuses anything lower.
 * @example
 * DEFAULT_MIN_COMMENT_GROUP_SIZE // => 10
 * gateTexts([{ company: "A", comment: "…" }], { by: ["company"], minGroupSize: 8 }) // throws: option "minGroupSize" must be a whole number ≥ 10
 */
export const DEFAULT_MIN_COMMENT_GROUP_SIZE = 10;

const WHOLE = optionRules.wholeAtLeast1.en;
const BOOLEAN = optionRules.trueOrFalse.en;

/**
 * How small-group suppression is applied (zod schema; the type of the same name is its output).
 * - `minSize` (default {@link DEFAULT_MIN_GROUP_SIZE} = 5): the smallest group that may be shown;
 *   a count n with 0 < n < minSize is a small group.
 * - `showTotals` (default `true`): the row totals, column totals and grand total are published
 *   next to the cells, so hidden cells must not be recoverable by subtraction from them. With
 *   `false` the totals are taken as not published at all (only primary suppression is needed).
 * - `suppressZeros` (default `false`): a count of 0 reveals nobody, so it is shown; set `true` when
 *   "nobody in this group" is itself sensitive (e.g. "no one in team X took up the offer").
 * Unknown option names are rejected (a typo such as `minsize` must not silently fall back to 5).
 * @example
 * PrivacyOptions.parse({ minSize: 10 }) // => { minSize: 10, showTotals: true, suppressZeros: false }
 */
export const PrivacyOptions = z.strictObject({
  minSize: z.int({ error: WHOLE }).min(1, { error: WHOLE }).default(DEFAULT_MIN_GROUP_SIZE),
  showTotals: z.boolean({ error: BOOLEAN }).default(true),
  suppressZeros: z.boolean({ error: BOOLEAN }).default(false),
});
/** Privacy options with every default filled in. */
export type PrivacyOptions = z.output<typeof PrivacyOptions>;
/** Privacy options as a caller writes them (every field optional). */
export type PrivacyOptionsInput = z.input<typeof PrivacyOptions>;

/**
 * Parses options with a schema and turns the first problem into a {@link KoeArgumentError} in
 * Japanese and English naming the function and the option, e.g.
 * `suppressSmallGroups: option "minSize" must be a whole number ≥ 1 (got 2.5)`; an unknown option
 * names the closest valid one (`unknown option "minsize"; did you mean "minSize"?`).
 * @example
 * parseOptions("suppressSmallGroups", PrivacyOptions, { minSize: 10 }).showTotals // => true
 * @throws {KoeArgumentError} on options that are not an object, an unknown option or a bad value
 */
export function parseOptions<S extends z.ZodObject>(fn: string, schema: S, options: unknown): z.output<S> {
  const given = options ?? {};
  if (typeof given !== "object" || Array.isArray(given)) {
    throw KoeArgumentError.of(boundaryMessages.optionsNotObject, { fn, got: Array.isArray(given) ? "an array" : typeof given });
  }
  const known = Object.keys(schema.shape);
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) throw KoeArgumentError.of(boundaryMessages.unknownOption, { fn, key, suggestion: closest(key, known), known });
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.map(String).join(".");
  const value = (given as Record<string, unknown>)[String(issue.path[0])];
  throw KoeArgumentError.of(privacyMessages.badOption, { fn, name, rule: issue.message, ruleJa: ruleJa(issue.message), value });
}
