import { localize } from "../errors/catalogue.js";
import { KoeArgumentError, KoeError, KoeReadError } from "../errors/errors.js";
import { readMessages as m } from "../errors/messages.js";
import { parseOptions } from "../boundary/options.js";
import { cellContext } from "./cells.js";
import { columnSpecs } from "./column-spec.js";
import { detectEncoding, hasUtf8Bom, parseEncodingName, type Encoding } from "./encoding.js";
import { ReadCsvOptions } from "./options.js";
import { completeRead, RowReader, type ReadResult, type RowCheck } from "./row-reader.js";
import { sniffFormat } from "./sniff.js";
import { countWorkerRows, startPlainReader, type PlainReader } from "./parallel.js";
import { openSource, unreadable, type CsvSource } from "./source.js";
import { CsvTokenizer, sniffDelimiter } from "./tokenizer.js";
import { transcodeUtf16 } from "./utf16.js";
import type { z } from "zod";

export type { Table } from "../model/table.js";
export { ReadCsvOptions } from "./options.js";
export type { ReadResult, ReadSummary } from "./row-reader.js";

const SNIFF_BYTES = 1 << 16;
const LF = 0x0a;

/**
 * Reads a CSV file, text or bytes into an arquero table, accounting for every row:
 * `summary.rowsAccepted + summary.rowsRejected === summary.rowsRead`, and every rejected row
 * has at least one issue `{ row, column, value, code, severity: "error", message, localized }` (rows
 * numbered as a spreadsheet shows them: header = 1). UTF-8 (with or without BOM), Shift_JIS/CP932
 * and UTF-16 LE/BE with a BOM (Excel's 「Unicode テキスト」) are detected. Without a schema, a column
 * that is mostly numbers but holds some text stays text and is reported (`mixed_types`). Each column is
 * read in one pass as numbers straight from the bytes until a cell is neither a number nor a Likert
 * label; from then on it is text, every cell as it was written (`007` stays `007`). A file of 16 MB
 * or more without a schema or `unique` is read on two threads where there are two cores (in Node): a
 * worker reads the plain records of the second part, with the same result (any other record, or a
 * worker that cannot start, and this thread reads on). A million rows of 66 columns (171 MB) read in
 * about 1.35 s on two cores (2 s on one), of 43 columns (116 MB) in about 1.1 s, with about 0.95 and
 * 0.7 GB at the peak (the benchmark's figures on a 2-core machine). A file of one chunk (`chunkSize`,
 * 1 MiB by default) is read at once and its columns sized before its records are read: 6,000 rows of
 * 5 columns (200 KB) in about 3 ms, even in a process that has not read such a file before.
 *
 * @example
 * const { table, issues, summary } = await readCsv("id,年齢\nA,３５\nB,三十\n");
 * table.objects()          // => [{ id: "A", "年齢": "35" }, { id: "B", "年齢": "三十" }]
 * summary                  // => { rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, … }
 * issues[0].code           // => "mixed_types"
 * issues[0].message        // => "column \"年齢\" holds numbers (1 cell) and text that is not a number (1 cell: \"三十\" in row 3); …"
 * await readCsv("id\n1\n", { uniqe: ["id"] }) // throws: did you mean "unique"?
 * @throws {KoeArgumentError} for an unknown option or a source that is not a path, text or bytes.
 * @throws {KoeReadError} when the file cannot be opened, is not text (a workbook, a PDF), or with `strict: true` when any row is rejected.
 */
export async function readCsv(source: CsvSource, options: ReadCsvOptions = {}): Promise<ReadResult> {
  const opts = parseOptions("readCsv", ReadCsvOptions, options);
  return readCsvWith("readCsv", source, opts);
}

/** Prepends bytes already read to the rest of a stream, counting the raw bytes that pass. */
async function* resume(head: Buffer, rest: AsyncIterator<Buffer>, counter: { raw: number }): AsyncGenerator<Buffer> {
  counter.raw += head.length;
  if (head.length > 0) yield head;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    counter.raw += r.value.length;
    yield r.value;
  }
}

