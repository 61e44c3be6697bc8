// The layer and profile reports on hand-made tables: their tables and columns, what is left out and
// said, the test over the segments shown in full, and their privacy — small groups hidden with
// complementary suppression, checked by auditSuppression and by a reader's own subtraction across
// the published tables, and no hidden number anywhere in the report's JSON.
import {
  auditSuppression, InsufficientDataError, KoeArgumentError, layerDistribution, layerTransitions, renderNote, segmentProfile, type StudyReport, type Table,
} from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

type Row = Record<string, unknown>;
const LAYERS = ["traditional", "interested", "practising"];
const rows = (report: StudyReport, name: string, where: Row = {}) => (report.tables[name]!.rows as Row[]).filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
const mark = (suppressed: boolean) => ({ suppressed });

/** People by company × layer (and the layer at wave 2), from counts: `cells[company][before][after]`. */
function people(cells: Record<string, number[][]>): Table {
  const out: Row[] = [];
  for (const [company, m] of Object.entries(cells)) {
    m.forEach((row, b) => row.forEach((count, a) => {
      for (let k = 0; k < count; k++) out.push({ company, layer: LAYERS[b], layer_post: LAYERS[a], engagement_pre: 2 + b + (k % 5) * 0.1 });
    }));
  }
  return aq.from(out);
}

// Five companies of 60–90 people and one of 7, whose people are all traditional or interested at wave 1.
const CELLS: Record<string, number[][]> = {
  K1: [[20, 6, 2], [5, 25, 8], [1, 3, 20]],
  K2: [[18, 5, 1], [4, 22, 7], [2, 2, 17]],
  K3: [[15, 7, 3], [6, 20, 9], [1, 4, 15]],
  K4: [[25, 4, 1], [3, 18, 6], [0, 2, 12]],
  K5: [[22, 8, 2], [5, 30, 10], [1, 3, 25]],
  K6: [[3, 1, 0], [1, 2, 0], [0, 0, 0]],
};
const byLayer = (company: string) => CELLS[company]!.map((row) => row.reduce((a, b) => a + b, 0));

/** Every number in the report, anywhere (tables, notes, provenance). */
function numbers(report: StudyReport): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "number") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(JSON.parse(JSON.stringify(report)));
  return out;
}

