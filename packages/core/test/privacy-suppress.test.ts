import * as aq from "arquero";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KoeArgumentError } from "../src/errors/errors.js";
import {
  auditSuppression,
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  DEFAULT_MIN_GROUP_SIZE,
  PrivacyOptions,
  suppressMatrix,
  suppressSmallGroups,
  type MatrixSuppression,
} from "../src/privacy/index.js";
import { chooseSuppression } from "../src/privacy/suppress-engine.js";
import { matrixNetwork } from "../src/privacy/table-network.js";

/** One letter per cell: p = primary, c = complementary, . = shown. */
const pattern = (m: MatrixSuppression) => m.cells.map((row) => row.map((x) => (x.reason ?? ".")[0]).join(""));
const totals = (marks: readonly { reason: string | null }[]) => marks.map((x) => (x.reason ?? ".")[0]).join("");

describe("the minimum group size", () => {
  it("is 5 for ratings and 10 for comments, and options default to it", () => {
    expect(DEFAULT_MIN_GROUP_SIZE).toBe(5);
    expect(DEFAULT_MIN_COMMENT_GROUP_SIZE).toBe(10);
    expect(PrivacyOptions.parse({})).toEqual({ minSize: 5, showTotals: true, suppressZeros: false });
  });

  it("rejects bad options by name, including typos", () => {
    expect(() => suppressMatrix([[1]], { minSize: 2.5 })).toThrow('suppressMatrix: option "minSize" must be a whole number ≥ 1 (got 2.5)');
    expect(() => suppressMatrix([[1]], { minSize: 0 })).toThrow(KoeArgumentError);
    // @ts-expect-error: a typo must not silently fall back to the default
    expect(() => suppressSmallGroups([[1]], { minsize: 10 })).toThrow('suppressSmallGroups: unknown option "minsize"; did you mean "minSize"? (options: "minSize", "showTotals", "suppressZeros")');
  });
});

describe("suppressSmallGroups on a 1-D table with its total", () => {
  const rows = [
    { g: "young", n: 12 },
    { g: "mid", n: 3 },
    { g: "senior", n: 20 },
  ];

  it("shields a single small group with the smallest other group, since 35 − 12 − 20 would give it away", () => {
    const r = suppressSmallGroups(rows, { row: "g" });
    expect(r.rows).toEqual([
      { g: "young", n: null, suppressed: true, suppressionReason: "complementary" },
      { g: "mid", n: null, suppressed: true, suppressionReason: "primary" },
      { g: "senior", n: 20, suppressed: false, suppressionReason: null },
    ]);
    expect(r.totals).toEqual([{ margin: "grand", key: null, count: 35, suppressed: false, suppressionReason: null }]);
    expect(r.summary).toEqual({ cells: 3, primary: 1, complementary: 1, hiddenTotals: 0 });
  });

  it("adds a third group when the two hidden ones still sum to a small group", () => {
    const r = suppressSmallGroups([{ g: "a", n: 1 }, { g: "b", n: 2 }, { g: "c", n: 40 }, { g: "d", n: 30 }], { row: "g" });
    expect(r.rows.map((x) => x.suppressionReason)).toEqual(["primary", "primary", null, "complementary"]);
  });

  it("hides a total under the minimum, and then needs no partner cell", () => {
    const r = suppressSmallGroups([{ g: "a", n: 1 }, { g: "b", n: 2 }, { g: "c", n: 0 }], { row: "g" });
    expect(r.rows.map((x) => x.suppressionReason)).toEqual(["primary", "primary", null]);
    expect(r.totals[0]).toEqual({ margin: "grand", key: null, count: null, suppressed: true, suppressionReason: "primary" });
    expect(r.summary.hiddenTotals).toBe(1);
  });

  it("without a published total, hides only the small group and marks the total unpublished", () => {
    const r = suppressSmallGroups(rows, { row: "g", showTotals: false });
    expect(r.rows.map((x) => x.n)).toEqual([12, null, 20]);
    expect(r.totals[0]).toMatchObject({ count: null, suppressed: true, suppressionReason: "unpublished" });
  });

  it("hides nothing when every group is large enough, and zeros stay shown", () => {
    const r = suppressSmallGroups([{ g: "a", n: 5 }, { g: "b", n: 0 }, { g: "c", n: 9 }], { row: "g" });
    expect(r.rows.map((x) => x.n)).toEqual([5, 0, 9]);
    expect(r.summary).toEqual({ cells: 3, primary: 0, complementary: 0, hiddenTotals: 0 });
  });
});

