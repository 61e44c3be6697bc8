// The validation every reader shares: records (from the CSV tokenizer, or from a sheet's rows) go
// in, one at a time; the header is matched to the schema, each cell converted by its field's
// checks, rejected rows reported as issues, and every row accounted for.
import * as aq from "arquero";
import { localize, getLanguage, type Message } from "../errors/catalogue.js";
import { KoeArgumentError, KoeReadError } from "../errors/errors.js";
import type { Issue, IssueCode } from "../errors/issue.js";
import { readMessages as m } from "../errors/messages.js";
import type { Table } from "../model/table.js";
import { normalizeKey } from "../model/vocabulary.js";
import { pseudonymizeColumns } from "../privacy/pseudonymize.js";
import { cellContext, CellKind, ColumnBuilder, fieldText, parseNumber, type CellContext } from "./cells.js";
import type { ColumnSpec } from "./column-spec.js";
import type { ByteEncoding, Encoding } from "./encoding.js";
import { headerName, matchHeaders } from "./headers.js";
import { KeyIndex } from "./key-index.js";
import type { RowOptions } from "./options.js";
import type { PlainPart } from "./parallel.js";
import { findPersonalColumns, personalByValues } from "./personal.js";
import { FieldFlag, type RecordView } from "./tokenizer.js";

/** The most numbers allocated as one block when columns are sized (2^27: 1 GiB). */
const MAX_BLOCK = 2 ** 27;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export interface ReadSummary {
  /** Data records read (header and blank lines excluded). Always rowsAccepted + rowsRejected. */
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** The row the header was found in (1 unless blank lines come first); `null` for an empty file. */
  headerRow: number | null;
  /** Empty lines (or empty sheet rows) skipped; they still count in row numbers, as a spreadsheet shows them. */
  blankLines: number;
  /** "csv" for delimited text, "xlsx"/"xls" for a workbook. */
  format: "csv" | "xlsx" | "xls";
  /** The text encoding of a CSV file; `null` for a workbook. */
  encoding: Encoding | null;
  /** The delimiter of a CSV file; `null` for a workbook. */
  delimiter: string | null;
  /** The sheet read from a workbook; `null` for CSV. */
  sheet: string | null;
  /** Each column of the file: its header and the field it became (`null`: dropped). */
  columns: { header: string; field: string | null }[];
}

export interface ReadResult {
  /** The accepted rows as an arquero table; numeric columns are typed arrays with NaN for missing. */
  table: Table;
  issues: Issue[];
  summary: ReadSummary;
}

/** An issue from a catalogue entry: the message in the current language, and both in `localized`. */
export function issueOf<P>(row: number | null, column: string | null, value: string | null, code: IssueCode, message: Message<P>, params: P, severity: Issue["severity"] = "error"): Issue {
  const localized = localize(message, params);
  return { row, column, value, code, severity, message: localized[getLanguage()], localized };
}

/** How many text cells of a mixed column an issue shows. */
const MIXED_SHOWN = 3;

/** The state of one read: header, column builders, counts, issues, and the sheet row of each accepted row. */
export class RowReader {
  private header: string[] | null = null;
  private headerRow = 1;
  private builders: ColumnBuilder[] = [];
  /** The builder of each field of the file (null: a dropped column); null until the header is read. */
  private fieldBuilders: (ColumnBuilder | null)[] | null = null;
  /** Rows every builder has room for (their staged slot included). */
  private capacity = 0;
  /** For each field, the numbers its plain integers within [fastLo, fastHi] are written to directly (null: none). */
  private fastNumbers: (Float64Array | Float32Array | null)[] = [];
  private fastLo = new Float64Array(0);
  private fastHi = new Float64Array(0);
  /** 1 where a blank field is a missing number, written as NaN straight away. */
  private fastBlank = new Uint8Array(0);
  /** For each field of text that may be missing, where a blank field is written as null straight away (null: none). */
  private fastNulls: (unknown[] | null)[] = [];
  private lfBuffer: Buffer | null = null;
  private lastLf = -1;
  private absent: ColumnBuilder[] = [];
  private order: string[] = [];
  private columns: { header: string; field: string | null }[] = [];
  private uniques: { builders: ColumnBuilder[]; seen: KeyIndex }[] = [];
  private readonly issues: Issue[] = [];
  private rowsRead = 0;
  private rowsAccepted = 0;
  private blankLines = 0;
  private rowNumbers = new Int32Array(1024);
  private readonly ctx: CellContext;

