// The report's one optional enhancement: vega-embed draws each chart again, live, over its static
// SVG. The page is complete without it (the SVG stays for print and when a script fails); with it
// the file grows by the inlined libraries (about 830 KB), so it is off by default.
import type { TopLevelSpec } from "vega-lite";
import { escapeScript, scriptJson, umdBuild } from "../render.js";
import { withTheme } from "../theme.js";

/** The scripts that make the charts (slots `#chart-<i>`, in order) interactive. */
export function interactiveScripts(specs: readonly TopLevelSpec[]): string {
  const libs = [umdBuild("vega", "vega.min.js"), umdBuild("vega-lite", "vega-lite.min.js"), umdBuild("vega-embed", "vega-embed.min.js")];
  const embed = `const specs = ${scriptJson(specs.map((s) => withTheme(s)))};
specs.forEach((spec, i) => {
  const slot = document.getElementById("chart-" + i);
  if (!slot) return;
  vegaEmbed(slot.querySelector(".live"), spec, { renderer: "svg", actions: false }).then(() => slot.classList.add("is-live"), () => {});
});`;
  return [...libs, embed].map((code) => `<script>${escapeScript(code)}</script>`).join("\n");
}