describe("layerDistribution", () => {
  const table = people(CELLS);
  const report = layerDistribution(table, { layer: "layer", by: "company" });

  it("has the documented tables and columns, rows in natural order", () => {
    expect(report.study).toBe("layerDistribution");
    expect(report.tables.overall!.columns).toEqual(["layer", "n", "share", "share_low", "share_high", "suppressed"]);
    expect(report.tables.distribution!.columns).toEqual(["company", "layer", "n", "share", "share_low", "share_high", "segment_n", "residual", "suppressed"]);
    expect(report.tables.test!.columns).toEqual(["method", "statistic", "df", "p_value", "cramers_v", "n", "segments"]);
    expect(rows(report, "distribution").map((r) => `${String(r.company)}/${String(r.layer)}`)).toEqual(["K1", "K2", "K3", "K4", "K5", "K6"].flatMap((c) => LAYERS.map((l) => `${c}/${l}`)));
  });

  it("hides the small company with complementary suppression; a reader of the published table learns nothing below 5", () => {
    const dist = rows(report, "distribution");
    const hidden = dist.filter((r) => r.suppressed);
    expect(hidden.map((r) => r.company)).toContain("K6");
    for (const r of hidden) expect([r.n, r.share, r.share_low, r.share_high, r.segment_n, r.residual]).toEqual([null, null, null, null, null, null]);
    // The audit sees the company × layer matrix with its published totals (segment_n, overall's n, the total).
    const companies = ["K1", "K2", "K3", "K4", "K5", "K6"];
    const matrix = companies.map(byLayer);
    const pattern = {
      cells: companies.map((c) => LAYERS.map((l) => mark(rows(report, "distribution", { company: c, layer: l })[0]!.suppressed as boolean))),
      rowTotals: companies.map((c) => mark(rows(report, "distribution", { company: c }).every((r) => r.segment_n === null))),
      columnTotals: LAYERS.map((l) => mark(rows(report, "overall", { layer: l })[0]!.suppressed as boolean)),
      grandTotal: mark(false),
    };
    expect(pattern.cells.flat().filter((m) => m.suppressed).length).toBeGreaterThanOrEqual(4);
    for (const reader of ["sums", "zeros", "rule"] as const) expect(auditSuppression(matrix, pattern, { reader }).findings, reader).toEqual([]);
    // What the same table gives away with nothing hidden: the 3 and the 1s of K6.
    const open = layerDistribution(table, { layer: "layer", by: "company", minGroupSize: 1 });
    expect(rows(open, "distribution", { company: "K6" }).map((r) => r.n)).toEqual([4, 3, 0]);
  });

  it("tests only the companies shown in full, so that the statistic carries no hidden count; a warning names the rest", () => {
    const shown = ["K1", "K2", "K3", "K4", "K5", "K6"].filter((c) => rows(report, "distribution", { company: c }).every((r) => !r.suppressed));
    expect(shown.length).toBeGreaterThanOrEqual(2);
    const [test] = rows(report, "test");
    expect(test!.segments).toBe(shown.length);
    expect(test!.n).toBe(shown.reduce((s, c) => s + byLayer(c).reduce((a, b) => a + b, 0), 0));
    expect(test!.df).toBe(2 * (shown.length - 1));
    // the residuals of the companies tested are shown, the others' are not
    for (const r of rows(report, "distribution")) expect(r.residual === null, String(r.company)).toBe(!shown.includes(r.company as string));
    const left = ["K1", "K2", "K3", "K4", "K5", "K6"].filter((c) => !shown.includes(c));
    expect(report.warnings).toContainEqual({ code: "segment.testLeavesOut", params: { by: "company", values: left } });
    expect(renderNote(report.findings[0]!, "en")).toMatch(/^The layers differ between values of company/);
  });

  it("no hidden count appears anywhere in the report: K6's own numbers are all distinct from what is published", () => {
    // K6 has 7 people, 4 traditional, 3 interested; with its share of the grand total these would be
    // the only appearances of 7 (and of 4/7, 3/7) in the report.
    const seen = numbers(report);
    expect(seen).not.toContain(7);
    expect(seen.filter((x) => Math.abs(x - 4 / 7) < 1e-9 || Math.abs(x - 3 / 7) < 1e-9)).toEqual([]);
  });

  it("without `by`, only the overall distribution; blank and unclassified layers left out and said", () => {
    const t = aq.table({ layer: ["traditional", "unclassified", "", "practising", ...new Array<string>(20).fill("interested")] });
    const r = layerDistribution(t, { layer: "layer" });
    expect(Object.keys(r.tables)).toEqual(["overall"]);
    expect(rows(r, "overall").map((x) => x.n)).toEqual([null, null, null]); // 1 traditional, 1 practising: hidden with their complement
    expect(r.warnings).toContainEqual({ code: "segment.rowsLeftOut", params: { rows: 2, columns: ["layer"] } });
  });

  it("errors: a value that is not a layer, a column twice, an unknown option, nothing to count", () => {
    expect(thrown(() => layerDistribution(aq.table({ layer: ["traditional", "伝統"], g: [1, 2] }), { layer: "layer", by: "g" })).localized.en).toContain('"伝統" (1 row, first at table row 2)');
    expect(thrown(() => layerDistribution(people(CELLS), { layer: "layer", by: "layer" })).localized.en).toContain('column "layer" is given for two roles');
    expect(thrown(() => layerDistribution(people(CELLS), { layer: "layer", bye: "company" } as never)).localized.en).toContain('unknown option "bye"; did you mean "by"?');
    expect(() => layerDistribution(aq.table({ layer: ["unclassified", null] }), { layer: "layer" })).toThrow(InsufficientDataError);
    expect(thrown(() => layerDistribution(aq.table({ layer: ["traditional"] }), { layer: "lyer" }))).toBeInstanceOf(KoeArgumentError);
  });
});

