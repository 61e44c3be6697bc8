// Which columns a table really has: koe's readers add every field of their schema, blank when the
// file lacks it, so a column's presence says nothing — its values do.
import type { Table } from "@koe/core";

/** Cell values that say nothing about a person (a blank, or a segment rules could not decide). */
const EMPTY = new Set<unknown>([null, undefined, "", "unclassified"]);

/**
 * Whether the table has the column with at least one value in it (not blank, not NaN, not "unclassified").
 * @example
 * filled(aq.table({ layer: [null, "unclassified"], age: [NaN, 41] }), "layer") // => false
 * filled(aq.table({ layer: [null, "unclassified"], age: [NaN, 41] }), "age") // => true
 */
export function filled(table: Table, column: string): boolean {
  if (!table.columnNames().includes(column)) return false;
  const values = table.array(column) as ArrayLike<unknown>;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!EMPTY.has(v) && !(typeof v === "number" && Number.isNaN(v))) return true;
  }
  return false;
}
