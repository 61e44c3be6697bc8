// `koe init <file>`: learn from a file's head how its author wrote it — which headers mean which of
// koe's fields, which cell texts mean "no answer", which columns are Likert items — and write it down
// as koe.config.json for the other commands.
import { DEFAULT_LIKERT_LABELS, DEFAULT_MISSING, knownField, normalizeKey, numberFromText, respondentFields, careerOwnershipFields, initiativeRatingFields, commentFields, transcriptSegmentFields, namesOfField, type Table } from "@koe/core";
import { KoeConfig, type FileKind } from "./config.js";
import { kindOf, mapHeaders, type MappedHeader } from "./recognise.js";

/** Cell texts that mean "no answer" wherever they stand (compared after NFKC and trimming). */
export const KNOWN_MARKERS: readonly string[] = ["-", "ー", "―", "—", "‐", "*", ".", "無回答", "未回答", "回答なし", "不明", "該当なし", "NA", "N/A", "n/a", "#N/A", "NaN", "null"];

/** A column whose non-blank cells are at least this share numbers or answer labels is read as numbers (the rest are markers). */
const NUMERIC_SHARE = 0.8;
/** A marker is short: longer texts in a numeric column are answers written out, not markers. */
const MARKER_MAX_LENGTH = 6;
/** Answer scales recognised as Likert (the top answer): 4-, 5-, 6-, 7- and 10-point. */
const LIKERT_TOPS = [4, 5, 6, 7, 10];

const likertLabels = new Map(Object.entries(DEFAULT_LIKERT_LABELS).map(([k, v]) => [normalizeKey(k), v]));
const knownMarkers = new Set(KNOWN_MARKERS.map((m) => m.normalize("NFKC").trim()));

/** What init learned about one column. */
interface ColumnLook {
  numbers: number[];
  markers: Set<string>;
  numeric: boolean;
  labelled: boolean;
}

function lookAt(values: readonly unknown[]): ColumnLook {
  const numbers: number[] = [];
  const texts = new Map<string, number>();
  let labelled = false;
  let nonBlank = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === "") continue;
    nonBlank++;
    if (typeof v === "number") {
      if (Number.isNaN(v)) nonBlank--;
      else numbers.push(v);
      continue;
    }
    const s = String(v).normalize("NFKC").trim();
    const label = likertLabels.get(normalizeKey(s));
    const n = label ?? numberFromText(s);
    if (label !== undefined) labelled = true;
    if (Number.isFinite(n)) numbers.push(n);
    else texts.set(s, (texts.get(s) ?? 0) + 1);
  }
  let known = 0;
  for (const [t, n] of texts) if (knownMarkers.has(t)) known += n;
  const numeric = numbers.length > 0 && numbers.length >= NUMERIC_SHARE * (nonBlank - known);
  const markers = new Set([...texts.keys()].filter((t) => knownMarkers.has(t) || (numeric && t.length <= MARKER_MAX_LENGTH)));
  return { numbers, markers, numeric, labelled };
}

/** The answer range of a column that looks like a Likert item, or null. */
function likertRange(look: ColumnLook, mapped: MappedHeader): { min: number; max: number } | null {
  if (!look.numeric || look.numbers.length === 0) return null;
  const field = mapped.field === null ? undefined : knownField(mapped.field);
  if (!mapped.likert && field !== undefined && !field.meta.likert) return null; // age, wave, manager …: koe's own non-item fields
  if (!look.numbers.every((n) => Number.isInteger(n))) return null;
  const lo = Math.min(...look.numbers);
  const hi = Math.max(...look.numbers);
  if (mapped.likert) return { min: Math.min(lo, 1), max: Math.max(hi, 5) };
  const distinct = new Set(look.numbers).size;
  if (lo < 0 || (distinct < 3 && !look.labelled)) return null;
  const top = look.labelled ? 5 : LIKERT_TOPS.find((t) => t >= hi);
  return top === undefined ? null : { min: lo === 0 ? 0 : 1, max: Math.max(top, hi) };
}

// Names of koe's fields that a longer header may hold (所属会社 holds 会社); not the texts' and
// numbering's names, too common inside other headers (回答日, 社員番号).
const FIELD_GROUPS = [respondentFields, careerOwnershipFields, initiativeRatingFields, commentFields, transcriptSegmentFields];
const GENERIC = new Set(["text", "reason", "reason_code", "question", "segment", "speaker"]);
const containedNames = [...new Set(FIELD_GROUPS.flatMap((g) => Object.keys(g)))]
  .filter((id) => !GENERIC.has(id))
  .flatMap((id) => namesOfField(id).map((name) => ({ id, key: normalizeKey(name) })))
  .filter((n) => n.key.length >= 2 && !/^[a-z]/.test(n.key))
  .sort((a, b) => b.key.length - a.key.length);

