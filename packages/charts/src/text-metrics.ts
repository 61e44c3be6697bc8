// vega measures text with a canvas; in Node it has none and guesses 0.8 em per character, so a
// Japanese title (1 em per character) is laid out 20% too narrow and gets clipped. koe measures
// with the advance widths of the very font the PNG renderer draws with (Noto Sans JP, bundled),
// and falls back to an estimate (wide characters 1 em, narrow 0.6 em) for characters the font
// lacks, or if the font cannot be read.
import { readFileSync } from "node:fs";
import { KoeArgumentError, parseOptions, z } from "@koe/core";
import { create, type Font } from "fontkitten";
import * as vega from "vega";
import { bundledFontFiles } from "./fonts.js";
import { chartMessages as m, expected } from "./messages.js";

/**
 * The style of a piece of text, as vega's text items carry it.
 * @example
 * measureTextWidth("人数", { fontSize: 12, fontWeight: "bold" } satisfies TextStyle) // => 24
 */
export interface TextStyle {
  /** Font size in pixels. Default 11 (vega's). */
  fontSize?: number;
  /** CSS font weight; "bold", "bolder" and 600 and above measure with Noto Sans JP Bold. Default "normal". */
  fontWeight?: string | number;
}

const DEFAULTS = { fontSize: 11, wideEm: 1, narrowEm: 0.6 };

const Style = z.object({ fontSize: z.number().optional(), fontWeight: z.union([z.string(), z.number()]).optional() });

const ARGUMENT = { en: "argument", ja: "引数" };

/** The public measuring functions check their arguments once; vega's hook calls the fast internals. */
function checkText(fn: string, text: unknown, fontSize: unknown): void {
  if (typeof text !== "string") throw KoeArgumentError.of(m.wrongType, { fn, where: ARGUMENT, field: "text", value: text, expected: expected.text });
  if (!(typeof fontSize === "number" && Number.isFinite(fontSize) && fontSize >= 0)) {
    throw KoeArgumentError.of(m.wrongType, { fn, where: ARGUMENT, field: "fontSize", value: fontSize, expected: { en: "a finite number ≥ 0", ja: "0以上の有限の数" } });
  }
}

// East Asian Wide and Fullwidth ranges (Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK
// compatibility ideographs and forms, fullwidth forms, CJK extension planes) and CJK punctuation.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/**
 * Estimated width in pixels: wide (CJK, full-width) characters 1 em, all others 0.6 em.
 * @example
 * estimateTextWidth("回答者数", 10) // => 40
 * estimateTextWidth("n = 5", 10)   // => 30
 * @throws {KoeArgumentError} when `text` is not text or `fontSize` not a number ≥ 0.
 */
export function estimateTextWidth(text: string, fontSize: number = DEFAULTS.fontSize): number {
  checkText("estimateTextWidth", text, fontSize);
  return estimate(text, fontSize);
}

function estimate(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? DEFAULTS.wideEm : DEFAULTS.narrowEm;
  return em * fontSize;
}

/** Advance widths in em by code point, read lazily from one font and cached; NaN where the font lacks the glyph. */
type Advances = (codePoint: number) => number;

function advancesOf(font: Font): Advances {
  const cache = new Map<number, number>();
  return (cp) => {
    let em = cache.get(cp);
    if (em === undefined) {
      em = font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm : Number.NaN;
      cache.set(cp, em);
    }
    return em;
  };
}

let fonts: { regular: Advances; bold: Advances } | null | undefined; // undefined: not tried yet; null: unreadable

function loadFonts(): typeof fonts {
  if (fonts !== undefined) return fonts;
  try {
    const [regular, bold] = bundledFontFiles().map((file) => create(readFileSync(file)));
    fonts = regular?.isCollection === false && bold?.isCollection === false ? { regular: advancesOf(regular), bold: advancesOf(bold) } : null;
  } catch {
    fonts = null;
  }
  return fonts;
}

const isBold = (weight: string | number | undefined) =>
  weight === "bold" || weight === "bolder" || (weight !== undefined && Number(weight) >= 600);

/**
 * Where text widths come from: the bundled font's advance widths, or the estimate if the font
 * cannot be read. Loads the font on first call (about 30 ms).
 * @example
 * textMetricsSource() // => "font"
 */
export function textMetricsSource(): "font" | "estimate" {
  return loadFonts() ? "font" : "estimate";
}

/**
 * Width in pixels of one line of text as drawn in Noto Sans JP (no kerning), falling back to
 * {@link estimateTextWidth} character by character where the font has no glyph.
 * @example
 * measureTextWidth("回答者数", { fontSize: 10 })                // => 40
 * measureTextWidth("Respondents", { fontSize: 10 })              // => 61.22
 * measureTextWidth("Respondents", { fontSize: 10, fontWeight: "bold" }) // => 64.51
 * measureTextWidth("Respondents", { size: 10 }) // throws: unknown option "size"
 * @throws {KoeArgumentError} when `text` is not text, `fontSize` not a number ≥ 0, or a style key is unknown.
 */
export function measureTextWidth(text: string, style: TextStyle = {}): number {
  const fn = "measureTextWidth";
  const { fontSize = DEFAULTS.fontSize, fontWeight } = parseOptions(fn, Style, style);
  checkText(fn, text, fontSize);
  return measure(text, fontSize, fontWeight);
}

function measure(text: string, fontSize: number, fontWeight: string | number | undefined): number {
  const loaded = loadFonts();
  if (!loaded) return estimate(text, fontSize);
  const advance = isBold(fontWeight) ? loaded.bold : loaded.regular;
  let em = 0;
  for (const ch of text) {
    const a = advance(ch.codePointAt(0)!);
    em += Number.isNaN(a) ? estimate(ch, 1) : a;
  }
  return em * fontSize;
}

interface VegaTextItem {
  text?: unknown;
  fontSize?: number | string;
  fontWeight?: string | number;
  limit?: number;
}
type WidthFn = (item: VegaTextItem, text?: unknown) => number;
interface VegaTextMetrics {
  width: WidthFn;
  estimateWidth: WidthFn;
}

/**
 * vega's text metrics object (the `width` hook is public in vega but missing from its types).
 * @example
 * vegaTextMetrics.estimateWidth({ fontSize: 10 }, "キャリア") // => 32 (vega's own 0.8 em guess)
 */
export const vegaTextMetrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;

/**
 * vega's width hook, measuring with {@link measureTextWidth}. For text with a `limit`, the width is
 * capped at the limit: vega truncates such text to fit and compares widths with `<` the limit, so
 * the cap changes no truncation but makes the bounds those of the truncated text.
 */
const koeWidth: WidthFn = (item, text) => {
  const line = text ?? item.text;
  const s = (Array.isArray(line) ? line.join(" ") : line == null ? "" : String(line)).trim();
  const fontSize = item.fontSize != null ? Number(item.fontSize) || 0 : DEFAULTS.fontSize;
  const width = measure(s, fontSize, item.fontWeight);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
};

/**
 * Makes vega measure text with the bundled Japanese font (see {@link measureTextWidth}) instead of
 * its 0.8 em guess. Affects every vega view in the process; {@link renderSvg} calls it, so you only
 * need it for views you build yourself. Idempotent.
 * @example
 * installTextMetrics();
 * vegaTextMetrics.width({ fontSize: 10 }, "キャリア") // => 40 (vega's own guess: 32)
 */
export function installTextMetrics(): void {
  vegaTextMetrics.width = koeWidth;
}
