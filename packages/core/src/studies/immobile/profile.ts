// The immobile layer (不動層) from the survey: the sub-type mix per segment, and a priority table —
// per segment the immobile people and how many of them would move given a trigger (浮動層) — so a
// working group can choose whom to address first. A report, suppressed at its edge.
import { z } from "zod";
import { requireDistinct, requireTable } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { numericColumn, segmentColumn, type SegmentColumn } from "../../boundary/roles.js";
import { localize } from "../../errors/catalogue.js";
import { InsufficientDataError, KoeArgumentError } from "../../errors/errors.js";
import { immobileProfileMessages as m, immobileProfileNotes as notes } from "../../errors/moderated-messages.js";
import { immobileTypes } from "../../model/segments.js";
import type { Table } from "../../model/table.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { groupKey, suppressTogether, type CountTable, type CountRelation } from "../../privacy/suppress-together.js";
import { proportionInterval } from "../../stats/proportions.js";
import { segmentValues } from "../../segment/values.js";
import { publishReport, type GroupRef, type Note, type StudyReport } from "../report.js";

export const ImmobileProfileOptions = z.object({
  /**
   * The immobile sub-type (unaware / never_positive / gave_up; Japanese labels too): the survey's
   * `immobile_type`, or the `immobile_subtype` segmentRespondents derives. Blank and
   * "not_immobile" are people outside the immobile layer; "unclassified" is counted in a warning.
   * Default "immobile_type".
   */
  subtype: z.string().default("immobile_type"),
  /** The item 「きっかけがあれば考えてみてもいい」 (1–5). Default "imm_open". */
  movable: z.string().default("imm_open"),
  /** Who counts as movable (浮動層): an answer of at least this (default 4, agree). */
  movableThreshold: z.number().int().min(1).max(5).default(4),
  /** The segments: one column or several (their combinations), e.g. ["generation", "manager"] (the default). */
  by: z.union([z.string(), z.array(z.string()).min(1)]).default(["generation", "manager"]),
  /** Smallest group shown (default 5). */
  minGroupSize: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type ImmobileProfileOptions = z.input<typeof ImmobileProfileOptions>;

/** The published columns of each table after the segment columns (before publishReport's `suppressed`). */
export const IMMOBILE_PROFILE_COLUMNS = {
  mix: ["subtype", "n", "share", "share_low", "share_high"],
  mixOverall: ["subtype", "n", "share", "share_low", "share_high"],
  priority: ["rank", "immobile", "movable", "share_movable", "share_low", "share_high", "movable_low", "movable_high"],
  movableBySubtype: ["subtype", "immobile", "movable", "share_movable", "share_low", "share_high"],
} as const;

const SUBTYPES = immobileTypes.ids;
const MOVABLE = "movable";
const STUCK = "not_movable";

/**
 * The immobile layer from the survey, as a report with the tables (columns: the `by` columns, then
 * {@link IMMOBILE_PROFILE_COLUMNS}):
 * - `mix`: per segment, the immobile people of each sub-type and their share of the segment's
 *   immobile (Wilson 95% intervals); `mixOverall` the same over everyone.
 * - `priority`: per segment, `immobile` (the group's size), `movable` (those whose answer to
 *   「きっかけがあれば考えてみてもいい」 is at least `movableThreshold`), `share_movable` with its
 *   interval, and `movable_low` / `movable_high` = size × the interval's bounds; `rank` 1 for the
 *   segment with the most movable people (size × share movable), ties by the larger share — the
 *   group to address first. Ranks are over the segments shown.
 * - `movableBySubtype`: the share movable of each sub-type.
 *
 * Every table describes the same people: the immobile (a sub-type given) with an answer to the
 * movable item and every `by` column (those lacking one are counted in a warning). Privacy: the
 * segments' immobile, each sub-type within them and the movable within them are counted groups
 * (suppressed together, the segments' and sub-types' totals being shared by the tables); a group
 * under `minGroupSize` (5), and any group its totals would give away, blanks its rows.
 * @throws {KoeArgumentError} on an unknown sub-type, an answer outside 1–5, a bad option
 * @throws {InsufficientDataError} when no one is in the immobile layer
 * @example
 * const report = immobileProfile(respondents, { by: "generation" });
 * report.tables.priority.columns // => ["generation", "rank", "immobile", "movable", "share_movable", "share_low", "share_high", "movable_low", "movable_high", "suppressed"]
 * report.tables.priority.rows.map((r) => [r.generation, r.rank]) // => [["young", 3], ["mid", 2], ["senior", 1]]
 */
export function immobileProfile(table: Table, options: ImmobileProfileOptions = {}): StudyReport {
  const fn = "immobileProfile";
  requireTable(fn, table);
  const o = parseOptions(fn, ImmobileProfileOptions, options);
  const missing = o.missing ? { missing: o.missing } : {};
  const subtype = segmentColumn(fn, table, o.subtype, { option: "subtype", vocabulary: segmentValues.immobile, ...missing });
  const open = numericColumn(fn, table, o.movable, { option: "movable", ...missing });
  const by: SegmentColumn[] = (typeof o.by === "string" ? [o.by] : o.by).map((c, j) => segmentColumn(fn, table, c, { option: typeof o.by === "string" ? "by" : `by[${j}]`, ...missing }));
  requireDistinct(fn, { subtype: subtype.column, movable: open.column, ...Object.fromEntries(by.map((b, j) => [`by[${j}]`, b.column])) });
  const total = table.numRows();
  for (let i = 0; i < total; i++) {
    const v = open.values[i]!;
    if (v === v && (v < 1 || v > 5)) throw KoeArgumentError.of(m.openOutOfScale, { fn, column: open.column, value: v, row: i + 1 });
  }
  const typeOf = Int8Array.from(subtype.codes, (c) => (c < 0 ? -1 : SUBTYPES.indexOf(subtype.levels[c] as (typeof SUBTYPES)[number])));
  let immobile = 0;
  let unclassified = 0;
  const used: number[] = [];
  for (let i = 0; i < total; i++) {
    if (subtype.codes[i]! >= 0 && subtype.levels[subtype.codes[i]!] === "unclassified") unclassified++;
    if (typeOf[i]! < 0) continue;
    immobile++;
    if (open.values[i] === open.values[i] && by.every((b) => b.codes[i]! >= 0)) used.push(i);
  }
  if (used.length === 0) throw new InsufficientDataError(fn, 1, 0, subtype.column, localize(m.noImmobile, { fn, subtype: subtype.column, rows: total }));

  // Segments: the combinations of the `by` values present, in natural order.
  const dims = by.map((b) => b.column);
  const segKey = (i: number) => by.map((b) => b.codes[i]!).join(",");
  const segments = new Map<string, { codes: number[]; mix: number[]; movable: number }>();
  const subtypes = SUBTYPES.map(() => ({ immobile: 0, movable: 0 }));
  for (const i of used) {
    const k = segKey(i);
    let s = segments.get(k);
    if (!s) segments.set(k, (s = { codes: by.map((b) => b.codes[i]!), mix: SUBTYPES.map(() => 0), movable: 0 }));
    const t = typeOf[i]!;
    const moves = open.values[i]! >= o.movableThreshold ? 1 : 0;
    s.mix[t]!++;
    s.movable += moves;
    subtypes[t]!.immobile++;
    subtypes[t]!.movable += moves;
  }
  const list = [...segments.entries()].sort(([, a], [, b]) => a.codes.reduce((c, x, j) => c || x - b.codes[j]!, 0)).map(([key, s]) => ({ key, ...s, size: s.mix.reduce((a, b) => a + b, 0), values: Object.fromEntries(by.map((b, j) => [b.column, b.levels[s.codes[j]!]])) }));

  // The counted groups, suppressed together: the segments' and sub-types' totals are shared.
  const counts: CountTable[] = [
    { name: "immobile", dims: ["segment"], rows: list.map((s) => ({ segment: s.key, n: s.size })) },
    { name: "subtypes", dims: ["subtype"], rows: SUBTYPES.map((t, k) => ({ subtype: t, n: subtypes[k]!.immobile })) },
    { name: "mix", dims: ["segment", "subtype"], rows: list.flatMap((s) => SUBTYPES.map((t, k) => ({ segment: s.key, subtype: t, n: s.mix[k]! }))) },
    { name: "movable", dims: ["segment", "open"], rows: list.flatMap((s) => [{ segment: s.key, open: MOVABLE, n: s.movable }, { segment: s.key, open: STUCK, n: s.size - s.movable }]) },
    { name: "bySubtype", dims: ["subtype", "open"], rows: SUBTYPES.flatMap((t, k) => [{ subtype: t, open: MOVABLE, n: subtypes[k]!.movable }, { subtype: t, open: STUCK, n: subtypes[k]!.immobile - subtypes[k]!.movable }]) },
  ];
  const relations: CountRelation[] = [
    { whole: "immobile", parts: ["mix"] },
    { whole: "immobile", parts: ["movable"] },
    { whole: "subtypes", parts: ["mix"] },
    { whole: "subtypes", parts: ["bySubtype"] },
  ];
  const hidden = suppressTogether(counts, { minGroupSize: o.minGroupSize, relations });
  const isHidden = (ref: GroupRef) => hidden.get(ref.table)!.has(groupKey(ref.key));
  const segmentRefs = (key: string): GroupRef[] => [{ table: "immobile", key: { segment: key } }, { table: "movable", key: { segment: key, open: MOVABLE } }];
  const share = (x: number, n: number) => {
    const ci = proportionInterval(x, n);
    return { share: x / n, low: ci.ciLow, high: ci.ciHigh };
  };

  const mix = list.flatMap((s) => SUBTYPES.map((t, k) => {
    const r = share(s.mix[k]!, s.size);
    return { ...s.values, subtype: t, n: s.mix[k], share: r.share, share_low: r.low, share_high: r.high, refs: [{ table: "immobile", key: { segment: s.key } }, { table: "mix", key: { segment: s.key, subtype: t } }] };
  }));
  const mixOverall = SUBTYPES.map((t, k) => {
    const r = share(subtypes[k]!.immobile, used.length);
    return { subtype: t, n: subtypes[k]!.immobile, share: r.share, share_low: r.low, share_high: r.high, refs: [{ table: "subtypes", key: { subtype: t } }, { table: "subtypes", key: {} }] };
  });
  const shown = list.filter((s) => !segmentRefs(s.key).some(isHidden));
  const ranked = [...shown].sort((a, b) => b.movable - a.movable || b.movable / b.size - a.movable / a.size);
  const priority = list.map((s) => {
    const r = share(s.movable, s.size);
    const rank = ranked.indexOf(s);
    return { ...s.values, rank: rank < 0 ? null : rank + 1, immobile: s.size, movable: s.movable, share_movable: r.share, share_low: r.low, share_high: r.high, movable_low: s.size * r.low!, movable_high: s.size * r.high!, refs: segmentRefs(s.key) };
  });
  const movableBySubtype = SUBTYPES.map((t, k) => {
    const r = share(subtypes[k]!.movable, subtypes[k]!.immobile || 1);
    const empty = subtypes[k]!.immobile === 0;
    return { subtype: t, immobile: subtypes[k]!.immobile, movable: subtypes[k]!.movable, share_movable: empty ? null : r.share, share_low: empty ? null : r.low, share_high: empty ? null : r.high, refs: [{ table: "subtypes", key: { subtype: t } }, { table: "bySubtype", key: { subtype: t, open: MOVABLE } }] };
  });

  const findings: Note[] = [{ code: notes.movableRule.code, params: { column: open.column, threshold: o.movableThreshold } }];
  const top = ranked[0];
  if (top) findings.push({ code: notes.first.code, params: { segment: by.map((b, j) => String(b.levels[top.codes[j]!])).join(" × "), movable: top.movable, immobile: top.size, share: top.movable / top.size, groups: segmentRefs(top.key) } });
  const warnings: Note[] = [];
  if (used.length < immobile) warnings.push({ code: notes.rowsLeftOut.code, params: { rows: immobile - used.length, columns: [open.column, ...dims] } });
  if (unclassified > 0) warnings.push({ code: notes.unclassified.code, params: { rows: unclassified, column: subtype.column } });

  const order = { subtype: SUBTYPES, ...Object.fromEntries(by.map((b) => [b.column, b.levels])) };
  const groups = (r: Readonly<Record<string, unknown>>) => r.refs as GroupRef[];
  const c = IMMOBILE_PROFILE_COLUMNS;
  return publishReport({
    study: "immobileProfile",
    counts,
    relations,
    tables: {
      mix: { columns: [...dims, ...c.mix], rows: mix, dims: [...dims, "subtype"], order, groups },
      mixOverall: { columns: c.mixOverall, rows: mixOverall, dims: ["subtype"], order, groups },
      priority: { columns: [...dims, ...c.priority], rows: priority, dims, order, groups },
      movableBySubtype: { columns: c.movableBySubtype, rows: movableBySubtype, dims: ["subtype"], order, groups },
    },
    findings,
    warnings,
    provenance: {
      inputs: [{ name: "table", rows: total, rowsUsed: used.length }],
      wave: null,
      seed: null,
      options: { subtype: o.subtype, movable: o.movable, movableThreshold: o.movableThreshold, by: dims, minGroupSize: o.minGroupSize },
    },
    minGroupSize: o.minGroupSize,
  });
}
