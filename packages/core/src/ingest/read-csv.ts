import * as aq from "arquero";
import { z } from "zod";
import { KoeArgumentError, KoeReadError } from "../errors/errors.js";
import type { Issue, IssueCode } from "../errors/issue.js";
import { formatIssue, readMessages } from "../errors/messages.js";
import { DEFAULT_LIKERT_LABELS } from "../model/instrument.js";
import { normalizeKey } from "../model/vocabulary.js";
import { pseudonymizeColumns } from "../privacy/pseudonymize.js";
import { ColumnBuilder, fieldText, normalizeCell, parseNumber, type CellContext } from "./cells.js";
import { columnSpecs, type ColumnSpec } from "./column-spec.js";
import { detectEncoding, hasUtf8Bom, parseEncodingName, type Encoding } from "./encoding.js";
import { matchHeaders } from "./headers.js";
import { KeyIndex } from "./key-index.js";
import { findPersonalColumns, personalByValues } from "./personal.js";
import { openSource, type CsvSource } from "./source.js";
import { CsvTokenizer, sniffDelimiter, type RecordView } from "./tokenizer.js";

export type { Table } from "../model/table.js";
import type { Table } from "../model/table.js";

const SNIFF_BYTES = 1 << 16;

/** Options of {@link readCsv}; every field is optional. */
export const ReadCsvOptions = z.object({
  /** zod object schema the rows must satisfy; without one, headers are kept as column names and types inferred. */
  schema: z.custom<z.ZodObject>((v) => v instanceof z.ZodObject, "schema must be a zod object schema").optional(),
  /** "auto" (default) detects UTF-8 (with or without BOM) or Shift_JIS/CP932. */
  encoding: z.string().default("auto"),
  /** "auto" (default) picks comma, tab or semicolon from the header line. */
  delimiter: z.enum(["auto", ",", "\t", ";"]).default("auto"),
  /** Extra header → field mappings, e.g. `{ "所属会社": "company" }`. */
  headers: z.record(z.string(), z.string()).default({}),
  /** Cell texts that mean "no answer" (compared after NFKC and trimming). */
  missing: z.array(z.string()).default(["", "NA", "N/A", "無回答"]),
  /** Answer labels mapped to numbers in Likert fields (and, without a schema, in columns of only numbers and labels). */
  likertLabels: z.record(z.string(), z.number()).default(DEFAULT_LIKERT_LABELS),
  /** With a schema: keep columns the schema does not know (as text; default) or drop them. Both are reported. */
  unknownColumns: z.enum(["keep", "drop"]).default("keep"),
  /** Columns to keep even though they look like names, e-mail addresses or phone numbers. */
  keepColumns: z.array(z.string()).default([]),
  /**
   * Keys that must not repeat: a field (`"respondent_id"`) or several together
   * (`["transcript_id", "segment"]`); a repeat rejects the later row.
   */
  unique: z.array(z.union([z.string(), z.array(z.string()).min(1)])).default([]),
  /** Throw one {@link KoeReadError} listing the problems instead of returning rejected rows as issues. */
  strict: z.boolean().default(false),
  /** Replace id columns by keyed pseudonyms (HMAC-SHA256) as they are read; keep the key out of the repository. */
  pseudonymize: z.object({ columns: z.array(z.string()).min(1), key: z.string().min(1) }).optional(),
  /** Bytes per read; the file is streamed, never held whole. */
  chunkSize: z.number().int().min(1).default(1 << 20),
});
export type ReadCsvOptions = z.input<typeof ReadCsvOptions>;

export interface ReadSummary {
  /** Data records read (header and blank lines excluded). Always rowsAccepted + rowsRejected. */
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Empty lines skipped (they still count in row numbers, as a spreadsheet shows them). */
  blankLines: number;
  encoding: Encoding;
  delimiter: string;
  /** Each column of the file: its header and the field it became (`null`: dropped). */
  columns: { header: string; field: string | null }[];
}

export interface ReadResult {
  /** The accepted rows as an arquero table; numeric columns are typed arrays with NaN for missing. */
  table: Table;
  issues: Issue[];
  summary: ReadSummary;
}

