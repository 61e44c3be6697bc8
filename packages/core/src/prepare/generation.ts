import { z } from "zod";
import { parseOptions } from "../boundary/options.js";
import { requireTable } from "../boundary/columns.js";
import { numericColumn } from "../boundary/roles.js";
import type { Table } from "../model/table.js";
import { cutoffsOf, generationOfAge } from "../model/segments.js";

export const DeriveGenerationOptions = z.object({
  /** The age column (default "age"; also found under the field's other names, e.g. 年齢). */
  age: z.string().default("age"),
  /** The column to add or replace (default "generation"). */
  as: z.string().default("generation"),
  /** The company's cut-offs: the first age of `mid` and of `senior` (default 35 and 50), checked as generationOfAge checks them. */
  cutoffs: z.unknown().optional(),
  /** Cell texts that mean "no answer" in the age column (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type DeriveGenerationOptions = z.input<typeof DeriveGenerationOptions>;

/**
 * Adds (or replaces) a generation column derived from age with the company's cut-offs
 * (default under 35 young, 35–49 mid, 50 and over senior). Ages are read through the boundary:
 * numbers, numeric text and full-width digits are ages; blanks and missing markers give missing
 * generations; any other text (「三十」) is a KoeError naming the column and value.
 * @example
 * deriveGeneration(aq.table({ age: [22, "41", "６３", null] })).array("generation") // => ["young", "mid", "senior", null]
 * deriveGeneration(aq.table({ age: [29, 30, 45] }), { cutoffs: { mid: 30, senior: 45 } }).array("generation") // => ["young", "mid", "senior"]
 * deriveGeneration(aq.table({ age: [30, "三十"] })) // throws: column "age" must hold numbers; it holds text that is not a number: "三十"
 */
export function deriveGeneration(table: Table, options: DeriveGenerationOptions = {}): Table {
  requireTable("deriveGeneration", table);
  const o = parseOptions("deriveGeneration", DeriveGenerationOptions, options);
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  return t.assign({ [o.as]: generationsOf(t, options) });
}

/**
 * deriveGeneration's column without the table around it: one generation per row in the table's
 * order (null where the age is missing), for a caller that wants the values (segmentRespondents).
 * Its checks and errors are deriveGeneration's, naming it.
 */
export function generationsOf(table: Table, options: DeriveGenerationOptions = {}): (string | null)[] {
  const fn = "deriveGeneration";
  requireTable(fn, table);
  const o = parseOptions(fn, DeriveGenerationOptions, options);
  if (table.isFiltered() || table.isOrdered()) table = table.reify();
  const ages = numericColumn(fn, table, o.age, { option: "age", ...(o.missing === undefined ? {} : { missing: o.missing }) }).values;
  const cutoffs = cutoffsOf(fn, o.cutoffs ?? {});
  // Each distinct age's generation computed once: whole ages 0–255 in an array, others in a map.
  const byWholeAge = new Array<string | null | undefined>(256);
  const byAge = new Map<number, string | null>();
  const out = new Array<string | null>(ages.length);
  for (let i = 0; i < ages.length; i++) {
    const a = ages[i]!;
    if (a !== a) {
      out[i] = null;
      continue;
    }
    const whole = a >= 0 && a < 256 && (a | 0) === a;
    let g = whole ? byWholeAge[a] : byAge.get(a);
    if (g === undefined) {
      g = generationOfAge(a, cutoffs);
      if (whole) byWholeAge[a] = g;
      else byAge.set(a, g);
    }
    out[i] = g;
  }
  return out;
}
