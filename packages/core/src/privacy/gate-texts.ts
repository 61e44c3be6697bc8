// The gate every free text passes before it is published (quotes, comments, interview excerpts): a
// voice is easier to recognise than a rating, so texts are shown only from groups of at least
// DEFAULT_MIN_COMMENT_GROUP_SIZE (10) people, and a group below it shows nothing — no text, and no
// count either.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { z } from "zod";
import { closest } from "../boundary/closest.js";
import { boundaryMessages } from "../errors/boundary-messages.js";
import { KoeArgumentError } from "../errors/errors.js";
import { compareNatural } from "../model/segment-order.js";
import { buildStructure, keyOf, valueKey } from "./count-structure.js";
import { optionRules, privacyMessages } from "./messages.js";
import { DEFAULT_MIN_COMMENT_GROUP_SIZE, parseOptions } from "./min-group-size.js";
import { suppressBlocks } from "./suppress-blocks.js";

/**
 * Options of {@link gateTexts} (zod schema; the type of the same name is its output):
 * - `by` (required): one or two columns naming the groups texts are published by (e.g.
 *   `["company", "generation"]`);
 * - `text` (default `"comment"`): the column holding the text; a row whose text is missing or blank
 *   is not a comment and is not counted;
 * - `person` (optional): a column identifying who wrote it, when one person can write several rows;
 *   groups are then counted in people, not rows;
 * - `keep` (default none): other columns to publish with each text (e.g. a theme code); never an id;
 * - `minGroupSize` (default {@link DEFAULT_MIN_COMMENT_GROUP_SIZE} = 10; never less).
 * @example
 * TextGateOptions.parse({ by: ["company"] }) // => { by: ["company"], text: "comment", keep: [], minGroupSize: 10 }
 */
export const TextGateOptions = z.strictObject({
  by: z.array(z.string({ error: optionRules.columns.en }), { error: optionRules.columns.en }).min(1, { error: optionRules.byColumns.en }).max(2, { error: optionRules.byColumns.en }),
  text: z.string({ error: optionRules.column.en }).min(1, { error: optionRules.column.en }).default("comment"),
  person: z.string({ error: optionRules.column.en }).min(1, { error: optionRules.column.en }).optional(),
  keep: z.array(z.string({ error: optionRules.columns.en }), { error: optionRules.columns.en }).default([]),
  minGroupSize: z
    .int({ error: optionRules.commentMinimum.en })
    .min(DEFAULT_MIN_COMMENT_GROUP_SIZE, { error: optionRules.commentMinimum.en })
    .default(DEFAULT_MIN_COMMENT_GROUP_SIZE),
});
export type TextGateOptions = z.output<typeof TextGateOptions>;
export type TextGateOptionsInput = z.input<typeof TextGateOptions>;

/** A group of writers as it may be published: `n` is null (and `suppressed` true) where hidden. */
export type GatedGroup = Record<string, unknown> & { n: number | null; suppressed: boolean };

/** What may be published from a set of texts. */
export interface GatedTexts {
  /** Texts of the groups shown: the `by` columns, `keep` columns and the text; by group in natural order, then by text. */
  rows: Record<string, unknown>[];
  /** The same rows as an arquero table. */
  table: ColumnTable;
  /** Writers per group (natural order): every group, `n` null where hidden. */
  groups: GatedGroup[];
  /** Writers in all, null when hidden (when every group is hidden, or the total is itself below the minimum). */
  total: number | null;
}

/**
 * The gate for free texts (comments, quotes, interview excerpts): publishes the texts of a group
 * only when at least `minGroupSize` (10) people wrote in it, and publishes nothing — no text, no
 * count — from any other group. Because published texts can be counted, the writers per group are
 * treated as a published count table with its totals, and suppressed by the rule of
 * {@link suppressSmallGroups} with the comment minimum: a group of 12 beside a group of 7 is hidden
 * too when the total would otherwise give the 7 away, and so are its texts. Texts are ordered by
 * group and then by their own text, never by input order (which could follow ids or dates).
 *
 * Use it for every text output; the interview and comment studies pass their quotes through it.
 * @throws {KoeArgumentError} on a missing column, a `minGroupSize` below 10, or a bad option
 * @example
 * const rows = [["A", 12], ["B", 4], ["C", 11], ["D", 15]].flatMap(([company, n]) => Array.from({ length: n }, (_, i) => ({ company, comment: `voice ${i}` })));
 * const g = gateTexts(rows, { by: ["company"] });
 * g.groups.map((x) => [x.company, x.n]) // => [["A", null], ["B", null], ["C", 11], ["D", 15]]
 * g.rows.length // => 26   (A's 12 texts go with B's 4: otherwise the total 42 minus A, C and D would give B away)
 * g.total // => 42
 */
