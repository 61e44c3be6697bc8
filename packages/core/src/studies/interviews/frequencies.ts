// How often each code is voiced, by one segment: texts with the code, shares with Wilson
// intervals, adjusted residuals, a test per code — groups under the free-text minimum hidden.
import { z } from "zod";
import { parseOptions } from "../../boundary/options.js";
import { requireDistinct } from "../../boundary/columns.js";
import { segmentColumn } from "../../boundary/roles.js";
import { InsufficientDataError } from "../../errors/errors.js";
import { interviewNotes } from "../../errors/interview-messages.js";
import { optionRules } from "../../privacy/messages.js";
import { DEFAULT_MIN_COMMENT_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { groupKey, suppressTogether } from "../../privacy/suppress-together.js";
import { adjustPValues } from "../../stats/p-adjust.js";
import { proportionInterval } from "../../stats/proportions.js";
import { createRandom } from "../../stats/random.js";
import type { CodedTexts } from "../../analyze/coding/coded-texts.js";
import { publishReport, type Note, type StudyReport } from "../report.js";
import { codeValues, countPeople, personIndex, requireCoded, selectCodes } from "./coded-input.js";
import { testCode } from "./code-test.js";

export const CodeFrequenciesOptions = z.object({
  /** The segment to count by (generation, layer, immobile_type, company, job_type, cross_boundary …; Japanese headers and labels resolve). */
  by: z.string().min(1),
  /** Codes to count (ids or labels), in codebook order; default every code. */
  codes: z.array(z.string()).min(1).optional(),
  /** The smallest group shown, in people (default and minimum 10: free texts). */
  minGroupSize: z.int({ error: optionRules.commentMinimum.en }).min(DEFAULT_MIN_COMMENT_GROUP_SIZE, { error: optionRules.commentMinimum.en }).default(DEFAULT_MIN_COMMENT_GROUP_SIZE),
  /** Random tables drawn when Fisher's test must be simulated (default 10,000). */
  resamples: z.int().min(99).default(10_000),
  /** Seed of that simulation (default 1). */
  seed: z.union([z.number(), z.string()]).default(1),
  /** Cell texts of the `by` column meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type CodeFrequenciesOptions = z.input<typeof CodeFrequenciesOptions>;

/** Columns of the `frequencies` table (before publishReport's `suppressed`); `by` is the segment column. */
export const FREQUENCY_COLUMNS = (by: string) => ["code", "code_ja", "code_en", by, "people", "texts", "with_code", "share", "share_low", "share_high", "residual"] as const;
/** Columns of the `overall` table. */
export const OVERALL_COLUMNS = ["code", "code_ja", "code_en", "people", "texts", "with_code", "share", "share_low", "share_high"] as const;
/** Columns of the `tests` table. */
export const TEST_COLUMNS = ["code", "method", "statistic", "df", "p_value", "p_adjusted", "groups"] as const;

const PEOPLE = "people";

/**
 * Codes counted by one segment, as a report (tables `frequencies`, `overall`, `tests`):
 * - `frequencies`: per code × group — `people` (writers in the group: distinct `coded.person`,
 *   else texts), `texts`, `with_code` (texts with the code), `share` = with_code / texts with its
 *   Wilson 95% interval (`share_low`, `share_high`), and `residual`, the adjusted standardised
 *   residual of the code-present cell (as R's `chisq.test(...)$stdres`): above 2 the group voices
 *   the code clearly more than the others.
 * - `overall`: per code over every text counted (blank `by` left out), the same columns.
 * - `tests`: per code, Pearson's chi-square test of independence (texts with / without the code ×
 *   group, Yates on 2 × 2, as R's `chisq.test`); where an expected count is below 5, Fisher's exact
 *   test (`fisher`, by enumeration), or when its tables are too many to enumerate, simulated from
 *   `resamples` random tables with `seed` (`fisher_simulated`, as R's `fisher.test(simulate.p.value =
 *   TRUE)`); `p_adjusted` by Holm across the codes; `none` when the code is in no text or every text.
 *
 * Blank texts count in their group's `texts` with no code. Privacy: groups of fewer than
 * `minGroupSize` (10) people are hidden, with complementary suppression over the people per group
 * and its total (a count table `people`); every row of a hidden group is blank but for its labels.
 * Tests and residuals are computed over the groups shown only (a note says so), so that no
 * published number carries a hidden group's counts; with fewer than 10 people in all, nothing is shown.
 * @example
 * const cb = await readCodebook({ id: "cb", ja: "例", en: "Example", codes: [{ id: "busy", ja: "繁忙", en: "Busy", rule: "忙しい" }] });
 * const rows = Array.from({ length: 60 }, (_, i) => ({ company: ["A", "B", "C"][i % 3], text: i % 3 === 0 || i % 7 === 0 ? "忙しい" : "特になし" }));
 * const report = codeFrequencies(codeTexts(rows, { text: "text", codebook: cb }), { by: "company" });
 * report.tables.frequencies.rows.map((r) => [r.company, r.with_code, r.texts]) // => [["A", 20, 20], ["B", 3, 20], ["C", 3, 20]]
 * report.tables.tests.rows[0].method // => "chisq"
 */
export function codeFrequencies(coded: CodedTexts, options: CodeFrequenciesOptions): StudyReport {
  const fn = "codeFrequencies";
  requireCoded(fn, coded);
  const o = parseOptions(fn, CodeFrequenciesOptions, options);
  const codes = selectCodes(fn, coded, o.codes);
  const seg = segmentColumn(fn, coded.table, o.by, { option: "by", ...(o.missing ? { missing: o.missing } : {}) });
  requireDistinct(fn, { by: seg.column, text: coded.text });
  const by = seg.column;
  const n = coded.table.numRows();
  const k = seg.levels.length;
  if (seg.nMissing === n) throw new InsufficientDataError(fn, 1, 0, by);

  // People and texts per group, and in all (texts with a blank `by` left out everywhere).
  const person = personIndex(fn, coded);
  const members: number[][] = seg.levels.map(() => []);
  for (let i = 0; i < n; i++) if (seg.codes[i]! >= 0) members[seg.codes[i]!]!.push(i);
  const seen = new Int32Array(person.people).fill(-1);
  const people = members.map((rows, g) => countPeople(person.of, rows, seen, g));
  const everyone = members.flat();
  const peopleAll = countPeople(person.of, everyone, seen, k);
  const texts = members.map((rows) => rows.length);
  const textsAll = everyone.length;

  // Which groups the report will hide (the same rule publishReport applies), so tests use only the others.
  const counts = [{ name: PEOPLE, dims: [by], rows: seg.levels.map((v, g) => ({ [by]: v, n: people[g]! })) }];
  const hidden = suppressTogether(counts, { minGroupSize: o.minGroupSize }).get(PEOPLE)!;
  const shown = seg.levels.map((v, g) => g).filter((g) => !hidden.has(groupKey({ [by]: seg.levels[g] })));

  const random = createRandom(o.seed);
  const frequencies: Record<string, unknown>[] = [];
  const overall: Record<string, unknown>[] = [];
  const tests: Record<string, unknown>[] = [];
  const fisher: string[] = [];
  const simulated: string[] = [];
  for (const code of codes) {
    const values = codeValues(fn, coded, code.id);
    const withCode = members.map((rows) => rows.reduce((s, i) => s + (values[i] === 1 ? 1 : 0), 0));
    const labels = { code: code.id, code_ja: code.ja, code_en: code.en };
    const test = testCode(shown.map((g) => withCode[g]!), shown.map((g) => texts[g]!), o.resamples, random);
    if (test.method === "fisher" || test.method === "fisher_simulated") fisher.push(code.id);
    if (test.method === "fisher_simulated") simulated.push(code.id);
    seg.levels.forEach((level, g) => {
      const ci = proportionInterval(withCode[g]!, texts[g]!);
      const at = shown.indexOf(g);
      frequencies.push({ ...labels, [by]: level, people: people[g], texts: texts[g], with_code: withCode[g], share: withCode[g]! / texts[g]!, share_low: ci.ciLow, share_high: ci.ciHigh, residual: at < 0 ? null : test.residuals[at] });
    });
    const all = withCode.reduce((s, x) => s + x, 0);
    const ci = proportionInterval(all, textsAll);
    overall.push({ ...labels, people: peopleAll, texts: textsAll, with_code: all, share: all / textsAll, share_low: ci.ciLow, share_high: ci.ciHigh });
    tests.push({ code: code.id, method: test.method, statistic: test.statistic, df: test.df, p_value: test.pValue, groups: shown.length });
  }
  const adjusted = adjustPValues(tests.map((t) => t.p_value as number | null), "holm");
  tests.forEach((t, j) => (t.p_adjusted = adjusted[j]));

  const warnings: Note[] = [];
  if (seg.nMissing > 0) warnings.push({ code: interviewNotes.blankGroup.code, params: { column: by, rows: seg.nMissing } });
  if (shown.length < k && shown.length > 0) warnings.push({ code: interviewNotes.testsOverShown.code, params: { column: by, shown: shown.length, groups: k } });
  const findings: Note[] = [];
  if (fisher.length > 0) findings.push({ code: interviewNotes.fisherUsed.code, params: { codes: fisher } });
  if (simulated.length > 0) findings.push({ code: interviewNotes.fisherSimulated.code, params: { codes: simulated, resamples: o.resamples, seed: o.seed } });

  const codeOrder = { code: codes.map((c) => c.id), [by]: seg.levels };
  const labelDims = ["code", "code_ja", "code_en"];
  return publishReport({
    study: "codeFrequencies",
    counts,
    tables: {
      frequencies: { columns: FREQUENCY_COLUMNS(by), rows: frequencies, dims: [...labelDims, by], order: codeOrder, groups: (r) => ({ table: PEOPLE, key: { [by]: r[by] } }) },
      overall: { columns: OVERALL_COLUMNS, rows: overall, dims: labelDims, order: codeOrder, groups: () => ({ table: PEOPLE, key: {} }) },
      tests: { columns: TEST_COLUMNS, rows: tests, dims: ["code"], order: codeOrder, groups: () => null },
    },
    findings,
    warnings,
    provenance: {
      inputs: [{ name: "coded", rows: n, rowsUsed: textsAll }],
      wave: null,
      seed: simulated.length > 0 ? o.seed : null,
      options: { by: o.by, codes: codes.map((c) => c.id), minGroupSize: o.minGroupSize, resamples: o.resamples, seed: o.seed },
    },
    minGroupSize: o.minGroupSize,
  });
}
