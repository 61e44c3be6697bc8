// What a file is, from its first bytes: text for the CSV reader (maybe UTF-16, from its BOM), a
// workbook for the Excel reader, or something neither can read (a PDF, a Word file, an image), which
// is said out loud instead of being tokenized into nonsense.
import { utf16Bom } from "./encoding.js";

export type Sniffed =
  | { kind: "text" }
  | { kind: "utf16"; encoding: "utf-16le" | "utf-16be" }
  | { kind: "xlsx" }
  | { kind: "xls" }
  | { kind: "pdf" }
  /** Something else; `document`: an office file or archive (save as CSV), otherwise not text at all. */
  | { kind: "other"; what: string; whatJa: string; document: boolean };

const startsWith = (b: Uint8Array, magic: readonly number[], at = 0) => b.length >= at + magic.length && magic.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function contains(b: Uint8Array, text: string): boolean {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(text, 0, "latin1");
}

/** Binary formats an analyst may pick up by mistake, by their magic bytes. */
const MAGIC: { magic: number[]; at?: number; what: string; whatJa: string }[] = [
  { magic: [0x1f, 0x8b], what: "a gzip-compressed file: decompress it first", whatJa: "gzip で圧縮されたファイルです。先に展開してください" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image", whatJa: "PNG 画像です" },
  { magic: [0xff, 0xd8, 0xff], what: "a JPEG image", whatJa: "JPEG 画像です" },
  { magic: ascii("GIF8"), what: "a GIF image", whatJa: "GIF 画像です" },
  { magic: ascii("SQLite format 3"), what: "an SQLite database", whatJa: "SQLite のデータベースです" },
  { magic: ascii("PAR1"), what: "a Parquet file", whatJa: "Parquet ファイルです" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7-Zip archive: unpack it first", whatJa: "7-Zip の圧縮ファイルです。先に展開してください" },
  { magic: ascii("Rar!"), what: "a RAR archive: unpack it first", whatJa: "RAR の圧縮ファイルです。先に展開してください" },
];

/**
 * Classifies a file from its first bytes (64 KiB is plenty). A ZIP holding `xl/` is an .xlsx
 * workbook; other ZIPs are named by what they hold (Word, PowerPoint, OpenDocument) or as archives.
 * Text is anything else without NUL bytes; many NULs without a BOM mean UTF-16 without a
 * byte-order mark or a binary file.
 */
export function sniffFormat(head: Uint8Array): Sniffed {
  const bom = utf16Bom(head);
  if (bom !== undefined) return { kind: "utf16", encoding: bom };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (contains(head, "xl/")) return { kind: "xlsx" };
    if (contains(head, "word/")) return { kind: "other", what: "a Word document (.docx)", whatJa: "Word の文書（.docx）", document: true };
    if (contains(head, "ppt/")) return { kind: "other", what: "a PowerPoint file (.pptx)", whatJa: "PowerPoint のファイル（.pptx）", document: true };
    if (contains(head, "opendocument.spreadsheet")) return { kind: "other", what: "an OpenDocument spreadsheet (.ods)", whatJa: "OpenDocument の表計算ファイル（.ods）", document: true };
    return { kind: "other", what: "a ZIP archive (unpack it first)", whatJa: "ZIP の圧縮ファイル（先に展開してください）", document: true };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: "xls" };
  if (startsWith(head, ascii("%PDF-"))) return { kind: "pdf" };
  for (const m of MAGIC) if (startsWith(head, m.magic, m.at)) return { kind: "other", what: m.what, whatJa: m.whatJa, document: false };
  let nul = 0;
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  for (let i = bytes.indexOf(0); i >= 0; i = bytes.indexOf(0, i + 1)) nul++;
  if (head.length > 0 && nul * 10 >= head.length) {
    return {
      kind: "other",
      what: `it holds NUL bytes (${nul} of the first ${head.length}): it is a binary file, or UTF-16 text without a byte-order mark (then pass encoding: "utf-16le")`,
      whatJa: `NUL バイトを含みます（先頭${head.length}バイト中${nul}個）。バイナリファイルか、BOM のない UTF-16 のテキストです（後者なら encoding: "utf-16le" を指定してください）`,
      document: false,
    };
  }
  return { kind: "text" };
}
