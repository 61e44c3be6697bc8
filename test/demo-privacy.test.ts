// The demo's out/ read as an informed reader would: every file it wrote (CSV, vega-lite JSON, SVG,
// HTML, text) is searched for anything a hidden group would give away — the HTML reports too, their
// tables, the CSVs behind their links and their charts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareNatural, generations, readRespondents } from "@koe/core";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
let out = "";
let files: string[] = [];
const text = (f: string) => readFileSync(join(out, f), "utf8");
const parseCsv = (t: string): Record<string, string>[] => parse(t, { columns: true, bom: true });
const csv = (f: string) => parseCsv(text(f));
// Columns that identify a row (kept where its figures are hidden) even when they hold numbers.
const NUMERIC_DIMS = new Set(["wave", "rank"]);
const isNumber = (v: unknown) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)));

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "koe-demo-privacy-"));
  execFileSync(process.execPath, ["--import", "tsx", join(root, "examples", "demo.ts"), out], { cwd: root, encoding: "utf8" });
  files = readdirSync(out);
}, 120_000);

/** Checks that a suppressed row shows no figure but its identifying columns; returns how many rows were suppressed. */
function checkHiddenRows(where: string, rows: readonly Record<string, string>[]): number {
  let hidden = 0;
  for (const r of rows.filter((r) => r.suppressed === "true")) {
    hidden++;
    for (const [k, v] of Object.entries(r)) if (!NUMERIC_DIMS.has(k)) expect(isNumber(v), `${where}: ${k} = ${v} in a suppressed row`).toBe(false);
  }
  return hidden;
}

/** The CSV texts behind a report's download links. */
const reportCsvs = (html: string) => [...html.matchAll(/href="data:text\/csv;charset=utf-8,([^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));

/** The tables of a report page as its markup holds them: header and rows (suppressed or not, cells' text). */
function reportTables(html: string): { head: string[]; rows: { suppressed: boolean; cells: string[] }[] }[] {
  const decode = (t: string) => t.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
  return [...html.matchAll(/<div class="report-table"[^>]*>([\s\S]*?)<\/table>/g)].map(([, body]) => ({
    head: [...body!.matchAll(/<th scope="col">(.*?)<\/th>/g)].map((x) => decode(x[1]!)),
    rows: [...body!.matchAll(/<tr( class="suppressed")?>(<td[\s\S]*?)<\/tr>/g)].map((x) => ({ suppressed: x[1] !== undefined, cells: [...x[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => decode(c[1]!)) })),
  }));
}

/** Every object in parsed JSON that says it is suppressed. */
function suppressedObjects(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) suppressedObjects(v, found);
  else if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o.suppressed === true) found.push(o);
    for (const v of Object.values(o)) suppressedObjects(v, found);
  }
  return found;
}

