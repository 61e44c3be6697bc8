// Immobile-layer reasons (不動層): each person's coded texts, pooled, are given one of the three
// sub-types the advisers named — or "unclassified", with the reason — by a rule table, and the
// report counts the sub-types per segment, suppressed at the free-text minimum.
import * as aq from "arquero";
import { z } from "zod";
import { columnValues } from "../../analyze/column-values.js";
import type { CodedTexts } from "../../analyze/coding/coded-texts.js";
import { requireDistinct } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { segmentColumn } from "../../boundary/roles.js";
import { InsufficientDataError, KoeArgumentError } from "../../errors/errors.js";
import { immobileMessages as m, immobileNotes as notes } from "../../errors/immobile-messages.js";
import type { ImmobileType } from "../../model/segments.js";
import { valueKey } from "../../privacy/count-structure.js";
import { optionRules } from "../../privacy/messages.js";
import { DEFAULT_MIN_COMMENT_GROUP_SIZE } from "../../privacy/min-group-size.js";
import type { CountTable } from "../../privacy/suppress-together.js";
import { proportionInterval } from "../../stats/proportions.js";
import { publishReport, type DraftTable, type Note, type StudyReport } from "../report.js";
import { checkRuleCodes, DEFAULT_IMMOBILE_REASON_RULES, IMMOBILE_SUBTYPES, readRuleTable, type ImmobileReasonRules } from "./immobile-rules.js";

/** A person's sub-type, or "unclassified" (a tie, or no reason voiced). */
export type ImmobileAssignment = ImmobileType | "unclassified";

/** The sub-types as the report lists them: the three, then "unclassified". */
export const IMMOBILE_ASSIGNMENTS: readonly ImmobileAssignment[] = [...IMMOBILE_SUBTYPES, "unclassified"];

/** One person's classification (person-level: for the analyst, never to publish). */
export interface ImmobileClassification {
  /** The person (the value of the coded texts' person column; the text's id when there is none). */
  person: unknown;
  subtype: ImmobileAssignment;
  /** Why, as a note (`renderNote` words it): "highest score: unaware (3)", "tie between never_positive and gave_up (1 each)", "no reason voiced". */
  reason: Note;
  /** The score of each sub-type: the sum of the weights of the codes the person voiced. */
  scores: Record<ImmobileType, number>;
  /** The rule table's codes the person voiced (in any text), in the table's order. */
  codes: string[];
  /** How many texts of the person were pooled. */
  texts: number;
}

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object without table, codes and codebook" : typeof v);

