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
  const fn = "deriveGeneration";
  requireTable(fn, table);
  const o = parseOptions(fn, DeriveGenerationOptions, options);
  if (table.isFiltered() || table.isOrdered()) table = table.reify();
  const ages = numericColumn(fn, table, o.age, { option: "age", ...(o.missing === undefined ? {} : { missing: o.missing }) }).values;
  const cutoffs = cutoffsOf(fn, o.cutoffs ?? {});
  const byAge = new Map<number, string | null>();
  const out = new Array<string | null>(ages.length);
  for (let i = 0; i < ages.length; i++) {
    const a = ages[i]!;
    if (a !== a) {
      out[i] = null;
      continue;
    }
    let g = byAge.get(a);
    if (g === undefined) byAge.set(a, (g = generationOfAge(a, cutoffs)));
    out[i] = g;
  }
  return table.assign({ [o.as]: out });
}