describe("layerTransitions", () => {
  const table = people(CELLS);
  const report = layerTransitions(table, { before: "layer", after: "layer_post", by: "company" });
  const companies = ["K1", "K2", "K3", "K4", "K5", "K6"];

  it("has the documented tables: everyone first (company null), then each company", () => {
    expect(report.tables.transitions!.columns).toEqual(["company", "before", "after", "n", "share", "share_low", "share_high", "row_n", "suppressed"]);
    expect(report.tables.margins!.columns).toEqual(["company", "wave", "layer", "n", "share", "share_low", "share_high", "suppressed"]);
    expect(report.tables.movement!.columns).toEqual([
      "company", "n", "stayed", "moved_up", "moved_down", "share_up", "share_down", "net_flow", "net_flow_low", "net_flow_high",
      "could_move_back", "moved_back", "share_back", "share_back_low", "share_back_high", "suppressed",
    ]);
    expect(rows(report, "movement").map((r) => r.company)).toEqual([null, ...companies]);
    const everyone = rows(report, "transitions", { company: null });
    const sum = (b: number, a: number) => companies.reduce((s, c) => s + CELLS[c]![b]![a]!, 0);
    expect(everyone.map((r) => r.n)).toEqual(LAYERS.flatMap((_, b) => LAYERS.map((_, a) => sum(b, a))));
  });

  it("the movement of everyone is worked out from the matrix: up, down, net flow, moved back", () => {
    const sum = (b: number, a: number) => companies.reduce((s, c) => s + CELLS[c]![b]![a]!, 0);
    const up = sum(0, 1) + sum(0, 2) + sum(1, 2);
    const down = sum(1, 0) + sum(2, 0) + sum(2, 1);
    const n = LAYERS.reduce((s, _, b) => s + LAYERS.reduce((t, _a, a) => t + sum(b, a), 0), 0);
    const could = n - LAYERS.reduce((s, _, a) => s + sum(0, a), 0);
    const [m] = rows(report, "movement", { company: null });
    expect([m!.n, m!.moved_up, m!.moved_down, m!.stayed, m!.could_move_back, m!.moved_back]).toEqual([n, up, down, n - up - down, could, down]);
    expect(m!.net_flow).toBeCloseTo((up - down) / n, 14);
    expect(m!.share_back).toBeCloseTo(down / could, 14);
    expect(report.findings.map((f) => f.code)).toEqual(["segment.movementDefinition", "segment.transitionsRead"]);
  });

  it("a reader cannot work out a hidden cell: by subtraction within a company (its margins are shown) or across companies (everyone's matrix)", () => {
    for (const c of companies) {
      const cells = rows(report, "transitions", { company: c });
      const hidden = (b: string, a: string) => cells.find((r) => r.before === b && r.after === a)!.suppressed as boolean;
      for (const l of LAYERS) {
        const inRow = LAYERS.filter((a) => hidden(l, a)).length;
        const inColumn = LAYERS.filter((b) => hidden(b, l)).length;
        expect(inRow === 1 || inColumn === 1, `${c} ${l}`).toBe(false);
      }
      // the audit of the company's own matrix with its published margins
      const margin = (wave: string, l: string) => rows(report, "margins", { company: c, wave, layer: l })[0]!.suppressed as boolean;
      const pattern = {
        cells: LAYERS.map((b) => LAYERS.map((a) => mark(hidden(b, a)))),
        rowTotals: LAYERS.map((l) => mark(margin("before", l))),
        columnTotals: LAYERS.map((l) => mark(margin("after", l))),
        grandTotal: mark(rows(report, "movement", { company: c })[0]!.suppressed as boolean && rows(report, "margins", { company: c }).every((r) => r.suppressed)),
      };
      expect(auditSuppression(CELLS[c]!, pattern, { reader: "sums" }).findings, c).toEqual([]);
    }
    for (const b of LAYERS) {
      for (const a of LAYERS) {
        const hiddenIn = companies.filter((c) => rows(report, "transitions", { company: c, before: b, after: a })[0]!.suppressed);
        expect(hiddenIn.length === 1, `${b}→${a} hidden in ${hiddenIn.join(", ")}`).toBe(false);
      }
    }
  });

  it("K6's cells are hidden, and so is every movement row that sums a hidden cell", () => {
    expect(rows(report, "transitions", { company: "K6" }).every((r) => r.suppressed && r.n === null && r.share === null)).toBe(true);
    for (const c of companies) {
      const anyHidden = rows(report, "transitions", { company: c }).some((r) => r.suppressed);
      const [m] = rows(report, "movement", { company: c });
      expect(m!.suppressed, c).toBe(anyHidden);
      if (anyHidden) expect(Object.entries(m!).filter(([k, v]) => k !== "company" && k !== "suppressed" && v !== null)).toEqual([]);
    }
  });

  it("a finding that sums a hidden cell is withheld", () => {
    const small = people({ K6: CELLS.K6!, K1: CELLS.K1! });
    const r = layerTransitions(aq.from((small.objects() as Row[]).filter((x) => x.company === "K6")), { before: "layer", after: "layer_post" });
    expect(rows(r, "transitions").every((x) => x.suppressed)).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual(["segment.movementDefinition"]);
    // K6's 7 people are 4 + 3 at both waves: neither count is published anywhere (the 7 is: not a small group).
    expect(numbers(r).filter((x) => x === 4 || x === 3)).toEqual([]);
    expect(rows(r, "margins").every((x) => x.suppressed && x.n === null)).toBe(true);
  });

  it("people blank or unclassified at either wave are left out, and said; a column given twice is an error", () => {
    const t = aq.table({ before: ["traditional", "interested", "unclassified", null], after: ["interested", "", "practising", "traditional"] });
    const r = layerTransitions(t, { before: "before", after: "after", minGroupSize: 1 });
    expect(rows(r, "movement")[0]).toMatchObject({ n: 1, moved_up: 1 });
    expect(r.warnings).toContainEqual({ code: "segment.rowsLeftOut", params: { rows: 3, columns: ["before", "after"] } });
    expect(thrown(() => layerTransitions(t, { before: "before", after: "before" })).localized.en).toContain("two roles");
    expect(() => layerTransitions(aq.table({ b: [null], a: ["traditional"] }), { before: "b", after: "a" })).toThrow(InsufficientDataError);
  });
});

