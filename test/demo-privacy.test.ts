// The demo's out/ read as an informed reader would: every file it wrote (CSV, vega-lite JSON, SVG,
// HTML, text) is searched for anything a hidden group would give away.
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
const csv = (f: string): Record<string, string>[] => parse(text(f), { columns: true, bom: true });
// Columns that identify a row (kept where its figures are hidden) even when they hold numbers.
const NUMERIC_DIMS = new Set(["wave", "rank"]);
const isNumber = (v: unknown) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)));

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "koe-demo-privacy-"));
  execFileSync(process.execPath, ["--import", "tsx", join(root, "examples", "demo.ts"), out], { cwd: root, encoding: "utf8" });
  files = readdirSync(out);
}, 120_000);

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
    for (const f of files.filter((f) => f.endsWith(".csv"))) {
      const rows = csv(f);
      if (rows.length === 0 || !("suppressed" in rows[0]!)) continue;
      for (const r of rows.filter((r) => r.suppressed === "true")) {
        hiddenRows++;
        for (const [k, v] of Object.entries(r)) if (!NUMERIC_DIMS.has(k)) expect(isNumber(v), `${f}: ${k} = ${v} in a suppressed row`).toBe(false);
      }
    }
    expect(hiddenRows).toBeGreaterThan(40);
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
    const spec = text("participants-by-company-generation.vl.json");
    let small = 0;
    for (const r of rows) {
      const n = truth.get(`${r.company}|${r.generation}`) ?? 0;
      if (n > 0 && n < 5) {
        small++;
        expect(r.suppressed, `${r.company} ${r.generation}`).toBe("true");
        expect(r.n).toBe("");
        expect(svg).not.toContain(`会社: ${r.company}; 世代: ${generations.label(r.generation as "young", "ja")}; 人数`);
      } else if (r.suppressed === "false") expect(Number(r.n)).toBe(n);
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