/** readCsv on parsed options, for the readers built on it (`fn` names the function in messages). */
export async function readCsvWith(fn: string, source: CsvSource, opts: z.output<typeof ReadCsvOptions>, checks: readonly RowCheck[] = []): Promise<ReadResult> {
  let forced: Encoding | undefined;
  if (opts.encoding !== "auto") {
    forced = parseEncodingName(opts.encoding);
    if (forced === undefined) throw KoeArgumentError.of(m.unknownEncoding, { fn, encoding: opts.encoding });
  }
  const opened = openSource(source, opts.chunkSize, fn);
  const reader = new RowReader(fn, opts, opts.schema ? columnSpecs(opts.schema) : null);
  let tokenizer: CsvTokenizer | null = null;
  let encoding: Encoding = "utf-8";
  let delimiter = 0x2c;
  let utf16 = false;
  const counter = { raw: 0 };
  // A large file without a schema: a worker reads its second half (see parallel.ts); `cut` is the
  // file offset where its records start (after the first line feed at or after `worker.from`).
  let worker: PlainReader | null = null;
  let cut = -1;
  /** Pushes bytes starting at file offset `at`; returns those after the cut when the cut falls among them. */
  const feed = (bytes: Buffer, at: number): Buffer | null => {
    const t = tokenizer!;
    if (worker !== null && cut < 0) {
      const lf = bytes.indexOf(LF, Math.max(0, worker.from - at));
      if (lf >= 0) {
        cut = at + lf + 1;
        t.push(bytes.subarray(0, lf + 1), false);
        return bytes.subarray(lf + 1);
      }
    }
    t.push(bytes, false);
    return null;
  };
  // Decided from the first 64 KiB (or the whole of a smaller file): what the file is, its
  // encoding and its delimiter.
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  const begin = (): Buffer | null => {
    let head = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    const bom = hasUtf8Bom(head);
    if (bom) head = head.subarray(3);
    if (encoding === "utf-8" || encoding === "shift_jis") encoding = forced === "utf-8" || forced === "shift_jis" ? forced : bom ? "utf-8" : detectEncoding(head);
    delimiter = opts.delimiter === "auto" ? sniffDelimiter(head) : opts.delimiter.charCodeAt(0);
    const byteEncoding = encoding === "shift_jis" ? "shift_jis" : "utf-8";
    reader.setEncoding(byteEncoding);
    tokenizer = new CsvTokenizer(delimiter, reader);
    // Bytes per line from (at most) the first 64 KiB: for the worker's estimate of its rows, and
    // to size the columns of a file read whole here before its records are read.
    const sample = head.subarray(0, SNIFF_BYTES);
    const bytesPerLine = sample.length / Math.max(1, countLines(sample));
    if (!utf16 && opened.size !== null && !opts.schema && opts.unique.length === 0) {
      const ctx = cellContext(opts.missing, opts.likertLabels);
      const job = { chunkSize: opts.chunkSize, delimiter, encoding: byteEncoding, missing: [...ctx.missing], digitsAreNumbers: ctx.digitsAreNumbers } as const;
      worker = startPlainReader(opened, opened.size, job, bytesPerLine);
    }
    // The whole file is in hand (a small file): its columns sized once now, not grown row by row.
    const whole = !utf16 && opened.size !== null && counter.raw >= opened.size;
    if (whole) reader.reserve(Math.ceil((head.length / bytesPerLine) * 1.05) + 16);
    const rest = feed(head, bom ? 3 : 0);
    // Size the columns once from the first chunk's bytes per row (raw bytes: UTF-16 is counted as read).
    const seen = rest === null ? counter.raw : cut;
    if (!whole && opened.size !== null && tokenizer.recordsSeen >= 2 && seen > 0) reader.reserve(Math.ceil((opened.size / seen) * tokenizer.recordsSeen * 1.02) + 16);
    return rest;
  };
  try {
    try {
      const raw = opened.chunks[Symbol.asyncIterator]();
      const first: Buffer[] = [];
      let firstBytes = 0;
      while (firstBytes < SNIFF_BYTES) {
        const r = await raw.next();
        if (r.done) break;
        first.push(r.value);
        firstBytes += r.value.length;
      }
      const head = first.length === 1 ? first[0]! : Buffer.concat(first);
      const utf16Order = checkFormat(fn, opened.label, head, forced);
      let chunks: AsyncIterable<Buffer> = resume(head, raw, counter);
      if (utf16Order !== undefined) {
        encoding = utf16Order;
        utf16 = true;
        chunks = transcodeUtf16(chunks, utf16Order);
      }
      const it = chunks[Symbol.asyncIterator]();
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        const chunk = r.value;
        let rest: Buffer | null = null;
        if (tokenizer !== null) rest = feed(chunk, counter.raw - chunk.length);
        else {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= SNIFF_BYTES) rest = begin();
        }
        if (rest === null) continue;
        // At the cut: join the worker's records, then read on from where it stopped; or read on from the cut.
        const end = await join(reader, tokenizer!, worker!, cut);
        worker = null;
        if (end < 0) {
          (tokenizer as unknown as CsvTokenizer).push(rest, false);
          continue;
        }
        await raw.return?.();
        for await (const c of opened.from(end)) (tokenizer as unknown as CsvTokenizer).push(c, false);
        break;
      }
    } catch (e) {
      if (e instanceof KoeError) throw e;
      throw unreadable(opened.label, e);
    }
    if (tokenizer === null) {
      const rest = begin();
      if (rest !== null) {
        const end = await join(reader, tokenizer!, worker!, cut);
        worker = null;
        (tokenizer as unknown as CsvTokenizer).push(end < 0 ? rest : rest.subarray(end - cut), false);
      }
    }
  } finally {
    (worker as PlainReader | null)?.stop();
  }
  (tokenizer as unknown as CsvTokenizer).push(Buffer.alloc(0), true);
  return completeRead(reader, { format: "csv", encoding, delimiter: String.fromCharCode(delimiter), sheet: null }, opts, checks);
}