describe("suppressSmallGroups on a matrix with row, column and grand totals", () => {
  it("gives a row with exactly one small cell a partner in its row and its column, and those partners theirs", () => {
    const counts = [
      [12, 3, 10],
      [20, 9, 14],
      [30, 25, 18],
    ];
    const m = suppressSmallGroups(counts);
    // 3 is primary; 10 (smallest in its row) and 9 (smallest in its column) shield it; 14 shields 9 and 10.
    expect(pattern(m)).toEqual([".pc", ".cc", "..."]);
    expect(totals(m.rowTotals) + totals(m.columnTotals) + totals([m.grandTotal])).toBe(".......");
    expect(m.summary).toEqual({ cells: 9, primary: 1, complementary: 3, hiddenTotals: 0 });
    expect(auditSuppression(counts, m).safe).toBe(true);
  });

  it("adds a third cell when the hidden cells of a row sum to less than the minimum", () => {
    const counts = [
      [1, 2, 30, 40],
      [20, 25, 30, 35],
    ];
    const m = suppressSmallGroups(counts);
    // 1 + 2 = 3 would be shown by 73 − 30 − 40, so the 30 is hidden too; each column then needs a partner.
    expect(pattern(m)).toEqual(["ppc.", "ccc."]);
    expect(auditSuppression(counts, m).safe).toBe(true);
  });

  it("hides totals under the minimum, and shields them among the totals", () => {
    const counts = [
      [2, 0],
      [1, 0],
      [40, 50],
    ];
    const m = suppressSmallGroups(counts);
    // Row totals 2 and 1 are small; the row totals add up to the grand total, so their sum 3 would
    // show unless the 90 is hidden too. In column 1, 2 + 1 = 3 is small, so the 40 joins them.
    expect(totals(m.rowTotals)).toBe("ppc");
    expect(pattern(m)).toEqual(["p.", "p.", "c."]);
    expect(totals(m.columnTotals)).toBe("..");
    expect(m.summary.hiddenTotals).toBe(3);
    expect(auditSuppression(counts, m).safe).toBe(true);
  });

  it("never picks a zero as a partner and shows zeros by default", () => {
    const counts = [
      [0, 3, 10],
      [0, 8, 12],
    ];
    expect(pattern(suppressSmallGroups(counts))).toEqual([".pc", ".cc"]);
  });

  it("with suppressZeros, hides zeros as small groups and still leaves nothing recoverable", () => {
    const counts = [
      [0, 3, 10],
      [0, 8, 12],
    ];
    const m = suppressSmallGroups(counts, { suppressZeros: true });
    expect(m.cells[0]![0]).toEqual({ suppressed: true, reason: "primary" });
    expect(m.cells[1]![0]).toEqual({ suppressed: true, reason: "primary" });
    expect(m.columnTotals[0]).toEqual({ suppressed: true, reason: "primary" }); // a column total of 0
    expect(auditSuppression(counts, m).safe).toBe(true);
  });

  it("with showTotals false, hides only the small cells and marks every total unpublished", () => {
    const m = suppressSmallGroups([[3, 20], [30, 40]], { showTotals: false });
    expect(pattern(m)).toEqual(["p.", ".."]);
    expect([...m.rowTotals, ...m.columnTotals, m.grandTotal].every((t) => t.suppressed && t.reason === "unpublished")).toBe(true);
    expect(m.summary.hiddenTotals).toBe(0);
  });

  it("uses minSize (e.g. 10 for comments)", () => {
    expect(pattern(suppressSmallGroups([[9, 30], [40, 50]], { minSize: 10 }))).toEqual(["pc", "cc"]);
    expect(pattern(suppressSmallGroups([[9, 30], [40, 50]]))).toEqual(["..", ".."]);
  });

  it("catches, by the exact check, what the line rules alone miss", () => {
    // Every line passes the line rules, yet the sums tie cell [2, 3] to the published numbers.
    const counts = [
      [0, 10, 0],
      [9, 2, 8],
    ];
    const net = matrixNetwork(counts);
    const lineRulesOnly = chooseSuppression(net, net.kind.map(() => false), { minSize: 5, suppressZeros: false }, false);
    const mark = (s: string | null) => ({ suppressed: s !== null, reason: s });
    const partial = {
      cells: [0, 1].map((i) => [0, 1, 2].map((j) => mark(lineRulesOnly[i * 3 + j]!))),
      rowTotals: [0, 1].map((i) => mark(lineRulesOnly[6 + i]!)),
      columnTotals: [0, 1, 2].map((j) => mark(lineRulesOnly[8 + j]!)),
      grandTotal: mark(lineRulesOnly[11]!),
    };
    expect(auditSuppression(counts, partial).findings.map((f) => f.kind)).toContain("determined");
    const full = suppressSmallGroups(counts);
    expect(pattern(full)).toEqual([".c.", "cpc"]);
    expect(auditSuppression(counts, full).safe).toBe(true);
  });

  it("rejects ragged matrices and values that are not counts", () => {
    expect(() => suppressSmallGroups([[1, 2], [3]])).toThrow("suppressSmallGroups: row 2 of the matrix has 1 cell, row 1 has 2");
    expect(() => suppressSmallGroups([[1, -2]])).toThrow("suppressSmallGroups: cell [1, 2] is -2; counts must be whole numbers ≥ 0");
    expect(() => suppressSmallGroups([[1, 2.5]])).toThrow(KoeArgumentError);
    expect(() => suppressSmallGroups([[1, Number.NaN]])).toThrow(KoeArgumentError);
  });

  it("handles an empty matrix", () => {
    const m = suppressSmallGroups([]);
    expect(m.cells).toEqual([]);
    expect(m.grandTotal).toEqual({ suppressed: false, reason: null });
  });
});

