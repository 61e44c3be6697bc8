// Small-group suppression of several count tables at once: the counts behind everything one
// report (or one set of outputs) publishes, with the sums a reader can form between them.
import { z } from "zod";
import { KoeArgumentError } from "../errors/errors.js";
import { buildStructure, keyOf, StructureError, type StructureTable } from "./count-structure.js";
import { optionRules, privacyMessages } from "./messages.js";
import { DEFAULT_MIN_GROUP_SIZE, parseOptions } from "./min-group-size.js";
import { suppressBlocks } from "./suppress-blocks.js";

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
  /**
   * Whether groups absent from `rows` are published as rows with count 0 (default false: an absent
   * group has no row to hide, so it counts as a published 0).
   */
  complete?: boolean;
}

/**
 * Number by number over the whole's dimension values, the counts of `parts` add up to those of
 * `whole`: respondents = participants + non-participants (same dimensions), or a 1-D table that is
 * the margin of a 2-D one (`{ whole: "participantsByGeneration", parts: ["participantsByCompanyGeneration"] }`:
 * every dimension of the whole is one of each part's).
 */
export interface CountRelation {
  whole: string;
  parts: readonly string[];
}

/** The key of a group in a count table: its dimension values, order-independent. A total's key names fewer dimensions (`{}` for the grand total). */
export function groupKey(key: Readonly<Record<string, unknown>>): string {
  return keyOf(key);
}

const WHOLE = optionRules.wholeAtLeast1.en;

/**
 * Options of {@link suppressTogether} (zod schema): `minGroupSize` (default 5), `relations` (default
 * none), `suppressZeros` (default false).
 * @example
 * TogetherOptions.parse({}) // => { minGroupSize: 5, relations: [], suppressZeros: false }
 */
export const TogetherOptions = z.strictObject({
  minGroupSize: z.int({ error: WHOLE }).min(1, { error: WHOLE }).default(DEFAULT_MIN_GROUP_SIZE),
  relations: z
    .array(z.strictObject({ whole: z.string({ error: optionRules.tableName.en }), parts: z.array(z.string({ error: optionRules.tableName.en })).min(1, { error: optionRules.tableName.en }) }), {
      error: optionRules.relations.en,
    })
    .default([]),
  suppressZeros: z.boolean({ error: optionRules.trueOrFalse.en }).default(false),
});
/** Options of {@link suppressTogether} as a caller writes them. */
export interface TogetherOptionsInput {
  minGroupSize?: number;
  relations?: readonly CountRelation[];
  suppressZeros?: boolean;
}

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

/** Checks the tables and turns them into the structure's input. */
function readTables(fn: string, tables: unknown): StructureTable[] {
  if (!Array.isArray(tables)) throw KoeArgumentError.of(privacyMessages.notCountTables, { fn });
  const names = new Set<string>();
  return tables.map((t, i) => {
    if (!isRecord(t) || typeof t.name !== "string" || !Array.isArray(t.dims) || !Array.isArray(t.rows)) throw KoeArgumentError.of(privacyMessages.notCountTables, { fn });
    const name = t.name;
    if (names.has(name)) throw KoeArgumentError.of(privacyMessages.tableTwice, { fn, table: name });
    names.add(name);
    const dims = t.dims as unknown[];
    if (dims.length < 1 || dims.length > 2 || !dims.every((d) => typeof d === "string" && d !== "") || new Set(dims).size !== dims.length) {
      throw KoeArgumentError.of(privacyMessages.badDims, { fn, table: name, dims });
    }
    const count = t.count === undefined ? "n" : t.count;
    if (typeof count !== "string" || count === "" || (dims as string[]).includes(count)) throw KoeArgumentError.of(privacyMessages.badCountColumn, { fn, table: name, count });
    const counts = new Map<string, number>();
    const groups = new Map<string, Record<string, unknown>>();
    const first = new Map<string, number>();
    (t.rows as unknown[]).forEach((row, k) => {
      if (!isRecord(row)) throw KoeArgumentError.of(privacyMessages.notARow, { fn, row: k + 1 });
      for (const column of [...(dims as string[]), count]) {
        if (!(column in row)) throw KoeArgumentError.of(privacyMessages.rowLacks, { fn, table: name, row: k + 1, column });
      }
      const v = row[count];
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw KoeArgumentError.of(privacyMessages.notACountInTable, { fn, table: name, row: k + 1, column: count, value: v });
      const g = Object.fromEntries((dims as string[]).map((d) => [d, row[d] ?? null]));
      const key = keyOf(g);
      const seen = first.get(key);
      if (seen !== undefined) throw KoeArgumentError.of(privacyMessages.repeatedGroup, { fn, first: seen + 1, again: k + 1, group: `${name}: ${(dims as string[]).map((d) => String(row[d])).join(" × ")}` });
      first.set(key, k);
      counts.set(key, v);
      groups.set(key, g);
    });
    void i;
    const totals = t.totals === undefined ? true : t.totals;
    const complete = t.complete === undefined ? false : t.complete;
    if (typeof totals !== "boolean" || typeof complete !== "boolean") throw KoeArgumentError.of(privacyMessages.notCountTables, { fn });
    return { name, dims: dims as string[], counts, groups, totals, complete };
  });
}

