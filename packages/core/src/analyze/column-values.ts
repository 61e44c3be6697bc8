import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";

/**
 * The values of a column without copying when the table is neither filtered nor ordered (arquero's
 * `array()` always builds a new plain array: for a million rows that costs more than the analysis).
 * Throws, naming the columns, when there is no such column.
 */
export function columnValues(table: Table, name: string, fn = "koe"): ArrayLike<unknown> {
  const column = table.column(name) as unknown;
  if (column === undefined) throw new KoeArgumentError(`${fn}: no column "${name}" (columns: ${table.columnNames().join(", ")})`);
  if (!table.isFiltered() && !table.isOrdered() && (Array.isArray(column) || ArrayBuffer.isView(column))) return column as ArrayLike<unknown>;
  return table.array(name) as ArrayLike<unknown>;
}
