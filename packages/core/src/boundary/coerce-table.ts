import * as aq from "arquero";
import { z } from "zod";
import { KoeArgumentError } from "../errors/errors.js";
import { boundaryMessages as m } from "../errors/boundary-messages.js";
import { DEFAULT_LIKERT_LABELS, Instrument, itemColumn } from "../model/instrument.js";
import { knownField, type FieldRole } from "../model/known-fields.js";
import type { Table } from "../model/table.js";
import { resolveColumn, requireTable } from "./columns.js";
import { parseOptions } from "./options.js";
import { binaryColumn, MISSING_BINARY, numericColumn, segmentColumn } from "./roles.js";

export const CoerceTableOptions = z.object({
  /** Your headers → koe's names, e.g. `{ 所属: "company", 年代: "generation", Q1: "eng_01_pre" }`. */
  rename: z.record(z.string(), z.string()).default({}),
  /** Roles for columns koe's model does not know (`"binary"`, `"numeric"`, `"segment"`, `"text"`); known fields take their own role. */
  roles: z.record(z.string(), z.enum(["binary", "numeric", "segment", "text"])).default({}),
  /** Your items: their columns are read as numbers (answer labels such as 「そう思う」 too) and checked against the items' range. */
  instrument: z.custom<Instrument>((v) => Instrument.safeParse(v).success, "an instrument (see defineInstrument / Instrument)").optional(),
  /** Cell texts that mean "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
  /** Answer labels → numbers for item columns (default: the instrument's, else koe's 5-point labels). */
  likertLabels: z.record(z.string(), z.number()).optional(),
});
export type CoerceTableOptions = z.input<typeof CoerceTableOptions>;

/**
 * Turns an analyst's own table into koe's names, ids and types in one step: columns renamed to
 * koe's fields, yes/no columns to booleans (0/1, はい/いいえ, 管理職/非管理職 …), segments to the
 * model's ids (若手 → young, 知る → know), item answers and numbers to numbers (full-width digits and
 * answer labels too), blanks and missing markers to null/NaN. A value that cannot mean what its
 * column needs is a {@link KoeArgumentError} naming the column, the value and its rows; nothing is
 * dropped or guessed.
 * @example
 * const mySurvey = Instrument.parse({ id: "mine", ja: "自社調査", en: "Ours", scales: [{ id: "eng", ja: "意欲", en: "Engagement" }],
 *   items: [{ id: "q1", scale: "eng", ja: "Q1", en: "Q1" }, { id: "q2", scale: "eng", ja: "Q2", en: "Q2" }] });
 * const raw = aq.table({ 所属: ["A社"], 年代: ["若手"], 越境: ["はい"], Q1: ["そう思う"], Q2: ["-"] });
 * coerceTable(raw, { rename: { 所属: "company", 年代: "generation", 越境: "cross_boundary", Q1: "q1", Q2: "q2" }, instrument: mySurvey, missing: ["-"] }).objects()
 * // => [{ company: "A社", generation: "young", cross_boundary: true, q1: 5, q2: NaN }]
 */
export function coerceTable(table: Table, options: CoerceTableOptions = {}): Table {
  const fn = "coerceTable";
  requireTable(fn, table);
  const o = parseOptions(fn, CoerceTableOptions, options);
  const renames: Record<string, string> = {};
  for (const [from, to] of Object.entries(o.rename)) renames[resolveColumn(fn, table, from, "rename")] = to;
  const t = Object.keys(renames).length > 0 ? table.rename(renames) : table;
  const items = new Map<string, { min: number; max: number }>();
  if (o.instrument) {
    const waves = o.instrument.waves.length > 0 ? o.instrument.waves.map((w) => w.id) : [undefined];
    for (const item of o.instrument.items) for (const w of waves) items.set(itemColumn(item.id, w), { min: item.min, max: item.max });
  }
  const labels = o.likertLabels ?? o.instrument?.likertLabels ?? DEFAULT_LIKERT_LABELS;
  const missing = o.missing === undefined ? {} : { missing: o.missing };
  const out: Record<string, unknown> = {};
  for (const column of t.columnNames()) {
    const role: FieldRole | undefined = o.roles[column] ?? (items.has(column) ? "numeric" : knownField(column)?.role);
    if (role === undefined || role === "text") continue;
    if (role === "binary") {
      const b = binaryColumn(fn, t, column, missing).values;
      out[column] = Array.from(b, (v) => (v === MISSING_BINARY ? null : v === 1));
    } else if (role === "segment") {
      const s = segmentColumn(fn, t, column, missing);
      out[column] = Array.from(s.codes, (c) => (c < 0 ? null : s.levels[c]));
    } else {
      const values = numericColumn(fn, t, column, { ...missing, labels: items.has(column) ? labels : {} }).values;
      const range = items.get(column);
      if (range) {
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          if (v === v && (v < range.min || v > range.max)) throw KoeArgumentError.of(m.outOfRange, { fn, column, value: v, row: i + 1, min: range.min, max: range.max });
        }
      }
      out[column] = values;
    }
  }
  if (Object.keys(out).length === 0) return t;
  return t.assign(aq.table(out));
}
