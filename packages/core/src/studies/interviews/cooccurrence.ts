// Which codes are voiced together: texts with both codes of every pair, texts with either, and the
// Jaccard coefficient — the matrix or network of the codes.
import { z } from "zod";
import { parseOptions } from "../../boundary/options.js";
import { optionRules } from "../../privacy/messages.js";
import { DEFAULT_MIN_COMMENT_GROUP_SIZE } from "../../privacy/min-group-size.js";
import type { CodedTexts } from "../../analyze/coding/coded-texts.js";
import { publishReport, type StudyReport } from "../report.js";
import { codeValues, personIndex, requireCoded, selectCodes } from "./coded-input.js";

export const CodeCooccurrenceOptions = z.object({
  /** Codes to pair (ids or labels), in codebook order; default every code. */
  codes: z.array(z.string()).min(1).optional(),
  /** The fewest people the texts must come from for any count to be shown (default and minimum 10). */
  minGroupSize: z.int({ error: optionRules.commentMinimum.en }).min(DEFAULT_MIN_COMMENT_GROUP_SIZE, { error: optionRules.commentMinimum.en }).default(DEFAULT_MIN_COMMENT_GROUP_SIZE),
});
export type CodeCooccurrenceOptions = z.input<typeof CodeCooccurrenceOptions>;

/** Columns of the `cooccurrence` table (before publishReport's `suppressed`). */
export const COOCCURRENCE_COLUMNS = ["code_a", "code_b", "code_a_ja", "code_b_ja", "code_a_en", "code_b_en", "texts", "both", "either", "jaccard"] as const;

const PEOPLE = "people";

/**
 * Code × code counts over all texts, as a report with one table, `cooccurrence`: one row per
 * ordered pair (code_a, code_b), the diagonal included, in codebook order — `texts` (all texts,
 * blank ones too), `both` (texts with both codes; on the diagonal, texts with the code), `either`
 * (texts with at least one) and `jaccard` = both / either (1 on the diagonal of a code in use; 0 when
 * neither code is in any text). Each pair appears twice (a, b) and (b, a) with the same numbers, so
 * a matrix needs no reshaping; `cooccurrenceChart` draws it as a matrix or a network.
 *
 * Privacy: the counts are over everyone, not by group; when the texts come from fewer than
 * `minGroupSize` (10) people (`coded.person`, else texts) every figure is hidden.
 * @example
 * const cb = await readCodebook({ id: "cb", ja: "例", en: "Example", codes: [
 *   { id: "busy", ja: "繁忙", en: "Busy", rule: "忙しい" }, { id: "boss", ja: "上司", en: "Manager", rule: "上司" }] });
 * const rows = Array.from({ length: 20 }, (_, i) => ({ text: ["忙しい", "上司が忙しい", "上司と話した", "特になし"][i % 4] }));
 * const pairs = codeCooccurrence(codeTexts(rows, { text: "text", codebook: cb })).tables.cooccurrence.rows;
 * pairs.map((r) => [r.code_a, r.code_b, r.both, r.either, r.jaccard])
 * // => [["busy", "busy", 10, 10, 1], ["busy", "boss", 5, 15, 0.3333333333333333], ["boss", "busy", 5, 15, 0.3333333333333333], ["boss", "boss", 10, 10, 1]]
 */
export function codeCooccurrence(coded: CodedTexts, options: CodeCooccurrenceOptions = {}): StudyReport {
  const fn = "codeCooccurrence";
  requireCoded(fn, coded);
  const o = parseOptions(fn, CodeCooccurrenceOptions, options);
  const codes = selectCodes(fn, coded, o.codes);
  const n = coded.table.numRows();
  const m = codes.length;
  const values = codes.map((c) => codeValues(fn, coded, c.id));
  const both = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const va = values[a]!;
    for (let b = a; b < m; b++) {
      const vb = values[b]!;
      let count = 0;
      for (let i = 0; i < n; i++) if (va[i] === 1 && vb[i] === 1) count++;
      both[a * m + b] = both[b * m + a] = count;
    }
  }
  const rows = codes.flatMap((ca, a) =>
    codes.map((cb, b) => {
      const together = both[a * m + b]!;
      const either = both[a * m + a]! + both[b * m + b]! - together;
      return { code_a: ca.id, code_b: cb.id, code_a_ja: ca.ja, code_b_ja: cb.ja, code_a_en: ca.en, code_b_en: cb.en, texts: n, both: together, either, jaccard: either === 0 ? 0 : together / either };
    }),
  );
  const people = personIndex(fn, coded).people;
  const order = codes.map((c) => c.id);
  return publishReport({
    study: "codeCooccurrence",
    counts: [{ name: PEOPLE, dims: ["texts"], rows: [{ texts: "all", n: people }], totals: false }],
    tables: {
      cooccurrence: {
        columns: COOCCURRENCE_COLUMNS,
        rows,
        dims: ["code_a", "code_b", "code_a_ja", "code_b_ja", "code_a_en", "code_b_en"],
        order: { code_a: order, code_b: order },
        groups: () => ({ table: PEOPLE, key: { texts: "all" } }),
      },
    },
    findings: [],
    warnings: [],
    provenance: { inputs: [{ name: "coded", rows: n, rowsUsed: n }], wave: null, seed: null, options: { codes: order, minGroupSize: o.minGroupSize } },
    minGroupSize: o.minGroupSize,
  });
}
