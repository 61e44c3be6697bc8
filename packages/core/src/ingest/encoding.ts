import { isUtf8 } from "node:buffer";

/** The encodings the tokenizer reads bytes in (UTF-16 is transcoded to UTF-8 before it). */
export type ByteEncoding = "utf-8" | "shift_jis";

/** The encodings a file may be in, as `summary.encoding` reports them. */
export type Encoding = ByteEncoding | "utf-16le" | "utf-16be";

/** Accepted spellings of the encodings a user may name ("utf-16" without an order means little-endian, as Windows writes it). */
export function parseEncodingName(name: string): Encoding | undefined {
  const k = name.toLowerCase().replace(/[-_\s]/g, "");
  if (k === "utf8" || k === "utf8bom") return "utf-8";
  if (["shiftjis", "sjis", "cp932", "windows31j", "ms932", "mskanji"].includes(k)) return "shift_jis";
  if (k === "utf16le" || k === "utf16" || k === "ucs2" || k === "unicode") return "utf-16le";
  if (k === "utf16be") return "utf-16be";
  return undefined;
}

/** The UTF-16 byte order a byte-order mark at the start says, if any. */
export function utf16Bom(b: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return undefined;
}

export function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/**
 * Decides between UTF-8 and Shift_JIS (CP932) from a sample of the file: UTF-8 when the sample
 * is valid UTF-8 (a multi-byte character cut at the sample's end is allowed), else Shift_JIS.
 */
export function detectEncoding(sample: Uint8Array): ByteEncoding {
  if (hasUtf8Bom(sample)) return "utf-8";
  let end = sample.length;
  // Step back over a UTF-8 sequence the sample may have cut (up to 4 bytes: emoji and rare kanji such as 𠮷).
  for (let k = 0; k < 4 && end > 0; k++) {
    const c = sample[end - 1]!;
    if (c < 0x80) break;
    end--;
    if (c >= 0xc0) break;
  }
  if (isUtf8(sample.subarray(0, end))) return "utf-8";
  return "shift_jis";
}

const sjisDecoder = new TextDecoder("shift_jis", { fatal: true });

/** Decodes bytes that are known to hold text in `encoding`; returns `null` if they are not valid. */
export function decodeBytes(buf: Buffer, start: number, end: number, encoding: ByteEncoding): string | null {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return buf.toString("latin1", start, end);
  if (encoding === "utf-8") {
    const view = buf.subarray(start, end);
    return isUtf8(view) ? buf.toString("utf8", start, end) : null;
  }
  try {
    return sjisDecoder.decode(buf.subarray(start, end));
  } catch {
    return null;
  }
}
