import * as aq from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import { boundaryMessages as m } from "../errors/boundary-messages.js";
import { knownField } from "../model/known-fields.js";
import type { Table } from "../model/table.js";
import { normalizeKey } from "../model/vocabulary.js";
import { closest } from "./closest.js";

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`);

/** Throws unless `table` is an arquero table (a plain array or a file name is the usual slip). */
export function requireTable(fn: string, table: unknown): asserts table is Table {
  if (!(table instanceof aq.ColumnTable)) throw KoeArgumentError.of(m.notATable, { fn, got: describe(table) });
}

/** How two column names are compared when they differ only in ways a person cannot see: BOM, width, case, spaces. */
const invisible = (s: string) => s.replace(/\uFEFF/g, "").normalize("NFKC").trim().toLowerCase();

/**
 * The table's column that `name` means: the exact name; else one that differs only by an invisible
 * BOM, full/half width, case or surrounding spaces; else the column holding the same field of
 * koe's model under another of its names (`"wave"` finds 「調査回」, `"世代"` finds `generation`).
 * Anything else is a {@link KoeArgumentError} naming the column, the option, the closest column
 * ("did you mean") and the columns there are.
 * @example
 * resolveColumn("topInitiatives", aq.table({ "\uFEFF会社": ["A"] }), "会社") // => "\uFEFF会社"
 */
export function resolveColumn(fn: string, table: Table, name: unknown, option: string | null = null): string {
  const columns = table.columnNames();
  if (typeof name !== "string") throw KoeArgumentError.of(m.badOption, { fn, key: option ?? "column", value: name, detail: "a column name (text) is needed", detailJa: "列名（文字列）が必要です" });
  if (columns.includes(name)) return name;
  const key = invisible(name);
  const same = columns.filter((c) => invisible(c) === key);
  if (same.length === 1) return same[0]!;
  if (same.length > 1) throw KoeArgumentError.of(m.ambiguousColumn, { fn, column: name, matches: same });
  const field = knownField(name);
  if (field) {
    const alike = columns.filter((c) => knownField(c.replace(/\uFEFF/g, ""))?.id === field.id);
    if (alike.length === 1) return alike[0]!;
    if (alike.length > 1) throw KoeArgumentError.of(m.ambiguousColumn, { fn, column: name, matches: alike });
  }
  const visible = columns.map((c) => c.replace(/\uFEFF/g, ""));
  // The suggestion is shown without the BOM: typed that way it resolves (see above).
  const suggestion = closest(name, visible) ?? closest(normalizeKey(name), visible);
  throw KoeArgumentError.of(m.noColumn, { fn, column: name, option, suggestion, columns: columns.map((c) => (c.includes("\uFEFF") ? c.replace(/\uFEFF/g, "<BOM>") : c)) });
}

/** Resolves a list of column names (an option that takes a list); a lone string is refused by the option's schema before this. */
export function resolveColumns(fn: string, table: Table, names: readonly string[], option: string): string[] {
  return names.map((n) => resolveColumn(fn, table, n, option));
}

/** Throws when one column is given for two roles (e.g. the same column as outcome and group). */
export function requireDistinct(fn: string, roles: Readonly<Record<string, string | null | undefined>>): void {
  const seen = new Map<string, string>();
  for (const [role, column] of Object.entries(roles)) {
    if (column === null || column === undefined) continue;
    const first = seen.get(column);
    if (first !== undefined) throw KoeArgumentError.of(m.sameColumnTwice, { fn, column, roles: [first, role] });
    seen.set(column, role);
  }
}
