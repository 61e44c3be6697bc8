import { createWriteStream } from "node:fs";
import iconv from "iconv-lite";
import type { Table } from "./read-csv.js";

export interface WriteCsvOptions {
  /** UTF-8 with a byte-order mark, so Japanese Excel opens the file correctly (default true). */
  excel?: boolean;
  /** "utf-8" (default) or "shift_jis" for tools that need CP932. */
  encoding?: "utf-8" | "shift_jis";
  delimiter?: "," | "\t" | ";";
  /** Line ending (default "\r\n", what Excel writes). */
  newline?: "\n" | "\r\n";
}

function cell(v: unknown, delimiter: string): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The CSV text of a table: missing values (null, NaN) as empty cells, quoting where needed.
 * @example
 * toCsv(aq.table({ 会社: ["A"], n: [5] })) // => "会社,n\r\nA,5\r\n"
 */
export function toCsv(table: Table, options: Omit<WriteCsvOptions, "excel" | "encoding"> = {}): string {
  const parts: string[] = [];
  for (const line of csvLines(table, options)) parts.push(line);
  return parts.join("");
}

function* csvLines(table: Table, { delimiter = ",", newline = "\r\n" }: Omit<WriteCsvOptions, "excel" | "encoding">): Generator<string> {
  const names = table.columnNames();
  yield names.map((n) => cell(n, delimiter)).join(delimiter) + newline;
  const cols = names.map((n) => table.column(n)!);
  const rows = table.numRows();
  const indices = table.isFiltered() || table.isOrdered() ? table.indices() : null;
  for (let i = 0; i < rows; i++) {
    const r = indices === null ? i : indices[i]!;
    let line = "";
    for (let c = 0; c < cols.length; c++) line += (c === 0 ? "" : delimiter) + cell(cols[c]!.at(r), delimiter);
    yield line + newline;
  }
}

/**
 * Writes a table as CSV, streaming. By default UTF-8 with BOM and CRLF so Japanese Excel opens it.
 * @example
 * await writeCsv(aq.table({ 会社: ["A社"], n: [5] }), "/tmp/koe-counts.csv", { excel: true });
 * (await readCsv("/tmp/koe-counts.csv")).table.objects() // => [{ "会社": "A社", n: 5 }]
 */
export async function writeCsv(table: Table, path: string, options: WriteCsvOptions = {}): Promise<void> {
  const { excel = true, encoding = "utf-8" } = options;
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  const write = (s: string) =>
    out.write(encoding === "shift_jis" ? iconv.encode(s, "cp932") : s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  if (excel && encoding === "utf-8") await write("\uFEFF");
  let batch = "";
  for (const line of csvLines(table, options)) {
    batch += line;
    if (batch.length > 1 << 16) {
      await write(batch);
      batch = "";
    }
  }
  if (batch !== "") await write(batch);
  out.end();
  await done;
}
