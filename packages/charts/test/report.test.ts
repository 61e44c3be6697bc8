// buildReport read as a colleague reads the page it writes, with no JavaScript: the words, the
// charts, the tables (hidden figures say 秘匿 and hold no number), the CSV behind each link, the
// table of contents; and what it refuses.
import { join } from "node:path";
import { countsReport, layerDistribution, penetrationFunnel, readRespondents, renderNote, reportText, type StudyReport, type Table } from "@koe/core";
import { buildReport, bundledFontFiles, FONT_FAMILY, penetrationFunnelChart, renderSvg, segmentHeatmapChart, type ReportSection } from "@koe/charts";
import { Resvg } from "@resvg/resvg-js";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { ink, readPng } from "./helpers.js";

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const decode = (s: string) => s.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
/** The text a reader sees without scripts: tags dropped, entities decoded. */
const pageText = (html: string) => decode(html.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

interface HtmlTable {
  id: string;
  head: string[];
  rows: { suppressed: boolean; cells: string[] }[];
  csv: string;
  privacy: string;
}

/** The tables of the page as the markup holds them. */
function htmlTables(html: string): HtmlTable[] {
  return [...html.matchAll(/<div class="report-table" id="([^"]+)">([\s\S]*?)<\/div>\n(?=<div class="report-table"|<\/section>)/g)].map(([, id, body]) => ({
    id: id!,
    head: [...body!.matchAll(/<th scope="col">(.*?)<\/th>/g)].map((x) => decode(x[1]!)),
    rows: [...body!.matchAll(/<tr( class="suppressed")?>(.*?)<\/tr>/g)].filter((x) => x[2]!.startsWith("<td")).map((x) => ({
      suppressed: x[1] !== undefined,
      cells: [...x[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => decode(c[1]!)),
    })),
    csv: decodeURIComponent(/href="data:text\/csv;charset=utf-8,([^"]*)"/.exec(body!)![1]!),
    privacy: pageText(/<p class="privacy">([\s\S]*?)<\/p>/.exec(body!)![1]!).trim(),
  }));
}

const asCsvCell = (v: unknown) => (v === null || v === undefined ? "" : String(v));

let respondents: Table;
let counts: StudyReport;
let layers: StudyReport;
let funnel: StudyReport;
let sections: ReportSection[];
let html = "";

