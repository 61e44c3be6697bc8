// Character widths as Japanese exports mix them: half-width katakana (ｱｲﾃﾞｱ) from old systems
// and full-width digits and letters (１年, ＯＪＴ) typed with the IME on. NFKC undoes both.

const HALF_KANA_FIRST = 0xff66; // ｦ
const HALF_KANA_LAST = 0xff9d; // ﾝ
const DAKUTEN = "\uff9e"; // ﾞ
const HANDAKUTEN = "\uff9f"; // ﾟ

/** Full-width katakana (and the long-vowel mark) → half-width, with voiced kana as two characters. */
const TO_HALF_KANA: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (let c = HALF_KANA_FIRST; c <= HALF_KANA_LAST; c++) {
    const half = String.fromCharCode(c);
    const full = half.normalize("NFKC");
    map.set(full, half);
    const voiced = (full + "\u3099").normalize("NFC");
    if (voiced.length === 1) map.set(voiced, half + DAKUTEN);
    const semi = (full + "\u309a").normalize("NFC");
    if (semi.length === 1) map.set(semi, half + HANDAKUTEN);
  }
  return map;
})();

/**
 * Writes katakana half-width, as exports from older systems do.
 * @example
 * toHalfWidthKatakana("アイディアを出す") // => "ｱｲﾃﾞｨｱを出す"
 */
export function toHalfWidthKatakana(text: string): string {
  let out = "";
  for (const ch of text) out += TO_HALF_KANA.get(ch) ?? ch;
  return out;
}

/**
 * Writes ASCII digits and letters full-width, as typed with a Japanese IME switched on.
 * @example
 * toFullWidthAlphanumerics("月1回の1on1") // => "月１回の１ｏｎ１"
 */
export function toFullWidthAlphanumerics(text: string): string {
  return text.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}
