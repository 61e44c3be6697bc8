// The rule set behind segmentRespondents: which columns each segment is derived from, the
// thresholds that sort people into the career-ownership layers and the immobile sub-types, and the
// names of the columns it writes — JSON a user reads, edits and keeps beside the survey.
import { z } from "zod";
import { parseOptions } from "../boundary/options.js";
import { KoeArgumentError } from "../errors/errors.js";
import { segmentMessages as m } from "../errors/segment-messages.js";

/** The segments {@link segmentRespondents} derives, in the order it writes them. */
export const SEGMENTS = ["generation", "role", "jobType", "layer", "immobile"] as const;
export type SegmentName = (typeof SEGMENTS)[number];

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "an item id: lower-case words joined by _ (the column is <id>_<wave>)");
const name = z.string().min(1);
const score = (items: string[], as: string) =>
  z
    .object({
      /** The items whose mean is the score (columns `<item>_<wave>`). */
      items: z.array(id).min(1).default(items),
      /** How many of the items a person must have answered for a score (default 2 of 3). */
      minAnswered: z.int().min(1).default(2),
      /** The score's column, per wave: `<as>_<wave>`. */
      as: name.default(as),
    })
    .prefault({});

/**
 * The rule set of {@link segmentRespondents} (zod schema; the type of the same name is its output),
 * as JSON a user reads and edits. Every key is optional; an unknown key at any depth is an error
 * naming the closest valid one. The defaults and why:
 *
 * - `derive` (default: every segment whose columns the table has): the segments to derive, any of
 *   `"generation"`, `"role"`, `"jobType"`, `"layer"`, `"immobile"`. A segment named here needs all
 *   its columns; without `derive`, a segment none of whose columns is in the table is left out, and
 *   one with some of them is an error naming the others.
 * - `missing` (default "", NA, N/A, 無回答): cell texts that mean "no answer".
 * - `itemRange` (default 1–5): the answer range of every item; an answer outside it is an error.
 * - `generation`: from `age` (default column "age") with the company's `cutoffs` (default: mid from
 *   35, senior from 50 — the consortium's 若手・中堅・シニア), written to `as` (default "generation").
 * - `role`: `manager` (default column "manager", yes/no: 管理職/非管理職, 1/0 …) → "manager" or
 *   "non_manager", written to `as` (default "role").
 * - `jobType`: `column` (default "job_type") read through the job-type vocabulary (技術系 →
 *   technical …), written to `as` (default "job_type").
 * - `layer`: per wave (`waves`, default ["pre", "post"]) the career-ownership layer, from the
 *   `awareness` score (mean of aware_01–03), the `action` score (mean of action_01–03), each from
 *   at least `minAnswered` (2) of its items, and the `tradView` item (「キャリアは会社が決めてくれる
 *   ものだ」). The decision, in this order:
 *   1. a score or the traditional-view answer missing → `unclassified` (missing answers);
 *   2. `practising` criteria met (awareness ≥ `practising.awarenessAtLeast` = 3.5 and action ≥
 *      `practising.actionAtLeast` = 3) while agreeing that the company decides careers (trad view ≥
 *      `contradictory.tradViewAtLeast` = 4) → `unclassified` (contradictory answers), as is meeting
 *      both the traditional and the practising criteria (possible only with overlapping thresholds);
 *   3. trad view ≥ `traditional.tradViewAtLeast` (3) and awareness < `traditional.awarenessBelow`
 *      (3) → `traditional`: does not reject "the company decides my career" and thinks little about
 *      one's own (below the scale's midpoint);
 *   4. practising criteria met → `practising`: thinks about one's career (3.5: between "neither" and
 *      "agree") and acts on it at least as often as not (3 = the midpoint);
 *   5. otherwise → `interested` (understanding / interest without the practice).
 *   A score within 1e-9 of a threshold counts as equal to it (a mean of 3 items is k/3). The
 *   layer is written to `<as>_<wave>` (default `layer_pre`, `layer_post`), the scores to
 *   `awareness_<wave>` and `action_<wave>`.
 * - `immobile`: the immobile layer's sub-type (不動層のタイプ) of the people in the traditional
 *   layer at `wave` (default "pre"), from the three reason `items` (「キャリアと言われても何を考えれば
 *   いいかわからない」 → unaware, 「キャリアについて前向きに考えられたことがない」 → never_positive,
 *   「以前は前向きだったが、今は諦めている」 → gave_up): the item agreed with most, if its answer is at
 *   least `minAgreement` (4 = "agree": a traditional-layer person who agrees with none of the reasons
 *   is `not_immobile`); a tie for the highest answer is contradictory → `unclassified`, as is a
 *   missing item or an unclassified layer. People in the other layers are `not_immobile`. Written
 *   to `as` (default "immobile_subtype").
 * - `reasonsAs` (default "reasons"): the column that says, for each row with an unclassified
 *   segment, which and why (in the language set by `setLanguage`); null for the other rows.
 *
 * How well the defaults recover the bundled data's true layers and sub-types is measured in
 * {@link segmentRespondents}.
 * @example
 * SegmentRules.parse({}).layer.practising // => { awarenessAtLeast: 3.5, actionAtLeast: 3 }
 */