beforeAll(async () => {
  respondents = (await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"))).table;
  counts = countsReport(respondents, { row: "company", column: "generation", split: "cross_boundary" });
  layers = layerDistribution(respondents, { layer: "layer", by: "generation" });
  funnel = penetrationFunnel(respondents, { by: ["generation", "job_type", "manager"] });
  sections = [
    { title: "回答者数", report: counts, charts: [
      { title: "回答者数（会社×世代）", spec: segmentHeatmapChart(counts.tables.all!, { row: "company", column: "generation", title: "会社×世代の回答者数" }) },
      { title: "越境経験者数（会社×世代）", spec: segmentHeatmapChart(counts.tables.yes!, { row: "company", column: "generation", title: "越境経験者数" }) },
    ] },
    { title: "キャリア意識層", report: layers },
    { title: "浸透", report: funnel, charts: [{ title: "浸透ステップ", spec: penetrationFunnelChart(funnel.tables.funnel!, { overall: funnel.tables.overall! }) }], tables: ["overall", "funnel"] },
  ];
  const started = performance.now();
  html = await buildReport(sections, { title: "koe テスト", reads: [{ file: "respondents.csv", rowsRead: 5000, rowsAccepted: 4990, rowsRejected: 10, encoding: "utf-8", issues: 10 }] });
  console.log(`buildReport: 3 sections, 3 charts, ${htmlTables(html).length} tables → ${(html.length / 1024).toFixed(0)} KB of text (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB UTF-8) in ${(performance.now() - started).toFixed(0)} ms`);
});

describe("buildReport's page without JavaScript", () => {
  it("needs no script: the findings, warnings, facts and privacy notes are text of the page", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/^<!doctype html>\n<html lang="ja">/);
    const text = pageText(html);
    for (const { report } of sections) {
      const words = reportText(report as StudyReport, "ja");
      expect(words.findings.length + words.warnings.length, report.study).toBeGreaterThan(0);
      for (const t of [...words.findings, ...words.warnings]) expect(text, report.study).toContain(t.replace(/\s+/g, " "));
    }
    expect(reportText(layers, "ja").findings.length).toBeGreaterThan(0);
    // n (rows used of the input) and the wave, per section; the files read in the provenance.
    expect(text).toContain("table: 5,000行中 5,000行");
    expect(text).toMatch(/回 指定なし/);
    expect(text).toContain("respondents.csv utf-8 5,000 4,990 10 10");
  });

  it("draws every chart as one inline SVG with Japanese text, ids unique across the page", () => {
    const slots = [...html.matchAll(/<div class="chart" id="chart-(\d+)">([\s\S]*?)<\/div><\/figure><\/div>/g)];
    expect(slots.map((s) => s[1])).toEqual(["0", "1", "2"]);
    for (const [, , body] of slots) {
      expect(body!.match(/<svg/g)).toHaveLength(1);
      const texts = [...body!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!);
      expect(texts.some((t) => JAPANESE.test(t))).toBe(true);
    }
    expect(html).toContain("会社×世代の回答者数");
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((x) => x[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    // Every reference inside an SVG points at an id of the same chart.
    for (const [, n, body] of slots) for (const ref of body!.matchAll(/url\(#([^)]+)\)/g)) expect(ref[1]!.startsWith(`chart-${n}-`)).toBe(true);
  });

  it("shows every table as the report holds it: a hidden figure reads 秘匿 and no number", () => {
    const tables = htmlTables(html);
    const wanted = sections.flatMap((s) => (s.tables ?? Object.keys(s.report.tables)).map((name) => ({ report: s.report as StudyReport, name })));
    expect(tables.map((t) => t.id.replace(/^s-\d+-t-/, ""))).toEqual(wanted.map((w) => w.name));
    let hidden = 0;
    tables.forEach((t, k) => {
      const { report, name } = wanted[k]!;
      const table = report.tables[name]!;
      expect(t.head).toEqual(table.columns);
      expect(t.rows).toHaveLength(table.rows.length);
      table.rows.forEach((row, i) => {
        const shown = t.rows[i]!;
        expect(shown.suppressed).toBe(row.suppressed === true);
        table.columns.forEach((c, j) => {
          const cell = shown.cells[j]!;
          const v = row[c] ?? null;
          if (c === "suppressed") expect(cell).toBe(v === true ? "秘匿" : "");
          else if (v === null && row.suppressed === true) {
            hidden++;
            expect(cell, `${name} row ${i} ${c}`).toBe("秘匿");
          } else if (v === null) expect(cell).toBe("—");
          else if (typeof v === "number") expect(Math.abs(Number(cell) - v), `${name} row ${i} ${c}: ${cell} for ${v}`).toBeLessThanOrEqual(Math.abs(v) < 0.001 ? Math.abs(v) * 0.01 : 0.0005 + 1e-12);
          else if (typeof v === "boolean") expect(cell).toBe(v ? "はい" : "いいえ");
          else expect(cell).toBe(String(v));
        });
        // A suppressed row shows its identifying columns and nothing else that is a number.
        if (row.suppressed === true) for (const cell of shown.cells) expect(cell === "秘匿" || Object.values(row).map(String).includes(cell)).toBe(true);
      });
      expect(t.privacy).toBe(`秘匿: ${renderNote(table.privacy, "ja")}`);
    });
    expect(hidden).toBeGreaterThan(50);
  });

  it("links every table to its CSV (UTF-8 with BOM) with the same rows", () => {
    const tables = htmlTables(html);
    expect(tables.length).toBe(3 + Object.keys(layers.tables).length + 2);
    for (const t of tables) {
      expect(t.csv.startsWith("\uFEFF")).toBe(true);
      const rows = parse(t.csv, { columns: true, bom: true }) as Record<string, string>[];
      const [, section, name] = /^s-(\d+)-t-(.+)$/.exec(t.id)!;
      const table = (sections[Number(section) - 1]!.report as StudyReport).tables[name!]!;
      expect(rows).toEqual(table.rows.map((r) => Object.fromEntries(table.columns.map((c) => [c, asCsvCell(r[c])]))));
    }
    expect(html).toMatch(/<a download="counts-yes\.csv" href="data:text\/csv/);
  });

  it("has a table of contents whose every link lands on the page", () => {
    const toc = /<nav class="toc">([\s\S]*?)<\/nav>/.exec(html)![1]!;
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((x) => x[1]!);
    expect(targets).toEqual(["s-1", "s-1-t-all", "s-1-t-yes", "s-1-t-no", "s-2", ...Object.keys(layers.tables).map((n) => `s-2-t-${n}`), "s-3", "s-3-t-overall", "s-3-t-funnel", "provenance", "files-read"]);
    for (const id of targets) expect(html).toContain(`id="${id}"`);
    for (const href of html.matchAll(/href="#([^"]+)"/g)) expect(html).toContain(`id="${href[1]}"`);
  });

  it("gives every study's provenance: inputs, rows used, seed, koe version, minimum group size and options", () => {
    const provenance = pageText(/<section class="provenance"[\s\S]*?<\/section>/.exec(html)![0]);
    for (const { report, title } of sections) {
      const p = (report as StudyReport).provenance;
      expect(provenance).toContain(`${title} (${report.study}) ${p.inputs[0]!.name} ${p.inputs[0]!.rows.toLocaleString("en-US")} ${p.inputs[0]!.rowsUsed.toLocaleString("en-US")}`);
      expect(provenance).toContain(JSON.stringify(p.options));
    }
    expect(provenance).toContain("0.1.0");
  });

  it("prints on A4, a section per page, rows and charts unbroken, links and live charts left out", () => {
    const print = /@media print \{([\s\S]*?)\n\}/.exec(html)![1]!;
    expect(html).toMatch(/@page \{ size: A4; margin: [^}]+\}/);
    expect(print).toMatch(/section\.study, section\.provenance \{ break-before: page; \}/);
    expect(print).toMatch(/tr \{ break-inside: avoid; \}/);
    expect(print).toMatch(/\.chart, figure, svg \{ break-inside: avoid; \}/);
    expect(print).toMatch(/p\.download, \.chart \.live[^{]*\{ display: none !important; \}/);
    // It fetches nothing: no external stylesheet, font, image or script.
    expect(html).not.toMatch(/<link|@import|url\((?!#)|src="/);
  });

  it("is small: well under the 880 KB of script the old page needed", () => {
    expect(Buffer.byteLength(html)).toBeLessThan(600_000);
  });
});

describe("buildReport in English, and interactive", () => {
  it("writes every word of the page in English, hidden figures as 'suppressed'", async () => {
    const en = await buildReport([{ title: "Respondents", report: counts, tables: ["yes"] }, { title: "Layers", report: layers, tables: [] }], { lang: "en" });
    expect(en).toMatch(/^<!doctype html>\n<html lang="en">/);
    const text = pageText(en);
    for (const word of ["koe report", "Contents", "Findings", "Warnings", "Tables", 'Table "yes" (75 rows)', "Suppression:", "Provenance", "Download CSV", "5,000 of 5,000 rows", "Wave not set"]) expect(text).toContain(word);
    for (const t of [...reportText(layers, "en").findings, ...reportText(counts, "en").warnings]) expect(text).toContain(t);
    expect(text).not.toMatch(JAPANESE);
    const yes = htmlTables(en)[0]!;
    expect(yes.rows.filter((r) => r.suppressed).every((r) => r.cells[2] === "suppressed" && r.cells[3] === "suppressed")).toBe(true);
    expect(yes.rows.filter((r) => r.suppressed).length).toBeGreaterThan(20);
  });

  it("adds vega-embed only when asked, over the static SVG that stays", async () => {
    const one = [{ title: "回答者数", report: counts, charts: [sections[0]!.charts![1]!], tables: ["yes"] }];
    const plain = await buildReport(one);
    const live = await buildReport(one, { interactive: true });
    expect(plain).not.toMatch(/<script/);
    expect(live.match(/<script>/g)!.length).toBe(4);
    expect(live).toContain('<div class="live"></div>');
    expect(live).toContain("vegaEmbed(slot.querySelector(\".live\")");
    // The static drawing is the same with or without the scripts.
    const svg = (s: string) => /<svg[\s\S]*?<\/svg>/.exec(s)![0];
    expect(svg(live)).toBe(svg(plain));
    expect(live.length - plain.length).toBeGreaterThan(500_000);
  });
});

describe("the charts' SVG in the page", () => {
  it("draws the same picture, texts and accessible labels as renderSvg's, in about two thirds of the bytes", async () => {
    const spec = sections[2]!.charts![0]!.spec;
    const alone = await renderSvg(spec);
    const slot = /<div class="chart" id="chart-2">[\s\S]*?(<svg[\s\S]*?<\/svg>)/.exec(html)![1]!;
    expect(slot.length).toBeLessThan(alone.length * 0.75);
    const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]);
    const labels = (svg: string) => [...svg.matchAll(/aria-label="([^"]*)"/g)].map((t) => t[1]);
    expect(texts(slot)).toEqual(texts(alone));
    expect(labels(slot)).toEqual(labels(alone));
    // Rasterised with the bundled font, pixel by pixel: at most a few edge pixels differ by rounding.
    const font = { loadSystemFonts: false, fontFiles: bundledFontFiles(), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };
    const [a, b] = [alone, slot].map((svg) => readPng(new Resvg(svg, { font }).render().asPng()));
    expect([b!.width, b!.height]).toEqual([a!.width, a!.height]);
    let differ = 0;
    for (let i = 0; i < a!.pixels.length; i += 4) if (Math.abs(a!.pixels[i]! - b!.pixels[i]!) > 16) differ++;
    expect(differ / (a!.width * a!.height)).toBeLessThan(0.001);
    expect(ink(b!).count).toBeGreaterThan(1000);
  });
});

describe("buildReport refuses", () => {
  const section = () => ({ title: "回答者数", report: counts });
  it("a table its report does not have, naming the closest", async () => {
    await expect(buildReport([{ ...section(), tables: ["yess"] }])).rejects.toThrow(/sections\[0\] \("回答者数"\) asks for table "yess", which the counts report does not have; did you mean "yes"\?/);
  });
  it("a report that is not a study's report, naming where", async () => {
    await expect(buildReport([{ title: "x", report: { ...counts, provenance: { ...counts.provenance, seed: [1] } } as never }])).rejects.toThrow(/sections\[0\] \("x"\): report is not a study's report .*: at provenance\.seed/);
    await expect(buildReport([{ title: "x", report: counts.tables.yes as never }])).rejects.toThrow(/report is not a study's report/);
  });
  it("no sections, a section with an unknown key, an unknown option", async () => {
    await expect(buildReport([])).rejects.toThrow("buildReport: there are no sections");
    await expect(buildReport({} as never)).rejects.toThrow(/buildReport: sections must be a list/);
    await expect(buildReport([{ ...section(), chart: [] } as never])).rejects.toThrow(/buildReport sections\[0\]: unknown option "chart"; did you mean "charts"\?/);
    await expect(buildReport([section()], { language: "en" } as never)).rejects.toThrow(/unknown option "language"; did you mean "lang"\?/);
    await expect(buildReport([section()], { lang: "jp" } as never)).rejects.toThrow(/"jp"/);
  });
  it("a chart that is not a spec", async () => {
    await expect(buildReport([{ ...section(), charts: [{ title: "x", spec: "bar" as never }] }])).rejects.toThrow(/charts\.0\.spec/);
  });
});
