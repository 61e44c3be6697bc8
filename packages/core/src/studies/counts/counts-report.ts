// How many people there are by two segments, and by a yes/no split of them (e.g. participants
// and non-participants), as one report: the tables are suppressed together, so no small group
// can be read from one of them, nor by subtracting one from another.
import { z } from "zod";
import { binaryColumn, MISSING_BINARY, segmentColumn } from "../../boundary/roles.js";
import { requireDistinct, requireTable } from "../../boundary/columns.js";
import { InsufficientDataError } from "../../errors/errors.js";
import { parseOptions } from "../../boundary/options.js";
import { defineMessages } from "../../errors/catalogue.js";
import type { Table } from "../../model/table.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { publishReport, type DraftTable, type StudyReport } from "../report.js";

export const CountsReportOptions = z.object({
  /** The segment down the tables (e.g. "company"). */
  row: z.string(),
  /** The segment across (e.g. "generation"). */
  column: z.string(),
  /** A yes/no column splitting everyone (e.g. "cross_boundary"): adds the tables `yes` and `no`, suppressed with `all`. */
  split: z.string().optional(),
  minGroupSize: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
  missing: z.array(z.string()).optional(),
});
export type CountsReportOptions = z.input<typeof CountsReportOptions>;

const notes = defineMessages("counts", {
  rowsLeftOut: {
    en: (p: { rows: number; columns: string[] }) => `${p.rows} rows with a blank ${p.columns.join(" or ")} are not counted.`,
    ja: (p: { rows: number; columns: string[] }) => `${p.columns.join("・")}が空欄の${p.rows}行は数えていません。`,
  },
});

/**
 * People counted by `row` × `column` (every combination of the segments' values, zeros in their
 * place), and with `split` the same for its yes and no groups: tables `all`, `yes`, `no`, each
 * with columns [row, column, "n", "suppressed"], suppressed together with their totals (all = yes
 * + no, cell by cell), rows in the segments' natural order. Charts take the tables as they are.
 * @example
 * const counts = countsReport(respondents, { row: "company", column: "generation", split: "cross_boundary" });
 * counts.tables.yes.columns // => ["company", "generation", "n", "suppressed"]
 * counts.tables.yes.rows.some((r) => r.suppressed && r.n === null) // => true
 */
export function countsReport(table: Table, options: CountsReportOptions): StudyReport {
  const fn = "countsReport";
  requireTable(fn, table);
  const o = parseOptions(fn, CountsReportOptions, options);
  const missing = o.missing ? { missing: o.missing } : {};
  const row = segmentColumn(fn, table, o.row, { option: "row", ...missing });
  const column = segmentColumn(fn, table, o.column, { option: "column", ...missing });
  const split = o.split === undefined ? null : binaryColumn(fn, table, o.split, { option: "split", ...missing });
  requireDistinct(fn, { row: row.column, column: column.column, split: split?.column });
  const groups = split ? (["all", "yes", "no"] as const) : (["all"] as const);
  const cells = groups.map(() => new Float64Array(row.levels.length * column.levels.length));
  let leftOut = 0;
  for (let i = 0; i < row.codes.length; i++) {
    const r = row.codes[i]!;
    const c = column.codes[i]!;
    const s = split ? split.values[i]! : 0;
    if (r < 0 || c < 0 || s === MISSING_BINARY) {
      leftOut++;
      continue;
    }
    const k = r * column.levels.length + c;
    cells[0]![k]!++;
    if (split) cells[s === 1 ? 1 : 2]![k]!++;
  }
  // An empty count is no answer: say so, naming the columns, rather than publish empty tables.
  if (leftOut === row.codes.length) throw new InsufficientDataError(fn, 1, 0, [row.column, column.column, ...(split ? [split.column] : [])].join(", "));
  const rowsOf = (g: number) =>
    row.levels.flatMap((rv, r) => column.levels.map((cv, c) => ({ [row.column]: rv, [column.column]: cv, n: cells[g]![r * column.levels.length + c]! })));
  const dims = [row.column, column.column];
  const counts = groups.map((name, g) => ({ name, dims, rows: rowsOf(g) }));
  const tables: Record<string, DraftTable> = {};
  groups.forEach((name, g) => {
    tables[name] = {
      columns: [...dims, "n"],
      rows: rowsOf(g),
      dims,
      order: { [row.column]: row.levels, [column.column]: column.levels },
      groups: (r) => ({ table: name, key: { [row.column]: r[row.column], [column.column]: r[column.column] } }),
    };
  });
  return publishReport({
    study: "counts",
    counts,
    relations: split ? [{ whole: "all", parts: ["yes", "no"] }] : [],
    tables,
    findings: [],
    warnings: leftOut > 0 ? [{ code: notes.rowsLeftOut.code, params: { rows: leftOut, columns: [row.column, column.column, ...(split ? [split.column] : [])] } }] : [],
    provenance: { inputs: [{ name: "table", rows: table.numRows(), rowsUsed: table.numRows() - leftOut }], wave: null, seed: null, options: { row: o.row, column: o.column, split: o.split ?? null, minGroupSize: o.minGroupSize } },
    minGroupSize: o.minGroupSize,
  });
}