/**
 * Lines in a sample (line feeds; at least one when it holds any byte). Counted by splitting its
 * Latin-1 text: native code, fast even in a process where this has not run before (a loop over the
 * bytes, or a Buffer.indexOf per line, costs milliseconds there).
 */
function countLines(b: Buffer): number {
  const n = b.toString("latin1").split("\n").length - 1;
  return Math.max(n, b.length > 0 ? 1 : 0);
}

/**
 * At the cut: when the tokenizer ended a record exactly there (the line feed was not inside a quoted
 * field), joins the worker's records and returns the file offset where they end; -1 when this thread
 * reads on from the cut itself (the worker failed or its records cannot be joined). Stops the worker.
 */
async function join(reader: RowReader, tokenizer: CsvTokenizer, worker: PlainReader, cut: number): Promise<number> {
  try {
    if (!tokenizer.atRecordStart) return -1;
    const part = await worker.part;
    if (part === null || part.start !== cut || !reader.appendPart(part, tokenizer.nextIndex)) return -1;
    tokenizer.skip(part.rows);
    countWorkerRows(part.rows);
    return part.end;
  } finally {
    worker.stop();
  }
}

/** Throws for a file that is not text (a workbook, a PDF, an image); returns the UTF-16 order to transcode from, if any. */
function checkFormat(fn: string, source: string, head: Buffer, forced: Encoding | undefined): "utf-16le" | "utf-16be" | undefined {
  const f = sniffFormat(head);
  switch (f.kind) {
    case "utf16":
      return f.encoding;
    case "xlsx":
      throw new KoeReadError(localize(m.isXlsx, { fn, source }), [], "not_text_xlsx");
    case "xls":
      throw new KoeReadError(localize(m.isXls, { fn, source }), [], "not_text_xls");
    case "pdf":
      throw new KoeReadError(localize(m.isPdf, { fn, source }), [], "not_text_pdf");
    case "other":
      if (forced === "utf-16le" || forced === "utf-16be") return forced;
      throw new KoeReadError(localize(f.document ? m.isOtherZip : m.isBinary, { fn, source, what: f.what, whatJa: f.whatJa }), [], "not_text");
    default:
      return forced === "utf-16le" || forced === "utf-16be" ? forced : undefined;
  }
}

