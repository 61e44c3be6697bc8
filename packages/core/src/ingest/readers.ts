import type { z } from "zod";
import { careerSurveyInstrument, type Instrument } from "../model/instrument.js";
import { initiativeRatingSchema } from "../model/initiative-rating.js";
import { respondentSchema } from "../model/respondent.js";
import { Comment, TranscriptSegment } from "../model/transcript.js";
import type { Vocabulary } from "../model/vocabulary.js";
import { readCsv, type ReadCsvOptions, type ReadResult } from "./read-csv.js";
import type { CsvSource } from "./source.js";

type DomainOptions = Omit<ReadCsvOptions, "schema">;

/**
 * Reads respondents with their item answers for an instrument (default: the consortium survey,
 * columns `eng_01_pre` … `inn_06_post`, or Japanese headers such as 「エンゲージメント1_事前」).
 * Respondent ids must be unique; Likert labels such as 「そう思う」 become numbers.
 * @example
 * const { table, summary } = await readRespondents("data/respondents.csv");
 * summary.rowsAccepted // => 5000
 */
export function readRespondents(source: CsvSource, options: DomainOptions & { instrument?: Instrument } = {}): Promise<ReadResult> {
  const { instrument = careerSurveyInstrument, ...rest } = options;
  return readCsv(source, {
    likertLabels: instrument.likertLabels ?? undefined,
    ...rest,
    schema: respondentSchema(instrument),
    unique: rest.unique ?? ["respondent_id"],
  } as ReadCsvOptions);
}

/**
 * Reads initiative ratings (one row per company × wave × generation × step × initiative).
 * Japanese headers (会社, 世代, 浸透ステップ, 施策, 効果あり, 結果, 理由) and labels are accepted.
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * table.column("initiative").at(0) // => "one_on_one"
 */
export function readInitiativeRatings(source: CsvSource, options: DomainOptions & { catalogue?: Vocabulary } = {}): Promise<ReadResult> {
  const { catalogue, ...rest } = options;
  return readCsv(source, {
    ...rest,
    schema: initiativeRatingSchema(catalogue) as z.ZodObject,
    unique: rest.unique ?? [["company", "wave", "generation", "step", "initiative"]],
  });
}

/**
 * Reads interview transcripts: one row per turn (transcript_id, segment, speaker, respondent_id, text).
 * @example
 * const { table } = await readTranscripts("data/transcripts.csv");
 */
export function readTranscripts(source: CsvSource, options: DomainOptions = {}): Promise<ReadResult> {
  return readCsv(source, { ...options, schema: TranscriptSegment, unique: options.unique ?? [["transcript_id", "segment"]] });
}

/**
 * Reads free-text survey comments (respondent_id, company, question, text); e.g. the bundled Shift_JIS file.
 * @example
 * const { table, summary } = await readComments("data/comments.csv");
 * summary.encoding // => "shift_jis"
 */
export function readComments(source: CsvSource, options: DomainOptions = {}): Promise<ReadResult> {
  return readCsv(source, { ...options, schema: Comment });
}
