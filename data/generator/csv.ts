// CSV text for the generated files: RFC 4180 quoting where needed, missing values as empty cells,
// LF line ends unless told (the Shift_JIS comments file ends its rows in CRLF, as Excel writes it).
import { createWriteStream } from "node:fs";

/** The byte-order mark Excel writes at the start of a "CSV UTF-8" file. */
export const BOM = "\uFEFF";

/** One cell: `null` is empty; text with a comma, quote or line break is quoted. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * One CSV line, ending in `eol` (LF unless told).
 * @example
 * csvLine(["R0000001", null, 'a "b"']) // => 'R0000001,,"a ""b"""\n'
 */
export function csvLine(cells: readonly (string | number | null)[], eol = "\n"): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) out += (i === 0 ? "" : ",") + csvCell(cells[i]!);
  return out + eol;
}

/**
 * A whole CSV text: header line, then one line per row. With `eol: "\r\n"` rows end in CRLF
 * while line breaks inside a quoted cell stay LF, as Excel on Windows writes them.
 */
export function csvText(header: readonly string[], rows: Iterable<readonly (string | number | null)[]>, eol = "\n"): string {
  let out = csvLine(header, eol);
  for (const row of rows) out += csvLine(row, eol);
  return out;
}

/**
 * Streams chunks (text or bytes) to a file, waiting whenever the disk falls behind, so that memory
 * stays flat however much is written. Callers batch their lines into chunks of about 1 MB.
 */
export async function writeChunks(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  for (const chunk of chunks) {
    if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once("drain", resolve)), done]);
  }
  out.end();
  await done;
}
