// The rule table of immobile-layer reasons: which coded reasons point to which of the three
// sub-types the advisers named, with what weight — data a user reads, edits and keeps beside the
// codebook, checked once with messages naming the entry, the field and the code.
import { z } from "zod";
import { closest } from "../../boundary/closest.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { immobileMessages as m, immobileRuleFields as fields } from "../../errors/immobile-messages.js";
import { immobileTypes, type ImmobileType } from "../../model/segments.js";
import type { CodingCodebook } from "../../analyze/coding/read-codebook.js";

/** The three sub-types of the immobile layer (不動層), in the advisers' order. */
export const IMMOBILE_SUBTYPES = immobileTypes.ids as readonly ImmobileType[];

/** One entry of a rule table: voicing `code` adds `weight` to the score of `subtype`. */
export const ImmobileReasonWeight = z.strictObject({
  /** A code id of the codebook the texts were coded with (e.g. "career_unclear"). */
  code: z.string().min(1),
  /** The sub-type the code points to: "unaware", "never_positive" or "gave_up". */
  subtype: z.enum(immobileTypes.ids as unknown as [ImmobileType, ...ImmobileType[]]),
  /** How strongly (a number > 0); a code may point to several sub-types, one entry each. */
  weight: z.number().positive().finite(),
  /** Why the code points to the sub-type (the advisers' words); default "". */
  basis: z.string().default(""),
});
export type ImmobileReasonWeight = z.output<typeof ImmobileReasonWeight>;

/**
 * A rule table of immobile-layer reasons (zod schema; the type of the same name is its output), as
 * JSON a user reads and edits:
 * - `decision` (default `"highest_score"`): how a person's sub-type is decided. A person's texts are
 *   pooled; the score of a sub-type is the sum of the `weight`s of the entries whose code the person
 *   voiced (in any of their texts; each code counts once per person); the sub-type with the highest
 *   score is the person's. A tie for the highest score, or no code of the table voiced at all,
 *   leaves the person `unclassified`, with the reason ("tie between never_positive and gave_up",
 *   "no reason voiced").
 * - `weights`: the entries `{ code, subtype, weight, basis }`; a (code, sub-type) pair at most once.
 *
 * Codes are checked against the codebook when the table is applied ({@link parseImmobileReasonRules}
 * with a codebook, or `immobileReasons`): an unknown code is an error naming it, the closest code
 * and the codebook's codes.
 * @example
 * ImmobileReasonRules.parse({ weights: [{ code: "gave_up", subtype: "gave_up", weight: 2 }] }) // => { decision: "highest_score", weights: [{ code: "gave_up", subtype: "gave_up", weight: 2, basis: "" }] }
 */
export const ImmobileReasonRules = z.strictObject({
  decision: z.literal("highest_score").default("highest_score"),
  weights: z.array(ImmobileReasonWeight).min(1),
});
export type ImmobileReasonRules = z.output<typeof ImmobileReasonRules>;
/** A rule table as a user writes it (defaults may be left out). */
export type ImmobileReasonRulesInput = z.input<typeof ImmobileReasonRules>;

