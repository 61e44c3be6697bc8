import { z } from "zod";
import { parseOptions } from "../boundary/options.js";
import { KoeArgumentError } from "../errors/errors.js";
import { readMessages as m } from "../errors/messages.js";
import { careerSurveyInstrument, type Instrument } from "../model/instrument.js";
import { initiativeRatingSchema } from "../model/initiative-rating.js";
import { respondentSchema } from "../model/respondent.js";
import { GenerationCutoffs, generations } from "../model/segments.js";
import { Comment, TranscriptSegment } from "../model/transcript.js";
import type { Vocabulary } from "../model/vocabulary.js";
import type { Table } from "../model/table.js";
import type { Issue } from "../errors/issue.js";
import { ReadCsvOptions, ReadExcelOptions } from "./options.js";
import { readCsvWith } from "./read-csv.js";
import { readExcelWith, type WorkbookSource } from "./read-excel.js";
import { issueOf, type ReadResult, type RowCheck } from "./row-reader.js";
import { sniffFormat } from "./sniff.js";
import { peekSource, type CsvSource } from "./source.js";

/** Options every domain reader takes: readCsv's (but the schema, which the reader supplies), and `sheet` for a workbook. */
const DomainOptions = ReadCsvOptions.omit({ schema: true }).extend({
  /** For an Excel workbook: the sheet to read (name, or position from 1); default the first. */
  sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
});
type DomainOptions = z.input<typeof DomainOptions>;

/** A CSV file, text or bytes, or an Excel workbook (recognised by its bytes, whatever its name). */
export type TableSource = CsvSource | WorkbookSource;

/**
 * Reads CSV or an Excel workbook with a domain schema: the options are checked against the domain
 * reader's own list (so a typo is named with that reader's options), then read by the reader the
 * file's bytes call for. Defaults the domain sets (`unique`, Likert labels) apply unless given.
 */
async function readDomain<K extends z.ZodRawShape>(
  fn: string,
  source: TableSource,
  options: unknown,
  domainKeys: K,
  build: (domain: z.output<z.ZodObject<K>>) => { schema: z.ZodObject; defaults: Record<string, unknown>; checks?: RowCheck[] },
): Promise<ReadResult> {
  const parsed = parseOptions(fn, DomainOptions.extend(domainKeys), options) as Record<string, unknown>;
  const { schema, defaults, checks = [] } = build(parsed as z.output<z.ZodObject<K>>);
  const given = Object.entries((options ?? {}) as Record<string, unknown>).filter(([k, v]) => !(k in domainKeys) && v !== undefined);
  const merged: Record<string, unknown> = { ...defaults, ...Object.fromEntries(given), schema };
  const peek = peekSource(fn, source);
  const kind = peek.isText ? "text" : sniffFormat(peek.head).kind;
  if (kind === "xlsx" || kind === "xls") return readExcelWith(fn, source, parseOptions(fn, ReadExcelOptions, merged), checks);
  if (merged.sheet !== undefined) throw KoeArgumentError.of(m.sheetOnlyForWorkbooks, { fn, source: peek.label });
  return readCsvWith(fn, source as CsvSource, parseOptions(fn, ReadCsvOptions, merged), checks);
}

/**
 * A warning for each row whose age and generation disagree under the cut-offs (the row is kept:
 * the generation may follow a company's own bands; `generationCutoffs` changes the ones checked).
 */
function ageGenerationCheck(cutoffs: z.input<typeof GenerationCutoffs>): RowCheck {
  const c = GenerationCutoffs.parse(cutoffs); // already checked by parseOptions; this fills the defaults
  return (table: Table, rows: Int32Array): Issue[] => {
    if (table.column("age") === undefined || table.column("generation") === undefined) return [];
    const ages = table.array("age") as ArrayLike<number>;
    const gens = table.array("generation") as ArrayLike<string | null>;
    const out: Issue[] = [];
    const ja = (id: string) => generations.terms.find((t) => t.id === id)?.ja ?? id;
    for (let i = 0; i < ages.length; i++) {
      const age = ages[i]!;
      const generation = gens[i];
      if (generation === null || generation === undefined || !Number.isFinite(age)) continue;
      // generationOfAge's rule, with the cut-offs parsed once rather than per row.
      const expected = age < c.mid ? "young" : age < c.senior ? "mid" : "senior";
      if (expected === generation) continue;
      const params = { age, generation, expected, mid: c.mid, senior: c.senior, generationJa: ja(generation), expectedJa: ja(expected) };
      out.push(issueOf(rows[i]!, "generation", generation, "age_generation_mismatch", m.ageGeneration, params, "warning"));
    }
    return out;
  };
}

