// `koe init` on files koe has never seen — a survey as a member company exports it (its own ids,
// 所属会社, 年代区分, Q1…Q6 with 「-」 and 無回答, answer labels, 越境経験), as CSV and
// as an Excel workbook — and on the bundled files; then `koe report` reading that configuration,
// checked against figures worked out from the generated rows without koe.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { createRandom } from "@koe/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KoeConfig } from "../src/index.js";
import { data, koe, removeScratch, scratch } from "./run.js";

afterAll(removeScratch);

const ITEMS = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"];
// The 5-point labels as Japanese exports write them, 1 to 5.
const LABELS = ["そう思わない", "あまりそう思わない", "どちらともいえない", "ややそう思う", "そう思う"];
const HEADER = ["社員番号", "所属会社", "年齢", "年代区分", ...ITEMS, "越境経験"];

interface Person {
  id: string;
  generation: "young" | "mid" | "senior";
  /** The answers as numbers; null where the file holds a marker. */
  answers: (number | null)[];
  cells: (string | number)[];
}

/** 300 people, seeded: each answer a number, an answer label, 「-」 or 無回答. */
function survey(): Person[] {
  const random = createRandom(20261130);
  const people: Person[] = [];
  for (let i = 0; i < 300; i++) {
    const age = 22 + random.int(43);
    const generation = age < 35 ? "young" : age < 50 ? "mid" : "senior";
    const lean = random.int(3) + (generation === "senior" ? 1 : 0);
    const answers: (number | null)[] = [];
    const cells: (string | number)[] = [];
    for (let k = 0; k < ITEMS.length; k++) {
      const v = Math.min(5, Math.max(1, 1 + lean + random.int(3)));
      const r = random.next();
      answers.push(r < 0.06 ? null : v);
      cells.push(r < 0.03 ? "-" : r < 0.06 ? "無回答" : r < 0.2 ? LABELS[v - 1]! : v);
    }
    const id = `E${String(1000 + i)}`;
    people.push({ id, generation, answers, cells: [id, ["A社", "B社", "C社"][random.int(3)]!, age, { young: "若手", mid: "中堅", senior: "シニア" }[generation], ...cells, random.next() < 0.2 ? "あり" : "なし"] });
  }
  return people;
}

const csv = (people: readonly Person[]) => [HEADER.join(","), ...people.map((p) => p.cells.join(","))].join("\r\n") + "\r\n";

function workbook(people: readonly Person[]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADER, ...people.map((p) => p.cells)]), "回答");
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
}

const people = survey();

function readConfig(path: string): KoeConfig {
  return KoeConfig.parse(JSON.parse(readFileSync(path, "utf8")));
}

describe("koe init on a company's own survey", () => {
  const dir = scratch("init");
  beforeAll(() => {
    writeFileSync(join(dir, "survey.csv"), "\uFEFF" + csv(people));
    writeFileSync(join(dir, "survey.xlsx"), workbook(people));
  });

  it("maps the headers it can, finds the markers and the items, and writes koe.config.json", async () => {
    const run = await koe(["init", "survey.csv"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("wrote koe.config.json (respondents)");
    expect(run.stdout).toContain("所属会社 → company");
    expect(run.stdout).toContain("社員番号 → respondent_id");
    const config = readConfig(join(dir, "koe.config.json"));
    expect(config.kind).toBe("respondents");
    expect(config.headers).toEqual({ 所属会社: "company", 社員番号: "respondent_id" });
    expect(config.missing).toEqual(["", "NA", "N/A", "無回答", "-"]);
    expect(config.items).toEqual(ITEMS.map((column) => ({ column, min: 1, max: 5 })));
    expect(config.instrument?.items?.map((i) => [i.id, i.ja, i.min, i.max])).toEqual(ITEMS.map((q) => [q.toLowerCase(), q, 1, 5]));
    expect(config.unmapped).toEqual([]);
  });

  it("reads a workbook the same way, and refuses to overwrite a configuration without --force", async () => {
    const refused = await koe(["init", "survey.xlsx"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"koe.config.json" exists already: give --force');
    const run = await koe(["init", "survey.xlsx", "--config", "from-excel.json"], { cwd: dir });
    expect(run.code).toBe(0);
    const fromExcel = readConfig(join(dir, "from-excel.json"));
    const fromCsv = readConfig(join(dir, "koe.config.json"));
    expect({ ...fromExcel, source: null }).toEqual({ ...fromCsv, source: null });
    expect(fromExcel.source).toBe("survey.xlsx");
  });

  it("koe report then reads the survey with it: the items' score by generation is the mean of each person's answered items", async () => {
    const run = await koe(["report", "survey.csv", "--out", "out"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('read "survey.csv" (respondents): 300 rows, 300 accepted, 0 rejected');
    expect(run.stdout).toContain("skipped cross-boundary: the configuration's items have no before/after waves");
    // Worked out from the rows: a person's score is the mean of their answered items when at least half are answered.
    const expected = new Map<string, { n: number; scores: number[] }>();
    for (const p of people) {
      const g = expected.get(p.generation) ?? { n: 0, scores: [] };
      g.n++;
      const answered = p.answers.filter((a): a is number => a !== null);
      if (answered.length >= ITEMS.length / 2) g.scores.push(answered.reduce((s, a) => s + a, 0) / answered.length);
      expected.set(p.generation, g);
    }
    const lines = readFileSync(join(dir, "out", "segments-scores-means.csv"), "utf8").replace(/^\uFEFF/, "").trim().split(/\r\n/);
    expect(lines[0]).toBe("generation,score,n,mean,mean_low,mean_high,suppressed");
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((r) => r[0])).toEqual(["young", "mid", "senior"]);
    for (const [generation, , n, mean] of rows) {
      const e = expected.get(generation!)!;
      expect(Number(n)).toBe(e.n);
      expect(Number(mean)).toBeCloseTo(e.scores.reduce((s, x) => s + x, 0) / e.scores.length, 10);
    }
    const items = readFileSync(join(dir, "out", "segments-items.svg"), "utf8");
    for (const q of ITEMS) expect(items).toContain(`>${q}<`);
    expect(existsSync(join(dir, "out", "report.html"))).toBe(true);
  });
});

describe("koe init on the bundled files", () => {
  it("recognises what each holds; koe's own headers need no mapping; the survey's 50 items are koe's", async () => {
    const dir = scratch("init-bundled");
    const runs = await Promise.all(
      ["respondents.csv", "initiative_ratings.csv", "comments.csv", "transcripts.csv"].map((f) => koe(["init", data(f), "--config", `${f}.json`], { cwd: dir })),
    );
    for (const run of runs) expect(run.code).toBe(0);
    const respondents = readConfig(join(dir, "respondents.csv.json"));
    expect(respondents.kind).toBe("respondents");
    expect(respondents.headers).toEqual({});
    expect(respondents.unmapped).toEqual([]);
    // 16 items × 2 waves, 7 career-ownership items × 2 waves, 4 immobile-layer items (data/README.md).
    expect(respondents.items).toHaveLength(16 * 2 + 7 * 2 + 4);
    expect(respondents.instrument).toBeNull();
    expect(respondents.missing).toEqual(["", "NA", "N/A", "無回答"]);
    expect(readConfig(join(dir, "initiative_ratings.csv.json")).kind).toBe("ratings");
    expect(readConfig(join(dir, "comments.csv.json")).kind).toBe("comments"); // Shift_JIS, Japanese headers
    expect(readConfig(join(dir, "transcripts.csv.json")).kind).toBe("transcripts");
  });
});
