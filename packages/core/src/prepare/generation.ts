import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { generationOfAge, type GenerationCutoffs } from "../model/segments.js";

/**
 * Adds (or replaces) a generation column derived from age with the company's cut-offs
 * (default under 35 young, 35–49 mid, 50 and over senior). Missing ages give missing generations.
 * @example
 * deriveGeneration(table, { cutoffs: { mid: 30, senior: 45 } }).array("generation") // => ["young", "mid", …]
 */
export function deriveGeneration(
  table: Table,
  { age = "age", as = "generation", cutoffs = {} }: { age?: string; as?: string; cutoffs?: GenerationCutoffs } = {},
): Table {
  if (table.isFiltered() || table.isOrdered()) table = table.reify();
  if (table.column(age) === undefined) throw new KoeArgumentError(`deriveGeneration: no column "${age}" (columns: ${table.columnNames().join(", ")})`);
  const ages = table.array(age) as ArrayLike<unknown>;
  const out = new Array<string | null>(ages.length);
  for (let i = 0; i < ages.length; i++) {
    const a = ages[i];
    out[i] = typeof a === "number" ? generationOfAge(a, cutoffs) : null;
  }
  return table.assign({ [as]: out });
}
