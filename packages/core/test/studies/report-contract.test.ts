import { describe, expect, it } from "vitest";
import { publishReport, renderNote, reportTable, StudyReport } from "@koe/core";

const draft = () => ({
  study: "demo",
  counts: [{ name: "byGeneration", dims: ["generation"], rows: [{ generation: "senior", n: 20 }, { generation: "young", n: 12 }, { generation: "mid", n: 3 }] }],
  tables: {
    scores: {
      columns: ["generation", "n", "mean"],
      dims: ["generation"],
      rows: [
        { generation: "senior", n: 20, mean: 3.1, secret: 1 },
        { generation: "young", n: 12, mean: 3.3 },
        { generation: "mid", n: 3, mean: 2.71828 },
      ],
      groups: (r: Record<string, unknown>) => ({ table: "byGeneration", key: { generation: r.generation } }),
    },
    reliability: { columns: ["scale", "alpha"], dims: ["scale"], rows: [{ scale: "engagement", alpha: 0.81 }], groups: () => null },
  },
  findings: [
    { code: "report.groupsHidden", params: { minGroupSize: 5 } },
    { code: "report.groupsHidden", params: { minGroupSize: 5, groups: [{ table: "byGeneration", key: { generation: "mid" } }] } },
  ],
  warnings: [],
  provenance: { inputs: [{ name: "t", rows: 35, rowsUsed: 35 }], wave: null, seed: null, options: {} },
});

describe("publishReport", () => {
  const report = publishReport(draft());
  it("hides every figure of a hidden group and of its complement, keeps dims, orders rows naturally, drops undeclared keys", () => {
    expect(report.tables.scores!.rows).toEqual([
      { generation: "young", n: null, mean: null, suppressed: true },
      { generation: "mid", n: null, mean: null, suppressed: true },
      // Three generations are one block of the suppression rule: the 3 hides all of them (the total 35 is what remains).
      { generation: "senior", n: null, mean: null, suppressed: true },
    ]);
    expect(report.tables.scores!.columns).toEqual(["generation", "n", "mean", "suppressed"]);
    expect(report.tables.reliability!.rows).toEqual([{ scale: "engagement", alpha: 0.81 }]);
  });
  it("withholds notes naming a hidden group and says groups were hidden", () => {
    expect(report.findings).toHaveLength(1);
    expect(report.warnings.map((w) => w.code)).toEqual(["report.groupsHidden"]);
    expect(renderNote(report.warnings[0]!, "en")).toContain("fewer than 5");
  });
  it("is plain data of the contract's shape, with nothing hidden anywhere in it", () => {
    expect(StudyReport.parse(report)).toEqual(report);
    const text = JSON.stringify(report);
    expect(text).not.toContain("2.718");
    expect(text).not.toMatch(/"n":3\b/);
    expect(text).not.toContain("secret");
    expect(reportTable(report, "scores").columnNames()).toEqual(["generation", "n", "mean", "suppressed"]);
  });
});

describe("countsReport as a user would call it", async () => {
  const aq = await import("arquero");
  const { countsReport, InsufficientDataError, KoeArgumentError } = await import("@koe/core");
  const t = aq.table({ 会社: ["A", "A", "B", "B"], 世代: ["若手", "中堅", "若手", "シニア"], 越境: ["はい", 0, 1, "いいえ"] });
  it("refuses an empty table and one column in two roles, naming them", () => {
    expect(() => countsReport(aq.table({ a: [], b: [] }), { row: "a", column: "b" })).toThrow(InsufficientDataError);
    expect(() => countsReport(t, { row: "会社", column: "世代", split: "会社" })).toThrow(KoeArgumentError);
  });
  it("reads はい/0/1/いいえ as the split and Japanese labels as ids", () => {
    const r = countsReport(t, { row: "会社", column: "世代", split: "越境" });
    expect(r.tables.all!.rows.map((x) => x["世代"])).toEqual(["young", "mid", "senior", "young", "mid", "senior"]);
  });
});