  constructor(
    private readonly fn: string,
    private readonly opts: RowOptions,
    private readonly specs: ColumnSpec[] | null,
  ) {
    this.ctx = cellContext(opts.missing, opts.likertLabels);
  }

  /** The encoding cells are decoded in (set before the first record). */
  setEncoding(encoding: ByteEncoding): void {
    (this.ctx as { encoding: ByteEncoding }).encoding = encoding;
  }

  /** Sizes the columns once from an estimate of the rows to come, instead of doubling repeatedly. */
  reserve(rows: number): void {
    // The numeric columns in one block of each kind: one large allocation instead of one per
    // column (each of which may set off a full garbage collection). Views of it stay valid.
    for (const kind of [Float64Array, Float32Array]) {
      const grow = [...this.builders, ...this.absent].filter((b) => b.numbers instanceof kind && b.numbers.length < rows);
      if (grow.length > 1 && rows * grow.length <= MAX_BLOCK) {
        const block = new kind(rows * grow.length);
        grow.forEach((b, i) => b.adopt(block.subarray(i * rows, (i + 1) * rows)));
      }
    }
    for (const b of this.builders) b.reserve(rows);
    for (const b of this.absent) b.reserve(rows);
    if (rows > this.capacity) this.capacity = rows;
    if (this.fieldBuilders !== null) for (let f = 0; f < this.fieldBuilders.length; f++) this.refreshFast(f);
    if (rows > this.rowNumbers.length) this.growRows(rows);
  }

  private growRows(n: number): void {
    const grown = new Int32Array(n);
    grown.set(this.rowNumbers.subarray(0, this.rowsAccepted));
    this.rowNumbers = grown;
  }

  private issue<P>(row: number | null, column: string | null, value: string | null, code: IssueCode, message: Message<P>, params: P, severity: Issue["severity"] = "error"): void {
    this.issues.push(issueOf(row, column, value, code, message, params, severity));
  }

  /** A blank line (or an empty sheet row). */
  onBlank(): void {
    this.blankLines++;
  }

  /** The next record: the header first, then data rows. `rec.index + 1` is the row as a spreadsheet numbers it. */
  onRecord(rec: RecordView): void {
    if (this.header === null) this.setHeader(rec);
    else {
      this.readRow(rec);
      // read() may have grown a column or turned it into text.
      for (let f = 0; f < this.fastNumbers.length; f++) this.refreshFast(f);
    }
  }