/**
 * Reads a CSV file, text or bytes into an arquero table, accounting for every row:
 * `summary.rowsAccepted + summary.rowsRejected === summary.rowsRead`, and every rejected row
 * has at least one issue `{ row, column, value, code, severity: "error", message }` (rows
 * numbered as a spreadsheet shows them: header = 1).
 *
 * @example
 * const { table, issues, summary } = await readCsv("id,年齢\nA,３５\nB,三十\n");
 * table.objects()          // => [{ id: "A", 年齢: 35 }, { id: "B", 年齢: "三十" }] — without a schema "三十" stays text
 * summary                  // => { rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, … }
 * @throws {KoeReadError} when the file cannot be opened, or with `strict: true` when any row is rejected.
 */
export async function readCsv(source: CsvSource, options: ReadCsvOptions = {}): Promise<ReadResult> {
  const parsed = ReadCsvOptions.safeParse(options);
  if (!parsed.success) throw new KoeArgumentError(`readCsv: ${z.prettifyError(parsed.error)}`);
  const opts = parsed.data;
  let forcedEncoding: Encoding | undefined;
  if (opts.encoding !== "auto") {
    forcedEncoding = parseEncodingName(opts.encoding);
    if (forcedEncoding === undefined) throw new KoeArgumentError(`readCsv: unknown encoding "${opts.encoding}" (use "auto", "utf-8" or "shift_jis")`);
  }
  const opened = openSource(source, opts.chunkSize);
  const reader = new CsvReader(opts, opts.schema ? columnSpecs(opts.schema) : null);
  const delimiterOf = (head: Buffer) => (opts.delimiter === "auto" ? sniffDelimiter(head) : opts.delimiter.charCodeAt(0));
  // The encoding and delimiter are decided from the first 64 KiB (or the whole of a smaller file).
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let started = false;
  const begin = () => {
    let head = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    const bom = hasUtf8Bom(head);
    if (bom) head = head.subarray(3);
    reader.start(forcedEncoding ?? (bom ? "utf-8" : detectEncoding(head)), delimiterOf(head));
    reader.push(head, false);
    if (opened.size !== null) reader.reserveFor(opened.size);
    started = true;
  };
  try {
    for await (const chunk of opened.chunks) {
      if (started) {
        reader.push(chunk, false);
        continue;
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= SNIFF_BYTES) begin();
    }
  } catch (e) {
    if (e instanceof KoeReadError) throw e;
    throw new KoeReadError(readMessages.sourceUnreadable(opened.label, (e as Error).message), [], "source_unreadable");
  }
  if (!started) begin();
  reader.push(Buffer.alloc(0), true);
  const result = reader.finish();
  if (opts.pseudonymize) result.table = pseudonymizeColumns(result.table, opts.pseudonymize.columns, opts.pseudonymize.key);
  if (opts.strict) {
    const errors = result.issues.filter((i) => i.severity === "error");
    if (errors.length > 0) {
      const rows = new Set(errors.map((i) => i.row)).size;
      throw new KoeReadError(readMessages.strictFailed(errors.length, rows, errors.slice(0, 10).map(formatIssue)), result.issues, "strict_failed");
    }
  }
  return result;
}

/** The state of one read: header, column builders, counts and issues. */
class CsvReader {
  private tokenizer: CsvTokenizer | null = null;
  private encoding: Encoding = "utf-8";
  private delimiter = 0x2c;
  private header: string[] | null = null;
  private builders: ColumnBuilder[] = [];
  private absent: ColumnBuilder[] = [];
  private order: string[] = [];
  private columns: { header: string; field: string | null }[] = [];
  private uniques: { builders: ColumnBuilder[]; seen: KeyIndex }[] = [];
  private readonly issues: Issue[] = [];
  private rowsRead = 0;
  private rowsAccepted = 0;
  private blankLines = 0;
  private readonly ctx: CellContext;

  constructor(
    private readonly opts: z.output<typeof ReadCsvOptions>,
    private readonly specs: ColumnSpec[] | null,
  ) {
    this.ctx = {
      encoding: "utf-8",
      missing: new Set(opts.missing.map(normalizeCell)),
      likert: new Map(Object.entries(opts.likertLabels).map(([k, v]) => [normalizeKey(k), v])),
    };
  }

  start(encoding: Encoding, delimiter: number): void {
    this.encoding = encoding;
    (this.ctx as { encoding: Encoding }).encoding = encoding;
    this.delimiter = delimiter;
    this.tokenizer = new CsvTokenizer(delimiter, (r) => this.onRecord(r), () => this.blankLines++);
  }

  push(chunk: Buffer, final: boolean): void {
    this.tokenizer!.push(chunk, final);
  }