/**
 * Which groups of several count tables to hide so that none smaller than `minGroupSize` can be
 * read, worked out from everything published together (each table's totals, and the `relations`
 * between tables: parts that add up to a whole, a 1-D table that is the margin of a 2-D one), or
 * told apart by a reader who knows the rule. The rule is {@link suppressSmallGroups}'s, applied to
 * all the tables as one structure: a small group hides its block in its own table and the same block
 * in the tables it adds up with (participants and non-participants hide together; the whole —
 * respondents — keeps its numbers unless they are small themselves), and the check runs over every
 * sum at once. Dimension values line up across tables by name (the natural order of the union of
 * each dimension's values).
 *
 * Returns, per table, the keys ({@link groupKey}) of its hidden groups — cells, and totals (a key
 * with fewer dimensions; `groupKey({})` for the grand total). A group absent from a table's rows
 * counts as 0 and, without `complete: true`, as shown.
 *
 * @throws {KoeArgumentError} on tables that are not count tables, a name used twice, a relation
 * naming an unknown table or a part lacking one of the whole's dimensions, parts that do not add up to
 * the whole, or a bad option
 * @example
 * const byGen = (ns) => ["young", "mid", "senior"].map((generation, i) => ({ generation, n: ns[i] }));
 * const hidden = suppressTogether(
 *   [{ name: "all", dims: ["generation"], rows: byGen([40, 52, 61]) },
 *    { name: "took part", dims: ["generation"], rows: byGen([3, 12, 20]) },
 *    { name: "did not", dims: ["generation"], rows: byGen([37, 40, 41]) }],
 *   { relations: [{ whole: "all", parts: ["took part", "did not"] }] });
 * [...hidden.get("took part")].length // => 3
 * [...hidden.get("did not")].length // => 3
 * hidden.get("all").size // => 0
 */
export function suppressTogether(tables: readonly CountTable[], options: TogetherOptionsInput = {}): Map<string, Set<string>> {
  const fn = "suppressTogether";
  const opts = parseOptions(fn, TogetherOptions, options);
  const read = readTables(fn, tables);
  const names = read.map((t) => t.name);
  for (const rel of opts.relations) {
    for (const name of [rel.whole, ...rel.parts]) if (!names.includes(name)) throw KoeArgumentError.of(privacyMessages.relationTable, { fn, table: name, tables: names });
    if (rel.parts.includes(rel.whole) || new Set(rel.parts).size !== rel.parts.length) throw KoeArgumentError.of(privacyMessages.relationTable, { fn, table: rel.whole, tables: names });
  }
  let structure;
  try {
    structure = buildStructure(read, opts.relations);
  } catch (e) {
    if (!(e instanceof StructureError)) throw e;
    const p = e.problem;
    if (p.kind === "relationDims") throw KoeArgumentError.of(privacyMessages.relationDims, { fn, whole: p.whole, part: p.part, dim: p.missing });
    throw KoeArgumentError.of(privacyMessages.relationSum, { fn, whole: p.whole, key: p.key, whole_n: p.whole_n, parts_n: p.parts_n });
  }
  const { hidden } = suppressBlocks(structure, { minSize: opts.minGroupSize, suppressZeros: opts.suppressZeros });
  const out = new Map<string, Set<string>>(read.map((t) => [t.name, new Set<string>()]));
  structure.nodes.forEach((node, k) => {
    if (!hidden[k]) return;
    for (const ref of node.refs) {
      const table = read.find((t) => t.name === ref.table)!;
      const isCell = Object.keys(ref.key).length === table.dims.length;
      if (isCell || table.totals) out.get(ref.table)!.add(keyOf(ref.key));
    }
  });
  return out;
}
