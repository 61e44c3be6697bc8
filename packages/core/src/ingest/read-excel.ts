// Excel workbooks (.xlsx, and old .xls) through SheetJS (@e965/xlsx, the maintained 0.20 line
// republished on npm). The sheet's rows become the same records the CSV tokenizer makes, so a
// workbook goes through exactly the validation a CSV file does: schema, header mapping, Likert
// labels, issues with rows numbered as Excel shows them, accepted + rejected = read.
import type * as XLSXTypes from "@e965/xlsx";
import { localize } from "../errors/catalogue.js";
import { KoeArgumentError, KoeReadError } from "../errors/errors.js";
import { readMessages as m } from "../errors/messages.js";
import { parseOptions } from "../boundary/options.js";
import { columnSpecs } from "./column-spec.js";
import { ReadExcelOptions } from "./options.js";
import { completeRead, issueOf, RowReader, type ReadResult, type RowCheck } from "./row-reader.js";
import { sniffFormat } from "./sniff.js";
import { readAllBytes } from "./source.js";
import type { RecordView } from "./tokenizer.js";
import type { z } from "zod";

export { ReadExcelOptions } from "./options.js";

/** What the Excel reader reads: a file path, `{ path }`, or the workbook's bytes. */
export type WorkbookSource = string | Uint8Array | ArrayBuffer | { path: string };

type XLSX = typeof XLSXTypes;
let loaded: Promise<XLSX> | null = null;

/** SheetJS is loaded on the first workbook read, not with @koe/core; its code pages serve old .xls files. */
function sheetjs(): Promise<XLSX> {
  loaded ??= (async () => {
    const x = await import("@e965/xlsx");
    x.set_cptable(await import("@e965/xlsx/dist/cpexcel"));
    return x;
  })();
  return loaded;
}

