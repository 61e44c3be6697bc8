// Inputs of the coding benchmark, written once to .bench-data/coding/ so that koe and pandas code
// the same bytes: 100,000 comments (UTF-8 CSV, 13.5 MB) from the bundled generator's voices,
// and a codebook of 20 codes (the bundled codebook's 14 leaf codes, their keywords as rules, and 6
// codes whose rules use and/or/not, phrases, near() and /regex/).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Codebook } from "@koe/core";
import { commentColumnsJa, DEFAULT_SEED, generateComments, QUESTIONS, respondents, type GeneratedRespondent } from "../data/generator/index.js";
import { csvLine } from "../data/generator/csv.js";
import type { Measurement } from "./measure.js";

export const CODING_N = 100_000;
/** Respondents per call of the generator: it draws commenters without replacement, in time quadratic in the people it is given. */
const BLOCK = 1000;

type CodeInput = Codebook["codes"][number];

const extra = (id: string, ja: string, en: string, rule: string): CodeInput => ({ id, ja, en, description: `benchmark: ${rule}`, parent: null, keywords: [], rule });

/**
 * The 6 codes beside the bundled 14, one or two per operator of the rule language. coding_pandas.py
 * writes the same rules as pandas masks; the two sides must count the same texts for every code.
 */
export const EXTRA_CODES: readonly CodeInput[] = [
  extra("manager_career", "上司とキャリア", "Manager and career", "(上司 or 課長 or 1on1) and キャリア"),
  extra("classroom_learning", "対面の学び", "Classroom learning", '(研修 or 勉強会 or 学び) and not (eラーニング or "e-ラーニング")'),
  extra("someone_to_ask", "相談相手", "Someone to ask", '"相談できる人" or 「話を聞いてくれる」 or "外から見"'),
  extra("transfer_wish", "異動の希望", "Transfer wishes", "near(異動, 希望, 10)"),
  extra("busy_interviews", "繁忙期の面談", "Interviews in the busy season", "near(繁忙期, 面談, 8)"),
  extra("counted_time", "年数・回数", "Years and counts", "/[0-9]+(年|回|つ|代)/"),
];

/** The same 20 codes and 2 koe-only codes with `word()` (base forms: 話して, 話せる → 話す), which pandas has no tokenizer for. */
export const WORD_CODES: readonly CodeInput[] = [extra("talk", "話す", "Talking", "word(話す)"), extra("think", "考える", "Thinking", "word(考える)")];

/** The 20-code benchmark codebook: the bundled leaf codes (keywords as an or of phrases) without parents, then {@link EXTRA_CODES}. */
export function codingCodebook(): Codebook {
  const bundled = JSON.parse(readFileSync(fileURLToPath(new URL("../data/codebook.json", import.meta.url)), "utf8")) as Codebook;
  const leaves = bundled.codes
    .filter((c) => c.keywords.length > 0)
    .map((c) => ({ ...c, parent: null, rule: c.keywords.map((k) => `"${k}"`).join(" or ") }));
  return { id: "coding_bench", ja: "ベンチマーク用コードブック", en: "Benchmark codebook", codes: [...leaves, ...EXTRA_CODES] };
}

/** The people of one block, drawn from the same stream as the bundled respondents (respondent i is the same for any n ≥ i). */
function* blocks(n: number, seed: number): Generator<GeneratedRespondent[]> {
  let block: GeneratedRespondent[] = [];
  for (const p of respondents(n, seed)) {
    block.push(p);
    if (block.length === BLOCK) {
      yield block;
      block = [];
    }
  }
  if (block.length > 0) yield block;
}

/** The question's key (career, initiatives, crossBoundary) rather than its Japanese wording: 13.5 MB of comments rather than 18. */
const questionKey = new Map(Object.entries(QUESTIONS).map(([key, ja]) => [ja as string, key]));

/**
 * The comments CSV text: Japanese headers as in data/comments.csv (回答者ID, 会社, 設問, 回答), the
 * question by its key, `CODING_N` rows, UTF-8 without BOM, LF line ends.
 */
export function codingCommentsCsv(seed = DEFAULT_SEED): string {
  const lines = [csvLine(commentColumnsJa)];
  let b = 0;
  // Each block of 1,000 respondents gives 1,000 comments (commenters draw one or two answers until the count is reached).
  for (const people of blocks(CODING_N, seed)) {
    for (const c of generateComments(people, BLOCK, seed + b)) lines.push(csvLine([c.respondentId, c.company, questionKey.get(c.question)!, c.text]));
    b++;
  }
  if (lines.length !== CODING_N + 1) throw new Error(`coding-data: expected ${CODING_N} comments, generated ${lines.length - 1}`);
  return lines.join("");
}

/** Writes the comments and the two codebooks (20 codes; 20 + 2 with word()) into `dir` unless there; returns their paths. */
export function ensureCodingData(dir: string): { comments: string; codebook: string; withWords: string } {
  const comments = join(dir, `comments-${CODING_N}.csv`);
  const codebook = join(dir, "codebook-20.json");
  const withWords = join(dir, "codebook-22-word.json");
  mkdirSync(dir, { recursive: true });
  const json = (cb: Codebook) => JSON.stringify(cb, null, 2) + "\n";
  if (!existsSync(codebook)) writeFileSync(codebook, json(codingCodebook()));
  if (!existsSync(withWords)) {
    const cb = codingCodebook();
    writeFileSync(withWords, json({ ...cb, codes: [...cb.codes, ...WORD_CODES] }));
  }
  if (!existsSync(comments)) {
    const t0 = performance.now();
    writeFileSync(comments, codingCommentsCsv());
    console.log(`generated ${comments} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { comments, codebook, withWords };
}

type Result = Measurement | { name: string; skipped: string };

/**
 * Checks that koe and pandas counted the same texts for every code, and puts the verdict and the
 * ratios (koe ÷ pandas: time, peak memory) into koe's result; returns the line to print.
 */
export function compareCodings(koe: Result, pandas: Result): string {
  if (!("seconds" in koe) || !("seconds" in pandas)) return "counts not compared: a job was skipped";
  const a = (koe.extra?.counts ?? {}) as Record<string, number>;
  const b = (pandas.extra?.counts ?? {}) as Record<string, number>;
  const codes = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const differ = codes.length === 0 ? ["(no counts)"] : codes.filter((c) => a[c] !== b[c]);
  koe.extra = {
    ...koe.extra,
    countsAgreeWithPandas: differ.length === 0,
    ...(differ.length > 0 ? { disagreeing: Object.fromEntries(differ.map((c) => [c, { koe: a[c] ?? null, pandas: b[c] ?? null }])) } : {}),
    timeVsPandas: +(koe.seconds / pandas.seconds).toFixed(2),
    peakVsPandas: +(koe.peakMB / pandas.peakMB).toFixed(2),
  };
  if (differ.length > 0) process.exitCode = 1;
  const verdict = differ.length === 0 ? `counts agree on all ${codes.length} codes` : `COUNTS DIFFER on ${differ.join(", ")}`;
  return `${verdict}; koe ${koe.seconds.toFixed(2)} s / ${koe.peakMB} MB, pandas ${pandas.seconds.toFixed(2)} s / ${pandas.peakMB} MB: koe takes ${(koe.seconds / pandas.seconds).toFixed(2)}× pandas' time`;
}
