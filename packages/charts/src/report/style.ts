// The report's look, on screen and on paper: system Japanese fonts (the charts' text is laid out
// with Noto Sans JP's metrics, so it comes first), tables that scroll sideways on a narrow screen,
// and for print A4 pages, one study per page, rows and charts never cut, nothing interactive.

const FONTS = `"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "YuGothic", "Meiryo", sans-serif`;

/** The page's CSS (no external resource: no font or image is fetched). */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: ${FONTS}; color: #222; background: #fff; margin: 0 auto; padding: 1.5rem 2rem 4rem; max-width: 72rem; line-height: 1.6; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.8rem; padding-bottom: 0.2rem; border-bottom: 2px solid #0072b2; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 0.5rem; }
h4 { font-size: 0.95rem; margin: 1.4rem 0 0.3rem; }
a { color: #005a8c; }
nav.toc ol { list-style: none; padding-left: 0.4rem; margin: 0.2rem 0; }
nav.toc li { margin: 0.1rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
ul.findings li { margin: 0.3rem 0; }
ul.warnings { border-left: 4px solid #e69f00; background: #fff8ec; padding: 0.5rem 0.8rem 0.5rem 1.8rem; }
.chart { margin: 1rem 0 1.5rem; }
.chart figure { margin: 0; }
.chart figcaption { font-weight: bold; font-size: 0.95rem; margin-bottom: 0.3rem; }
.chart svg { max-width: 100%; height: auto; display: block; }
.chart svg text { font-family: ${FONTS}; }
.chart .live { display: none; }
.chart.is-live .live { display: block; }
.chart.is-live .static { display: none; }
p.privacy { font-size: 0.85rem; color: #444; margin: 0.2rem 0 0.4rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.8rem; margin: 0.3rem 0; }
th, td { border: 1px solid #d0d0d0; padding: 0.15rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #f2f5f8; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.hidden { color: #777; background: #eeeeee; font-style: italic; }
td.na { color: #999; }
tr.suppressed td { background: #f6f6f6; }
td code { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.75rem; }
p.download { font-size: 0.85rem; margin: 0.2rem 0 1rem; }
@page { size: A4; margin: 15mm 12mm 15mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  section.study, section.provenance { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  .chart, figure, svg { break-inside: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table { font-size: 7pt; width: 100%; }
  td, th { overflow-wrap: anywhere; }
  p.download, .chart .live, p.interactive, script { display: none !important; }
  .chart .static { display: block !important; }
  a { color: inherit; text-decoration: none; }
}
`;