describe("segmentProfile", () => {
  const table = people(CELLS);

  it("sizes, profile by company and mean scores; K6 hidden with its complement, its means too", () => {
    const report = segmentProfile(table, { segment: "layer", by: "company" });
    expect(report.tables.sizes!.columns).toEqual(["layer", "n", "share", "share_low", "share_high", "suppressed"]);
    expect(report.tables.profile!.columns).toEqual(["company", "layer", "n", "share", "share_low", "share_high", "group_n", "suppressed"]);
    expect(report.tables.means!.columns).toEqual(["company", "layer", "score", "n", "mean", "mean_low", "mean_high", "suppressed"]);
    expect(report.provenance.options.scores).toEqual(["engagement_pre"]);
    const k1 = rows(report, "profile", { company: "K1" });
    expect(k1.map((r) => [r.n, r.group_n])).toEqual([[28, 90], [38, 90], [24, 90]]);
    for (const r of rows(report, "profile", { company: "K6" })) expect([r.n, r.share, r.group_n, r.suppressed]).toEqual([null, null, null, true]);
    for (const r of rows(report, "means", { company: "K6" })) expect([r.mean, r.suppressed]).toEqual([null, true]);
    const m = rows(report, "means", { company: "K1", layer: "traditional" })[0]!;
    const x = (table.objects() as Row[]).filter((r) => r.company === "K1" && r.layer === "traditional").map((r) => r.engagement_pre as number);
    expect(m.mean).toBeCloseTo(x.reduce((a, b) => a + b, 0) / x.length, 12);
  });

  it("the unclassified value is a segment value of its own, last; a mean of fewer than 5 scores is blank, and said", () => {
    const t = aq.table({
      layer_pre: [...new Array<string>(6).fill("traditional"), ...new Array<string>(6).fill("unclassified"), ...new Array<string>(8).fill("interested")],
      score: [1, 2, 3, 4, 5, 1, null, null, null, null, null, 2, 3, 3, 3, 3, 3, 3, 3, 3],
    });
    const report = segmentProfile(t, { segment: "layer_pre", scores: ["score"] });
    expect(rows(report, "sizes").map((r) => [r.layer_pre, r.n])).toEqual([["traditional", 6], ["interested", 8], ["unclassified", 6]]);
    expect(rows(report, "means").map((r) => [r.layer_pre, r.mean])).toEqual([["traditional", 16 / 6], ["interested", 3], ["unclassified", null]]);
    expect(report.warnings).toContainEqual({ code: "segment.fewScores", params: { minGroupSize: 5 } });
  });

  it("without score columns, the engagement and innovation scores come from the survey's items; with none, a warning", () => {
    const none = segmentProfile(aq.table({ g: new Array<string>(10).fill("young") }), { segment: "g" });
    expect(none.tables.means!.rows).toEqual([]);
    expect(none.warnings).toContainEqual({ code: "segment.noScores", params: {} });
    expect(thrown(() => segmentProfile(table, { segment: "layer", scores: ["layer"] })).localized.en).toContain("two roles");
  });
});