/**
 * The default rule table, on the bundled codebook's barrier codes (キャリアの壁). Its weights come
 * from what the advisers said at the consortium (髙倉, 永島; 第8分科会 2班, 第9分科会), not from
 * fitting the bundled data: a code that names a sub-type weighs 2, a reason the advisers or the
 * working group tied to a sub-type weighs 1.
 *
 * | code | → sub-type | weight | basis |
 * |---|---|---|---|
 * | `career_unclear` キャリアがわからない | `unaware` | 2 | names it: 「キャリアってわからない」 |
 * | `hr_led_transfers` 異動は人事主導 | `unaware` | 1 | the traditional view 「キャリアは会社が決めてくれるもの」: no idea of a career of one's own |
 * | `no_mutual_understanding` 相互理解の不足 | `never_positive` | 1 | among the group's reasons for not turning positive; says nothing of having been positive |
 * | `no_opportunity` 機会がない | `never_positive` | 1 | 「チャンスに恵まれない」: nothing to start from |
 * | `no_opportunity` 機会がない | `gave_up` | 1 | 「持っているけれども自社だと思い通りにならない」: a chance denied after trying |
 * | `gave_up` 諦め | `gave_up` | 2 | names it: 「一度前向きになったけれど、諦めることになった」 |
 *
 * So 機会がない alone is a tie (unclassified), and 異動は人事主導 alone reads as `unaware` (its
 * other reading, 「申請をしてもどうせ人事主導」 as giving up, is left to `gave_up`'s own words).
 *
 * **How well it recovers the bundled respondents' sub-type** (data/respondents.csv `immobile_type`,
 * joined to data/comments.csv by respondent_id: the 156 immobile people who commented — 72
 * unaware, 48 never positive, 36 gave up), classifying each person from the codes planted in their
 * comments (truth.json `comments.codesByRow`):
 *
 * | true \ assigned | unaware | never_positive | gave_up | tie | no reason |
 * |---|---|---|---|---|---|
 * | unaware (72) | **38** | 7 | 2 | 3 | 22 |
 * | never_positive (48) | 8 | **10** | 2 | 11 | 17 |
 * | gave_up (36) | 4 | 1 | **9** | 5 | 17 |
 *
 * 57 of 156 people right (36.5%); 56 voiced none of the five reasons (their comments were about
 * other themes), 19 were ties; of the 81 given a sub-type, 57 (70.4%) got the right one (unaware
 * 38/50, never positive 10/18, gave up 9/13), where always answering "unaware" would get 47 (58%).
 * The weak spot is `never_positive`: 10 of 48 found, 8 read as `unaware` (6 of them voiced only 異動は人事主導,
 * which the advisers' words tie to the traditional view, 2 キャリアがわからない) and 11 ties. Coded by `codeTexts` with the bundled codebook
 * instead, the figures are the same: its rules find exactly the planted codes of every comment.
 * The test (test/interviews/immobile.test.ts) recomputes these counts from the
 * raw files.
 * @example
 * DEFAULT_IMMOBILE_REASON_RULES.weights.filter((w) => w.subtype === "gave_up").map((w) => [w.code, w.weight]) // => [["no_opportunity", 1], ["gave_up", 2]]
 */
export const DEFAULT_IMMOBILE_REASON_RULES: ImmobileReasonRules = ImmobileReasonRules.parse({
  decision: "highest_score",
  weights: [
    { code: "career_unclear", subtype: "unaware", weight: 2, basis: "名前そのもの: 「キャリアってわからない」(髙倉) / names the sub-type" },
    { code: "hr_led_transfers", subtype: "unaware", weight: 1, basis: "伝統的なキャリア観「キャリアは会社が決めてくれるもの」、「キャリアオーナーシップの考えをそもそも持たない方」(永島) / the company decides: no career of one's own" },
    { code: "no_mutual_understanding", subtype: "never_positive", weight: 1, basis: "前向きになれない理由「相互理解ができていない」(2班) / a reason for never turning positive" },
    { code: "no_opportunity", subtype: "never_positive", weight: 1, basis: "「チャンスに恵まれない」(2班) / nothing to start from" },
    { code: "no_opportunity", subtype: "gave_up", weight: 1, basis: "「持っているけれども自社だと思い通りにならない」(永島) / a chance denied after trying" },
    { code: "gave_up", subtype: "gave_up", weight: 2, basis: "名前そのもの: 「一度前向きになったけれど、諦めることになった」(髙倉) / names the sub-type" },
  ],
});

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

