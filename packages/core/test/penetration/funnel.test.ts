// penetrationFunnel on hand-made tables whose shares are counted by hand, intervals from R
// (prop.test(x, n, correct = FALSE)$conf.int, R 4.2.2), suppression, Japanese input, errors.
import * as aq from "arquero";
import { InsufficientDataError, KoeArgumentError, penetrationFunnel, renderNote, type StudyReport } from "@koe/core";
import { describe, expect, it } from "vitest";
import { thrown } from "../interviews/thrown.js";

type Row = [string, number, number, number, number];
const times = (n: number, row: Row): Row[] => Array.from({ length: n }, () => row);
// Team A (10): 7 know, 4 understand, 2 deepen, 1 practice, all cumulative.
const teamA: Row[] = [...times(1, ["A", 1, 1, 1, 1]), ...times(1, ["A", 1, 1, 1, 0]), ...times(2, ["A", 1, 1, 0, 0]), ...times(3, ["A", 1, 0, 0, 0]), ...times(3, ["A", 0, 0, 0, 0])];
// Team B (8): one answers non-cumulatively (deepen ticked, understand not).
const teamB: Row[] = [...times(3, ["B", 1, 1, 1, 0]), ...times(3, ["B", 1, 1, 0, 0]), ...times(1, ["B", 0, 0, 0, 0]), ["B", 1, 0, 1, 0]];
const tableOf = (rows: Row[]) =>
  aq.table({
    team: rows.map((r) => r[0]),
    step_know: rows.map((r) => r[1]),
    step_understand: rows.map((r) => r[2]),
    step_deepen: rows.map((r) => r[3]),
    step_practice: rows.map((r) => r[4]),
  });
const rowsOf = (r: StudyReport, name = "funnel") => r.tables[name]!.rows;
const pick = (r: StudyReport, team: string) => rowsOf(r).filter((x) => x.team === team);
const near = (a: unknown, b: number) => expect(a as number).toBeCloseTo(b, 12);
/** The table with one cell changed (row counted from 0). */
function withCell(t: aq.ColumnTable, column: string, row: number, value: unknown): aq.ColumnTable {
  const values = Array.from(t.array(column) as ArrayLike<unknown>);
  values[row] = value;
  return t.assign({ [column]: values });
}