describe("suppressSmallGroups on tidy rows and arquero tables", () => {
  const counts = [
    { company: "A", generation: "young", n: 12, mean: 3.1 },
    { company: "A", generation: "mid", n: 3, mean: 4.7 },
    { company: "A", generation: "senior", n: 10, mean: 3.3 },
    { company: "B", generation: "young", n: 20, mean: 3.4 },
    { company: "B", generation: "mid", n: 9, mean: 2.9 },
    { company: "B", generation: "senior", n: 14, mean: 3.6 },
    { company: "C", generation: "young", n: 30, mean: 3.0 },
    { company: "C", generation: "mid", n: 25, mean: 3.2 },
    { company: "C", generation: "senior", n: 18, mean: 3.5 },
  ];

  it("matches the matrix result, nulls the count and every derived column where hidden, and reports the totals", () => {
    const r = suppressSmallGroups(aq.from(counts), { row: "company", column: "generation" });
    const hidden = r.rows.filter((x) => x.suppressed).map((x) => `${String(x.company)}/${String(x.generation)}:${String(x.suppressionReason)}`);
    expect(hidden).toEqual(["A/mid:primary", "A/senior:complementary", "B/mid:complementary", "B/senior:complementary"]);
    expect(r.rows.filter((x) => x.suppressed).every((x) => x.n === null && x.mean === null)).toBe(true);
    expect(r.rows[0]).toEqual({ company: "A", generation: "young", n: 12, mean: 3.1, suppressed: false, suppressionReason: null });
    // The hidden counts and means appear nowhere in the output.
    const text = JSON.stringify([r.rows, r.table.objects(), r.totals]);
    for (const secret of ['"n":3,', '"n":9,', '"n":14,', '"n":10,', "4.7", "2.9", "3.6", "3.3"]) expect(text).not.toContain(secret);
    expect(r.table.columnNames()).toEqual(["company", "generation", "n", "mean", "suppressed", "suppressionReason"]);
    expect(r.totals.map((t) => [t.margin, t.key, t.count])).toEqual([
      ["row", "A", 25],
      ["row", "B", 43],
      ["row", "C", 73],
      ["column", "young", 62],
      ["column", "mid", 37],
      ["column", "senior", 42],
      ["grand", null, 141],
    ]);
    expect(r.summary).toEqual({ cells: 9, primary: 1, complementary: 3, hiddenTotals: 0 });
  });

  it("gives the same answer for rows, an arquero table and the matrix, in any row order", () => {
    const fromRows = suppressSmallGroups(counts, { row: "company", column: "generation" });
    const fromTable = suppressSmallGroups(aq.from(counts), { row: "company", column: "generation" });
    expect(fromTable.rows).toEqual(fromRows.rows);
    const shuffled = [...counts].reverse();
    const byKey = (rows: readonly Record<string, unknown>[]) =>
      Object.fromEntries(rows.map((x) => [`${String(x.company)}/${String(x.generation)}`, x.suppressionReason]));
    // Reversed input reverses the order of keys (and so tie-breaks); here there are no ties.
    expect(byKey(suppressSmallGroups(shuffled, { row: "company", column: "generation" }).rows)).toEqual(byKey(fromRows.rows));
  });

  it("counts absent combinations as 0, and with complete adds them as rows", () => {
    const rows = [
      { g: "young", c: "A", n: 20 },
      { g: "mid", c: "A", n: 7 },
      { g: "young", c: "B", n: 9 },
    ];
    const plain = suppressSmallGroups(rows, { row: "g", column: "c" });
    expect(plain.rows).toHaveLength(3);
    expect(plain.totals.find((t) => t.margin === "row" && t.key === "mid")!.count).toBe(7);
    const complete = suppressSmallGroups(rows, { row: "g", column: "c", complete: true });
    expect(complete.rows).toHaveLength(4);
    expect(complete.rows[3]).toEqual({ g: "mid", c: "B", n: 0, suppressed: false, suppressionReason: null });
    const zerosHidden = suppressSmallGroups(rows, { row: "g", column: "c", complete: true, suppressZeros: true });
    expect(zerosHidden.rows[3]).toEqual({ g: "mid", c: "B", n: null, suppressed: true, suppressionReason: "primary" });
  });

  it("takes the count column by name", () => {
    const r = suppressSmallGroups([{ g: "a", respondents: 2 }, { g: "b", respondents: 30 }, { g: "c", respondents: 40 }], { row: "g", count: "respondents" });
    expect(r.rows.map((x) => x.respondents)).toEqual([null, null, 40]);
  });

  it("rejects unknown columns (listing the table's columns), non-counts and repeated groups", () => {
    expect(() => suppressSmallGroups(aq.from(counts), { row: "company", column: "gen" })).toThrow(
      'suppressSmallGroups: no column "gen" (option column) (columns: "company", "generation", "n", "mean")',
    );
    expect(() => suppressSmallGroups([{ g: "a", n: 2.5 }], { row: "g" })).toThrow('suppressSmallGroups: row 1, column "n": 2.5 is not a count (a whole number ≥ 0)');
    expect(() => suppressSmallGroups([{ g: "a", n: "7" }], { row: "g" })).toThrow(/"7" is not a count/);
    expect(() => suppressSmallGroups([{ g: "a", n: 2 }, { g: "a", n: 3 }], { row: "g" })).toThrow(
      "suppressSmallGroups: rows 1 and 2 are the same group (a); aggregate the counts first",
    );
    expect(() => suppressSmallGroups([{ g: "a", n: 2 }], { row: "g", column: "g" })).toThrow(/column "g" is given for two roles/);
    expect(() => suppressSmallGroups([{ g: "a", n: 2, suppressed: false }], { row: "g" })).toThrow(/already has a column "suppressed"/);
  });
});