  private setHeader(rec: RecordView): void {
    const hr = rec.index + 1;
    this.headerRow = hr;
    const names: string[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < rec.count; i++) {
      const text = fieldText(rec.buf, rec.starts[i]!, rec.ends[i]!, rec.flags[i]!, this.ctx.encoding);
      let name = text === null ? "" : headerName(text);
      if (text === null) this.issue(hr, `column_${i + 1}`, null, "encoding", m.encoding, { encoding: this.ctx.encoding });
      if (name === "") name = `column_${i + 1}`;
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      if (n > 1) {
        const renamed = `${name}_${n}`;
        this.issue(hr, name, name, "duplicate_column", m.repeatedHeader, { column: name, times: n, renamed }, "warning");
        name = renamed;
      }
      names.push(name);
    }
    this.header = names;
    const specs = this.specs;
    const matches = specs ? matchHeaders(names, specs, this.opts.headers) : names.map((header, source) => ({ source, header, field: null }));
    const personal = new Map(findPersonalColumns(matches.filter((x) => x.field === null).map((x) => x.header)).map((p) => [p.column, p]));
    const claimed = new Map<string, string>();
    const extras: ColumnBuilder[] = [];
    const bySpec = new Map<string, ColumnBuilder>();
    for (const x of matches) {
      if (x.field !== null && claimed.has(x.field)) {
        this.issue(hr, x.header, x.header, "duplicate_column", m.duplicateColumn, { column: x.header, field: x.field, first: claimed.get(x.field)! }, "warning");
        x.field = null;
      }
      if (x.field !== null) {
        claimed.set(x.field, x.header);
        const spec = specs!.find((s) => s.field === x.field)!;
        bySpec.set(spec.field, new ColumnBuilder(spec, spec.field, x.source, this.ctx, 1024));
        this.columns.push({ header: x.header, field: x.field });
        continue;
      }
      const p = personal.get(x.header);
      if (p && !this.opts.keepColumns.includes(x.header)) {
        this.issue(hr, x.header, null, "dropped_personal_column", m.droppedPersonal, { column: x.header, kind: p.kind, evidence: p.evidence }, "warning");
        this.columns.push({ header: x.header, field: null });
        continue;
      }
      if (specs) {
        const drop = this.opts.unknownColumns === "drop";
        this.issue(hr, x.header, null, "unknown_column", drop ? m.unknownColumnDropped : m.unknownColumn, { column: x.header }, "warning");
        if (drop) {
          this.columns.push({ header: x.header, field: null });
          continue;
        }
      }
      extras.push(new ColumnBuilder(null, x.header, x.source, this.ctx, 0));
      this.columns.push({ header: x.header, field: x.header });
    }
    for (const spec of specs ?? []) {
      if (bySpec.has(spec.field)) continue;
      const b = new ColumnBuilder(spec, spec.field, -1, this.ctx, 1024);
      bySpec.set(spec.field, b);
      this.absent.push(b);
      if (spec.required) this.issue(hr, spec.field, null, "missing_column", m.missingColumn, { column: spec.field, aliases: spec.headers });
      else this.issue(hr, spec.field, null, "missing_column", m.absentOptionalColumn, { column: spec.field }, "warning");
    }
    const inSchemaOrder = (specs ?? []).map((s) => bySpec.get(s.field)!).filter((b) => b.source >= 0);
    this.builders = [...inSchemaOrder, ...extras];
    this.fieldBuilders = names.map(() => null);
    for (const b of this.builders) this.fieldBuilders[b.source] = b;
    this.fastNumbers = names.map(() => null);
    this.fastLo = new Float64Array(names.length);
    this.fastHi = new Float64Array(names.length);
    this.fastBlank = new Uint8Array(names.length);
    this.fastNulls = names.map(() => null);
    // Columns made now have room for the rows estimated before the header was read.
    const estimated = this.capacity;
    this.capacity = 0;
    this.reserve(estimated);
    this.order = [...(specs ?? []).map((s) => s.field), ...extras.map((b) => b.name)];
    for (const key of this.opts.unique) {
      const builders = (typeof key === "string" ? [key] : key).map((field) => {
        const builder = bySpec.get(field) ?? extras.find((b) => b.name === field);
        if (builder === undefined) throw KoeArgumentError.of(m.uniqueNotAColumn, { fn: this.fn, column: field, columns: this.order });
        return builder;
      });
      this.uniques.push({ builders, seen: new KeyIndex() });
    }
  }

  /**
   * Reads one record of plain (unquoted) fields straight from the bytes, in one pass: digits are
   * parsed as the field is scanned, other cells go through the column's `read` as in `readRow`.
   * Returns where the next record starts, or -1 to leave the record to the tokenizer and `readRow`
   * (a quote, a blank line, a record cut by the chunk's end, a row of the wrong length, or a cell
   * with a problem): what it staged is then staged again or discarded, so the result is the same.
   */
  fastRecord(buf: Buffer, p: number, len: number, index: number, delim: number): number {
    const fb = this.fieldBuilders;
    if (fb === null || p >= len || buf[p] === LF || buf[p] === CR) return -1;
    // The buffer's last line feed bounds every scan below (no test of the buffer's end per byte);
    // a record after it, cut by the chunk's end, is left to the general path, which carries it over.
    if (buf !== this.lfBuffer) {
      this.lfBuffer = buf;
      this.lastLf = buf.lastIndexOf(LF);
    }
    if (p >= this.lastLf) return -1;
    const at = this.rowsAccepted;
    if (at >= this.capacity) this.reserve(Math.max(1024, at * 2));
    const expected = fb.length;
    const fast = this.fastNumbers;
    const lo = this.fastLo;
    const hi = this.fastHi;
    let nf = 0;
    let c = 0;
    for (;;) {
      if (nf === expected) return this.abandon();
      const s = p;
      c = buf[p]!;
      if (c === QUOTE) return this.abandon();
      let v = 0;
      while (c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        c = buf[++p]!;
      }
      const digitsEnd = p;
      while (c !== delim && c !== LF && c !== CR) c = buf[++p]!;
      const nums = fast[nf];
      const n = p - s;
      // A plain integer in canonical form (no leading zero but "0"): exact, no text made.
      if (nums !== null && digitsEnd === p && (n === 1 || (n > 1 && n <= 15 && buf[s] !== 0x30)) && v >= lo[nf]! && v <= hi[nf]!) nums![at] = v;
      else if (n === 0 && nums !== null && this.fastBlank[nf] === 1) nums![at] = Number.NaN;
      else if (n === 0 && this.fastNulls[nf] !== null) this.fastNulls[nf]![at] = null;
      else {
        const b = fb[nf];
        if (b !== null) {
          // Refreshed only when the read changed the column (grown, or turned into text).
          const was = b!.values ?? b!.numbers;
          const problem = b!.read(buf, s, p, FieldFlag.Plain);
          if ((b!.values ?? b!.numbers) !== was) this.refreshFast(nf);
          if (problem !== null) return this.abandon();
        }
      }
      nf++;
      p++;
      if (c === delim) continue;
      if (c === CR && buf[p] === LF) p++;
      break;
    }
    if (nf !== expected) return this.abandon();
    // Indexed loops, and none over an empty list: this runs per row, often before it is optimised.
    const absent = this.absent;
    for (let a = 0; a < absent.length; a++) if (absent[a]!.stageAbsent() !== null) return this.abandon();
    this.rowsRead++;
    const row = index + 1;
    const builders = this.builders;
    if (this.uniques.length > 0 && !this.checkUnique(row)) {
      for (let c = 0; c < builders.length; c++) builders[c]!.discard();
      return p;
    }
    for (let c = 0; c < builders.length; c++) builders[c]!.commit();
    for (let a = 0; a < absent.length; a++) absent[a]!.commit();
    this.rowNumbers[this.rowsAccepted++] = row;
    return p;
  }