describe("shares, intervals and drops (counted by hand)", () => {
  const report = penetrationFunnel(tableOf([...teamA, ...teamB]), { by: "team" });

  it("team A: 7, 4, 2, 1 of 10, with Wilson intervals as R's prop.test(correct = FALSE)", () => {
    const a = pick(report, "A");
    expect(a.map((x) => x.step)).toEqual(["know", "understand", "deepen", "practice"]);
    expect(a.map((x) => x.n)).toEqual([10, 10, 10, 10]);
    expect(a.map((x) => x.reached)).toEqual([7, 4, 2, 1]);
    a.forEach((x, k) => near(x.share, [0.7, 0.4, 0.2, 0.1][k]!));
    // prop.test(7, 10, correct = FALSE)$conf.int, prop.test(4, 10, …), prop.test(2, 10, …)
    near(a[0]!.share_low, 0.396778147461145);
    near(a[0]!.share_high, 0.892208732593699);
    near(a[1]!.share_low, 0.168180329706236);
    near(a[1]!.share_high, 0.687326230266342);
    near(a[2]!.share_low, 0.0566821514543753);
    near(a[2]!.share_high, 0.5098375284633582);
  });

  it("drops between consecutive steps, the biggest marked (team A: know → understand)", () => {
    const a = pick(report, "A");
    expect(a[0]!.drop).toBeNull();
    [0.3, 0.2, 0.1].forEach((d, k) => near(a[k + 1]!.drop, d));
    expect(a.map((x) => x.biggest_drop)).toEqual([false, true, false, false]);
  });

  it("strict: the non-cumulative answer counts only up to its first unticked step", () => {
    const b = pick(report, "B");
    // know: 3 + 3 + 1 (the 1,0,1,0 person); understand 6; deepen 3 (not the 1,0,1,0 person); practice 0.
    expect(b.map((x) => x.reached)).toEqual([7, 6, 3, 0]);
    // prop.test(6, 8, correct = FALSE)$conf.int; prop.test(0, 8, …)
    near(b[1]!.share_low, 0.409275430310169);
    near(b[1]!.share_high, 0.928520787247891);
    expect(b[3]!.share_low).toBe(0);
    near(b[3]!.share_high, 0.32440756488388);
    // Drops 0.125, 0.375, 0.375: a tie marks the first.
    expect(b.map((x) => x.biggest_drop)).toEqual([false, false, true, false]);
  });

  it("the overall funnel is everyone counted together; one finding names its biggest drop", () => {
    const o = rowsOf(report, "overall");
    expect(o.map((x) => x.n)).toEqual([18, 18, 18, 18]);
    expect(o.map((x) => x.reached)).toEqual([14, 10, 5, 1]);
    expect(o.map((x) => x.biggest_drop)).toEqual([false, false, true, false]); // 4/18 then 5/18 then 4/18
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.params).toMatchObject({ from: "understand", to: "deepen" });
    near(report.findings[0]!.params.drop, 5 / 18);
  });

  it("the non-cumulative answer is counted in a warning, in both languages", () => {
    const w = report.warnings.find((n) => n.code === "penetrationNotes.nonCumulative")!;
    expect(w.params).toMatchObject({ people: 1, n: 18, mode: "strict" });
    expect(renderNote(w, "en")).toContain("1 of 18 respondents (5.6%)");
    expect(renderNote(w, "ja")).toContain("回答者18人のうち1人（5.6%）");
  });

  it('"as_answered" counts each step as ticked', () => {
    const r = penetrationFunnel(tableOf([...teamA, ...teamB]), { by: ["team"], cumulative: "as_answered" });
    expect(pick(r, "B").map((x) => x.reached)).toEqual([7, 6, 4, 0]);
    expect(pick(r, "A").map((x) => x.reached)).toEqual([7, 4, 2, 1]);
    expect(r.warnings.find((n) => n.code === "penetrationNotes.nonCumulative")!.params.mode).toBe("as_answered");
  });

  it("confLevel changes the intervals (prop.test(7, 10, conf.level = 0.9, correct = FALSE))", () => {
    const a = pick(penetrationFunnel(tableOf(teamA), { by: "team", confLevel: 0.9 }), "A");
    near(a[0]!.share_low, 0.441699795869835);
    near(a[0]!.share_high, 0.873123416096802);
  });

  it("no drop, nothing marked", () => {
    const r = penetrationFunnel(tableOf(times(6, ["A", 1, 1, 1, 1])), { by: "team" });
    expect(pick(r, "A").map((x) => x.biggest_drop)).toEqual([false, false, false, false]);
    expect(r.findings).toEqual([]);
  });
});