function requireCoded(fn: string, coded: unknown): asserts coded is CodedTexts {
  const c = coded as Partial<CodedTexts> | null;
  const ok = c !== null && typeof c === "object" && c.table instanceof aq.ColumnTable && Array.isArray(c.codes) && typeof c.codebook === "object" && c.codebook !== null && Array.isArray(c.codebook.codes);
  if (!ok) throw KoeArgumentError.of(m.notCoded, { fn, got: describe(coded) });
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || (typeof v === "string" && v.trim() === "");

/** The people of coded texts: each person's value and rows (in order of first appearance). */
function peopleOf(fn: string, coded: CodedTexts): { person: unknown[]; rows: number[][] } {
  const n = coded.table.numRows();
  const column = coded.person ?? coded.id;
  const values = column === null ? Array.from({ length: n }, (_, i) => String(i + 1)) : columnValues(coded.table, column, fn);
  if (coded.person !== null) {
    const blank: number[] = [];
    for (let i = 0; i < n; i++) if (isBlank(values[i])) blank.push(i + 1);
    if (blank.length > 0) throw KoeArgumentError.of(m.blankPerson, { fn, column: coded.person, rows: blank.slice(0, 10), count: blank.length });
  }
  const index = new Map<unknown, number>();
  const person: unknown[] = [];
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    // Without a person column each text is its own person, even where ids repeat or are blank.
    const key = coded.person === null ? i : valueKey(values[i]);
    let k = index.get(key);
    if (k === undefined) {
      k = person.length;
      index.set(key, k);
      person.push(coded.person === null && column !== null && isBlank(values[i]) ? String(i + 1) : values[i]);
      rows.push([]);
    }
    rows[k]!.push(i);
  }
  return { person, rows };
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** The rule table applied: codes checked against the coded texts' codebook. */
function rulesFor(fn: string, coded: CodedTexts, rules: unknown): ImmobileReasonRules {
  const table = rules === undefined ? DEFAULT_IMMOBILE_REASON_RULES : readRuleTable(fn, rules);
  checkRuleCodes(fn, table, coded.codebook);
  return table;
}

function classify(fn: string, coded: CodedTexts, rules: ImmobileReasonRules): { classes: ImmobileClassification[]; rows: number[][] } {
  const { person, rows } = peopleOf(fn, coded);
  const codes = [...new Set(rules.weights.map((w) => w.code))];
  const voicedBy = codes.map((code) => {
    const v = columnValues(coded.table, code, fn);
    return (i: number) => v[i] === 1 || v[i] === true || v[i] === "1";
  });
  const classes = person.map((p, k): ImmobileClassification => {
    const voiced = codes.filter((_, c) => rows[k]!.some((i) => voicedBy[c]!(i)));
    const scores = Object.fromEntries(IMMOBILE_SUBTYPES.map((s) => [s, 0])) as Record<ImmobileType, number>;
    for (const w of rules.weights) if (voiced.includes(w.code)) scores[w.subtype] = round(scores[w.subtype] + w.weight);
    const top = Math.max(...Object.values(scores));
    const best = IMMOBILE_SUBTYPES.filter((s) => scores[s] === top);
    let subtype: ImmobileAssignment = "unclassified";
    let reason: Note;
    if (top <= 0) reason = { code: notes.noReasonVoiced.code, params: {} };
    else if (best.length > 1) reason = { code: notes.tie.code, params: { subtypes: best, score: top } };
    else {
      subtype = best[0]!;
      reason = { code: notes.highestScore.code, params: { subtype, score: top } };
    }
    return { person: p, subtype, reason, scores, codes: voiced, texts: rows[k]!.length };
  });
  return { classes, rows };
}

/**
 * Each person's immobile sub-type from their coded texts, by a rule table (default
 * {@link DEFAULT_IMMOBILE_REASON_RULES}; see {@link ImmobileReasonRules} for the decision rule): one
 * row per person — the person, `subtype` (or "unclassified"), the `reason` as a note, the score of
 * each sub-type, the codes voiced and the number of texts pooled. A person is the value of the
 * coded texts' `person` column (all their texts pooled; a blank person is an error naming the
 * rows); without a person column each text is its own person, named by its id.
 *
 * **Person-level: for the analyst only, never to publish** — it ties a person to what was inferred
 * from their words. Publish {@link immobileReasons}, which counts people per segment and suppresses
 * small groups.
 * @throws {KoeArgumentError} on input that is not coded texts, a bad rule table, a code the codebook lacks, a blank person
 * @example
 * const codebook = await readCodebook("id,ja,en,rule\nno_mutual_understanding,相互理解の不足,No mutual understanding,相互理解 or わかってもらえない\nno_opportunity,機会がない,No opportunities,機会がない or 機会もない\nhr_led_transfers,異動は人事主導,Transfers are HR-led,人事主導\ncareer_unclear,キャリアがわからない,Career unclear,わからない or ピンとこない\ngave_up,諦め,Gave up,諦め or どうせ\n");
 * const comments = aq.table({ person: ["A", "B", "C", "A"], text: ["キャリアと言われてもピンとこない", "挑戦する機会がない", "特になし", "機会もないし、もう諦めた"] });
 * const coded = codeTexts(comments, { text: "text", person: "person", codebook });
 * classifyImmobileReasons(coded).map((r) => [r.person, r.subtype, renderNote(r.reason, "en")]) // => [["A", "gave_up", "highest score: gave_up (3)"], ["B", "unclassified", "tie between never_positive and gave_up (1 each)"], ["C", "unclassified", "no reason voiced (none of the rule table's codes in this person's texts)"]]
 */
export function classifyImmobileReasons(coded: CodedTexts, rules?: unknown): ImmobileClassification[] {
  const fn = "classifyImmobileReasons";
  requireCoded(fn, coded);
  return classify(fn, coded, rulesFor(fn, coded, rules)).classes;
}

/**
 * Options of {@link immobileReasons} (zod schema):
 * - `by` (optional): a segment column of the coded texts' table (generation, company, job_type, …),
 *   one value per person; adds the table `mix`. People with a blank segment are left out (a warning
 *   says how many).
 * - `rules` (default {@link DEFAULT_IMMOBILE_REASON_RULES}): the rule table, an object or its JSON text.
 * - `minGroupSize` (default {@link DEFAULT_MIN_COMMENT_GROUP_SIZE} = 10; never less): the smallest
 *   group of people shown — sub-types are inferred from free text.
 * - `missing`: cell texts of `by` that mean "no answer" (default "", NA, N/A, 無回答).
 */
export const ImmobileReasonsOptions = z.object({
  by: z.string().optional(),
  rules: z.unknown().optional(),
  minGroupSize: z
    .int({ error: optionRules.commentMinimum.en })
    .min(DEFAULT_MIN_COMMENT_GROUP_SIZE, { error: optionRules.commentMinimum.en })
    .default(DEFAULT_MIN_COMMENT_GROUP_SIZE),
  missing: z.array(z.string()).optional(),
});
export type ImmobileReasonsOptions = z.input<typeof ImmobileReasonsOptions>;

const SHARE_COLUMNS = ["people", "share", "share_low", "share_high"] as const;

function shareRow(people: number, of: number) {
  const ci = proportionInterval(people, of);
  return { people, share: people / of, share_low: ci.ciLow, share_high: ci.ciHigh };
}

/**
 * The immobile layer's sub-type mix: each person's coded texts (see `codeTexts`) pooled and given a
 * sub-type by the rule table ({@link classifyImmobileReasons}), then counted. Pass the texts of the
 * people you count as immobile (filter the table before coding). Tables of the report
 * (`publishReport`):
 * - `overall`: [subtype, people, share, share_low, share_high, suppressed] — every person counted,
 *   one row per sub-type and "unclassified" (shares of all people; Wilson 95% interval);
 * - `mix` (with `by`): [by, subtype, people, share, share_low, share_high, segment_people,
 *   suppressed] — per segment value × sub-type, shares of the segment's people;
 * - `rules`: [subtype, code, code_ja, code_en, weight, basis] — the rule table applied, so a reader
 *   sees how sub-types were assigned (the finding `immobile.decisionRule` states the decision).
 *
 * Privacy: groups of fewer than `minGroupSize` (10) people are hidden together with whatever would
 * give them away — the segment × sub-type cells, the segments' totals and the overall counts are
 * suppressed as one structure (`mix`'s sub-type totals are `overall`'s counts), so a hidden cell
 * cannot be recovered by subtraction; a hidden row keeps only its segment and sub-type.
 * @throws {KoeArgumentError} on input that is not coded texts, a bad option or rule table, a code
 * the codebook lacks, a blank person, a person with two values of `by`
 * @throws {InsufficientDataError} when no person is left to count
 * @example
 * const codebook = await readCodebook("id,ja,en,rule\nno_mutual_understanding,相互理解の不足,No mutual understanding,相互理解 or わかってもらえない\nno_opportunity,機会がない,No opportunities,機会がない or 機会もない\nhr_led_transfers,異動は人事主導,Transfers are HR-led,人事主導\ncareer_unclear,キャリアがわからない,Career unclear,わからない or ピンとこない\ngave_up,諦め,Gave up,諦め or どうせ\n");
 * const say = { career_unclear: "キャリアがピンとこない", no_mutual_understanding: "上司にわかってもらえない", gave_up: "もう諦めた", no_opportunity: "機会がない" };
 * const sizes = { career_unclear: [14, 3, 12, 10], no_mutual_understanding: [11, 2, 15, 10], gave_up: [12, 4, 10, 10], no_opportunity: [10, 0, 11, 10] }; // people per company C1…C4
 * const rows = Object.entries(sizes).flatMap(([code, ns]) => ns.flatMap((n, c) => Array.from({ length: n }, (_, i) => ({ person: `${code}-${c}-${i}`, company: `C${c + 1}`, text: say[code] }))));
 * const report = immobileReasons(codeTexts(aq.from(rows), { text: "text", person: "person", codebook }), { by: "company" });
 * report.tables.overall.rows.map((r) => [r.subtype, r.people]) // => [["unaware", 39], ["never_positive", 38], ["gave_up", 36], ["unclassified", 31]]
 * report.tables.mix.rows.filter((r) => r.subtype === "unaware").map((r) => [r.company, r.people, r.segment_people]) // => [["C1", null, null], ["C2", null, null], ["C3", 12, 48], ["C4", 10, 40]]
 */
export function immobileReasons(coded: CodedTexts, options: ImmobileReasonsOptions = {}): StudyReport {
  const fn = "immobileReasons";
  requireCoded(fn, coded);
  const o = parseOptions(fn, ImmobileReasonsOptions, options);
  const rules = rulesFor(fn, coded, o.rules);
  const { classes, rows } = classify(fn, coded, rules);
  const seg = o.by === undefined ? null : segmentColumn(fn, coded.table, o.by, { option: "by", ...(o.missing ? { missing: o.missing } : {}) });
  if (seg) requireDistinct(fn, { by: seg.column, subtype: "subtype" });

  // The segment of each person: one value (blank rows aside), else an error naming both rows.
  const segmentOf = classes.map((c, k) => {
    if (!seg) return 0;
    let level = -1;
    let at = -1;
    for (const i of rows[k]!) {
      const v = seg.codes[i]!;
      if (v < 0) continue;
      if (level >= 0 && v !== level) {
        throw KoeArgumentError.of(m.twoSegments, { fn, column: seg.column, person: String(c.person), first: seg.levels[level], firstRow: at + 1, second: seg.levels[v], secondRow: i + 1 });
      }
      if (level < 0) [level, at] = [v, i];
    }
    return level;
  });
  const levels = seg ? seg.levels : [null];
  const kinds = IMMOBILE_ASSIGNMENTS.length;
  const cells = new Array<number>(levels.length * kinds).fill(0);
  let leftOut = 0;
  let textsUsed = 0;
  classes.forEach((c, k) => {
    if (segmentOf[k]! < 0) {
      leftOut++;
      return;
    }
    cells[segmentOf[k]! * kinds + IMMOBILE_ASSIGNMENTS.indexOf(c.subtype)]!++;
    textsUsed += c.texts;
  });
  const total = classes.length - leftOut;
  if (total === 0) throw new InsufficientDataError(fn, 1, 0, seg?.column ?? coded.person ?? coded.id);

  const byKind = IMMOBILE_ASSIGNMENTS.map((_, s) => levels.reduce<number>((sum, _l, l) => sum + cells[l * kinds + s]!, 0));
  const overallRows = IMMOBILE_ASSIGNMENTS.map((subtype, s) => ({ subtype, ...shareRow(byKind[s]!, total) }));
  const order = { subtype: IMMOBILE_ASSIGNMENTS };
  const counts: CountTable[] = [{ name: "overall", dims: ["subtype"], rows: overallRows.map((r) => ({ subtype: r.subtype, n: r.people })) }];
  const tables: Record<string, DraftTable> = {
    overall: { columns: ["subtype", ...SHARE_COLUMNS], rows: overallRows, dims: ["subtype"], order, groups: (r) => [{ table: "overall", key: { subtype: r.subtype } }, { table: "overall", key: {} }] },
  };
  if (seg) {
    const by = seg.column;
    const mixRows: Record<string, unknown>[] = levels.flatMap((level, l) => {
      const of = IMMOBILE_ASSIGNMENTS.reduce((sum, _s, s) => sum + cells[l * kinds + s]!, 0);
      return of === 0 ? [] : IMMOBILE_ASSIGNMENTS.map((subtype, s) => ({ [by]: level, subtype, ...shareRow(cells[l * kinds + s]!, of), segment_people: of }));
    });
    counts.push({ name: "mix", dims: [by, "subtype"], rows: mixRows.map((r) => ({ [by]: r[by], subtype: r.subtype, n: r.people })) });
    tables.mix = {
      columns: [by, "subtype", ...SHARE_COLUMNS, "segment_people"],
      rows: mixRows,
      dims: [by, "subtype"],
      order: { [by]: levels, ...order },
      groups: (r) => [{ table: "mix", key: { [by]: r[by], subtype: r.subtype } }, { table: "mix", key: { [by]: r[by] } }],
    };
  }
  const label = new Map(coded.codebook.codes.map((c) => [c.id, c]));
  tables.rules = {
    columns: ["subtype", "code", "code_ja", "code_en", "weight", "basis"],
    rows: rules.weights.map((w) => ({ ...w, code_ja: label.get(w.code)?.ja ?? null, code_en: label.get(w.code)?.en ?? null })),
    dims: ["subtype", "code"],
    order: { subtype: IMMOBILE_SUBTYPES, code: [...new Set(rules.weights.map((w) => w.code))] },
    groups: () => null,
  };
  return publishReport({
    study: "immobileReasons",
    counts,
    relations: seg ? [{ whole: "overall", parts: ["mix"] }] : [],
    tables,
    findings: [{ code: notes.decisionRule.code, params: {} }],
    warnings: leftOut > 0 && seg ? [{ code: notes.peopleLeftOut.code, params: { people: leftOut, column: seg.column } }] : [],
    provenance: { inputs: [{ name: "coded", rows: coded.table.numRows(), rowsUsed: textsUsed }], wave: null, seed: null, options: { by: o.by ?? null, minGroupSize: o.minGroupSize, rules } },
    minGroupSize: o.minGroupSize,
  });
}
