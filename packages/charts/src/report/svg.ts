// A chart's SVG made fit to share a page with others: its ids renamed per chart, and the markup vega
// writes for its own scenegraph (roles, pointer events, empty paths, 16-digit coordinates) left
// out. What is drawn and every text and accessible label stay as they are.

/**
 * Renames the ids an SVG defines (gradients, clip paths) to `<prefix>1`, `<prefix>2`… in order, with
 * every reference to them, so that many SVGs can share a page and the page is the same on every run
 * (vega numbers them by a counter that lives as long as the process).
 */
function scopeIds(svg: string, prefix: string): string {
  const ids = new Map([...svg.matchAll(/\bid="([^"]+)"/g)].map((x, k) => [x[1]!, `${prefix}${k + 1}`]));
  if (ids.size === 0) return svg;
  return svg.replace(/(\bid="|url\(#|href="#)([^")]+)/g, (whole, before: string, id: string) => (ids.has(id) ? `${before}${ids.get(id)}` : whole));
}

/** Attributes that only place or size things: their numbers are rounded to 1/100 of a pixel. */
const GEOMETRY = /(\s(?:d|transform|x|y|x1|x2|y1|y2|width|height|offset)=")([^"]*)"/g;

/**
 * The SVG as the report holds it: ids scoped to the chart; vega's scenegraph markup the browser
 * does not need dropped (`role`, `aria-roledescription`, `pointer-events`, `opacity="1"`, empty
 * background and foreground paths); the font named once by the page's CSS rather than on every
 * text; coordinates to two decimals. About a third smaller; the same picture, text and aria-labels.
 */
export function pageSvg(svg: string, prefix: string): string {
  return scopeIds(svg, prefix)
    .replace(/ (?:aria-roledescription|role)="[^"]*"| pointer-events="none"| opacity="1"| font-family="[^"]*"/g, "")
    .replace(/<path class="(?:background|foreground)" aria-hidden="true" d="(?:M0,0h0v0h0Z)?"(?: display="none")?\/>/g, "")
    .replace(GEOMETRY, (_, before: string, value: string) => `${before}${value.replace(/(\d\.\d\d)\d+/g, "$1")}"`);
}
