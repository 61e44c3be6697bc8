// Small-group suppression of several count tables at once: the counts behind everything one
// report (or one set of outputs) publishes, with the sums a reader can form between them.
import { suppressSmallGroups } from "./suppress.js";

/** One table of counts: one dimension (a list published with its total) or two (a cross-table with its totals). */
export interface CountTable {
  name: string;
  dims: readonly string[];
  /** One row per group: its dimension values and its count. */
  rows: readonly Record<string, unknown>[];
  /** The count column (default "n"). */
  count?: string;
  /** Whether the table's totals are published (default true). */
  totals?: boolean;
}

/** Cell by cell over the same dimension values, the counts of `parts` add up to those of `whole` (e.g. respondents = participants + non-participants). */
export interface CountRelation {
  whole: string;
  parts: readonly string[];
}

/** The key of a group in a count table: its dimension values, order-independent. */
export function groupKey(key: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(key).sort().map((k) => [k, key[k] ?? null]));
}

/**
 * Which groups of several count tables to hide so that none smaller than `minGroupSize` can be
 * read or worked out from everything published together. Returns, per table, the keys
 * ({@link groupKey}) of its hidden groups.
 */
export function suppressTogether(
  tables: readonly CountTable[],
  { minGroupSize, relations = [] }: { minGroupSize: number; relations?: readonly CountRelation[] },
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  // Interim: each table on its own (the joint engine replaces this).
  void relations;
  for (const t of tables) {
    const count = t.count ?? "n";
    const dims = t.dims;
    const s = suppressSmallGroups(t.rows as Record<string, unknown>[], {
      count, row: dims[0]!, ...(dims[1] ? { column: dims[1] } : {}), minSize: minGroupSize, showTotals: t.totals ?? true,
    });
    const hidden = new Set<string>();
    for (const r of s.rows) if (r.suppressed) hidden.add(groupKey(Object.fromEntries(dims.map((d) => [d, r[d]]))));
    out.set(t.name, hidden);
  }
  return out;
}