export const SegmentRules = z.object({
  derive: z.array(z.enum(SEGMENTS)).optional(),
  missing: z.array(z.string()).optional(),
  itemRange: z.object({ min: z.int().default(1), max: z.int().default(5) }).prefault({}),
  generation: z
    .object({
      age: name.default("age"),
      cutoffs: z.object({ mid: z.int().positive().default(35), senior: z.int().positive().default(50) }).prefault({}),
      as: name.default("generation"),
    })
    .prefault({}),
  role: z.object({ manager: name.default("manager"), as: name.default("role") }).prefault({}),
  jobType: z.object({ column: name.default("job_type"), as: name.default("job_type") }).prefault({}),
  layer: z
    .object({
      waves: z.array(id).default(["pre", "post"]),
      awareness: score(["aware_01", "aware_02", "aware_03"], "awareness"),
      action: score(["action_01", "action_02", "action_03"], "action"),
      tradView: z.object({ item: id.default("trad_view") }).prefault({}),
      traditional: z.object({ tradViewAtLeast: z.number().finite().default(3), awarenessBelow: z.number().finite().default(3) }).prefault({}),
      practising: z.object({ awarenessAtLeast: z.number().finite().default(3.5), actionAtLeast: z.number().finite().default(3) }).prefault({}),
      contradictory: z.object({ tradViewAtLeast: z.number().finite().default(4) }).prefault({}),
      as: name.default("layer"),
    })
    .prefault({}),
  immobile: z
    .object({
      wave: id.nullable().default("pre"),
      items: z.object({ unaware: id.default("imm_unaware"), never_positive: id.default("imm_never"), gave_up: id.default("imm_gave_up") }).prefault({}),
      minAgreement: z.number().finite().default(4),
      as: name.default("immobile_subtype"),
    })
    .prefault({}),
  reasonsAs: name.default("reasons"),
});
export type SegmentRules = z.output<typeof SegmentRules>;
export type SegmentRulesInput = z.input<typeof SegmentRules>;

/**
 * The default rule set, every value filled in: a starting point to read, copy and edit.
 * @example
 * DEFAULT_SEGMENT_RULES.immobile.minAgreement // => 4
 */
export const DEFAULT_SEGMENT_RULES: SegmentRules = SegmentRules.parse({}, { jitless: true }); // once, at import: no compiled fast path

/** The output columns a rule set writes, by what they hold (for the check that no two coincide). */
export function outputColumns(rules: SegmentRules): { column: string; what: string }[] {
  const waves = rules.layer.waves.length > 0 ? rules.layer.waves : [null];
  const per = (as: string, w: string | null) => (w === null ? as : `${as}_${w}`);
  return [
    { column: rules.generation.as, what: "generation.as" },
    { column: rules.role.as, what: "role.as" },
    { column: rules.jobType.as, what: "jobType.as" },
    ...waves.flatMap((w) => [
      { column: per(rules.layer.awareness.as, w), what: "layer.awareness.as" },
      { column: per(rules.layer.action.as, w), what: "layer.action.as" },
      { column: per(rules.layer.as, w), what: "layer.as" },
    ]),
    { column: rules.immobile.as, what: "immobile.as" },
    { column: rules.reasonsAs, what: "reasonsAs" },
  ];
}

