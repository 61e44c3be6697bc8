// docs/my-own-survey.md, run as a reader would: its ```js blocks, in order, are one script, run with
// tsx in a folder outside the workspace that holds a workbook shaped as the page describes (headers
// 社員番号, 所属, 年代, 越境, Q1..Q10 on sheet 「回答」 after a cover sheet; 「-」, 「無回答」 and
// empty cells for no answer; some answers written 「そう思う」; one answer of 7). The workbook is
// made here from the first 1,500 respondents of data/respondents.csv (their engagement items before),
// and what the report must say is worked out here from those rows, without koe: the rows read and
// rejected, the people per generation, each generation's mean engagement (reverse-keyed items
// turned round, a person scored when at least half the items are answered), the counts shown.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRandom } from "@koe/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const GUIDE = join(root, "docs", "my-own-survey.md");
const ROWS = 1500;
const BAD = { index: 5, item: 3, value: 7 }; // the 6th person's Q3: Excel row 7
const REVERSED = new Set([6, 8]);
const GENERATION_JA: Record<string, string> = { young: "若手", mid: "中堅", senior: "シニア" };

/** The ```js blocks of the guide, in order. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

interface Person {
  id: string;
  company: string;
  generation: string;
  crossBoundary: boolean;
  answers: (number | null)[]; // Q1..Q10 as numbers, null where no answer
  cells: (number | string | null)[]; // as written in the workbook
}

/** The first ROWS respondents, their answers written as people write them (seeded). */
function people(): Person[] {
  const [header, ...lines] = readFileSync(join(root, "data", "respondents.csv"), "utf8").trim().split(/\r?\n/);
  const col = (name: string) => header!.split(",").indexOf(name);
  const random = createRandom("my-own-survey");
  return lines.slice(0, ROWS).map((line, r) => {
    const c = line.split(",");
    const answers = Array.from({ length: 10 }, (_, i) => {
      const v = c[col(`eng_${String(i + 1).padStart(2, "0")}_pre`)]!;
      return v === "" ? null : Number(v);
    });
    const cells = answers.map((a): number | string | null => {
      const u = random.next();
      if (a === null) return u < 0.5 ? null : "-";
      if (u < 0.03) return "無回答";
      if (u < 0.05) return "-";
      if (a === 5 && u < 0.2) return "そう思う";
      return a;
    });
    if (r === BAD.index) cells[BAD.item - 1] = BAD.value;
    return {
      id: c[col("respondent_id")]!,
      company: c[col("company")]!,
      generation: c[col("generation")]!,
      crossBoundary: c[col("cross_boundary")] === "1",
      answers: cells.map((v) => (typeof v === "number" ? v : v === "そう思う" ? 5 : null)),
      cells,
    };
  });
}

function writeWorkbook(path: string, rows: readonly Person[]): void {
  const XLSX = createRequire(join(root, "packages", "core", "package.json"))("@e965/xlsx") as {
    utils: { book_new(): unknown; aoa_to_sheet(rows: unknown[][]): unknown; book_append_sheet(wb: unknown, ws: unknown, name: string): void };
    writeFile(wb: unknown, path: string): void;
  };
  const header = ["社員番号", "所属", "年代", "越境", ...Array.from({ length: 10 }, (_, i) => `Q${i + 1}`)];
  const body = rows.map((p) => [p.id, p.company, GENERATION_JA[p.generation], p.crossBoundary ? "あり" : "なし", ...p.cells]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["自社サーベイ 2025"], ["表紙"]]), "表紙");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ...body]), "回答");
  XLSX.writeFile(wb, path);
}

/** A table of the report, read back from its CSV download link (full precision). */
function reportTable(html: string, file: string): Record<string, string>[] {
  const href = new RegExp(`download="${file}" href="data:text/csv;charset=utf-8,([^"]*)"`).exec(html);
  if (!href) throw new Error(`no table ${file} in the report`);
  const [head, ...lines] = decodeURIComponent(href[1]!).replace(/^\uFEFF/, "").trim().split(/\r\n/);
  const names = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i]!, v])));
}

let work = "";
let stdout = "";
let html = "";
let accepted: Person[] = [];

