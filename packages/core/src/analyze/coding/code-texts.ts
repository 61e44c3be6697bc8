// Coding texts against a codebook: one pass over the texts, each normalised once, every rule
// matched on it; a 0/1 column per code, the spans behind every 1, and manual codings alongside.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { z } from "zod";
import { closest } from "../../boundary/closest.js";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { DEFAULT_MISSING } from "../../boundary/roles.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { codeTextsMessages as m } from "../../errors/interview-messages.js";
import { fieldMetaOf } from "../../model/field.js";
import { compareNatural } from "../../model/segment-order.js";
import type { Table } from "../../model/table.js";
import { commentFields, transcriptSegmentFields } from "../../model/transcript.js";
import { normalizeKey } from "../../model/vocabulary.js";
import { columnValues } from "../column-values.js";
import { AUTOMATIC_CODER, type CodedSpan, type CodedTexts, type Coding } from "./coded-texts.js";
import { matchSpans, prepareText } from "./match-rule.js";
import { normalizedUnitForUnit } from "./normalize.js";
import type { CodingCode, CodingCodebook } from "./read-codebook.js";

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`);
const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/** A codebook as readCodebook returns it: every code carries its parsed rule (or null). */
function isCodingCodebook(v: unknown): v is CodingCodebook {
  if (v === null || typeof v !== "object" || !Array.isArray((v as CodingCodebook).codes)) return false;
  return (v as CodingCodebook).codes.every((c) => c !== null && typeof c === "object" && typeof c.id === "string" && "parsed" in c && (c.parsed === null) === (c.rule === null));
}

/** One manual coding as given: `{ id, code, coder }` (the keys may be written ID, Code, コード, コーダー …). */
const ManualRows = z.union([z.array(z.record(z.string(), z.unknown())), z.custom<ColumnTable>((v) => v instanceof aq.ColumnTable)]);

export const CodeTextsOptions = z.object({
  /** The column holding the text (「回答」, 「発話」, "text" … resolve to the table's own header). */
  text: z.string().min(1),
  /** The column naming each text, or a list of columns joined with "-" into one id (e.g. ["transcript_id", "segment"] → "T01-4"); must be unique. Default: row numbers 1, 2, … as text. */
  id: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** The column naming who wrote or said each text (e.g. "respondent_id"); groups are then counted in people. Default: none (each text its own person). */
  person: z.string().min(1).optional(),
  /** The codebook returned by `readCodebook`. */
  codebook: z.custom<CodingCodebook>(() => true),
  /** Manual codings `{ id, code, coder }` (rows or a table), joined into `codings` beside the automatic ones. `code` may be a code's id or its Japanese or English label. */
  manual: ManualRows.optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答): such a text gets no code. */
  missing: z.array(z.string()).optional(),
});
export type CodeTextsOptions = z.input<typeof CodeTextsOptions>;

// Names a free-text column goes by in koe's model (comments and transcripts), merged per field:
// a column 「回答」 (a comment's text) is found by "text", and "回答" finds a column "text".
const FREE_TEXT_FIELDS = [commentFields, transcriptSegmentFields] as Record<string, z.ZodType>[];
function namesAcross(fieldId: string): string[] {
  return FREE_TEXT_FIELDS.flatMap((group) => {
    const meta = group[fieldId] ? fieldMetaOf(group[fieldId]) : undefined;
    return meta ? [fieldId, meta.ja, meta.en, ...(meta.aliases ?? [])] : [];
  });
}

/** resolveColumn, then the names of the comment and transcript fields (which the model's field list keeps only once per id). */
function freeTextColumn(fn: string, table: Table, name: string, option: string): string {
  try {
    return resolveColumn(fn, table, name, option);
  } catch (e) {
    const key = normalizeKey(name);
    for (const fieldId of new Set(FREE_TEXT_FIELDS.flatMap((g) => Object.keys(g)))) {
      const names = new Set(namesAcross(fieldId).map(normalizeKey));
      if (!names.has(key)) continue;
      const alike = table.columnNames().filter((c) => names.has(normalizeKey(c.replace(/\uFEFF/g, ""))));
      if (alike.length === 1) return alike[0]!;
    }
    throw e;
  }
}

const markerKey = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** The rule-bearing codes under each grouping code (a code without a rule): its value is their "or". */
function groupMembers(codes: readonly CodingCode[]): Map<number, number[]> {
  const index = new Map(codes.map((c, k) => [c.id, k]));
  const members = new Map<number, number[]>();
  codes.forEach((c, k) => {
    if (c.parsed === null) return;
    const seen = new Set<number>();
    for (let p = c.parent; p !== null; ) {
      const a = index.get(p);
      if (a === undefined || seen.has(a)) break;
      seen.add(a);
      if (codes[a]!.parsed === null) members.set(a, [...(members.get(a) ?? []), k]);
      p = codes[a]!.parent;
    }
  });
  return members;
}

type ManualKeys = { id: string; code: string; coder: string };
const MANUAL_NAMES: Record<keyof ManualKeys, string[]> = {
  id: ["id", "unit", "text id", "テキストid", "単位"],
  code: ["code", "コード", "code id"],
  coder: ["coder", "コーダー", "評定者", "rater", "annotator"],
};

/** Reads manual codings, checking each row's id and code; returns them by row index and code index. */
function readManual(fn: string, manual: z.output<typeof ManualRows>, rowOf: Map<string, number>, ids: readonly string[], codes: readonly CodingCode[]) {
  const list = manual instanceof aq.ColumnTable ? (manual.objects() as Record<string, unknown>[]) : manual;
  const codeOf = new Map<string, number>();
  codes.forEach((c, k) => {
    for (const name of [c.id, c.ja, c.en]) if (!codeOf.has(normalizeKey(name))) codeOf.set(normalizeKey(name), k);
  });
  const byNfkc = new Map<string, number>();
  ids.forEach((id, i) => {
    const k = id.normalize("NFKC").trim();
    if (!byNfkc.has(k)) byNfkc.set(k, i);
  });
  const out: { row: number; code: number; coder: string }[] = [];
  list.forEach((r, k) => {
    const row = k + 1;
    if (r === null || typeof r !== "object") throw KoeArgumentError.of(m.manualNotRows, { fn, got: describe(r) });
    const value = (field: keyof ManualKeys, blankAllowed = false) => {
      const key = Object.keys(r).find((name) => MANUAL_NAMES[field].includes(normalizeKey(name).replace(/\uFEFF/g, "")) || MANUAL_NAMES[field].includes(name.trim().toLowerCase()));
      const v = key === undefined ? undefined : r[key];
      if (key === undefined || (!blankAllowed && (isBlank(v) || String(v).trim() === ""))) throw KoeArgumentError.of(m.manualLacks, { fn, row, field });
      return isBlank(v) || String(v).trim() === "" ? null : v;
    };
    const id = value("id")!;
    // A blank code: the coder read the text and gave it no code.
    const code = value("code", true);
    const coder = String(value("coder")).trim();
    const at = rowOf.get(String(id)) ?? byNfkc.get(String(id).normalize("NFKC").trim());
    if (at === undefined) throw KoeArgumentError.of(m.manualUnknownId, { fn, row, id, suggestion: closest(String(id), ids.length <= 5000 ? ids : []) });
    const c = code === null ? -1 : codeOf.get(normalizeKey(String(code)));
    if (c === undefined) throw KoeArgumentError.of(m.manualUnknownCode, { fn, row, code, suggestion: closest(String(code), codes.map((x) => x.id)), codes: codes.map((x) => x.id) });
    if (coder === AUTOMATIC_CODER) throw KoeArgumentError.of(m.manualAutoCoder, { fn, row, coder });
    out.push({ row: at, code: c, coder });
  });
  return out;
}

/**
 * Codes texts against a codebook read by `readCodebook`: one row per text, the input's columns
 * kept, and a 0/1 column per code named by the code's id, in codebook order. A code with a rule is
 * 1 when its rule matches the text (compared after NFKC and lower-casing, see `matchRule`); a
 * grouping code without a rule is 1 when any code under it is. Each text is normalised once and
 * every rule matched on it, spans gathered only for the rules that match, so 100,000 texts × 20
 * codes take under a second; `word(…)` tokenises only the sentences its word may be in.
 *
 * - `id`: a column, or several joined with "-" (["transcript_id", "segment"] gives "T01-4", in a
 *   new column named "transcript_id-segment"); it must be unique — one person's several texts
 *   are told apart by `person`, not by the id. Without it, texts are numbered "1", "2", … by row.
 * - Blank texts and missing markers (`missing`, default "", NA, N/A, 無回答) keep their row with
 *   every code 0: they are texts of their group (counted in `codeFrequencies`' `texts`) that voice
 *   nothing. An answer such as 「特になし」 is treated the same way when a rule does not match it;
 *   add it to `missing` to make sure no rule (e.g. one with `not`) ever codes it.
 * - `spans` lead every automatic 1 back to its words; `codings` holds the automatic codings
 *   (coder "auto", grouping codes included, as in the table) and the `manual` ones, sorted by
 *   row, code order and coder ("auto" first, then the manual coders in natural order).
 * - `manual`: one row per code a person gave a text (`{ id, code, coder }`, the code by id or
 *   label); a row with a blank code says the coder read the text and gave it no code. A manual
 *   coder read exactly the texts they have a row for (so coders can code a sample), which
 *   `coderAgreement(coded)` compares; such rows stay in `codings` with `code: null`.
 * - The codebook must be `readCodebook`'s result (it checks parents and rules once): a plain
 *   JSON object of codes is refused with a message saying so, rather than coded unchecked.
 * @throws {KoeArgumentError} naming the column, value and row: an unknown column, a repeated or
 *   blank id, a blank `person`, a code id that is already a column, a manual coding whose id or
 *   code is unknown.
 * @example
 * const cb = await readCodebook({ id: "cb", ja: "例", en: "Example", codes: [
 *   { id: "barriers", ja: "壁", en: "Barriers" },
 *   { id: "no_chance", ja: "機会がない", en: "No chances", parent: "barriers", rule: "機会 and (ない or 少ない)" },
 *   { id: "busy", ja: "繁忙", en: "Busy", parent: "barriers", rule: "忙しい or 時間がない" }] });
 * const coded = codeTexts([{ 回答: "異動の機会がない。" }, { 回答: "特になし" }, { 回答: "毎日忙しい" }], { text: "回答", codebook: cb });
 * coded.table.objects().map((r) => [r.barriers, r.no_chance, r.busy]) // => [[1, 1, 0], [0, 0, 0], [1, 0, 1]]
 * coded.spans[0] // => { id: "1", code: "no_chance", start: 3, end: 5 }
 * coded.codings.filter((c) => c.id === "3").map((c) => c.code) // => ["barriers", "busy"]
 * codeTexts([{ no: "a", 回答: "忙しい" }], { text: "回答", id: "no", codebook: cb, manual: [{ id: "b", code: "busy", coder: "佐藤" }] }) // throws: manual coding 1: no text has the id "b"
 */
export function codeTexts(table: Table | readonly Record<string, unknown>[], options: CodeTextsOptions): CodedTexts {
  const fn = "codeTexts";
  if (Array.isArray(table)) {
    if (!table.every((r) => r !== null && typeof r === "object" && !Array.isArray(r))) throw KoeArgumentError.of(m.notRows, { fn, got: "a list that is not of rows" });
    table = aq.from(table as Record<string, unknown>[]);
  } else if (!(table instanceof aq.ColumnTable)) {
    throw KoeArgumentError.of(m.notRows, { fn, got: describe(table) });
  }
  requireTable(fn, table);
  const o = parseOptions(fn, CodeTextsOptions, options);
  if (!isCodingCodebook(o.codebook)) throw KoeArgumentError.of(m.notACodebook, { fn, got: describe(o.codebook) });
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const text = freeTextColumn(fn, t, o.text, "text");
  const idParts = o.id === undefined ? [] : (typeof o.id === "string" ? [o.id] : o.id).map((c) => freeTextColumn(fn, t, c, "id"));
  const person = o.person === undefined ? null : freeTextColumn(fn, t, o.person, "person");
  requireDistinct(fn, { text, person, ...(idParts.length === 1 ? { id: idParts[0] } : {}) });
  return _codeTexts(t, { text, idParts, person, codebook: o.codebook, manual: o.manual ?? null, missing: o.missing ?? DEFAULT_MISSING });
}

function _codeTexts(
  table: Table,
  o: { text: string; idParts: string[]; person: string | null; codebook: CodingCodebook; manual: z.output<typeof ManualRows> | null; missing: readonly string[] },
): CodedTexts {
  const fn = "codeTexts";
  const codes = o.codebook.codes;
  const columns = new Set(table.columnNames());
  for (const c of codes) if (columns.has(c.id)) throw KoeArgumentError.of(m.codeIsColumn, { fn, code: c.id });
  const n = table.numRows();

  // Ids: one column's values as text, or several joined with "-"; blank or repeated ids refused.
  const idColumn = o.idParts.length === 0 ? null : o.idParts.length === 1 ? o.idParts[0]! : o.idParts.join("-");
  if (o.idParts.length > 1 && columns.has(idColumn!)) throw KoeArgumentError.of(m.idColumnExists, { fn, column: idColumn!, parts: o.idParts });
  if (idColumn !== null && codes.some((c) => c.id === idColumn)) throw KoeArgumentError.of(m.codeIsColumn, { fn, code: idColumn });
  const parts = o.idParts.map((c) => columnValues(table, c, fn));
  const ids = new Array<string>(n);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let id = String(i + 1);
    if (parts.length > 0) {
      id = "";
      for (let k = 0; k < parts.length; k++) {
        const v = parts[k]![i];
        if (isBlank(v) || String(v).trim() === "") throw KoeArgumentError.of(m.missingId, { fn, column: o.idParts[k]!, row: i + 1 });
        id += (k > 0 ? "-" : "") + String(v);
      }
    }
    const first = rowOf.get(id);
    if (first !== undefined) throw KoeArgumentError.of(m.duplicateId, { fn, columns: o.idParts, id, first: first + 1, again: i + 1 });
    rowOf.set(id, i);
    ids[i] = id;
  }
  if (o.person !== null) {
    const who = columnValues(table, o.person, fn);
    const blank: number[] = [];
    for (let i = 0; i < n; i++) if (isBlank(who[i]) || String(who[i]).trim() === "") blank.push(i + 1);
    if (blank.length > 0) throw KoeArgumentError.of(m.missingPerson, { fn, column: o.person, rows: blank.slice(0, 8), count: blank.length });
  }

  // One pass: each text normalised once, every rule matched on it.
  const texts = columnValues(table, o.text, fn);
  const missing = new Set(o.missing.map(markerKey));
  const ruled = codes.map((c, k) => ({ k, rule: c.parsed })).filter((r) => r.rule !== null);
  const values = codes.map(() => new Int8Array(n));
  const spans: CodedSpan[] = [];
  for (let i = 0; i < n; i++) {
    const v = texts[i];
    if (isBlank(v)) continue;
    const s = typeof v === "string" ? v : String(v);
    const prepared = prepareText(s);
    // A text normalised unit for unit is its own marker key once trimmed: NFKC is not run on it again.
    const norm = prepared.normalized;
    if (missing.has(normalizedUnitForUnit(norm) ? norm.text.trim() : markerKey(s))) continue;
    for (const { k, rule } of ruled) {
      const hit = matchSpans(rule!, prepared);
      if (hit === null) continue;
      values[k]![i] = 1;
      for (const sp of hit) spans.push({ id: ids[i]!, code: codes[k]!.id, start: sp.start, end: sp.end });
    }
  }
  for (const [g, members] of groupMembers(codes)) {
    const out = values[g]!;
    for (const k of members) {
      const src = values[k]!;
      for (let i = 0; i < n; i++) out[i]! |= src[i]!;
    }
  }

  // Codings: the automatic ones from the 0/1 columns, the manual ones joined, sorted by row, code, coder.
  const manual = o.manual === null ? [] : readManual(fn, o.manual, rowOf, ids, codes);
  const coders = [AUTOMATIC_CODER, ...[...new Set(manual.map((x) => x.coder))].sort((a, b) => compareNatural("coder", a, b))];
  const coderRank = new Map(coders.map((c, r) => [c, r]));
  const keyed: { row: number; code: number; coder: number }[] = [];
  for (let i = 0; i < n; i++) for (let k = 0; k < codes.length; k++) if (values[k]![i] === 1) keyed.push({ row: i, code: k, coder: 0 });
  const seen = new Set<string>();
  for (const x of manual) {
    const key = `${x.row}\u0000${x.code}\u0000${x.coder}`;
    if (seen.has(key)) continue;
    seen.add(key);
    keyed.push({ row: x.row, code: x.code, coder: coderRank.get(x.coder)! });
  }
  if (manual.length > 0) keyed.sort((a, b) => a.row - b.row || a.code - b.code || a.coder - b.coder);
  const codings: Coding[] = keyed.map((x) => ({ id: ids[x.row]!, code: x.code < 0 ? null : codes[x.code]!.id, coder: coders[x.coder]! }));

  const added: Record<string, ArrayLike<unknown>> = {};
  if (o.idParts.length > 1) added[idColumn!] = ids;
  codes.forEach((c, k) => (added[c.id] = values[k]!));
  return {
    table: table.assign(aq.table(added)),
    codes: codes.map((c) => c.id),
    codebook: o.codebook,
    text: o.text,
    id: idColumn,
    person: o.person,
    spans,
    codings,
    coders,
  };
}
