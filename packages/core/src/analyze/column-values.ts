import { KoeArgumentError } from "../errors/errors.js";
import { boundaryMessages as m } from "../errors/boundary-messages.js";
import { closest } from "../boundary/closest.js";
import type { Table } from "../model/table.js";

/**
 * The values of a column without copying when the table is neither filtered nor ordered (arquero's
 * `array()` always builds a new plain array: for a million rows that costs more than the analysis).
 * The name must be the table's own (resolve what a user typed with `resolveColumn` first); an
 * unknown name is a KoeArgumentError naming the columns there are and the closest one.
 */
export function columnValues(table: Table, name: string, fn = "koe"): ArrayLike<unknown> {
  const column = table.column(name) as unknown;
  if (column === undefined) {
    const columns = table.columnNames();
    throw KoeArgumentError.of(m.noColumn, { fn, column: name, option: null, suggestion: closest(name, columns), columns });
  }
  if (!table.isFiltered() && !table.isOrdered() && (Array.isArray(column) || ArrayBuffer.isView(column))) return column as ArrayLike<unknown>;
  return table.array(name) as ArrayLike<unknown>;
}
