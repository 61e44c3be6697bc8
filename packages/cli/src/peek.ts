// The head of a file, read as the readers read it (encoding, delimiter, workbook) but without a
// schema: its headers and the first rows as they are, for `koe init` to learn from.
import { openSync, readSync, closeSync } from "node:fs";
import { KoeReadError, readCsv, readExcel, type ReadResult } from "@koe/core";

/** Bytes of a CSV file read by {@link peekFile} (whole lines only). */
export const PEEK_BYTES = 1 << 20;

/**
 * Reads the first rows of a CSV file (about {@link PEEK_BYTES}, cut at a line end) or a sheet of a
 * workbook (`sheet`, default the first), keeping every cell's text: only empty cells are missing, no answer label becomes a
 * number — so that the markers and labels the file uses can be seen.
 * @throws {KoeReadError} when the file cannot be read or is not a table (a PDF, an image).
 */
export async function peekFile(path: string, sheet?: string | number): Promise<ReadResult> {
  const head = readHead(path, PEEK_BYTES);
  const raw = { missing: [""], likertLabels: {} };
  try {
    return await readCsv(head, raw);
  } catch (e) {
    if (!(e instanceof KoeReadError)) throw e;
    if (e.code === "not_text_xlsx" || e.code === "not_text_xls") return readExcel(path, sheet === undefined ? raw : { ...raw, sheet });
    // Not a table (a PDF, an image): read from the path, so that the reader's error names the file.
    return readCsv(path, raw);
  }
}

/** The first `n` bytes of a file, cut after its last line feed when the file goes on. */
function readHead(path: string, n: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(n);
    const got = readSync(fd, buffer, 0, n, 0);
    if (got < n) return buffer.subarray(0, got);
    // UTF-16 (Excel's 「Unicode テキスト」) ends a line in two bytes: 0A 00 (LE) or 00 0A (BE).
    const le = buffer[0] === 0xff && buffer[1] === 0xfe;
    const end = le ? buffer.lastIndexOf(Buffer.from([0x0a, 0x00])) + 1 : buffer.lastIndexOf(0x0a);
    return end > 0 ? buffer.subarray(0, end + 1) : buffer;
  } finally {
    closeSync(fd);
  }
}