/** Excel's error values, as Excel shows them. */
const ERRORS: Record<number, string> = { 0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?", 0x24: "#NUM!", 0x2a: "#N/A", 0x2b: "#GETTING_DATA" };

/**
 * The text a cell gives the reader: text as written; a number in full precision (never rounded to
 * its display format); a date as `YYYY-MM-DD` (with ` hh:mm:ss` when it has a time); TRUE/FALSE;
 * an error value (`#N/A`) as written, so a numeric field rejects it by name; a formula with no
 * stored result as its formula. An empty cell is "".
 */
function cellText(x: XLSX, cell: XLSXTypes.CellObject | undefined, date1904: boolean): string {
  if (cell === undefined || cell === null) return "";
  const v = cell.v;
  switch (cell.t) {
    case "s":
      return v === undefined || v === null ? "" : String(v);
    case "n": {
      if (typeof v !== "number") return "";
      if (cell.z !== undefined && typeof cell.z === "string" && x.SSF.is_date(cell.z)) {
        const whole = Math.floor(v);
        const fmt = v === whole ? "yyyy-mm-dd" : whole === 0 ? "hh:mm:ss" : "yyyy-mm-dd hh:mm:ss";
        return String(x.SSF.format(fmt, v, { date1904 }));
      }
      return String(v);
    }
    case "b":
      return v ? "TRUE" : "FALSE";
    case "e":
      return cell.w ?? ERRORS[v as number] ?? "#ERROR";
    case "d":
      return v instanceof Date ? v.toISOString().replace("T00:00:00.000Z", "").replace(".000Z", "").replace("T", " ") : String(v);
    case "z":
      return "";
    default:
      return v === undefined ? (cell.f ? `=${cell.f}` : "") : String(v);
  }
}

/**
 * Reads a sheet of an Excel workbook (.xlsx, or an old .xls) into an arquero table with the same
 * options, validation and accounting as {@link readCsv}: `rowsAccepted + rowsRejected === rowsRead`,
 * issues with rows numbered as Excel shows them, `summary.sheet` naming the sheet read. The first
 * sheet by default, or `sheet: "回答"` / `sheet: 2` (counted from 1). Numbers are read in full
 * precision, dates as `YYYY-MM-DD`, numbers stored as text are numbers (as in CSV). When the
 * workbook has several sheets with data and none was named, the first is read and a warning says so.
 *
 * @example
 * const { table, summary } = await readExcel("packages/core/test/ingest/fixtures/survey.xlsx");
 * summary.sheet  // => "回答"
 * table.objects()[0] // => { "会社": "A社", "年齢": 34, Q1: 5 }
 * await readExcel("packages/core/test/ingest/fixtures/survey.xlsx", { sheet: "集計" }) // throws: no sheet "集計"
 * @throws {KoeArgumentError} for an unknown option or sheet.
 * @throws {KoeReadError} when the file cannot be read or is not a workbook (use readCsv for text).
 */
export async function readExcel(source: WorkbookSource, options: ReadExcelOptions = {}): Promise<ReadResult> {
  const opts = parseOptions("readExcel", ReadExcelOptions, options);
  return readExcelWith("readExcel", source, opts);
}

/** readExcel on parsed options, for the readers built on it. */
export async function readExcelWith(fn: string, source: unknown, opts: z.output<typeof ReadExcelOptions>, checks: readonly RowCheck[] = []): Promise<ReadResult> {
  const { bytes, label } = await readAllBytes(fn, source);
  // The whole file is at hand: a ZIP is a workbook when any of its entries is under xl/.
  const sniffed = sniffFormat(bytes);
  const kind = sniffed.kind;
  if (kind === "pdf") throw new KoeReadError(localize(m.isPdf, { fn, source: label }), [], "not_text_pdf");
  if (kind === "other") throw new KoeReadError(localize(sniffed.document ? m.isOtherZip : m.isBinary, { fn, source: label, what: sniffed.what, whatJa: sniffed.whatJa }), [], "not_a_workbook");
  if (kind !== "xlsx" && kind !== "xls") throw new KoeReadError(localize(m.notAWorkbook, { fn, source: label }), [], "not_a_workbook");
  const x = await sheetjs();
  let wb: XLSXTypes.WorkBook;
  try {
    wb = x.read(bytes, { type: "buffer", dense: true, cellNF: true, cellText: false, cellFormula: true, cellDates: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    throw new KoeReadError(localize(m.workbookUnreadable, { fn, source: label, reason: (e as Error).message }), [], "workbook_unreadable");
  }
  const names = wb.SheetNames;
  let sheetName: string;
  if (opts.sheet === undefined) sheetName = names[0]!;
  else if (typeof opts.sheet === "number") {
    if (opts.sheet > names.length) throw KoeArgumentError.of(m.unknownSheet, { fn, sheet: opts.sheet, sheets: names });
    sheetName = names[opts.sheet - 1]!;
  } else {
    const wanted = opts.sheet.normalize("NFKC").trim();
    const found = names.find((n) => n === opts.sheet) ?? names.find((n) => n.normalize("NFKC").trim() === wanted);
    if (found === undefined) throw KoeArgumentError.of(m.unknownSheet, { fn, sheet: opts.sheet, sheets: names });
    sheetName = found;
  }
  const date1904 = Boolean((wb.Workbook?.WBProps as { date1904?: boolean } | undefined)?.date1904);
  const reader = new RowReader(fn, opts, opts.schema ? columnSpecs(opts.schema) : null);
  reader.setEncoding("utf-8");
  const rows = denseRows(wb.Sheets[sheetName]!);
  // The columns in use: from the first to the last column holding anything, in any row.
  let lo = Infinity;
  let hi = -1;
  for (const row of rows) {
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      if (cellText(x, row[c], date1904) === "") continue;
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  if (hi >= 0) {
    reader.reserve(rows.length);
    feedRows(x, rows, lo, hi, date1904, reader);
  }
  if (opts.sheet === undefined) {
    const withData = names.filter((n) => denseRows(wb.Sheets[n]!).some((r) => r?.some((c) => cellText(x, c, date1904) !== "")));
    if (withData.length > 1) checks = [...checks, () => [issueOf(null, null, null, "several_sheets", m.severalSheets, { sheet: sheetName, sheets: withData }, "warning")]];
  }
  return completeRead(reader, { format: kind, encoding: null, delimiter: null, sheet: sheetName }, opts, checks);
}

/** A sheet's rows (dense mode keeps them as arrays, indexed by Excel's row and column numbers from 0). */
function denseRows(ws: XLSXTypes.WorkSheet): (XLSXTypes.CellObject[] | undefined)[] {
  return ((ws as { "!data"?: (XLSXTypes.CellObject[] | undefined)[] })["!data"] ?? []) as (XLSXTypes.CellObject[] | undefined)[];
}

/** Hands each row to the reader as a record of UTF-8 cells: the same path a CSV record takes. */
function feedRows(x: XLSX, rows: readonly (XLSXTypes.CellObject[] | undefined)[], lo: number, hi: number, date1904: boolean, reader: RowReader): void {
  const n = hi - lo + 1;
  const rec: RecordView = { buf: Buffer.alloc(0), starts: new Int32Array(n), ends: new Int32Array(n), flags: new Uint8Array(n), count: n, index: 0, unterminated: false };
  const texts = new Array<string>(n);
  let started = false;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let blank = true;
    for (let c = 0; c < n; c++) {
      const t = row ? cellText(x, row[lo + c], date1904) : "";
      texts[c] = t;
      if (t !== "") blank = false;
    }
    if (blank) {
      // Empty rows above the header are not rows of the table; below it they count as blank lines.
      if (started) reader.onBlank();
      continue;
    }
    started = true;
    const buf = Buffer.from(texts.join(""), "utf8");
    let at = 0;
    for (let c = 0; c < n; c++) {
      const len = Buffer.byteLength(texts[c]!, "utf8");
      rec.starts[c] = at;
      rec.ends[c] = at + len;
      at += len;
    }
    rec.buf = buf;
    rec.index = r;
    reader.onRecord(rec);
  }
}
