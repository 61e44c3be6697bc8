// penetrationFunnel on the bundled respondents recovers the funnel the generator built in
// (data/truth.json → penetration: per generation × job type × manager cell the true cumulative
// probabilities, the levels truly reached, the shares ticked in the file; overall non-cumulative answers).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { penetrationFunnel, readRespondents, type Table } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";

const data = join(import.meta.dirname, "..", "..", "..", "..", "data");
interface Cell {
  n: number;
  trueCumulative: number[];
  reachedCumulative: number[];
  answered: number[];
}
const truth = JSON.parse(readFileSync(join(data, "truth.json"), "utf8")).penetration as {
  steps: string[];
  cells: Record<string, Cell>;
  overallAnswered: Record<string, number>;
  nonCumulativeAnswers: number;
};
const STEPS = ["step_know", "step_understand", "step_deepen", "step_practice"];

let table: Table;
let raw: Record<string, string>[];
beforeAll(async () => {
  table = (await readRespondents(join(data, "respondents.csv"))).table;
  // The file as text, read independently of koe's reader (no quoted fields in these columns).
  const [head, ...lines] = readFileSync(join(data, "respondents.csv"), "utf8").trim().split(/\r?\n/);
  const names = head!.split(",");
  raw = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i]!, v])));
});

const BY = ["generation", "job_type", "manager"];
const keyOf = (r: Record<string, unknown>) => `${r.generation}|${r.job_type}|${r.manager === true ? 1 : 0}`;

describe("the bundled funnel by generation × job type × manager", () => {
  it("every cell of the truth is a group, of the same size, hidden only when small or as a complement", () => {
    const rows = penetrationFunnel(table, { by: BY }).tables.funnel!.rows;
    expect(new Set(rows.map(keyOf))).toEqual(new Set(Object.keys(truth.cells)));
    for (const [key, cell] of Object.entries(truth.cells)) {
      const here = rows.filter((r) => keyOf(r) === key);
      expect(here.map((r) => r.step)).toEqual(truth.steps);
      if (cell.n < 5) expect(here.every((r) => r.suppressed), key).toBe(true);
      if (!here[0]!.suppressed) expect(here[0]!.n, key).toBe(cell.n);
    }
  });

  it('"as_answered" gives the shares ticked in the file, exactly', () => {
    const report = penetrationFunnel(table, { by: BY, cumulative: "as_answered" });
    for (const r of report.tables.funnel!.rows.filter((x) => !x.suppressed)) {
      const k = truth.steps.indexOf(r.step as string);
      expect(r.share as number, `${keyOf(r)} ${r.step}`).toBeCloseTo(truth.cells[keyOf(r)]!.answered[k]!, 6);
    }
    report.tables.overall!.rows.forEach((r) => expect(r.share as number).toBeCloseTo(truth.overallAnswered[r.step as string]!, 6));
  });

  it("strict shares fall short of the levels truly reached by at most the cell's non-cumulative answers", () => {
    const rows = penetrationFunnel(table, { by: BY }).tables.funnel!.rows.filter((x) => !x.suppressed);
    for (const r of rows) {
      const cell = truth.cells[keyOf(r)]!;
      const k = truth.steps.indexOf(r.step as string);
      const nonCumulative = raw.filter((p) => keyOf({ ...p, manager: p.manager === "1" }) === keyOf(r) && STEPS.some((s, j) => j < 3 && p[s] === "0" && p[STEPS[j + 1]!] === "1")).length;
      const gap = cell.reachedCumulative[k]! - (r.share as number);
      expect(gap, `${keyOf(r)} ${r.step}`).toBeGreaterThanOrEqual(-1e-6);
      expect(gap, `${keyOf(r)} ${r.step}`).toBeLessThanOrEqual(nonCumulative / cell.n + 1e-6);
    }
  });

  it("the 95% intervals cover the true probabilities about as often as they should", () => {
    const rows = penetrationFunnel(table, { by: BY }).tables.funnel!.rows.filter((x) => !x.suppressed);
    const covered = rows.filter((r) => {
      const p = truth.cells[keyOf(r)]!.trueCumulative[truth.steps.indexOf(r.step as string)]!;
      return (r.share_low as number) <= p && p <= (r.share_high as number);
    }).length;
    // Cells × steps are not independent, and the file has ~1.5% non-cumulative answers: allow some slack below 95%.
    expect(covered / rows.length).toBeGreaterThan(0.85);
  });

  it("frontline staff and non-manager seniors are lowest at every step past knowing", () => {
    const rows = penetrationFunnel(table, { by: ["job_type"] }).tables.funnel!.rows;
    const share = (job: string, step: string) => rows.find((r) => r.job_type === job && r.step === step)!.share as number;
    for (const step of ["understand", "deepen", "practice"]) {
      expect(share("frontline", step)).toBeLessThan(share("technical", step));
      expect(share("frontline", step)).toBeLessThan(share("clerical", step));
    }
    const seniors = penetrationFunnel(table, { by: ["generation", "manager"] }).tables.funnel!.rows;
    const at = (g: string, mgr: boolean, step: string) => seniors.find((r) => r.generation === g && r.manager === mgr && r.step === step)!.share as number;
    for (const step of ["deepen", "practice"]) for (const g of ["young", "mid"]) expect(at("senior", false, step)).toBeLessThan(at(g, false, step));
  });

  it("the non-cumulative answers are counted as the generator made them, and the biggest drop is the truth's", () => {
    const report = penetrationFunnel(table, { by: BY });
    expect(report.warnings.find((n) => n.code === "penetrationNotes.nonCumulative")!.params.people).toBe(truth.nonCumulativeAnswers);
    // The truth's overall funnel (levels truly reached, weighted by the cells) drops most between the same steps.
    const cells = Object.values(truth.cells);
    const total = cells.reduce((s, c) => s + c.n, 0);
    const reached = truth.steps.map((_, k) => cells.reduce((s, c) => s + c.n * c.reachedCumulative[k]!, 0) / total);
    const drops = reached.slice(1).map((x, k) => reached[k]! - x);
    const k = drops.indexOf(Math.max(...drops));
    expect(report.findings[0]!.params).toMatchObject({ from: truth.steps[k], to: truth.steps[k + 1] });
  });
});
