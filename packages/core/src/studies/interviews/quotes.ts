// Representative quotes per code and segment: the actual words behind a count, masked, from groups
// large enough to be quoted, chosen by a documented score with seeded ties.
import { z } from "zod";
import { segmentColumn } from "../../boundary/roles.js";
import { parseOptions } from "../../boundary/options.js";
import { closest } from "../../boundary/closest.js";
import { columnValues } from "../../analyze/column-values.js";
import type { CodedSpan, CodedTexts } from "../../analyze/coding/coded-texts.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { quotesMessages as m, quotesNotes as notes } from "../../errors/quotes-messages.js";
import { DEFAULT_MIN_COMMENT_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { optionRules } from "../../privacy/messages.js";
import { gateTexts } from "../../privacy/gate-texts.js";
import { createRandom } from "../../stats/random.js";
import { publishReport, type Note, type StudyReport } from "../report.js";
import { isCodedTexts } from "./agreement.js";
import { createMasker } from "./mask.js";

/** A quote is preferred when its length (characters, trimmed) is within these bounds. */
export const QUOTE_LENGTH = { min: 15, max: 150 } as const;

/**
 * Options of {@link quotes} (zod schema):
 * - `code` (default: every code, in codebook order): a code or a list of codes (ids, or their
 *   Japanese or English labels);
 * - `by` (default none: quotes per code only): a segment column of the coded table (generation,
 *   company, layer, …; values of a known vocabulary resolve to its ids and order);
 * - `limit` (default 3): at most this many quotes per code × group;
 * - `seed` (default 1): the seed of the tie-breaking shuffle;
 * - `minGroupSize` (default 10, never less): quotes only from groups of at least this many writers;
 * - `mask` (default none): `{ names, ids }`, more names and ids to mask (see `maskText`).
 */
export const QuotesOptions = z.object({
  code: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  by: z.string().min(1).optional(),
  limit: z.int().min(1).default(3),
  seed: z.union([z.number(), z.string()]).default(1),
  minGroupSize: z.int({ error: optionRules.commentMinimum.en }).min(DEFAULT_MIN_COMMENT_GROUP_SIZE, { error: optionRules.commentMinimum.en }).default(DEFAULT_MIN_COMMENT_GROUP_SIZE),
  mask: z.object({ names: z.array(z.string()).default([]), ids: z.array(z.string()).default([]) }).default({ names: [], ids: [] }),
});
export type QuotesOptions = z.input<typeof QuotesOptions>;

const OUTPUT = ["code", "code_ja", "rank", "quote", "words", "other_codes"] as const;
const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`);
const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * Representative quotes per code (and per group of `by`): at most `limit` texts with the code from
 * each group, masked, ranked by a simple score —
 * 1. a length (trimmed, in characters) within {@link QUOTE_LENGTH} (15–150) before one outside it;
 * 2. fewer other codes first (a text voicing only this code says it most clearly; the code's own
 *    parents and children do not count as other codes);
 * 3. a length closer to the median length of the code's texts in the group;
 * 4. ties broken by a shuffle seeded with `seed`, the code and the group (sfc32): the same input
 *    and seed give byte-identical output, whatever the order of the rows.
 * One quote per person per code × group (with `coded.person`), and no text twice.
 *
 * Before anything is chosen, every text passes `gateTexts` by the `by` groups (counted in people
 * when `coded.person` is set): a group of fewer than `minGroupSize` (10) writers, or one that
 * subtraction from the total would reveal, gives no quote. Quotes are masked by `maskText`: names
 * (田中さん → 〇〇さん), e-mail addresses, phone numbers and ids, including every value of the id and
 * person columns and `mask.names`/`mask.ids`; the matched words are masked the same way.
 *
 * Table `quotes`: `code`, `code_ja`, the `by` column, `rank` (1 = most representative), `quote`
 * (masked), `words` (the words that matched the code's rule, masked, "、"-joined; blank for manual
 * codes without spans), `other_codes` (the other codes of the text, "、"-joined); rows by code
 * (codebook order), group (natural order) and rank — never input order, never an id or row number.
 * In the example, the text naming a boss has another code, so the two "busy" quotes are among
 * the nine of median length that voice only that code: the seeded shuffle picks them.
 * @throws {KoeArgumentError} on an unknown code, column or option, or a `minGroupSize` below 10
 * @example
 * const cb = await readCodebook({ id: "cb", ja: "例", en: "Example", codes: [
 *   { id: "busy", ja: "忙しい", en: "Busy", rule: "忙しい or 忙し" }, { id: "boss", ja: "上司", en: "Boss", rule: "課長 or 上司" }] });
 * const texts = Array.from({ length: 11 }, (_, i) => ({ 回答: `毎日忙しくて研修に出られない（${i + 1}）` }));
 * const coded = codeTexts([...texts, { 回答: "田中課長に相談したいが忙しそうだ" }], { text: "回答", codebook: cb });
 * quotes(coded, { code: "boss" }).tables.quotes.rows // => [{ code: "boss", code_ja: "上司", rank: 1, quote: "〇〇課長に相談したいが忙しそうだ", words: "課長", other_codes: "busy" }]
 * quotes(coded, { code: "busy", limit: 2 }).tables.quotes.rows.map((r) => r.quote) // => ["毎日忙しくて研修に出られない（7）", "毎日忙しくて研修に出られない（2）"]
 */
export function quotes(coded: CodedTexts, options: QuotesOptions = {}): StudyReport {
  const fn = "quotes";
  if (!isCodedTexts(coded)) throw KoeArgumentError.of(m.notCoded, { fn, got: describe(coded) });
  const o = parseOptions(fn, QuotesOptions, options);
  const codes = (o.code === undefined ? coded.codes : typeof o.code === "string" ? [o.code] : o.code).map((c) => codeId(fn, coded, c));
  const table = coded.table.isFiltered() || coded.table.isOrdered() ? coded.table.reify() : coded.table;
  const seg = o.by === undefined ? null : segmentColumn(fn, table, o.by, { option: "by" });
  if (seg && (OUTPUT as readonly string[]).includes(seg.column)) throw KoeArgumentError.of(m.byIsOutput, { fn, column: seg.column });
  const n = table.numRows();
  const texts = columnValues(table, coded.text, fn);
  const ids = coded.id === null ? null : columnValues(table, coded.id, fn);
  const idOf = (i: number) => (ids === null ? String(i + 1) : String(ids[i]));
  const person = coded.person === null ? null : columnValues(table, coded.person, fn);

  // The gate: every text of a group with a segment value, counted in people.
  const gateRows: Record<string, unknown>[] = [];
  let blankSegment = 0;
  for (let i = 0; i < n; i++) {
    if (!isText(texts[i])) continue;
    if (seg && seg.codes[i]! < 0) {
      blankSegment++;
      continue;
    }
    gateRows.push({ group: seg ? seg.levels[seg.codes[i]!] : "all", text: texts[i], row: i, ...(person ? { person: String(person[i]) } : {}) });
  }
  const gated = gateTexts(gateRows, { by: ["group"], text: "text", keep: ["row"], minGroupSize: o.minGroupSize, ...(person ? { person: "person" } : {}) });
  const visible = new Map<unknown, number[]>();
  for (const r of gated.rows) (visible.get(r.group) ?? visible.set(r.group, []).get(r.group)!).push(r.row as number);

  const mask = createMasker({
    names: o.mask.names,
    ids: [...o.mask.ids, ...(ids ? Array.from(ids, String) : []), ...(person ? Array.from(person, String) : [])],
  });
  const family = familyOf(coded);
  const columnOf = new Map(coded.codes.map((c) => [c, columnValues(table, c, fn)]));
  const spansOf = new Map<string, CodedSpan[]>();
  for (const s of coded.spans) (spansOf.get(s.id) ?? spansOf.set(s.id, []).get(s.id)!).push(s);
  const levels = seg ? seg.levels : ["all"];
  const rows: Record<string, unknown>[] = [];
  for (const code of codes) {
    const has = columnOf.get(code)!;
    const related = family.related.get(code)!;
    const below = family.below.get(code)!;
    for (const level of levels) {
      const pool = (visible.get(level) ?? []).filter((i) => Number(has[i]) === 1);
      if (pool.length === 0) continue;
      const chosen = choose(pool, {
        text: (i) => (texts[i] as string).trim(),
        others: (i) => coded.codes.filter((c) => !related.has(c) && Number(columnOf.get(c)![i]) === 1),
        person: (i) => (person ? `p:${String(person[i])}` : `r:${i}`),
        tie: (i) => idOf(i),
        seed: `${String(o.seed)}\u0000${code}\u0000${String(level)}`,
        limit: o.limit,
      });
      chosen.forEach((c, k) => {
        const text = texts[c.row] as string;
        const words = [...new Set((spansOf.get(idOf(c.row)) ?? []).filter((s) => below.has(s.code)).sort((a, b) => a.start - b.start).map((s) => mask(text.slice(s.start, s.end))))];
        rows.push({
          code,
          code_ja: coded.codebook.codes.find((x) => x.id === code)?.ja ?? null,
          ...(seg ? { [seg.column]: level } : {}),
          rank: k + 1,
          quote: mask(text.trim()),
          words: words.join("、"),
          other_codes: c.others.join("、"),
        });
      });
    }
  }

  const warnings: Note[] = [];
  if (blankSegment > 0) warnings.push({ code: notes.blankSegment.code, params: { rows: blankSegment, column: seg!.column } });
  if (gated.groups.some((g) => g.suppressed)) warnings.push({ code: notes.groupsWithheld.code, params: { minGroupSize: o.minGroupSize } });
  const dims = seg ? ["code", seg.column, "rank"] : ["code", "rank"];
  const columns = seg ? ["code", "code_ja", seg.column, "rank", "quote", "words", "other_codes"] : [...OUTPUT];
  // The writers per group, as the gate counted them, so that the report's own edge applies the same rule.
  const writers = seg ? levels.map((level) => ({ [seg.column]: level, n: new Set(gateRows.filter((r) => r.group === level).map((r) => (person ? `p:${String(r.person)}` : `r:${String(r.row)}`))).size })) : [];
  return publishReport({
    study: "quotes",
    counts: seg ? [{ name: "writers", dims: [seg.column], rows: writers }] : [],
    tables: {
      quotes: {
        columns,
        rows,
        dims,
        order: { code: codes, ...(seg ? { [seg.column]: seg.levels } : {}) },
        groups: seg ? (r) => ({ table: "writers", key: { [seg.column]: r[seg.column] } }) : () => null,
      },
    },
    findings: [],
    warnings,
    provenance: {
      inputs: [{ name: "texts", rows: n, rowsUsed: gateRows.length }],
      wave: null,
      seed: o.seed,
      options: { code: codes, by: seg?.column ?? null, limit: o.limit, minGroupSize: o.minGroupSize },
    },
    minGroupSize: o.minGroupSize,
  });
}

/** A code's id from its id or its Japanese or English label. */
function codeId(fn: string, coded: CodedTexts, code: string): string {
  if (coded.codes.includes(code)) return code;
  const key = code.normalize("NFKC").trim();
  const hit = coded.codebook.codes.find((c) => coded.codes.includes(c.id) && (c.ja.normalize("NFKC").trim() === key || c.en.normalize("NFKC").trim() === key));
  if (hit) return hit.id;
  throw KoeArgumentError.of(m.unknownCode, { fn, code, suggestion: closest(code, coded.codes), codes: coded.codes });
}

/** Per code: `below`, itself and the codes under it (their words are its words); `related`, those and its ancestors (none of them an "other" code of a text that has it). */
function familyOf(coded: CodedTexts): { below: Map<string, Set<string>>; related: Map<string, Set<string>> } {
  const parent = new Map(coded.codebook.codes.map((c) => [c.id, c.parent]));
  const up = (c: string) => {
    const out: string[] = [];
    for (let p = parent.get(c) ?? null; p !== null && !out.includes(p); p = parent.get(p) ?? null) out.push(p);
    return out;
  };
  const below = new Map(coded.codes.map((c) => [c, new Set([c])]));
  for (const c of coded.codes) for (const a of up(c)) below.get(a)?.add(c);
  const related = new Map(coded.codes.map((c) => [c, new Set([...below.get(c)!, ...up(c)])]));
  return { below, related };
}

interface Chosen {
  row: number;
  others: string[];
}

/** The `limit` most representative of `pool` (row indices): see {@link quotes} for the score. */
function choose(
  pool: readonly number[],
  f: { text: (i: number) => string; others: (i: number) => string[]; person: (i: number) => string; tie: (i: number) => string; seed: string; limit: number },
): Chosen[] {
  const items = pool.map((row) => {
    const text = f.text(row);
    return { row, text, length: Array.from(text).length, others: f.others(row), tie: 0 };
  });
  // A canonical order first (by text, then id), so that the shuffle does not depend on row order.
  items.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) || (f.tie(a.row) < f.tie(b.row) ? -1 : f.tie(a.row) > f.tie(b.row) ? 1 : 0));
  const random = createRandom(f.seed);
  const order = items.map((_, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const j = random.int(k + 1);
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  order.forEach((at, k) => (items[at]!.tie = k));
  const lengths = items.map((x) => x.length).sort((a, b) => a - b);
  const mid = lengths.length / 2;
  const median = lengths.length % 2 === 1 ? lengths[Math.floor(mid)]! : (lengths[mid - 1]! + lengths[mid]!) / 2;
  const band = (x: { length: number }) => (x.length >= QUOTE_LENGTH.min && x.length <= QUOTE_LENGTH.max ? 0 : 1);
  items.sort((a, b) => band(a) - band(b) || a.others.length - b.others.length || Math.abs(a.length - median) - Math.abs(b.length - median) || a.tie - b.tie);
  const out: Chosen[] = [];
  const people = new Set<string>();
  const seen = new Set<string>();
  for (const x of items) {
    if (out.length >= f.limit) break;
    const key = x.text.normalize("NFKC");
    const who = f.person(x.row);
    if (seen.has(key) || people.has(who)) continue;
    seen.add(key);
    people.add(who);
    out.push({ row: x.row, others: x.others });
  }
  return out;
}
