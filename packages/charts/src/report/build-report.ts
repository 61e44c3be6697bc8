// buildReport: the studies' reports as one self-contained HTML page that colleagues open anywhere —
// readable without JavaScript (findings in words, charts as inline SVG, tables as HTML tables with
// their CSV inline), printable on A4, in Japanese or English. It renders what the reports hold and
// computes nothing: they are suppressed at their edge, so the page holds no hidden group either.
import { closest, KOE_VERSION, KoeArgumentError, parseOptions, reportText, StudyReport, z } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { checkList, fields } from "../input.js";
import type { Lang } from "../messages.js";
import { escapeHtml, renderSvg } from "../render.js";
import { reportMessages as m, reportWords } from "../report-messages.js";
import { interactiveScripts } from "./interactive.js";
import { FileRead, provenanceHtml } from "./provenance.js";
import { REPORT_CSS } from "./style.js";
import { pageSvg } from "./svg.js";
import { slug, tableHtml } from "./table.js";

const FN = "buildReport";

/**
 * Defaults of {@link buildReport}'s options.
 * @example
 * BUILD_REPORT_DEFAULTS // => { lang: "ja", interactive: false }
 */
export const BUILD_REPORT_DEFAULTS = { lang: "ja" as Lang, interactive: false };

const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);

const ReportChart = z.object({
  /** The chart's caption. */
  title: z.string(),
  /** A vega-lite spec, as a chart builder returns it (drawn in the page's language by the caller). */
  spec: z.custom<TopLevelSpec>(isObject, { message: "a vega-lite spec (an object)" }),
});

/** One section of the report: a study's report with its charts and the tables to show. */
export const ReportSection = z.object({
  /** The section's heading. */
  title: z.string().min(1),
  /** A study's report (the StudyReport contract), as the study returned it. */
  report: z.custom<StudyReport>(isObject, { message: "a study's report (an object)" }),
  /** Charts drawn from the report, in order. Default none. */
  charts: z.array(ReportChart).default([]),
  /** Which of the report's tables to show, in order. Default all of them, in the report's order. */
  tables: z.array(z.string()).optional(),
});

/**
 * A section as {@link buildReport} takes it: `{ title, report, charts?: { title, spec }[], tables?: string[] }`.
 * @example
 * const section: ReportSection = { title: "回答者数", report: countsReport(respondents, { row: "company", column: "generation" }), tables: ["all"] };
 * section.tables // => ["all"]
 */
export type ReportSection = z.input<typeof ReportSection>;

const Options = z.object({
  /** The language of every word of the page (the findings, warnings and notes included). Default "ja". */
  lang: z.enum(["ja", "en"]).default(BUILD_REPORT_DEFAULTS.lang),
  /** The page's title and first heading. Default "koe レポート" / "koe report". */
  title: z.string().min(1).optional(),
  /** Also make the charts interactive with vega-embed (inlined, about 830 KB); the static SVG stays for print and without JavaScript. Default false. */
  interactive: z.boolean().default(BUILD_REPORT_DEFAULTS.interactive),
  /** The files the data were read from, with their readers' row counts, for the provenance section. Default none. */
  reads: z.array(FileRead).default([]),
});

/**
 * Options of {@link buildReport}; an unknown one is an error.
 * @example
 * const options: BuildReportOptions = { lang: "en", title: "Survey 2026", reads: [{ file: "respondents.csv", rowsRead: 10, rowsAccepted: 9, rowsRejected: 1 }] };
 * options.lang // => "en"
 */
export type BuildReportOptions = z.input<typeof Options>;

type Section = z.output<typeof ReportSection> & { tables: string[] };

/** The sections checked once: a list of objects with known keys, each report a StudyReport, each table named one of its own. */
function readSections(sections: unknown): Section[] {
  checkList<{ title: string; report: object; charts?: unknown[]; tables?: string[] }>(FN, sections, "sections", {
    title: fields.text, report: fields.object, charts: fields.optional(fields.list), tables: fields.optional(fields.textList),
  });
  if (sections.length === 0) throw KoeArgumentError.of(m.noSections, { fn: FN });
  return sections.map((raw, i) => {
    const s = parseOptions(`${FN} sections[${i}]`, ReportSection, raw);
    const parsed = StudyReport.safeParse(s.report);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw KoeArgumentError.of(m.notAReport, { fn: FN, section: i, title: s.title, path: issue.path.map(String).join("."), detail: issue.message });
    }
    const report = parsed.data;
    const names = Object.keys(report.tables);
    for (const table of s.tables ?? []) {
      if (!names.includes(table)) throw KoeArgumentError.of(m.noTable, { fn: FN, section: i, title: s.title, table, study: report.study, suggestion: closest(table, names), tables: names });
    }
    return { ...s, report, tables: s.tables ?? names };
  });
}

const list = (items: readonly string[], cls: string) => `<ul class="${cls}">\n${items.map((t) => `<li>${escapeHtml(t)}</li>`).join("\n")}\n</ul>`;

