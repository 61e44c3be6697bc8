import type { Config } from "vega-lite";
import { FONT_FAMILY } from "./fonts.js";

/** koe's look: Noto Sans JP everywhere, quiet axes, readable sizes. Merged into every chart. */
export const koeTheme: Config = {
  font: FONT_FAMILY,
  background: "#ffffff",
  padding: 12,
  title: { fontSize: 16, fontWeight: "bold", anchor: "start", subtitleFontSize: 11, subtitleColor: "#555555", offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e6e6e6", domainColor: "#888888", tickColor: "#888888" },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal" },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: null },
  range: { heatmap: { scheme: "blues" } },
};

/** Labels of the chart furniture in Japanese and English. */
export const furniture = {
  ja: { suppressed: "秘匿", count: "人数", suppressedNote: (n: number) => `${n}人未満のグループは表示していません（差し引きで分かるものを含む）` },
  en: { suppressed: "suppressed", count: "Respondents", suppressedNote: (n: number) => `Groups under ${n} are not shown (nor any that subtraction would reveal)` },
} as const;
export type Lang = keyof typeof furniture;
