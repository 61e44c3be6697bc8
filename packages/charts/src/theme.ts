import type { Config, TopLevelSpec } from "vega-lite";
import { FONT_FAMILY } from "./fonts.js";

/** Colour-blind-safe categories (Okabe & Ito, 2008), blue first. */
const CATEGORY = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];

/**
 * koe's look, a vega-lite `config`: Noto Sans JP everywhere (the font the PNG renderer bundles),
 * quiet axes, readable sizes, colour-blind-safe categories, blues for counts, blue–orange for
 * diverging scores. {@link withTheme} merges it into every spec the renderers draw.
 * @example
 * koeTheme.font // => "Noto Sans JP"
 */
export const koeTheme = {
  font: FONT_FAMILY,
  background: "#ffffff",
  padding: 12,
  title: { fontSize: 16, fontWeight: "bold", anchor: "start", color: "#222222", subtitleFontSize: 11, subtitleColor: "#555555", offset: 10 },
  axis: {
    labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelColor: "#333333", titleColor: "#333333",
    gridColor: "#e6e6e6", domainColor: "#888888", tickColor: "#888888",
  },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", labelColor: "#333333", titleColor: "#333333" },
  header: { labelFontSize: 12, titleFontSize: 12 },
  text: { fontSize: 11, color: "#222222" },
  view: { stroke: null },
  range: { category: CATEGORY, heatmap: { scheme: "blues" }, ramp: { scheme: "blues" }, diverging: { scheme: "blueorange" } },
} satisfies Config;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlain(v) && isPlain(out[k]) ? merge(out[k] as Plain, v) : v;
  return out;
}

/**
 * The spec with {@link koeTheme} under its own `config` (the spec's settings win, key by key).
 * Pure; applying it twice gives the same spec.
 * @example
 * const config = withTheme({ mark: "bar", config: { font: "serif", axis: { labelFontSize: 9 } } }).config;
 * [config.font, config.background, config.axis.labelFontSize, config.axis.titleFontSize] // => ["serif", "#ffffff", 9, 12]
 */
export function withTheme(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, config: merge(koeTheme as Plain, (spec.config ?? {}) as Plain) as Config };
}
