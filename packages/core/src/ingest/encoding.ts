import { isUtf8 } from "node:buffer";

export type Encoding = "utf-8" | "shift_jis";

/** Accepted spellings of the encodings a user may name. */
export function parseEncodingName(name: string): Encoding | undefined {
  const k = name.toLowerCase().replace(/[-_\s]/g, "");
  if (k === "utf8" || k === "utf8bom") return "utf-8";
  if (["shiftjis", "sjis", "cp932", "windows31j", "ms932", "mskanji"].includes(k)) return "shift_jis";
  return undefined;
}

export function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/**
 * Decides between UTF-8 and Shift_JIS (CP932) from a sample of the file: UTF-8 when the sample
 * is valid UTF-8 (a multi-byte character cut at the sample's end is allowed), else Shift_JIS.
 */
export function detectEncoding(sample: Uint8Array): Encoding {
  if (hasUtf8Bom(sample)) return "utf-8";
  let end = sample.length;
  // Step back over a UTF-8 sequence the sample may have cut.
  for (let k = 0; k < 3 && end > 0; k++) {
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
export function decodeBytes(buf: Buffer, start: number, end: number, encoding: Encoding): string | null {
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
