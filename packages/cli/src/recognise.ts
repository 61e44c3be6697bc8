// What a file holds, told from its columns: each header is mapped to a field of koe's model (the
// configuration's mapping first, then the names koe knows, then the instrument's item columns), and
// the fields found say whether the rows are respondents, initiative ratings, comments or turns of
// interviews.
import { careerSurveyInstrument, fieldMetaOf, Instrument, knownField, namesOfField, normalizeKey, respondentSchema, type z } from "@koe/core";
import type { FileKind, KoeConfig } from "./config.js";

/** A header and the field of koe's model it means (null: none koe knows). */
export interface MappedHeader {
  header: string;
  field: string | null;
  /** The field is a Likert item (of the instrument or koe's career-ownership items). */
  likert: boolean;
}

const clean = (h: string) => h.replace(/\uFEFF/g, "");

/** The item columns of an instrument (with koe's career-ownership items), by every name they go by. */
function itemNames(instrument: z.input<typeof Instrument> | null): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, schema] of Object.entries(respondentSchema(instrument ?? careerSurveyInstrument).shape as Record<string, z.ZodType>)) {
    const meta = fieldMetaOf(schema);
    if (!meta?.likert) continue;
    for (const name of [id, meta.ja, meta.en, ...(meta.aliases ?? [])]) names.set(normalizeKey(name), id);
  }
  return names;
}

/**
 * Each header with the field it means: the configuration's `headers` first, then the instrument's
 * item columns (エンゲージメント1_事前 → eng_01_pre), the names of a free text (回答, 自由記述, 発話 → text),
 * then koe's other names (会社 → company, 調査回 → wave).
 * @example
 * mapHeaders(["会社", "エンゲージメント1_事前", "所属"], KoeConfig.parse({ headers: { 所属: "department" } })).map((h) => h.field)
 * // => ["company", "eng_01_pre", "department"]
 */
export function mapHeaders(headers: readonly string[], config: KoeConfig): MappedHeader[] {
  const items = itemNames(config.instrument);
  const texts = new Set(namesOfField("text").map(normalizeKey));
  return headers.map((raw) => {
    const header = clean(raw);
    const given = config.headers[header];
    const key = normalizeKey(header);
    const item = items.get(key);
    // A free text's names before koe's other fields: コメント is a rating's reason too, but a file
    // with a text and no initiative is comments (ratings are told apart by their initiative).
    const field = given ?? item ?? (texts.has(key) ? "text" : (knownField(header)?.id ?? null));
    return { header, field, likert: field !== null && (item === field || knownField(field)?.meta.likert === true) };
  });
}

/**
 * What the rows are, from the fields their headers map to: interview turns (transcript_id and
 * speaker), initiative ratings (initiative, and outcome or effective), respondents (answers, or two
 * of koe's segments), comments (a text), respondents again (an id or one segment); null when none fits.
 * @example
 * kindOf(mapHeaders(["会社", "施策", "結果"], KoeConfig.parse({}))) // => "ratings"
 */
export function kindOf(mapped: readonly MappedHeader[]): FileKind | null {
  const has = new Set(mapped.map((m) => m.field));
  if (has.has("transcript_id") && has.has("speaker")) return "transcripts";
  if (has.has("initiative") && (has.has("outcome") || has.has("effective"))) return "ratings";
  // A survey export often carries a free-text column beside the answers: answers or segments make it respondents.
  const segments = ["age", "generation", "job_type", "manager", "layer", "cross_boundary"].filter((f) => has.has(f)).length;
  if (mapped.some((m) => m.likert) || segments >= 2) return "respondents";
  if (has.has("text")) return "comments";
  return has.has("respondent_id") || segments > 0 ? "respondents" : null;
}