  /** Where field `f`'s plain integers go straight to, after its column changed (grown, or turned into text). */
  private refreshFast(f: number): void {
    const b = this.fieldBuilders![f];
    const direct = b != null && (b.inferring ? b.fastInferred : b.fastNumbers) && b.numbers!.length >= this.capacity;
    this.fastNumbers[f] = direct ? b.numbers : null;
    this.fastLo[f] = direct && !b.inferring ? b.lo : -Infinity;
    this.fastHi[f] = direct && !b.inferring ? b.hi : Infinity;
    // Blank is missing (NaN) for an inferring column when "" is a marker; a schema's column may require a value.
    this.fastBlank[f] = direct && b.inferring && b.blankIsMissing ? 1 : 0;
    this.fastNulls[f] = b != null && b.values !== null && b.blankIsMissing && !b.spec?.required && b.values.length >= this.capacity ? b.values : null;
  }

  /** Leaves a record to the general path; forgets what it staged beside the slots. */
  private abandon(): number {
    for (const b of this.builders) b.discard();
    return -1;
  }

  private readRow(rec: RecordView): void {
    this.rowsRead++;
    const row = rec.index + 1;
    if (rec.unterminated) {
      this.issue(row, null, null, "unterminated_quote", m.unterminatedQuote, {});
      return;
    }
    const expected = this.header!.length;
    if (rec.count !== expected) {
      this.issue(row, null, null, "ragged_row", m.raggedRow, { found: rec.count, expected });
      return;
    }
    let ok = true;
    const { buf, starts, ends, flags } = rec;
    const builders = this.builders;
    for (let c = 0; c < builders.length; c++) {
      const b = builders[c]!;
      const f = b.source;
      const s = starts[f]!;
      const e = ends[f]!;
      if (b.inferring && b.fastInferred && e - s === 1 && flags[f] === 0) {
        // The same for a column without a schema read as numbers so far.
        const v = buf[s]! - 0x30;
        const nums = b.numbers!;
        if (v >= 0 && v <= 9 && b.length < nums.length) {
          nums[b.length] = v;
          continue;
        }
      } else if (b.fastNumbers && e - s === 1 && flags[f] === 0) {
        // The commonest cell of a survey, a one-digit answer, inline; everything else goes through read().
        const v = buf[s]! - 0x30;
        const nums = b.numbers!;
        if (v >= b.lo && v <= b.hi && v <= 9 && b.length < nums.length) {
          nums[b.length] = v;
          continue;
        }
      }
      const p = b.read(buf, s, e, flags[f]!);
      if (p !== null) {
        ok = false;
        const localized = p.text;
        this.issues.push({ row, column: b.name, value: p.value, code: p.code, severity: "error", message: localized[getLanguage()], localized });
      }
    }
    for (const b of this.absent) {
      if (b.stageAbsent() !== null) {
        ok = false;
        this.issue(row, b.name, null, "missing_column", m.missingColumn, { column: b.name, aliases: b.spec!.headers });
      }
    }
    if (ok && this.uniques.length > 0) ok = this.checkUnique(row);
    if (!ok) {
      for (let c = 0; c < builders.length; c++) builders[c]!.discard();
      return;
    }
    for (let c = 0; c < builders.length; c++) builders[c]!.commit();
    for (const b of this.absent) b.commit();
    if (this.rowsAccepted === this.rowNumbers.length) this.growRows(this.rowNumbers.length * 2);
    this.rowNumbers[this.rowsAccepted++] = row;
  }

