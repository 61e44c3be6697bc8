// NFKC normalisation with case folding that remembers where each normalised character came from.

/** A normalised text and, per normalised UTF-16 unit, the original range it came from. */
export interface NormalizedText {
  text: string;
  /** `from[i]`: start (in the original) of the chunk that gave normalised unit i. */
  from: Int32Array;
  /** `to[i]`: end (exclusive, in the original) of the chunk that gave normalised unit i. */
  to: Int32Array;
}

// A chunk is a base character with the marks that follow it (combining marks, half-width
// dakuten/handakuten U+FF9E/U+FF9F), so that NFKC can compose ｶﾞ → ガ inside one chunk.
const MARK = /[\p{M}\uFF9E\uFF9F]/u;

/** Normalises one text or term (NFKC, then lower case), as rules and texts are compared. */
export function normalizeTerm(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

// The offsets of texts normalised unit for unit: from[i] = i, to[i] = i + 1, as views of one pair
// of arrays grown to the longest such text seen.
let identityFrom = new Int32Array(0);
let identityTo = new Int32Array(0);
function identityOffsets(n: number): [from: Int32Array, to: Int32Array] {
  if (identityFrom.length < n) {
    const size = Math.max(n, 2 * identityFrom.length, 1024);
    identityFrom = Int32Array.from({ length: size }, (_, i) => i);
    identityTo = Int32Array.from({ length: size }, (_, i) => i + 1);
  }
  return [identityFrom.subarray(0, n), identityTo.subarray(0, n)];
}

/** A text normalised unit for unit (unit i of `text` comes from unit i of the original); its offsets are made when first read. */
class UnitForUnit implements NormalizedText {
  private offsets: [Int32Array, Int32Array] | null = null;
  constructor(readonly text: string) {}
  get from(): Int32Array {
    return (this.offsets ??= identityOffsets(this.text.length))[0];
  }
  get to(): Int32Array {
    return (this.offsets ??= identityOffsets(this.text.length))[1];
  }
}

// A unit that makes a chunk longer than one unit: a mark, or a surrogate (paired or not).
const JOINS = /[\p{M}\uFF9E\uFF9F\u{10000}-\u{10FFFF}\uD800-\uDFFF]/u;

/** Whether `lower` is `original` with only A–Z lowered (the same length, every other unit kept). */
function onlyAsciiLowered(original: string, lower: string): boolean {
  if (lower.length !== original.length) return false;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c !== lower.charCodeAt(i) && !(c >= 65 && c <= 90)) return false;
  }
  return true;
}

/**
 * Whether a text was normalised unit for unit by {@link normalizeText}: every chunk is one unit (no
 * marks, no surrogates), NFKC left it as it was and lower-casing changed at most A–Z. Then `normalized.text.trim()` is also the text NFKC-normalised,
 * trimmed and lower-cased as a whole.
 */
export function normalizedUnitForUnit(normalized: NormalizedText): boolean {
  return normalized instanceof UnitForUnit;
}

/**
 * The text NFKC-normalised and lower-cased, with a map from each normalised position back to the
 * original, so that a match found on the normalised text is reported in the original one. Each
 * chunk (a character with the marks after it) is normalised on its own. A text without marks or
 * surrogates that NFKC leaves as it is and lower-casing changes at most in A–Z (most texts read by
 * koe's readers, which normalise cells already) maps unit for unit; for the others the map is made
 * when first read.
 */
export function normalizeText(original: string): NormalizedText {
  if (!JOINS.test(original) && original.normalize("NFKC") === original) {
    const lower = original.toLowerCase();
    if (lower === original || onlyAsciiLowered(original, lower)) return new UnitForUnit(lower);
  }
  return new ByChunk(original);
}

// Per BMP unit, what normalizeTerm makes of it alone when that is one unit (-1 when it is not, and
// for surrogates), and whether it is a mark that joins the chunk before it (surrogates counted as
// marks, so that a chunk followed by one is normalised the long way); built on first use.
let unitTables: { single: Int32Array; mark: Uint8Array } | null = null;
function tables(): { single: Int32Array; mark: Uint8Array } {
  if (unitTables === null) {
    const single = new Int32Array(0x10000).fill(-1);
    const mark = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) {
        mark[c] = 1;
        continue;
      }
      const ch = String.fromCharCode(c);
      const out = normalizeTerm(ch);
      if (out.length === 1) single[c] = out.charCodeAt(0);
      if (MARK.test(ch)) mark[c] = 1;
    }
    unitTables = { single, mark };
  }
  return unitTables;
}

/**
 * A text normalised chunk by chunk. The text is made at once (a BMP unit that no mark follows is
 * looked up in a table of what normalizeTerm makes of each unit: ａ → a, ｱ → ア, 漢 → 漢); the
 * chunks that did not stay as they were are noted, and the map is made from them when first read.
 */
class ByChunk implements NormalizedText {
  readonly text: string;
  /** Per chunk not kept unit for unit: its start and end in the original and its normalised length. */
  private readonly changed: number[] = [];
  private offsets: [Int32Array, Int32Array] | null = null;
  constructor(original: string) {
    const { single, mark } = tables();
    let text = "";
    let kept = 0; // start of the run of units kept as they are
    let i = 0;
    while (i < original.length) {
      const start = i;
      const unit = original.charCodeAt(i);
      const one = single[unit]!;
      let out: string;
      if (one >= 0 && (i + 1 === original.length || mark[original.charCodeAt(i + 1)] === 0)) {
        i++;
        if (one === unit) continue;
        out = String.fromCharCode(one);
      } else {
        i += original.codePointAt(i)! > 0xffff ? 2 : 1;
        while (i < original.length) {
          const ch = String.fromCodePoint(original.codePointAt(i)!);
          if (!MARK.test(ch)) break;
          i += ch.length;
        }
        out = normalizeTerm(original.slice(start, i));
      }
      text += original.slice(kept, start) + out;
      this.changed.push(start, i, out.length);
      kept = i;
    }
    this.text = text + original.slice(kept);
  }
  get from(): Int32Array {
    return (this.offsets ??= this.map())[0];
  }
  get to(): Int32Array {
    return (this.offsets ??= this.map())[1];
  }
  private map(): [Int32Array, Int32Array] {
    const from = new Int32Array(this.text.length);
    const to = new Int32Array(this.text.length);
    let n = 0;
    let at = 0; // position in the original
    const keep = (end: number) => {
      for (; at < end; at++, n++) {
        from[n] = at;
        to[n] = at + 1;
      }
    };
    for (let c = 0; c < this.changed.length; c += 3) {
      const [start, end, length] = [this.changed[c]!, this.changed[c + 1]!, this.changed[c + 2]!];
      keep(start);
      from.fill(start, n, n + length);
      to.fill(end, n, n + length);
      n += length;
      at = end;
    }
    keep(at + (this.text.length - n));
    return [from, to];
  }
}
