import * as vega from "vega";

// vega in Node has no canvas to measure text and estimates 0.8 em per character: Japanese
// titles come out clipped and axis titles overlap. Wide (CJK, full-width) characters are 1 em in
// Noto Sans JP; Latin letters and digits average about 0.6 em.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/u;

/** Estimated width in pixels of `text` at `fontSize`. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : ch === " " ? 0.28 : /[ilj.,:;'|!]/.test(ch) ? 0.3 : /[A-Z0-9MW]/.test(ch) ? 0.66 : 0.56;
  return em * fontSize;
}

let installed = false;

/** Replaces vega's text width estimate with the CJK-aware one (once per process). */
export function installTextMetrics(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics: { width: (item: { text?: unknown; fontSize?: number }, text?: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const t = text ?? item.text;
    const s = Array.isArray(t) ? t.join(" ") : t == null ? "" : String(t);
    return estimateTextWidth(s, item.fontSize ?? 11);
  };
  installed = true;
}