export function gateTexts(input: readonly Record<string, unknown>[] | ColumnTable, options: TextGateOptionsInput): GatedTexts {
  const fn = "gateTexts";
  const opts = parseOptions(fn, TextGateOptions, options);
  let rows: Record<string, unknown>[];
  let names: string[];
  if (input instanceof aq.ColumnTable) {
    rows = input.objects() as Record<string, unknown>[];
    names = input.columnNames();
  } else {
    if (!Array.isArray(input)) throw KoeArgumentError.of(privacyMessages.notTextRows, { fn });
    rows = input.map((x, i) => {
      if (x === null || typeof x !== "object" || Array.isArray(x)) throw KoeArgumentError.of(privacyMessages.notARow, { fn, row: i + 1 });
      return x;
    });
    names = [...new Set(rows.flatMap((x) => Object.keys(x)))];
  }
  const roles: [string, string][] = [...opts.by.map((b): [string, string] => ["by", b]), ["text", opts.text], ...(opts.person ? [["person", opts.person] as [string, string]] : []), ...opts.keep.map((k): [string, string] => ["keep", k])];
  for (const [option, column] of roles) {
    if ((rows.length > 0 || input instanceof aq.ColumnTable) && !names.includes(column)) {
      throw KoeArgumentError.of(boundaryMessages.noColumn, { fn, column, option, suggestion: closest(column, names), columns: names });
    }
  }
  const isText = (v: unknown) => typeof v === "string" && v.trim() !== "";
  const texts = rows.filter((x) => isText(x[opts.text]));

  // Writers per group.
  const dims = opts.by;
  const writers = new Map<string, Set<unknown>>();
  const groupsOf = new Map<string, Record<string, unknown>>();
  texts.forEach((x, k) => {
    const g = Object.fromEntries(dims.map((d) => [d, x[d] ?? null]));
    const key = keyOf(g);
    groupsOf.set(key, g);
    (writers.get(key) ?? writers.set(key, new Set()).get(key)!).add(opts.person ? valueKey(x[opts.person] ?? `row ${k}`) : k);
  });
  const counts = new Map([...writers].map(([k, s]) => [k, s.size]));
  const structure = buildStructure([{ name: "texts", dims, counts, groups: groupsOf, totals: true, complete: false }]);
  const { hidden } = suppressBlocks(structure, { minSize: opts.minGroupSize, suppressZeros: false });
  const ids = structure.index.get("texts")!;
  const isHidden = (g: Record<string, unknown>) => hidden[ids.get(keyOf(g))!]!;

  const order = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const d of dims) {
      const c = compareNatural(d, a[d], b[d]);
      if (c !== 0) return c;
    }
    return 0;
  };
  const groups: GatedGroup[] = [...groupsOf.entries()]
    .map(([key, g]) => ({ ...g, n: isHidden(g) ? null : counts.get(key)!, suppressed: isHidden(g) }))
    .sort(order);
  const columns = [...dims, ...opts.keep.filter((k) => !dims.includes(k)), opts.text];
  const out = texts
    .filter((x) => !isHidden(Object.fromEntries(dims.map((d) => [d, x[d] ?? null]))))
    .map((x) => Object.fromEntries(columns.map((c) => [c, x[c] ?? null])))
    .sort((a, b) => order(a, b) || (String(a[opts.text]) < String(b[opts.text]) ? -1 : String(a[opts.text]) > String(b[opts.text]) ? 1 : 0));
  const grand = ids.get(keyOf({}));
  const total = grand === undefined || texts.length === 0 || hidden[grand] ? null : structure.nodes[grand]!.value;
  const table = aq.table(Object.fromEntries(columns.map((c) => [c, out.map((x) => x[c])])));
  return { rows: out, table, groups, total };
}
