import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { careerSurveyInstrument } from "@koe/core";
import iconv from "iconv-lite";
import { codebook } from "./codebook.js";
import { commentColumnsJa, generateComments } from "./comments.js";
import { csvLine, round6 } from "./csv.js";
import { generateRatings, ratingCellsJa, ratingColumnsJa, TRUE_TOP3 } from "./ratings.js";
import { companyIds, RESPONDENT_MODEL, respondentColumns, respondents, type GeneratedRespondent } from "./respondents.js";
import { generateTranscripts, transcriptColumns } from "./transcripts.js";

export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20261125;

export interface DatasetOptions {
  seed?: number;
  respondents?: number;
  comments?: number;
  outDir: string;
}

const mean = (xs: number[]) => {
  const v = xs.filter((x) => !Number.isNaN(x));
  return v.reduce((a, b) => a + b, 0) / v.length;
};
const sd = (xs: number[]) => {
  const v = xs.filter((x) => !Number.isNaN(x));
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};

/** The true effects and gaps of a set of generated respondents, on the observed scale scores. */
export function respondentTruth(people: readonly GeneratedRespondent[]) {
  const out: Record<string, unknown> = {};
  for (const scale of ["engagement", "innovation"] as const) {
    const t = people.filter((p) => p.participant);
    const c = people.filter((p) => !p.participant);
    const pre = (g: readonly GeneratedRespondent[]) => g.map((p) => p.scores[scale][0]);
    const post = (g: readonly GeneratedRespondent[]) => g.map((p) => p.scores[scale][1]);
    const att = (g: readonly GeneratedRespondent[]) => mean(g.map((p) => p.scores[scale][1] - p.scores[scale][2]));
    const preSd = sd(pre(people));
    out[scale] = {
      meanPre: { participants: round6(mean(pre(t))), nonParticipants: round6(mean(pre(c))) },
      meanPost: { participants: round6(mean(post(t))), nonParticipants: round6(mean(post(c))) },
      baselineGapSd: round6((mean(pre(t)) - mean(pre(c))) / preSd),
      preSd: round6(preSd),
      naiveDifferencePost: round6(mean(post(t)) - mean(post(c))),
      naiveDid: round6(mean(post(t)) - mean(pre(t)) - (mean(post(c)) - mean(pre(c)))),
      trueAtt: round6(att(t)),
      trueAttByKind: { internal: round6(att(t.filter((p) => p.kind === "internal"))), external: round6(att(t.filter((p) => p.kind === "external"))) },
      trueAttBySelection: {
        self_nominated: round6(att(t.filter((p) => p.selection === "self_nominated"))),
        appointed: round6(att(t.filter((p) => p.selection === "appointed"))),
      },
    };
  }
  const t = people.filter((p) => p.participant);
  return {
    respondents: people.length,
    participants: t.length,
    participantsByKind: { internal: t.filter((p) => p.kind === "internal").length, external: t.filter((p) => p.kind === "external").length },
    participantsBySelection: { self_nominated: t.filter((p) => p.selection === "self_nominated").length, appointed: t.filter((p) => p.selection === "appointed").length },
    ...out,
  };
}

/**
 * Writes the bundled dataset: respondents.csv (UTF-8), initiative_ratings.csv (Japanese headers,
 * UTF-8 with BOM), comments.csv (Shift_JIS), transcripts.csv, codebook.json, instrument.json and
 * truth.json. Same seed, byte-identical files.
 */
export function generateDataset({ seed = DEFAULT_SEED, respondents: n = 5000, comments = 500, outDir }: DatasetOptions) {
  mkdirSync(outDir, { recursive: true });
  const people = [...respondents(n, seed)];
  writeFileSync(join(outDir, "respondents.csv"), csvLine(respondentColumns) + people.map((p) => csvLine(p.cells)).join(""));
  const ratings = generateRatings(seed);
  writeFileSync(join(outDir, "initiative_ratings.csv"), "\uFEFF" + csvLine(ratingColumnsJa) + ratings.map((r) => csvLine(ratingCellsJa(r))).join(""));
  const commentRows = generateComments(people, comments, seed);
  const commentsText = csvLine(commentColumnsJa) + commentRows.map((c) => csvLine([c.respondentId, c.company, c.question, c.text])).join("");
  writeFileSync(join(outDir, "comments.csv"), iconv.encode(commentsText.replaceAll("\n", "\r\n"), "cp932"));
  const transcripts = generateTranscripts(people, seed);
  writeFileSync(join(outDir, "transcripts.csv"), csvLine(transcriptColumns) + transcripts.map((t) => csvLine([t.transcriptId, t.segment, t.speaker, t.respondentId, t.text])).join(""));
  writeFileSync(join(outDir, "codebook.json"), JSON.stringify(codebook, null, 2) + "\n");
  writeFileSync(join(outDir, "instrument.json"), JSON.stringify(careerSurveyInstrument, null, 2) + "\n");
  const codeCounts: Record<string, number> = {};
  for (const c of commentRows) for (const code of c.codes) codeCounts[code] = (codeCounts[code] ?? 0) + 1;
  const truth = {
    generator: { version: GENERATOR_VERSION, seed, respondents: n },
    model: RESPONDENT_MODEL,
    companies: Object.fromEntries(companyIds.map((c) => [c, people.filter((p) => p.company === c).length])),
    respondents: respondentTruth(people),
    initiatives: {
      trueTop3: TRUE_TOP3,
      rows: ratings.length,
      rowsByWave: { 1: ratings.filter((r) => r.wave === 1).length, 2: ratings.filter((r) => r.wave === 2).length },
      mandatoryTrainingTriedByMidCompanies: new Set(ratings.filter((r) => r.wave === 1 && r.generation === "mid" && r.initiative === "mandatory_training").map((r) => r.company)).size,
    },
    comments: { rows: commentRows.length, codeCounts },
    transcripts: { transcripts: new Set(transcripts.map((t) => t.transcriptId)).size, segments: transcripts.length },
  };
  writeFileSync(join(outDir, "truth.json"), JSON.stringify(truth, null, 2) + "\n");
  return truth;
}

/**
 * Streams `n` respondents to a CSV file without holding them (for benchmarks up to 1,000,000).
 * The first rows equal those of the bundled file for the same seed.
 */
export async function writeRespondentsCsv(path: string, { n, seed = DEFAULT_SEED }: { n: number; seed?: number }): Promise<void> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  let batch = csvLine(respondentColumns);
  for (const p of respondents(n, seed)) {
    batch += csvLine(p.cells);
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise<void>((r) => out.once("drain", () => r()));
      batch = "";
    }
  }
  out.end(batch);
  await done;
}