/**
 * A rule set checked once: an object or its JSON text, parsed strictly (an unknown key at any
 * depth names the closest valid key), then checked as a whole — a score's `minAnswered` within
 * its items, thresholds within `itemRange`, generation cut-offs in order, `immobile.wave` one of
 * `layer.waves`, no two output columns of the same name. Every problem is a
 * {@link KoeArgumentError} in Japanese and English naming the rule.
 * @example
 * parseSegmentRules('{ "layer": { "practising": { "actionAtLeast": 3.5 } } }').layer.practising // => { awarenessAtLeast: 3.5, actionAtLeast: 3.5 }
 * parseSegmentRules({ layer: { practicing: {} } }) // throws: unknown option "layer.practicing"; did you mean "practising"?
 */
export function parseSegmentRules(rules: unknown, fn = "parseSegmentRules"): SegmentRules {
  let given = rules;
  if (typeof rules === "string") {
    try {
      given = JSON.parse(rules);
    } catch (e) {
      throw KoeArgumentError.of(m.rulesJson, { fn, detail: (e as Error).message });
    }
  }
  const r = parseOptions(fn, SegmentRules, given);
  const { min, max } = r.itemRange;
  if (!(min < max)) throw KoeArgumentError.of(m.badRule, { fn, rule: "itemRange", value: `${min}–${max}`, detail: "min must be below max", detailJa: "min は max より小さくしてください" });
  for (const s of ["awareness", "action"] as const) {
    const { items, minAnswered } = r.layer[s];
    if (minAnswered > items.length) throw KoeArgumentError.of(m.badRule, { fn, rule: `layer.${s}.minAnswered`, value: minAnswered, detail: `at most the number of items (${items.length})`, detailJa: `設問数（${items.length}）以下にしてください` });
  }
  const thresholds: [string, number][] = [
    ["layer.traditional.tradViewAtLeast", r.layer.traditional.tradViewAtLeast],
    ["layer.traditional.awarenessBelow", r.layer.traditional.awarenessBelow],
    ["layer.practising.awarenessAtLeast", r.layer.practising.awarenessAtLeast],
    ["layer.practising.actionAtLeast", r.layer.practising.actionAtLeast],
    ["layer.contradictory.tradViewAtLeast", r.layer.contradictory.tradViewAtLeast],
    ["immobile.minAgreement", r.immobile.minAgreement],
  ];
  for (const [rule, value] of thresholds) {
    if (value < min || value > max) throw KoeArgumentError.of(m.badRule, { fn, rule, value, detail: `a threshold on the answer range ${min}–${max}`, detailJa: `回答の範囲 ${min}〜${max} の中の閾値にしてください` });
  }
  const { mid, senior } = r.generation.cutoffs;
  if (!(mid < senior)) throw KoeArgumentError.of(m.badRule, { fn, rule: "generation.cutoffs", value: `mid ${mid}, senior ${senior}`, detail: "the mid cut-off must be below the senior one", detailJa: "mid の境目は senior の境目より小さくしてください" });
  const waves = r.layer.waves;
  if (new Set(waves).size !== waves.length) throw KoeArgumentError.of(m.badRule, { fn, rule: "layer.waves", value: waves.join(", "), detail: "a wave is named twice", detailJa: "同じ調査回が二度指定されています" });
  const wave = r.immobile.wave;
  if (waves.length > 0 ? wave === null || !waves.includes(wave) : wave !== null) {
    throw KoeArgumentError.of(m.badRule, {
      fn,
      rule: "immobile.wave",
      value: String(wave),
      detail: waves.length > 0 ? `one of layer.waves (${waves.join(", ")})` : "null when layer.waves is empty",
      detailJa: waves.length > 0 ? `layer.waves のいずれか（${waves.join("、")}）にしてください` : "layer.waves が空のときは null にしてください",
    });
  }
  const seen = new Map<string, string>();
  for (const { column, what } of outputColumns(r)) {
    const first = seen.get(column);
    if (first !== undefined) throw KoeArgumentError.of(m.sameOutput, { fn, column, first, second: what });
    seen.set(column, what);
  }
  return r;
}