describe("suppressSmallGroups: properties on random tables", () => {
  const matrices = fc
    .record({ r: fc.integer({ min: 1, max: 4 }), c: fc.integer({ min: 1, max: 4 }), pool: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 16, maxLength: 16 }) })
    .map(({ r, c, pool }) => Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => pool[i * 4 + j]!)));
  const options = fc.record({ minSize: fc.integer({ min: 2, max: 10 }), suppressZeros: fc.boolean() });

  it("leaves no small group visible or recoverable (the exact audit finds nothing), deterministically", () => {
    fc.assert(
      fc.property(matrices, options, (counts, opts) => {
        const m = suppressSmallGroups(counts, opts);
        const report = auditSuppression(counts, m);
        expect(report.findings).toEqual([]);
        counts.forEach((row, i) =>
          row.forEach((v, j) => {
            if ((v > 0 || opts.suppressZeros) && v < opts.minSize) expect(m.cells[i]![j]!.suppressed).toBe(true);
          }),
        );
        expect(suppressSmallGroups(counts, opts)).toEqual(m);
      }),
      { numRuns: 1500, seed: 20240601 },
    );
  });

  it("gives tidy input the same marks as the matrix", () => {
    fc.assert(
      fc.property(matrices, (counts) => {
        const rows = counts.flatMap((row, i) => row.map((n, j) => ({ r: `r${i}`, c: `c${j}`, n })));
        const tidy = suppressSmallGroups(rows, { row: "r", column: "c" });
        const m = suppressSmallGroups(counts);
        expect(tidy.rows.map((x) => x.suppressionReason)).toEqual(m.cells.flat().map((x) => x.reason));
        expect(tidy.rows.every((x) => x.suppressed === (x.n === null))).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("on 1-D tables: a hidden small group is never alone and the hidden groups sum to at least minSize", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 10 }), (ns, minSize) => {
        const r = suppressSmallGroups(ns.map((n, i) => ({ g: i, n })), { row: "g", minSize });
        const hidden = ns.filter((_, i) => r.rows[i]!.suppressed);
        ns.forEach((n, i) => {
          if (n > 0 && n < minSize) expect(r.rows[i]!.suppressed).toBe(true);
        });
        if (!r.totals[0]!.suppressed && hidden.length > 0) {
          // With the total shown, the hidden groups' sum is known exactly; it is the most any one of them could be.
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          if (hidden.some((n) => n > 0 && n < minSize)) expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(minSize);
        }
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});