/** A field for a header koe does not know, when the header starts or ends with one of its Japanese names and adds at most 3 characters (所属会社 → company). */
export function guessField(header: string): string | null {
  const key = normalizeKey(header);
  const hit = containedNames.find((n) => key !== n.key && key.length - n.key.length <= 3 && (key.endsWith(n.key) || key.startsWith(n.key)));
  return hit?.id ?? null;
}

/** Whether a column's sample is an id: every cell filled and distinct, text or numbers beyond an answer scale (社員番号 10234). */
function looksLikeId(values: ArrayLike<unknown>): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v))) return false;
    const key = String(v);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return seen.size >= 2 && [...seen].some((k) => !Number.isFinite(numberFromText(k)) || numberFromText(k) > Math.max(...LIKERT_TOPS));
}

/** What `koe init` writes, and what it found. */
export interface InitResult {
  config: KoeConfig;
  kind: FileKind | null;
  mapped: number;
  guessed: { header: string; field: string }[];
}

/**
 * The configuration a file's head implies: headers koe knows are left to the readers, headers it can
 * guess (所属会社 → company; without a known id column, the first column of distinct texts → respondent_id)
 * are written to `headers`, the rest listed in `unmapped`; the markers
 * found beside numbers or among the known ones (-, 無回答, 不明 …) join the default missing texts; the
 * columns of whole numbers (or answer labels) on a 4- to 10-point range are the items. Items koe's
 * survey does not have become an instrument of one scale, "items", to edit (scales, reverse keys).
 * @example
 * const { table } = await readCsv("ID,所属会社,Q1,Q2\nA,X,5,-\nB,Y,そう思う,2\nC,X,3,4\n", { missing: [""], likertLabels: {} });
 * initConfig(table, "survey.csv").config.missing // => ["", "NA", "N/A", "無回答", "-"]
 */
export function initConfig(table: Table, source: string): InitResult {
  const headers = table.columnNames();
  const mapped = mapHeaders(headers, KoeConfig.parse({}));
  const guessed: { header: string; field: string }[] = [];
  for (const m of mapped) {
    if (m.field !== null) continue;
    const field = guessField(m.header);
    if (field === null) continue;
    m.field = field;
    guessed.push({ header: m.header, field });
  }
  const markers = new Set<string>();
  const items: { column: string; min: number; max: number; known: boolean }[] = [];
  headers.forEach((column, j) => {
    const look = lookAt(table.array(column) as ArrayLike<unknown> as unknown[]);
    for (const t of look.markers) markers.add(t);
    const range = likertRange(look, mapped[j]!);
    if (range !== null) items.push({ column: mapped[j]!.header, ...range, known: mapped[j]!.likert });
  });
  // An id koe does not know by name (社員番号): the first unmapped column, not an item,
  // of distinct values, none blank.
  if (!mapped.some((m) => m.field === "respondent_id")) {
    const id = mapped.find((m) => m.field === null && !items.some((i) => i.column === m.header) && looksLikeId(table.array(m.header) as ArrayLike<unknown>));
    if (id !== undefined) {
      id.field = "respondent_id";
      guessed.push({ header: id.header, field: "respondent_id" });
    }
  }
  const unknownItems = items.filter((i) => !i.known);
  const config = KoeConfig.parse({
    source,
    kind: kindOf(mapped.map((m) => (unknownItems.some((i) => i.column === m.header) ? { ...m, likert: true } : m))) ?? undefined,
    headers: Object.fromEntries(guessed.map((g) => [g.header, g.field])),
    missing: [...new Set([...DEFAULT_MISSING, ...markers])],
    items: items.map(({ column, min, max }) => ({ column, min, max })),
    instrument: unknownItems.length === 0 ? null : instrumentOf(unknownItems),
    unmapped: mapped.filter((m) => m.field === null && !items.some((i) => i.column === m.header)).map((m) => m.header),
  });
  return { config, kind: config.kind ?? null, mapped: mapped.filter((m) => m.field !== null).length, guessed };
}

/** An instrument of the items koe does not know: one scale, ids made from the headers, the headers as their names. */
function instrumentOf(items: readonly { column: string; min: number; max: number }[]) {
  const used = new Set<string>();
  return {
    id: "my_survey",
    ja: "調査票",
    en: "Survey",
    scales: [{ id: "items", ja: "設問", en: "Items" }],
    items: items.map((item, k) => {
      const base = item.column.normalize("NFKC").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
      let id = /^[a-z]/.test(base) ? base : `q_${base || k + 1}`;
      while (used.has(id)) id = `${id}_${k + 1}`;
      used.add(id);
      return { id, scale: "items", min: item.min, max: item.max, ja: item.column, en: item.column };
    }),
    waves: [],
  };
}