  /**
   * Joins the records a worker read (see parallel.ts) after the rows read so far, the first of them
   * in line `index` (0-based, as the tokenizer counts). Only without a schema and keys, where no
   * plain record is rejected; false (nothing joined) otherwise, or when its records do not have the
   * header's number of fields.
   */
  appendPart(part: PlainPart, index: number): boolean {
    const fb = this.fieldBuilders;
    if (fb === null || this.specs !== null || this.uniques.length > 0 || part.fields !== fb.length) return false;
    const k = part.rows;
    const at = this.rowsAccepted;
    if (at + k > this.capacity) this.reserve(at + k);
    for (let f = 0; f < fb.length; f++) fb[f]?.appendPart(part.columns[f]!, k);
    for (let i = 0; i < k; i++) this.rowNumbers[at + i] = index + i + 1;
    this.rowsRead += k;
    this.rowsAccepted += k;
    for (let f = 0; f < fb.length; f++) this.refreshFast(f);
    return true;
  }

  /** Rejects a row whose key was seen before; remembers the keys of an accepted row. */
  private checkUnique(row: number): boolean {
    if (this.uniques.length === 1) {
      const u = this.uniques[0]!;
      const key = u.builders.length === 1 ? u.builders[0]!.stagedKey() : compositeKey(u.builders);
      const firstRow = key === null ? undefined : u.seen.firstRowOrAdd(key, row);
      if (firstRow === undefined) return true;
      const column = u.builders.map((b) => b.name).join(" + ");
      this.issue(row, column, key, "duplicate_id", m.duplicateId, { value: key!, column, firstRow });
      return false;
    }
    // Several keys: a row's keys are remembered only once all of them are new.
    const keys: (string | null)[] = [];
    for (const u of this.uniques) {
      const key = compositeKey(u.builders);
      keys.push(key);
      if (key === null) continue;
      const firstRow = u.seen.firstRow(key);
      if (firstRow !== undefined) {
        const column = u.builders.map((b) => b.name).join(" + ");
        this.issue(row, column, key, "duplicate_id", m.duplicateId, { value: key, column, firstRow });
        return false;
      }
    }
    this.uniques.forEach((u, i) => keys[i] != null && u.seen.firstRowOrAdd(keys[i]!, row));
    return true;
  }

  /** The spreadsheet row of each accepted row, in table order. */
  acceptedRowNumbers(): Int32Array {
    return this.rowNumbers.subarray(0, this.rowsAccepted);
  }

  finish(where: Pick<ReadSummary, "format" | "encoding" | "delimiter" | "sheet">): ReadResult {
    if (this.header === null) this.issue(null, null, null, "empty_file", m.emptyFile, {});
    else if (this.rowsRead === 0) this.issue(null, null, null, "no_data_rows", m.noDataRows, {}, "warning");
    const all = new Map([...this.builders, ...this.absent].map((b) => [b.name, b]));
    const columns: Record<string, unknown> = {};
    for (const name of this.order) {
      const b = all.get(name)!;
      const personal = b.spec === null && !this.opts.keepColumns.includes(name) ? personalByValues(name, b.inferring ? b.texts(200) : (b.finish() as unknown[])) : undefined;
      if (personal) {
        this.issue(this.headerRow, name, null, "dropped_personal_column", m.droppedPersonal, { column: name, kind: personal.kind, evidence: personal.evidence }, "warning");
        const entry = this.columns.find((c) => c.field === name);
        if (entry) entry.field = null;
        continue;
      }
      columns[name] = b.spec === null ? (b.inferring ? b.finishInferred() : this.inferColumn(name, b.finish() as (string | null)[])) : b.finish();
    }
    return {
      table: aq.table(columns as Record<string, unknown[]>),
      issues: this.issues,
      summary: {
        rowsRead: this.rowsRead,
        rowsAccepted: this.rowsAccepted,
        rowsRejected: this.rowsRead - this.rowsAccepted,
        headerRow: this.header === null ? null : this.headerRow,
        blankLines: this.blankLines,
        ...where,
        columns: this.columns,
      },
    };
  }