/** Where in the table an issue is, in words: "weights[3] (code "no_opportunity"), field "weight"". */
function whereOf(path: readonly PropertyKey[], value: unknown): { where: string; whereJa: string; field: keyof typeof fields } {
  if (path.length === 0) return { where: "the table", whereJa: "全体", field: "table" };
  if (path[0] !== "weights") return { where: `field ${JSON.stringify(String(path[0]))}`, whereJa: `項目「${String(path[0])}」`, field: path[0] === "decision" ? "decision" : "table" };
  if (path.length === 1) return { where: 'field "weights"', whereJa: "項目「weights」", field: "weights" };
  const k = Number(path[1]);
  const entry = isRecord(value) && Array.isArray(value.weights) ? value.weights[k] : undefined;
  const code = isRecord(entry) && typeof entry.code === "string" ? entry.code : null;
  const head = `entry ${k + 1}${code === null ? "" : ` (code ${JSON.stringify(code)})`}`;
  const headJa = `${k + 1}番目${code === null ? "" : `（コード「${code}」）`}`;
  if (path.length === 2) return { where: head, whereJa: headJa, field: "entry" };
  const name = String(path[2]) as keyof typeof fields;
  return { where: `${head}, field ${JSON.stringify(name)}`, whereJa: `${headJa}の項目「${name}」`, field: name in fields ? name : "entry" };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) v = isRecord(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** Parses a rule table (an object, or JSON text) into its output, refusing it with messages that name the entry and field. */
export function readRuleTable(fn: string, value: unknown): ImmobileReasonRules {
  let given = value;
  if (typeof value === "string") {
    try {
      given = JSON.parse(value);
    } catch (e) {
      throw KoeArgumentError.of(m.badRulesJson, { fn, detail: (e as Error).message });
    }
  }
  const parsed = ImmobileReasonRules.safeParse(given);
  if (parsed.success) return parsed.data;
  // A misspelt field also leaves its right name missing: say the misspelling first.
  const issue = parsed.error.issues.find((i) => i.code === "unrecognized_keys") ?? parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const known = issue.path.length === 0 ? Object.keys(ImmobileReasonRules.shape) : Object.keys(ImmobileReasonWeight.shape);
    const { where, whereJa } = whereOf(issue.path, given);
    throw KoeArgumentError.of(m.unknownField, { fn, where, whereJa, key, suggestion: closest(key, known), known });
  }
  const { where, whereJa, field } = whereOf(issue.path, given);
  throw KoeArgumentError.of(m.badRules, { fn, where, whereJa, rule: fields[field].en, ruleJa: fields[field].ja, value: valueAt(given, issue.path) });
}

/**
 * Refuses a (code, sub-type) pair given twice, and — with a codebook — a code the codebook does
 * not have (naming the closest code and listing the codebook's codes).
 */
export function checkRuleCodes(fn: string, rules: ImmobileReasonRules, codebook: CodingCodebook | null): void {
  const first = new Map<string, number>();
  rules.weights.forEach((w, k) => {
    const key = `${w.code}\u0000${w.subtype}`;
    const seen = first.get(key);
    if (seen !== undefined) throw KoeArgumentError.of(m.duplicateRule, { fn, code: w.code, subtype: w.subtype, entry: k + 1, first: seen + 1 });
    first.set(key, k);
  });
  if (codebook === null) return;
  const codes = codebook.codes.map((c) => c.id);
  rules.weights.forEach((w, k) => {
    if (!codes.includes(w.code)) throw KoeArgumentError.of(m.unknownCode, { fn, code: w.code, entry: k + 1, codebook: codebook.id, suggestion: closest(w.code, codes), codes });
  });
}

/**
 * Reads a rule table of immobile-layer reasons (an object, or its JSON text) and checks it: every
 * field ({@link ImmobileReasonRules}), no (code, sub-type) pair twice, and — given the codebook —
 * every code one of the codebook's. Defaults are filled in.
 * @throws {KoeArgumentError} naming the entry, the field and the value; an unknown code with the
 * closest code ("did you mean") and the codebook's codes
 * @example
 * const cb = await readCodebook("id,ja,en,rule\ncareer_unclear,キャリアがわからない,Career unclear,わからない\n");
 * parseImmobileReasonRules('{"weights":[{"code":"career_unclear","subtype":"unaware","weight":2}]}', cb).decision // => "highest_score"
 * parseImmobileReasonRules({ weights: [{ code: "career_uncler", subtype: "unaware", weight: 2 }] }, cb) // throws: rule table, entry 1 names the code "career_uncler", which is not a code of codebook "codebook"; did you mean "career_unclear"?
 * parseImmobileReasonRules({ weights: [{ code: "career_unclear", subtype: "unaware", weight: 0 }] }) // throws: rule table, entry 1 (code "career_unclear"), field "weight" must be a number > 0 (got 0)
 */
export function parseImmobileReasonRules(rules: unknown, codebook?: CodingCodebook): ImmobileReasonRules {
  const fn = "parseImmobileReasonRules";
  const out = readRuleTable(fn, rules);
  checkRuleCodes(fn, out, codebook ?? null);
  return out;
}