  /** Sizes numeric columns once from the first chunk's bytes per row, instead of doubling repeatedly. */
  reserveFor(totalBytes: number): void {
    const t = this.tokenizer!;
    if (t.recordsSeen < 2) return;
    const estimate = Math.ceil((totalBytes / t.bytesSeen) * t.recordsSeen * 1.02) + 16;
    for (const b of this.builders) b.reserve(estimate);
    for (const b of this.absent) b.reserve(estimate);
  }

  private issue(row: number | null, column: string | null, value: string | null, code: IssueCode, message: string, severity: Issue["severity"] = "error"): void {
    this.issues.push({ row, column, value, code, severity, message });
  }

  private onRecord(rec: RecordView): void {
    if (this.header === null) this.setHeader(rec);
    else this.readRow(rec);
  }

  private setHeader(rec: RecordView): void {
    const names: string[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < rec.count; i++) {
      const text = fieldText(rec.buf, rec.starts[i]!, rec.ends[i]!, rec.flags[i]!, this.encoding);
      let name = text === null ? "" : normalizeCell(text);
      if (text === null) this.issue(1, `column_${i + 1}`, null, "encoding", readMessages.encoding(this.encoding));
      if (name === "") name = `column_${i + 1}`;
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      if (n > 1) {
        const renamed = `${name}_${n}`;
        this.issue(1, name, name, "duplicate_column", `column "${name}" appears ${n} times; this one is named "${renamed}"`, "warning");
        name = renamed;
      }
      names.push(name);
    }
    this.header = names;
    const specs = this.specs;
    const matches = specs ? matchHeaders(names, specs, this.opts.headers) : names.map((header, source) => ({ source, header, field: null }));
    const personal = new Map(findPersonalColumns(matches.filter((m) => m.field === null).map((m) => m.header)).map((p) => [p.column, p]));
    const claimed = new Map<string, string>();
    const extras: ColumnBuilder[] = [];
    const bySpec = new Map<string, ColumnBuilder>();
    for (const m of matches) {
      if (m.field !== null && claimed.has(m.field)) {
        this.issue(1, m.header, m.header, "duplicate_column", readMessages.duplicateColumn(m.header, m.field, claimed.get(m.field)!), "warning");
        m.field = null;
      }
      if (m.field !== null) {
        claimed.set(m.field, m.header);
        const spec = specs!.find((s) => s.field === m.field)!;
        bySpec.set(spec.field, new ColumnBuilder(spec, spec.field, m.source, this.ctx, 1024));
        this.columns.push({ header: m.header, field: m.field });
        continue;
      }
      const p = personal.get(m.header);
      if (p && !this.opts.keepColumns.includes(m.header)) {
        this.issue(1, m.header, null, "dropped_personal_column", readMessages.droppedPersonal(m.header, p.kind, p.evidence), "warning");
        this.columns.push({ header: m.header, field: null });
        continue;
      }
      if (specs) {
        const drop = this.opts.unknownColumns === "drop";
        this.issue(1, m.header, null, "unknown_column", drop ? readMessages.unknownColumnDropped(m.header) : readMessages.unknownColumn(m.header), "warning");
        if (drop) {
          this.columns.push({ header: m.header, field: null });
          continue;
        }
      }
      extras.push(new ColumnBuilder(null, m.header, m.source, this.ctx, 0));
      this.columns.push({ header: m.header, field: m.header });
    }
    for (const spec of specs ?? []) {
      if (bySpec.has(spec.field)) continue;
      const b = new ColumnBuilder(spec, spec.field, -1, this.ctx, 1024);
      bySpec.set(spec.field, b);
      this.absent.push(b);
      if (spec.required) this.issue(1, spec.field, null, "missing_column", readMessages.missingColumn(spec.field, spec.headers));
      else this.issue(1, spec.field, null, "missing_column", readMessages.absentOptionalColumn(spec.field), "warning");
    }
    const inSchemaOrder = (specs ?? []).map((s) => bySpec.get(s.field)!).filter((b) => b.source >= 0);
    this.builders = [...inSchemaOrder, ...extras];
    this.order = [...(specs ?? []).map((s) => s.field), ...extras.map((b) => b.name)];
    for (const key of this.opts.unique) {
      const builders = (typeof key === "string" ? [key] : key).map((field) => {
        const builder = bySpec.get(field) ?? extras.find((b) => b.name === field);
        if (builder === undefined) {
          throw new KoeArgumentError(`readCsv: unique names column "${field}", which is neither in the schema nor in the file (columns: ${this.order.join(", ")})`);
        }
        return builder;
      });
      this.uniques.push({ builders, seen: new KeyIndex() });
    }
  }

