import { readFileSync } from "node:fs";
import { join } from "node:path";
import { immobileProfile, InsufficientDataError, readRespondents, reportText, segmentRespondents, StudyReport, type Table } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8"));
let respondents: Table;
beforeAll(async () => {
  respondents = (await readRespondents(join(root, "data", "respondents.csv"))).table;
});

/** The immobile with imm_open and every `by` answered, counted independently with arquero. */
function independent(t: Table, by: string[]) {
  const people = t.filter(aq.escape((r: Record<string, unknown>) => r.immobile_type !== null && r.imm_open !== null && !Number.isNaN(r.imm_open) && by.every((b) => r[b] !== null)));
  const movable = people.derive({ moves: aq.escape((r: { imm_open: number }) => (r.imm_open >= 4 ? 1 : 0)) });
  return {
    people,
    segments: movable.groupby(by).rollup({ immobile: aq.op.count(), movable: aq.op.sum("moves") }).objects() as Record<string, unknown>[],
    subtypes: movable.groupby("immobile_type").rollup({ immobile: aq.op.count(), movable: aq.op.sum("moves") }).objects() as { immobile_type: string; immobile: number; movable: number }[],
  };
}

describe("immobileProfile on the bundled respondents", () => {
  it("counts the immobile, the movable and the sub-types per segment as an independent count does, and ranks by movable people", () => {
    const report = immobileProfile(respondents, { by: ["generation", "manager"] });
    expect(StudyReport.parse(report)).toEqual(report);
    const ind = independent(respondents, ["generation", "manager"]);
    const priority = report.tables.priority!.rows;
    for (const row of priority.filter((r) => !r.suppressed)) {
      const e = ind.segments.find((s) => s.generation === row.generation && s.manager === row.manager)!;
      expect([row.immobile, row.movable]).toEqual([e.immobile, e.movable]);
      expect(row.share_movable).toBeCloseTo(e.movable as number / (e.immobile as number), 12);
      expect(row.movable_low as number).toBeCloseTo((row.immobile as number) * (row.share_low as number), 9);
    }
    const shown = priority.filter((r) => !r.suppressed).sort((a, b) => (a.rank as number) - (b.rank as number));
    expect(shown.map((r) => r.rank)).toEqual(shown.map((_, k) => k + 1));
    for (let k = 1; k < shown.length; k++) expect(shown[k - 1]!.movable as number).toBeGreaterThanOrEqual(shown[k]!.movable as number);
    expect(reportText(report, "en").findings[1]).toBe(`Address first: senior × false — ${shown[0]!.movable} of its ${shown[0]!.immobile} immobile people would move given a trigger (${Math.round(100 * (shown[0]!.movable as number) / (shown[0]!.immobile as number))}%), the largest movable group.`);
    // The 17 immobile without imm_open are left out of every table, and said so.
    expect(report.provenance.inputs[0]!.rowsUsed).toBe(ind.people.numRows());
    expect(reportText(report, "en").warnings[0]).toBe(`${truth.immobileItems.meansBySubType.unaware.n + truth.immobileItems.meansBySubType.never_positive.n + truth.immobileItems.meansBySubType.gave_up.n - ind.people.numRows()} immobile respondents lack imm_open, generation or manager and are left out of every table, so that all tables describe the same people.`);
  });

  it("hides a small segment's sub-types and every figure that would give them away; shown counts are 0 or at least 5", () => {
    const report = immobileProfile(respondents, { by: ["generation", "manager"] });
    const mix = report.tables.mix!.rows;
    // Young managers in the immobile layer are few: their sub-type counts are hidden.
    expect(mix.filter((r) => r.generation === "young" && r.manager === true).every((r) => r.suppressed && r.n === null)).toBe(true);
    for (const name of ["mix", "priority", "movableBySubtype", "mixOverall"]) {
      for (const r of report.tables[name]!.rows) for (const c of ["n", "immobile", "movable"]) {
        const v = r[c];
        if (typeof v === "number") expect(v === 0 || v >= 5, `${name}.${c} = ${v}`).toBe(true);
      }
    }
    // Within a shown segment the sub-types add up to its immobile people.
    const shown = report.tables.priority!.rows.filter((r) => !r.suppressed);
    for (const p of shown) {
      const parts = mix.filter((r) => r.generation === p.generation && r.manager === p.manager);
      if (parts.every((r) => !r.suppressed)) expect(parts.reduce((s, r) => s + (r.n as number), 0)).toBe(p.immobile);
    }
  });

  it("recovers the generator's sub-type mix, and who would move follows the generator's order (unaware most, never positive least)", () => {
    const report = immobileProfile(respondents, { by: "generation" });
    const mix = report.tables.mixOverall!.rows;
    const model = truth.model.respondents.immobileMix;
    for (const r of mix) {
      expect(r.share_low as number).toBeLessThan(model[r.subtype as string]);
      expect(r.share_high as number).toBeGreaterThan(model[r.subtype as string]);
    }
    const bySub = Object.fromEntries(report.tables.movableBySubtype!.rows.map((r) => [r.subtype, r.share_movable as number]));
    const ind = independent(respondents, ["generation"]);
    for (const s of ind.subtypes) expect(bySub[s.immobile_type]).toBeCloseTo(s.movable / s.immobile, 12);
    const share = truth.immobileItems.movableShareModel;
    const order = (o: Record<string, number>) => Object.keys(o).sort((a, b) => o[b]! - o[a]!);
    expect(order(bySub)).toEqual(order(share));
    // imm_open ≥ 4 finds fewer than truly would move (the item is noisy), never more than the generator's movable plus a few stuck.
    for (const s of ind.subtypes) expect(s.movable).toBeLessThan(truth.immobileItems.movable[s.immobile_type] + 0.1 * s.immobile);
  });
});

