// Writes the bundled dataset: every file of data/, from one seed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { careerSurveyInstrument } from "@koe/core";
import iconv from "iconv-lite";
import { codebook } from "./codebook.js";
import { CODING_MODEL, codingColumns, generateCodings } from "./codings.js";
import { commentColumnsJa, generateComments } from "./comments.js";
import { companyProfiles } from "./companies.js";
import { BOM, csvText } from "./csv.js";
import { jsonText } from "./json.js";
import { generatePilot, pilotCells, pilotColumns } from "./pilot.js";
import { generateLearning, learningCells, learningColumns, learningCompanies } from "./learning.js";
import { generateRatings, ratingCellsJa, ratingColumnsJa } from "./ratings.js";
import { respondentHeader, respondentLine, respondents } from "./respondents.js";
import { generateTranscripts, transcriptColumns } from "./transcripts.js";
import { commentTruth, MODEL, ratingTruth, respondentTruth, transcriptTruth } from "./truth.js";
import { immobileItemsTruth, layerTruth, penetrationTruth, pilotTruth, reskillingTruth } from "./truth-career.js";

/** Bumped whenever the same seed would give different files. */
export const GENERATOR_VERSION = 5;
/** The seed of the bundled files. */
export const DEFAULT_SEED = 20261125;

export interface DatasetOptions {
  /** Directory to write into (created if needed). */
  outDir: string;
  /** Default 20261125, the seed of the bundled files. */
  seed?: number;
  /** Number of respondents; default 5000 (at least 50, for the interviews to find their personas). */
  respondents?: number;
  /** Number of comments; default 500 (at most the number of respondents). */
  comments?: number;
}

/** The files generateDataset writes, in the order it writes them. */
export const DATASET_FILES = ["respondents.csv", "initiative_ratings.csv", "comments.csv", "comment_codings.csv", "transcripts.csv", "learning.csv", "dialogue_pilot.csv", "codebook.json", "instrument.json", "truth.json"] as const;

/** Encodes text as a Japanese Excel export would: Shift_JIS (CP932). Throws if a character has no CP932 code. */
export function encodeShiftJis(text: string): Buffer {
  const bytes = iconv.encode(text, "cp932");
  const back = iconv.decode(bytes, "cp932");
  if (back !== text) {
    const want = [...text];
    const got = [...back];
    const at = want.findIndex((ch, i) => got[i] !== ch);
    throw new Error(`comments.csv: character ${JSON.stringify(want[at])} cannot be written in Shift_JIS (CP932)`);
  }
  return bytes;
}

/**
 * Writes the bundled dataset into `outDir`: respondents.csv (UTF-8), initiative_ratings.csv
 * (Japanese headers, UTF-8 with BOM), comments.csv (Shift_JIS), comment_codings.csv,
 * transcripts.csv, learning.csv, dialogue_pilot.csv (UTF-8), codebook.json, instrument.json and truth.json. The same options give byte-identical files.
 * @example
 * const truth = generateDataset({ outDir: "data" });
 * truth.respondents.engagement.trueAtt // => 0.26…
 * @throws {RangeError} when `respondents` or `comments` is not a whole number in range.
 */
export function generateDataset(options: DatasetOptions) {
  const { outDir, seed = DEFAULT_SEED, respondents: n = 5000, comments = 500 } = options;
  if (!Number.isInteger(seed)) throw new RangeError(`generateDataset: seed must be an integer (got ${seed})`);
  if (!Number.isInteger(n) || n < 50) throw new RangeError(`generateDataset: respondents must be an integer of at least 50 (got ${n})`);
  if (!Number.isInteger(comments) || comments < 0 || comments > n) throw new RangeError(`generateDataset: comments must be an integer from 0 to ${n} (got ${comments})`);
  mkdirSync(outDir, { recursive: true });
  const write = (file: (typeof DATASET_FILES)[number], content: string | Buffer) => writeFileSync(join(outDir, file), content);

  const people = [...respondents(n, seed)];
  write("respondents.csv", respondentHeader + people.map(respondentLine).join(""));

  const ratings = generateRatings(seed);
  write("initiative_ratings.csv", BOM + csvText(ratingColumnsJa, ratings.map(ratingCellsJa)));

  const commentRows = generateComments(people, comments, seed);
  write("comments.csv", encodeShiftJis(csvText(commentColumnsJa, commentRows.map((c) => [c.respondentId, c.company, c.question, c.text]), "\r\n")));

  const codings = generateCodings(commentRows, seed);
  write("comment_codings.csv", csvText(codingColumns, codings.map((c) => [c.row, c.coder, c.code])));

  const transcripts = generateTranscripts(people, seed);
  write("transcripts.csv", csvText(transcriptColumns, transcripts.rows.map((t) => [t.transcriptId, t.segment, t.speaker, t.respondentId, t.text])));

  const learning = generateLearning(people, seed);
  write("learning.csv", csvText(learningColumns, learning.map(learningCells)));

  const pilot = generatePilot(seed);
  write("dialogue_pilot.csv", csvText(pilotColumns, pilot.map(pilotCells)));

  write("codebook.json", jsonText(codebook));
  write("instrument.json", jsonText(careerSurveyInstrument));

  const truth = {
    generator: { version: GENERATOR_VERSION, seed, respondents: n, comments },
    model: MODEL,
    respondents: respondentTruth(people, companyProfiles(seed)),
    initiatives: ratingTruth(ratings),
    comments: commentTruth(commentRows),
    codings: { model: CODING_MODEL, rows: codings.length, coded: Math.min(CODING_MODEL.comments, commentRows.length) },
    transcripts: transcriptTruth(transcripts.rows, transcripts.interviews),
    layers: layerTruth(people),
    penetration: penetrationTruth(people),
    immobileItems: immobileItemsTruth(people),
    reskilling: reskillingTruth(learning, learningCompanies(seed)),
    pilot: pilotTruth(pilot),
  };
  write("truth.json", jsonText(truth));
  return truth;
}

/** The truth generateDataset returns (and writes to truth.json). */
export type DatasetTruth = ReturnType<typeof generateDataset>;