  /**
   * Without a schema a column becomes numeric (Float64Array, NaN = missing) when every non-missing
   * cell is a number, or a number or Likert label; otherwise it stays text. A column that is at
   * least half numbers (or labels) but not all is kept as text and reported (`mixed_types`), with
   * the first text cells and their rows, and the `missing` option that would make it numeric.
   */
  private inferColumn(name: string, values: (string | null)[]): Float64Array | (string | null)[] {
    const kinds = this.ctx.kinds;
    kinds.nextColumn();
    const n = values.length;
    let any = false;
    let labels = 0;
    let numbers = 0;
    let texts = 0;
    const first: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      any = true;
      const kind = kinds.of(v);
      if (kind === CellKind.Number) numbers++;
      else if (kind === CellKind.Label) labels++;
      else {
        texts++;
        if (first.length < MIXED_SHOWN) first.push(i);
        // Decided: even if every cell left were a number, the column would be mostly text.
        if (texts > numbers + labels + (n - i - 1)) return values;
      }
    }
    if (!any) return values;
    if (texts > 0) {
      if (numbers > 0 && numbers + labels >= texts) this.reportMixed(name, values, numbers + labels, texts, first);
      return values;
    }
    const likert = this.ctx.likert;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      out[i] = v === null ? Number.NaN : labels > 0 && Number.isNaN(parseNumber(v)) ? likert.get(normalizeKey(v))! : parseNumber(v);
    }
    return out;
  }

  private reportMixed(column: string, values: readonly (string | null)[], numbers: number, texts: number, firstAt: readonly number[]): void {
    const rows = this.acceptedRowNumbers();
    const first = firstAt.map((i) => ({ value: values[i]!, row: rows[i]! }));
    // The markers that would make the column numeric: the current ones plus the distinct texts found (when few).
    const kinds = this.ctx.kinds;
    const distinct = new Set<string>();
    for (const v of values) {
      if (v !== null && kinds.of(v) === CellKind.Text) distinct.add(v);
      if (distinct.size > 5) break;
    }
    const markers = [...this.opts.missing, ...[...distinct].slice(0, 5)];
    this.issue(first[0]!.row, column, first[0]!.value, "mixed_types", m.mixedTypes, { column, numbers, texts, first, markers }, "warning");
  }

}

/** The staged values of a row's key columns joined, or null when any is missing. */
function compositeKey(builders: readonly ColumnBuilder[]): string | null {
  if (builders.length === 1) return builders[0]!.stagedKey();
  const parts: string[] = [];
  for (const b of builders) {
    const k = b.stagedKey();
    if (k === null) return null;
    parts.push(k);
  }
  return parts.join(" | ");
}

/** Checks a domain reader runs on the accepted rows (e.g. age against generation); they return warnings. */
export type RowCheck = (table: Table, rows: Int32Array) => Issue[];

/** Ends a read the same way for every format: checks, pseudonyms, and `strict`. */
export function completeRead(reader: RowReader, where: Pick<ReadSummary, "format" | "encoding" | "delimiter" | "sheet">, opts: RowOptions, checks: readonly RowCheck[] = []): ReadResult {
  const result = reader.finish(where);
  const rows = reader.acceptedRowNumbers();
  for (const check of checks) result.issues.push(...check(result.table, rows));
  if (opts.pseudonymize) result.table = pseudonymizeColumns(result.table, opts.pseudonymize.columns, opts.pseudonymize.key);
  if (opts.strict) {
    const errors = result.issues.filter((i) => i.severity === "error");
    if (errors.length > 0) {
      const nRows = new Set(errors.map((i) => i.row)).size;
      throw new KoeReadError(localize(m.strictFailed, { errors: errors.length, rows: nRows, first: errors.slice(0, 10) }), result.issues, "strict_failed");
    }
  }
  return result;
}