describe("immobileProfile on segmentRespondents' sub-type", () => {
  it("profiles the rule-derived immobile_subtype: not_immobile left out, unclassified counted in a warning", () => {
    const segmented = segmentRespondents(respondents);
    const report = immobileProfile(segmented, { subtype: "immobile_subtype", by: "generation" });
    const values = segmented.array("immobile_subtype") as string[];
    const count = (v: string) => values.filter((x) => x === v).length;
    const open = segmented.array("imm_open") as number[];
    const answered = (v: string) => values.filter((x, i) => x === v && open[i] !== null && !Number.isNaN(open[i])).length;
    expect(report.tables.mixOverall!.rows.map((r) => [r.subtype, r.n])).toEqual(["unaware", "never_positive", "gave_up"].map((v) => [v, answered(v)]));
    expect(report.provenance.inputs[0]!.rowsUsed).toBe(answered("unaware") + answered("never_positive") + answered("gave_up"));
    expect(reportText(report, "en").warnings).toContain(`${count("unclassified")} respondents are "unclassified" in immobile_subtype (their answers did not settle a sub-type) and are not counted as immobile.`);
  });
});

describe("immobileProfile on hand-made tables", () => {
  const rows = (n: number, f: (k: number) => Record<string, unknown>) => Array.from({ length: n }, (_, k) => f(k));

  it("reads segmentRespondents' values (not_immobile, unclassified), Japanese labels, a custom threshold and any segment column", () => {
    const t = aq.from([
      ...rows(30, (k) => ({ sub: ["unaware", "一度前向きになったが諦めた", "最初から前向きになれない"][k % 3], open: 1 + (k % 5), 職種: k % 2 ? "技術系" : "事務系" })),
      ...rows(7, () => ({ sub: "not_immobile", open: 5, 職種: "技術系" })),
      ...rows(2, () => ({ sub: "unclassified", open: 5, 職種: "技術系" })),
      ...rows(3, () => ({ sub: null, open: 5, 職種: "技術系" })),
    ]);
    // Three movable people per job type: shown only with a minimum of 3.
    const report = immobileProfile(t, { subtype: "sub", movable: "open", by: "職種", movableThreshold: 5, minGroupSize: 3 });
    expect(report.tables.priority!.rows.map((r) => [r.職種, r.immobile, r.movable])).toEqual([["technical", 15, 3], ["clerical", 15, 3]]);
    expect(immobileProfile(t, { subtype: "sub", movable: "open", by: "職種", movableThreshold: 5 }).tables.priority!.rows.every((r) => r.suppressed && r.movable === null)).toBe(true);
    expect(report.tables.mixOverall!.rows.map((r) => [r.subtype, r.n])).toEqual([["unaware", 10], ["never_positive", 10], ["gave_up", 10]]);
    expect(reportText(report, "en").warnings[0]).toBe('2 respondents are "unclassified" in sub (their answers did not settle a sub-type) and are not counted as immobile.');
    // Two movable of the unaware (k = 9, 24): below 3, hidden with what would give them away.
    expect(report.tables.movableBySubtype!.rows.find((r) => r.subtype === "unaware")).toMatchObject({ suppressed: true, movable: null });
    expect(reportText(report, "ja").findings[0]).toBe("浮動層の定義: 「open」が5以上（きっかけがあれば考えてみてもいい、に同意）。");
  });

  it("refuses an answer outside 1–5, an unknown sub-type, a table without immobile people and unknown options", () => {
    const ok = rows(10, (k) => ({ immobile_type: "unaware", imm_open: 3, generation: k % 2 ? "若手" : "シニア", manager: 0 }));
    expect(() => immobileProfile(aq.from([...ok, { immobile_type: "unaware", imm_open: 7, generation: "若手", manager: 0 }]))).toThrow(/imm_open.*holds 7 in row 11; answers are 1–5/);
    expect(() => immobileProfile(aq.from([...ok, { immobile_type: "lazy", imm_open: 3, generation: "若手", manager: 0 }]))).toThrow(/lazy/);
    expect(() => immobileProfile(aq.from(ok.map((r) => ({ ...r, immobile_type: null }))))).toThrow(InsufficientDataError);
    expect(() => immobileProfile(aq.from(ok), { threshold: 4 } as never)).toThrow(/unknown option "threshold"/);
    expect(() => immobileProfile(aq.from(ok), { movableThreshold: 6 })).toThrow(/movableThreshold/);
  });
});
