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

/**
 * The text NFKC-normalised and lower-cased, with a map from each normalised position back to the
 * original, so that a match found on the normalised text is reported in the original one.
 */
export function normalizeText(original: string): NormalizedText {
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < original.length) {
    const start = i;
    i += original.codePointAt(i)! > 0xffff ? 2 : 1;
    while (i < original.length) {
      const cp = original.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (!MARK.test(ch)) break;
      i += ch.length;
    }
    const out = normalizeTerm(original.slice(start, i));
    text += out;
    for (let k = 0; k < out.length; k++) {
      from.push(start);
      to.push(i);
    }
  }
  return { text, from: Int32Array.from(from), to: Int32Array.from(to) };
}