describe("docs/my-own-survey.md, run on a workbook shaped like the one it describes", () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "koe-my-own-survey-"));
    const all = people();
    accepted = all.filter((_, r) => r !== BAD.index);
    writeWorkbook(join(work, "my-survey.xlsx"), all);
    // The script lives where "@koe/core" resolves to the workspace (a cache folder under node_modules);
    // it runs in the folder holding the workbook, as the reader runs it beside theirs.
    const dir = join(root, "node_modules", ".cache", "koe-my-own-survey");
    mkdirSync(dir, { recursive: true });
    const script = join(dir, "my-report.mjs");
    writeFileSync(script, codeBlocks(readFileSync(GUIDE, "utf8")).join("\n"));
    const run = spawnSync(join(root, "node_modules", ".bin", "tsx"), [script], { cwd: work, encoding: "utf8", env: { ...process.env, KOE_LANG: undefined } });
    if (run.status !== 0) throw new Error(`the guide's script failed (${run.status}):\n${run.stderr}`);
    stdout = run.stdout;
    html = readFileSync(join(work, "report", "report.html"), "utf8");
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("the page is one script in five steps, importing only the published packages and Node", () => {
    const blocks = codeBlocks(readFileSync(GUIDE, "utf8"));
    expect(blocks).toHaveLength(5);
    const imports = [...blocks.join("\n").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect([...new Set(imports)].sort()).toEqual(["@koe/charts", "@koe/core", "node:fs"]);
  });

  it("reads every row: 1,500 read, the one with Q3 = 7 rejected and named by its Excel row", () => {
    expect(stdout).toContain(`my-survey.xlsx: ${ROWS} rows read, ${ROWS - 1} accepted, 1 rejected`);
    const errors = stdout.split("\n").filter((l) => /^\d+行目/.test(l));
    expect(errors).toEqual([`${BAD.index + 2}行目、列「q${BAD.item}」: 「${BAD.value}」は許される範囲 1〜5 の外です`]);
  });

  it("reports the scale's reliability", () => {
    expect(stdout).toMatch(/^engagement: alpha 0\.\d\d, omega 0\.\d\d$/m);
    expect(stdout).toContain("wrote report/report.html");
  });

  it("the report: one self-contained page, no script, both sections, the charts as SVG in Japanese, the file in the provenance", () => {
    expect(html).not.toContain("<script");
    expect(html).toContain("<h1>自社サーベイ 2025</h1>");
    expect(html).toMatch(/<h2>1\. 回答者数<\/h2>/);
    expect(html).toMatch(/<h2>2\. 世代別のエンゲージメント<\/h2>/);
    expect(html.match(/<svg/g)?.length).toBe(2);
    for (const word of ["若手", "中堅", "シニア", "仕事に誇りを感じている"]) expect(html).toContain(word);
    expect(html).toContain("my-survey.xlsx");
  });

  it("the people per generation and their mean engagement, as worked out here from the rows", () => {
    const sizes = reportTable(html, "segmentProfile-sizes.csv");
    const means = reportTable(html, "segmentProfile-means.csv");
    for (const generation of ["young", "mid", "senior"]) {
      const group = accepted.filter((p) => p.generation === generation);
      expect(Number(sizes.find((r) => r.generation === generation)!.n), generation).toBe(group.length);
      const scores = group.flatMap((p) => {
        const answered = p.answers.flatMap((a, i) => (a === null ? [] : [REVERSED.has(i + 1) ? 6 - a : a]));
        return answered.length >= 5 ? [answered.reduce((s, a) => s + a, 0) / answered.length] : [];
      });
      const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
      expect(Number(means.find((r) => r.generation === generation)!.mean), generation).toBeCloseTo(mean, 10);
    }
  });

  it("the counts: every shown count (all, participants, others) is the true one and at least 5 (or 0), and some are hidden", () => {
    const tables = Object.fromEntries(["all", "yes", "no"].map((t) => [t, reportTable(html, `counts-${t}.csv`)]));
    const truth = (r: Record<string, string>, who: (p: Person) => boolean) => accepted.filter((p) => p.company === r.company && p.generation === r.generation && who(p)).length;
    const whom = { all: () => true, yes: (p: Person) => p.crossBoundary, no: (p: Person) => !p.crossBoundary };
    let hidden = 0;
    for (const [name, rows] of Object.entries(tables)) {
      for (const r of rows) {
        if (r.suppressed === "true") {
          expect(r.n, `${name} ${r.company} ${r.generation}`).toBe("");
          hidden++;
          continue;
        }
        const n = Number(r.n);
        expect(n, `${name} ${r.company} ${r.generation}`).toBe(truth(r, whom[name as keyof typeof whom]));
        expect(n === 0 || n >= 5, `${name} ${r.company} ${r.generation}: ${n}`).toBe(true);
      }
    }
    expect(hidden).toBeGreaterThan(0);
    expect(tables.all!.length).toBe(new Set(accepted.map((p) => p.company)).size * 3);
  });
});