/**
 * The studies' reports as one self-contained HTML page that reads well without JavaScript: a table
 * of contents, then per section its facts (study, n as the rows used of each input, wave), the
 * findings in words, the warnings, the charts as inline SVG (Japanese text laid out with the
 * bundled font's metrics, shown in the system's Noto Sans JP or another Japanese font), and each
 * table as an HTML table — a hidden figure reads 秘匿 / suppressed, never a number — with the
 * privacy rule applied to it in words and a link downloading it as Excel-friendly CSV (UTF-8 with
 * BOM, inline as a data: URI, the same text `writeCsv` writes); last, the provenance of every study
 * (inputs and rows used, seed, koe version, minimum group size, options) and the files read. It
 * prints on A4, one section per page, rows and charts unbroken, without the download links. The
 * page renders only what the reports hold (already suppressed at their edge) and fetches nothing;
 * `interactive: true` adds vega-embed as an enhancement over the static charts. Every word of the
 * page is in `lang`; the charts are drawn in the language their builder was given.
 * @example
 * const counts = countsReport(respondents, { row: "company", column: "generation", split: "cross_boundary" });
 * const spec = segmentHeatmapChart(counts.tables.yes, { row: "company", column: "generation", title: "越境経験者数（会社×世代）" });
 * const html = await buildReport([{ title: "回答者数", report: counts, charts: [{ title: "越境経験者", spec }], tables: ["yes"] }], { title: "koe 調査" });
 * html // => "<!doctype html>\n<html lang=\"ja\">…<h1>koe 調査</h1>…<h2>1. 回答者数</h2>…<svg…越境経験者数（会社×世代）…</svg>…<td class=\"hidden\">秘匿</td>…"
 * html.includes("<script") // => false
 * await buildReport([{ title: "回答者数", report: counts, tables: ["yess"] }]) // throws: sections[0] ("回答者数") asks for table "yess", which the counts report does not have; did you mean "yes"?
 * @throws {KoeArgumentError} when `sections` is not a non-empty list of `{ title, report, charts?, tables? }`, a
 *   report is not a StudyReport, a table asked for is not in its report (named with the closest), or
 *   an option is unknown or of the wrong kind.
 * @throws {ChartError} when a chart does not compile or cannot be drawn (the message names it).
 */
export async function buildReport(sections: readonly ReportSection[], options: BuildReportOptions = {}): Promise<string> {
  const { lang, title, interactive, reads } = parseOptions(FN, Options, options);
  const parsed = readSections(sections);
  const w = reportWords[lang];
  const pageTitle = title ?? w.defaultTitle;
  const specs: TopLevelSpec[] = [];
  const toc: string[] = [];
  const bodies: string[] = [];
  for (const [i, s] of parsed.entries()) {
    const id = `s-${i + 1}`;
    const heading = `${i + 1}. ${s.title}`;
    const { report } = s;
    const tableId = (name: string) => `${id}-t-${slug(name)}`;
    toc.push(`<li><a href="#${id}">${escapeHtml(heading)}</a>${s.tables.length === 0 ? "" : `<br>${escapeHtml(w.tables)}: ${s.tables.map((t) => `<a href="#${tableId(t)}">${escapeHtml(t)}</a>`).join(", ")}`}</li>`);
    const p = report.provenance;
    const facts = `<dl class="facts"><dt>${escapeHtml(w.study)}</dt><dd>${escapeHtml(report.study)}</dd><dt>${escapeHtml(w.inputs)}</dt><dd>${escapeHtml(p.inputs.map((x) => `${x.name}: ${w.rowsUsed(x.rowsUsed, x.rows)}`).join("; ") || w.none)}</dd><dt>${escapeHtml(w.wave)}</dt><dd>${escapeHtml(p.wave === null ? w.allWaves : w.waveOf(p.wave))}</dd></dl>`;
    const text = reportText(report, lang);
    const findings = `<h3>${escapeHtml(w.findings)}</h3>\n${text.findings.length === 0 ? `<p>${escapeHtml(w.noFindings)}</p>` : list(text.findings, "findings")}`;
    const warnings = text.warnings.length === 0 ? "" : `<h3>${escapeHtml(w.warnings)}</h3>\n${list(text.warnings, "warnings")}`;
    const charts: string[] = [];
    for (const chart of s.charts) {
      const n = specs.length;
      const svg = pageSvg(await renderSvg(chart.spec), `chart-${n}-`);
      specs.push(chart.spec);
      charts.push(`<div class="chart" id="chart-${n}"><figure><figcaption>${escapeHtml(chart.title)}</figcaption><div class="static">${svg}</div>${interactive ? '<div class="live"></div>' : ""}</figure></div>`);
    }
    const chartPart = charts.length === 0 ? "" : `<h3>${escapeHtml(w.charts)}</h3>\n${charts.join("\n")}`;
    const tablePart = s.tables.length === 0 ? "" : `<h3>${escapeHtml(w.tables)}</h3>\n${s.tables.map((t) => tableHtml(report, t, tableId(t), lang)).join("\n")}`;
    bodies.push(`<section class="study" id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${[facts, findings, warnings, chartPart, tablePart].filter((x) => x !== "").join("\n")}\n</section>`);
  }
  toc.push(`<li><a href="#provenance">${escapeHtml(w.provenance)}</a>${reads.length === 0 ? "" : `<br><a href="#files-read">${escapeHtml(w.filesRead)}</a>`}</li>`);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="koe ${KOE_VERSION}">
<title>${escapeHtml(pageTitle)}</title>
<style>${REPORT_CSS}</style>
</head><body>
<header><h1>${escapeHtml(pageTitle)}</h1>${interactive ? `<p class="interactive">${escapeHtml(w.interactive)}</p>` : ""}</header>
<nav class="toc"><h2>${escapeHtml(w.contents)}</h2>
<ol>
${toc.join("\n")}
</ol></nav>
<main>
${bodies.join("\n")}
${provenanceHtml(parsed, reads, lang)}
</main>
${interactive ? interactiveScripts(specs) : ""}
</body></html>
`;
}