  private readRow(rec: RecordView): void {
    this.rowsRead++;
    const row = rec.index + 1;
    if (rec.unterminated) {
      this.issue(row, null, null, "unterminated_quote", readMessages.unterminatedQuote());
      return;
    }
    const expected = this.header!.length;
    if (rec.count !== expected) {
      this.issue(row, null, null, "ragged_row", readMessages.raggedRow(rec.count, expected));
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
      if (b.fastNumbers && e - s === 1 && flags[f] === 0) {
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
        this.issue(row, b.name, p.value, p.code, p.message);
      }
    }
    for (const b of this.absent) {
      if (b.stageAbsent() !== null) {
        ok = false;
        this.issue(row, b.name, null, "missing_column", readMessages.missingColumn(b.name, b.spec!.headers));
      }
    }
    if (ok && this.uniques.length > 0) ok = this.checkUnique(row);
    if (!ok) return;
    for (let c = 0; c < builders.length; c++) builders[c]!.commit();
    for (const b of this.absent) b.commit();
    this.rowsAccepted++;
  }

  /** Rejects a row whose key was seen before; remembers the keys of an accepted row. */
  private checkUnique(row: number): boolean {
    if (this.uniques.length === 1) {
      const u = this.uniques[0]!;
      const key = u.builders.length === 1 ? u.builders[0]!.stagedKey() : compositeKey(u.builders);
      const firstRow = key === null ? undefined : u.seen.firstRowOrAdd(key, row);
      if (firstRow === undefined) return true;
      const column = u.builders.map((b) => b.name).join(" + ");
      this.issue(row, column, key, "duplicate_id", readMessages.duplicateId(key!, column, firstRow));
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
        this.issue(row, column, key, "duplicate_id", readMessages.duplicateId(key, column, firstRow));
        return false;
      }
    }
    this.uniques.forEach((u, i) => keys[i] != null && u.seen.firstRowOrAdd(keys[i]!, row));
    return true;
  }

  finish(): ReadResult {
    if (this.header === null) this.issue(null, null, null, "empty_file", readMessages.emptyFile());
    else if (this.rowsRead === 0) this.issue(null, null, null, "no_data_rows", readMessages.noDataRows(), "warning");
    const all = new Map([...this.builders, ...this.absent].map((b) => [b.name, b]));
    const columns: Record<string, unknown> = {};
    for (const name of this.order) {
      const b = all.get(name)!;
      const personal = b.spec === null && !this.opts.keepColumns.includes(name) ? personalByValues(name, b.finish() as unknown[]) : undefined;
      if (personal) {
        this.issue(1, name, null, "dropped_personal_column", readMessages.droppedPersonal(name, personal.kind, personal.evidence), "warning");
        const entry = this.columns.find((c) => c.field === name);
        if (entry) entry.field = null;
        continue;
      }
      columns[name] = b.spec === null ? inferColumn(b.finish() as (string | null)[], this.ctx.likert) : b.finish();
    }
    return {
      table: aq.table(columns as Record<string, unknown[]>),
      issues: this.issues,
      summary: {
        rowsRead: this.rowsRead,
        rowsAccepted: this.rowsAccepted,
        rowsRejected: this.rowsRead - this.rowsAccepted,
        blankLines: this.blankLines,
        encoding: this.encoding,
        delimiter: String.fromCharCode(this.delimiter),
        columns: this.columns,
      },
    };
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

/**
 * Without a schema a column becomes numeric (Float64Array, NaN = missing) when every non-missing
 * cell is a number, or a number or Likert label; otherwise it stays text.
 */
function inferColumn(values: (string | null)[], likert: ReadonlyMap<string, number>): Float64Array | (string | null)[] {
  let any = false;
  let labels = false;
  for (const v of values) {
    if (v === null) continue;
    any = true;
    if (Number.isNaN(parseNumber(v))) {
      if (!likert.has(normalizeKey(v))) return values;
      labels = true;
    }
  }
  if (!any) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = v === null ? Number.NaN : labels && Number.isNaN(parseNumber(v)) ? likert.get(normalizeKey(v))! : parseNumber(v);
  }
  return out;
}