describe("segments: several columns, their combinations, koe's values", () => {
  it("generation × manager, from Japanese headers and values; rows in natural order", () => {
    const gens = ["シニア", "若手", "中堅"];
    const t = aq.table({
      世代: Array.from({ length: 60 }, (_, i) => gens[i % 3]),
      管理職: Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? "管理職" : "非管理職")),
      浸透_知る: Array.from({ length: 60 }, (_, i) => (i % 5 === 0 ? "いいえ" : "はい")),
      浸透_理解: Array.from({ length: 60 }, (_, i) => (i % 5 === 0 || i % 2 === 0 ? "いいえ" : "はい")),
      浸透_深化: Array.from({ length: 60 }, () => "いいえ"),
      浸透_実践: Array.from({ length: 60 }, () => "いいえ"),
    });
    const r = penetrationFunnel(t, { by: ["generation", "manager"], minGroupSize: 1 });
    const rows = rowsOf(r);
    expect(r.tables.funnel!.columns.slice(0, 3)).toEqual(["世代", "管理職", "step"]);
    const groups = [...new Set(rows.map((x) => `${x["世代"]}|${x["管理職"]}`))];
    expect(groups).toEqual(["young|false", "young|true", "mid|false", "mid|true", "senior|false", "senior|true"]);
    // Each group counted independently here: rows i with the group's generation and manager status.
    for (const [g, gi] of [["young", 1], ["mid", 2], ["senior", 0]] as const) {
      for (const mgr of [false, true]) {
        const members = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 3 === gi && (i % 4 === 0) === mgr);
        const know = members.filter((i) => i % 5 !== 0).length;
        const understand = members.filter((i) => i % 5 !== 0 && i % 2 !== 0).length;
        const got = rows.filter((x) => x["世代"] === g && x["管理職"] === mgr);
        expect(got.map((x) => x.reached), `${g} ${mgr}`).toEqual([know, understand, 0, 0]);
        expect(got[0]!.n).toBe(members.length);
      }
    }
  });

  it("without by: the funnel of everyone", () => {
    const r = penetrationFunnel(tableOf(teamA));
    expect(r.tables.funnel!.columns[0]).toBe("step");
    expect(rowsOf(r).map((x) => x.reached)).toEqual([7, 4, 2, 1]);
    expect(rowsOf(r)).toEqual(rowsOf(r, "overall"));
  });

  it("rows with a blank segment or step are left out, and counted in a warning", () => {
    const withBlankTeam = withCell(withCell(tableOf([...teamA, ...teamB]), "step_deepen", 0, null), "team", 17, "");
    const r = penetrationFunnel(withBlankTeam, { by: "team", minGroupSize: 1 });
    expect(pick(r, "A")[0]!.n).toBe(9); // row 1 (1,1,1,1) has a blank deepen
    expect(pick(r, "A").map((x) => x.reached)).toEqual([6, 3, 1, 0]);
    expect(pick(r, "B")[0]!.n).toBe(7); // row 18 has no team
    expect(r.warnings.find((n) => n.code === "penetrationNotes.rowsLeftOut")!.params).toMatchObject({ rows: 2 });
    expect(r.provenance.inputs[0]).toEqual({ name: "table", rows: 18, rowsUsed: 16 });
  });
});

describe("the steps: named, reordered, or one furthest-step column", () => {
  it("steps named as steps of the model or as columns, in the order given", () => {
    const t = tableOf(teamA);
    const r = penetrationFunnel(t, { steps: ["know", "理解"], minGroupSize: 1 });
    expect(rowsOf(r).map((x) => [x.step, x.reached])).toEqual([["know", 7], ["understand", 4]]);
    const own = aq.table({ heard: [1, 1, 1, 0, 0, 1], tried: [1, 0, 0, 0, 0, 1] });
    const o = penetrationFunnel(own, { steps: ["heard", "tried"], minGroupSize: 1 });
    expect(rowsOf(o).map((x) => [x.step, x.step_ja, x.reached])).toEqual([["heard", "heard", 4], ["tried", "tried", 2]]);
  });

  it("one column holding the furthest step reached (ids, Japanese labels, none)", () => {
    const furthest = ["知る", "know", "理解", "深化", "practice", "なし", "none", "理解を深める"];
    const r = penetrationFunnel(aq.table({ 到達: furthest }), { step: "到達", minGroupSize: 1 });
    // reached know: all but the two "none"; understand: 理解, 深化, practice, 理解を深める; deepen: 深化, practice; practice: 1.
    expect(rowsOf(r).map((x) => x.reached)).toEqual([6, 4, 2, 1]);
    expect(rowsOf(r)[0]!.n).toBe(8);
    // The same people as four yes/no columns give the same funnel.
    const level = [1, 1, 2, 3, 4, 0, 0, 2];
    const cols = aq.table(Object.fromEntries(["step_know", "step_understand", "step_deepen", "step_practice"].map((c, k) => [c, level.map((l) => (l > k ? 1 : 0))])));
    expect(rowsOf(penetrationFunnel(cols, { minGroupSize: 1 }))).toEqual(rowsOf(r));
  });
});