const RespondentKeys = {
  /** The survey instrument (items, scales, Likert labels); default the consortium survey. */
  instrument: z.custom<Instrument>((v) => v !== null && typeof v === "object" && Array.isArray((v as Instrument).items), "instrument must be an instrument (see careerSurveyInstrument)").optional(),
  /** Cut-offs for checking age against generation (default young < 35 ≤ mid < 50 ≤ senior). */
  generationCutoffs: GenerationCutoffs.optional(),
};

/**
 * Reads respondents with their item answers for an instrument (default: the consortium survey,
 * columns `eng_01_pre` … `inn_06_post`, or Japanese headers such as 「エンゲージメント1_事前」),
 * from CSV or an Excel workbook. Respondent ids must be unique; Likert labels such as 「そう思う」
 * become numbers. A row whose age and generation disagree under `generationCutoffs` (default
 * young < 35 ≤ mid < 50 ≤ senior) is kept, with a warning (`age_generation_mismatch`).
 * @example
 * const { table, summary } = await readRespondents("data/respondents.csv");
 * summary.rowsAccepted // => 5000
 * await readRespondents("data/respondents.csv", { instrumnet: careerSurveyInstrument }) // throws: did you mean "instrument"?
 */
export function readRespondents(source: TableSource, options: DomainOptions & { instrument?: Instrument; generationCutoffs?: z.input<typeof GenerationCutoffs> } = {}): Promise<ReadResult> {
  return readDomain("readRespondents", source, options, RespondentKeys, (o) => {
    const instrument = o.instrument ?? careerSurveyInstrument;
    return {
      schema: respondentSchema(instrument),
      defaults: { likertLabels: instrument.likertLabels ?? undefined, unique: ["respondent_id"] },
      checks: [ageGenerationCheck(o.generationCutoffs ?? {})],
    };
  });
}

const RatingKeys = {
  /** The initiative catalogue (default koe's, extended with `extendInitiativeCatalogue`). */
  catalogue: z.custom<Vocabulary>((v) => v !== null && typeof v === "object" && typeof (v as Vocabulary).resolve === "function", "catalogue must be a vocabulary").optional(),
};

/**
 * Reads initiative ratings (one row per company × wave × generation × step × initiative) from CSV
 * or an Excel workbook. Japanese headers (会社, 世代, 浸透ステップ, 施策, 効果あり, 結果, 理由) and labels are accepted.
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * table.column("initiative").at(0) // => "one_on_one"
 */
export function readInitiativeRatings(source: TableSource, options: DomainOptions & { catalogue?: Vocabulary } = {}): Promise<ReadResult> {
  return readDomain("readInitiativeRatings", source, options, RatingKeys, (o) => ({
    schema: initiativeRatingSchema(o.catalogue) as z.ZodObject,
    defaults: { unique: [["company", "wave", "generation", "step", "initiative"]] },
  }));
}

/**
 * Reads interview transcripts: one row per turn (transcript_id, segment, speaker, respondent_id, text).
 * @example
 * const { table } = await readTranscripts("data/transcripts.csv");
 * table.columnNames().slice(0, 3) // => ["transcript_id", "segment", "speaker"]
 */
export function readTranscripts(source: TableSource, options: DomainOptions = {}): Promise<ReadResult> {
  return readDomain("readTranscripts", source, options, {}, () => ({ schema: TranscriptSegment, defaults: { unique: [["transcript_id", "segment"]] } }));
}

/**
 * Reads free-text survey comments (respondent_id, company, question, text); e.g. the bundled Shift_JIS file.
 * @example
 * const { table, summary } = await readComments("data/comments.csv");
 * summary.encoding // => "shift_jis"
 */
export function readComments(source: TableSource, options: DomainOptions = {}): Promise<ReadResult> {
  return readDomain("readComments", source, options, {}, () => ({ schema: Comment, defaults: {} }));
}
