import { resolveColumn } from "../boundary/columns.js";
import { boundaryMessages as bm } from "../errors/boundary-messages.js";
import { KoeError } from "../errors/errors.js";
import type { Table } from "../model/table.js";

/** The table's column for `name` as the boundary resolves it (Japanese headers too), or null when it has none; an ambiguous name is still an error. */
export function findColumn(fn: string, table: Table, name: string): string | null {
  try {
    return resolveColumn(fn, table, name);
  } catch (e) {
    if (e instanceof KoeError && e.code === bm.noColumn.code) return null;
    throw e;
  }
}