describe("the demo's published files", () => {
  it("never say which hidden groups are small (no suppression reasons anywhere)", () => {
    expect(files.length).toBeGreaterThan(30);
    for (const f of files.filter((f) => !f.endsWith(".png"))) {
      const t = text(f);
      expect(t, f).not.toMatch(/suppressionReason|"primary"|"complementary"/);
    }
  });

  it("blank every figure of a suppressed row in every CSV", () => {
    let hiddenRows = 0;
    for (const f of files.filter((f) => f.endsWith(".csv"))) hiddenRows += checkHiddenRows(f, csv(f));
    expect(hiddenRows).toBeGreaterThan(40);
  });

  it("write the report in Japanese and English, readable without scripts, every hidden figure 秘匿 / suppressed in its tables and blank in its CSVs", () => {
    const written = files.filter((f) => f.endsWith(".csv") && f !== "read-summary.csv").map((f) => text(f));
    for (const [file, word] of [["report.html", "秘匿"], ["report.en.html", "suppressed"]] as const) {
      const html = text(file);
      expect(html, file).not.toMatch(/<script/);
      // The CSVs behind its links: the demo's own files byte for byte (and the participants' complement, not written apart).
      const linked = reportCsvs(html);
      for (const t of written) expect(linked, `${file}: a CSV file not linked`).toContain(t);
      expect(linked.length).toBe(written.length + 1);
      let hiddenRows = 0;
      linked.forEach((t, i) => (hiddenRows += checkHiddenRows(`${file} CSV ${i + 1}`, parseCsv(t))));
      expect(hiddenRows, file).toBeGreaterThan(100);
      // Its HTML tables: a suppressed row says so in each hidden cell and shows no other figure.
      let hiddenCells = 0;
      const tables = reportTables(html);
      expect(tables.length).toBe(linked.length);
      for (const t of tables) {
        for (const r of t.rows.filter((r) => r.suppressed)) {
          r.cells.forEach((cell, j) => {
            if (cell === word) hiddenCells++;
            else if (!NUMERIC_DIMS.has(t.head[j]!)) expect(isNumber(cell), `${file}: ${t.head[j]} = ${cell} in a suppressed row`).toBe(false);
          });
        }
      }
      expect(hiddenCells, file).toBeGreaterThan(hiddenRows);
    }
  });

  it("carry no number for a suppressed datum in any chart spec or in the HTML report", () => {
    for (const f of files.filter((f) => f.endsWith(".vl.json"))) {
      for (const o of suppressedObjects(JSON.parse(text(f)))) {
        for (const [k, v] of Object.entries(o)) if (!NUMERIC_DIMS.has(k)) expect(isNumber(v), `${f}: ${k} = ${String(v)}`).toBe(false);
      }
    }
    const html = text("report.html");
    for (const m of html.matchAll(/\{[^{}]*"suppressed":true[^{}]*\}/g)) {
      for (const [k, v] of Object.entries(JSON.parse(m[0]) as Record<string, unknown>)) if (!NUMERIC_DIMS.has(k)) expect(isNumber(v), `report.html: ${k}`).toBe(false);
    }
  });

  it("hide every small group of participants by company × generation in the CSV, the spec, the SVG, and shield it in its row and column", async () => {
    const people = (await readRespondents(join(root, "data", "respondents.csv"))).table.objects() as { company: string; generation: string; cross_boundary: boolean }[];
    const truth = new Map<string, number>();
    for (const p of people) if (p.cross_boundary) truth.set(`${p.company}|${p.generation}`, (truth.get(`${p.company}|${p.generation}`) ?? 0) + 1);
    const rows = csv("participants-by-company-generation.csv");
    const svg = text("participants-by-company-generation.svg");
    // The same chart in the report (its second): the report draws it again, as the file does.
    const inReport = /<div class="chart" id="chart-1">[\s\S]*?<\/svg>/.exec(text("report.html"))![0];
    expect(inReport).toContain("越境経験者数（会社×世代）");
    const spec = text("participants-by-company-generation.vl.json");
    // A cell's accessible label names its company and generation (in either order) and its count or printed text.
    const cellLabel = (company: string, generation: string, count: string) => {
      const g = generations.label(generation as "young", "ja");
      return new RegExp(`aria-label="(?:会社: ${company}; 世代: ${g}|世代: ${g}; 会社: ${company}); (?:人数|text): ${count}`);
    };
    let small = 0;
    for (const r of rows) {
      const n = truth.get(`${r.company}|${r.generation}`) ?? 0;
      if (n > 0 && n < 5) {
        small++;
        expect(r.suppressed, `${r.company} ${r.generation}`).toBe("true");
        expect(r.n).toBe("");
        for (const drawn of [svg, inReport]) expect(drawn, `${r.company} ${r.generation}`).not.toMatch(cellLabel(r.company!, r.generation!, "[0-9]"));
      } else if (r.suppressed === "false") {
        expect(Number(r.n)).toBe(n);
        for (const drawn of [svg, inReport]) expect(drawn, `${r.company} ${r.generation}`).toMatch(cellLabel(r.company!, r.generation!, String(n)));
      }
    }
    expect(small).toBeGreaterThan(20);
    expect(spec).not.toMatch(/"n":[1-4][,}]/);
    // A reader who knows a line's total (participants of a company, of a generation; a total under 5
    // is itself a small group, never published) learns only the sum of the line's hidden cells: it is
    // never a single cell, nor a small sum.
    for (const dim of ["company", "generation"] as const) {
      const lines = new Map<string, { hidden: number; sum: number; total: number }>();
      for (const r of rows) {
        const l = lines.get(r[dim]!) ?? { hidden: 0, sum: 0, total: 0 };
        const n = truth.get(`${r.company}|${r.generation}`) ?? 0;
        l.total += n;
        if (r.suppressed === "true") {
          l.hidden++;
          l.sum += n;
        }
        lines.set(r[dim]!, l);
      }
      for (const [key, l] of lines) if (l.hidden > 0 && l.total >= 5) expect(l.hidden >= 2 && l.sum >= 5, `${dim} ${key}: ${l.hidden} hidden adding to ${l.sum}`).toBe(true);
    }
  });

  it("list rows in the dimensions' natural order, never by size or first appearance", () => {
    for (const f of ["participants-by-company-generation.csv", "respondents-by-company-generation.csv"]) {
      const rows = csv(f);
      const sorted = [...rows].sort((a, b) => compareNatural("company", a.company, b.company) || compareNatural("generation", a.generation, b.generation));
      expect(rows.map((r) => `${r.company} ${r.generation}`), f).toEqual(sorted.map((r) => `${r.company} ${r.generation}`));
    }
  });
});