describe("privacy: small groups hidden, with a complement", () => {
  it("a group of 3 is hidden, and so is another (the overall total would give it away)", () => {
    const teamC: Row[] = times(3, ["C", 1, 1, 0, 0]);
    const r = penetrationFunnel(tableOf([...teamA, ...teamB, ...teamC]), { by: "team" });
    const hidden = [...new Set(rowsOf(r).filter((x) => x.suppressed).map((x) => x.team))];
    expect(hidden).toContain("C");
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const row of rowsOf(r).filter((x) => x.suppressed)) {
      for (const c of ["n", "reached", "share", "share_low", "share_high", "drop", "biggest_drop"]) expect(row[c], c).toBeNull();
      expect(row.step).not.toBeNull();
    }
    // The overall funnel of 21 stays; what is shown of the groups never adds up to it.
    const o = rowsOf(r, "overall");
    expect(o[0]!.n).toBe(21);
    const shownN = [...new Set(rowsOf(r).filter((x) => !x.suppressed).map((x) => `${x.team}:${x.n}`))].reduce((s, k) => s + Number(k.split(":")[1]), 0);
    expect(21 - shownN).toBeGreaterThan(3);
    expect(r.warnings.some((n) => n.code === "report.groupsHidden")).toBe(true);
  });

  it("with fewer than minGroupSize in all, nothing is shown, and no note tells a count", () => {
    const r = penetrationFunnel(tableOf([...times(2, ["A", 1, 0, 0, 0]), ["B", 1, 0, 1, 0]]), { by: "team" });
    expect(rowsOf(r, "overall").every((x) => x.suppressed && x.n === null)).toBe(true);
    expect(rowsOf(r).every((x) => x.suppressed)).toBe(true);
    expect(r.warnings.some((n) => n.code === "penetrationNotes.nonCumulative")).toBe(false);
    expect(r.findings).toEqual([]);
  });
});

describe("bad input: KoeErrors naming the column, value and row, in Japanese and English", () => {
  const t = tableOf(teamA);
  const cases: [string, () => unknown, string, string][] = [
    ["an unknown option", () => penetrationFunnel(t, { bye: "team" } as never), "boundary.unknownOption", "bye"],
    ["a step answer that is not yes/no", () => penetrationFunnel(withCell(t, "step_deepen", 4, "たぶん")), "boundary.notBinary", "たぶん"],
    ["no column for a step", () => penetrationFunnel(t.select("team", "step_know", "step_understand", "step_deepen")), "penetration.noStepColumn", "step_practice"],
    ["steps and step", () => penetrationFunnel(t, { steps: ["step_know", "step_understand"], step: "step_know" }), "penetration.stepAndSteps", "steps"],
    ["one step", () => penetrationFunnel(t, { steps: ["step_know"] }), "penetration.tooFewSteps", "2"],
    ["a step twice", () => penetrationFunnel(t, { steps: ["know", "step_know"] }), "penetration.stepTwice", "know"],
    ["a segment that is no column", () => penetrationFunnel(t, { by: ["teem"] }), "boundary.noColumn", "team"],
    ["a segment named like an output column", () => penetrationFunnel(t.rename({ team: "share" }), { by: "share" }), "penetration.byIsOutput", "share"],
    ["a step column as segment", () => penetrationFunnel(t, { by: "step_know" }), "boundary.sameColumnTwice", "step_know"],
    ["a furthest step that is no step", () => penetrationFunnel(aq.table({ s: ["know", "master"] }), { step: "s" }), "boundary.unknownSegmentValue", "master"],
    ["cumulative misspelt", () => penetrationFunnel(t, { cumulative: "stric" as never }), "boundary.badOptionEnum", "strict"],
  ];
  for (const [what, call, code, named] of cases) {
    it(what, () => {
      const e = thrown(call);
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.code).toBe(code);
      expect(e.localized.en).toContain(named);
      expect(e.localized.ja).toContain(named);
    });
  }
  it("the row of a bad answer is named", () => {
    const e = thrown(() => penetrationFunnel(withCell(t, "step_deepen", 4, "たぶん")));
    expect(e.localized.en).toMatch(/row 5\b/);
  });
  it("nobody complete is InsufficientDataError", () => {
    const blank = aq.table({ step_know: [null, 1], step_understand: [1, null], step_deepen: [0, 0], step_practice: [0, 0] });
    expect(thrown(() => penetrationFunnel(blank))).toBeInstanceOf(InsufficientDataError);
  });
});
