import * as aq from "arquero";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KoeArgumentError } from "../src/errors/errors.js";
import {
  auditSuppression,
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  DEFAULT_MIN_GROUP_SIZE,
  explainSuppression,
  PrivacyOptions,
  suppressMatrix,
  suppressSmallGroups,
  type MatrixSuppression,
} from "../src/privacy/index.js";

/** One letter per cell: h = hidden, . = shown. */
const pattern = (m: MatrixSuppression) => m.cells.map((row) => row.map((x) => (x.suppressed ? "h" : ".")).join(""));
const totals = (marks: readonly { suppressed: boolean }[]) => marks.map((x) => (x.suppressed ? "h" : ".")).join("");
/** One letter per cell: p = primary, c = complementary, . = shown (the analyst's view). */
const reasons = (counts: number[][], options = {}) => explainSuppression(counts, options).cells.map((row) => row.map((x) => (x ?? ".")[0]).join(""));

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
  it("hides a small group's pair: the neighbour in natural order, whatever its size", () => {
    const r = suppressSmallGroups([{ g: "A", n: 12 }, { g: "B", n: 3 }, { g: "C", n: 20 }, { g: "D", n: 31 }], { row: "g" });
    expect(r.rows).toEqual([
      { g: "A", n: null, suppressed: true },
      { g: "B", n: null, suppressed: true },
      { g: "C", n: 20, suppressed: false },
      { g: "D", n: 31, suppressed: false },
    ]);
    expect(r.totals).toEqual([{ margin: "grand", key: null, count: 66, suppressed: false }]);
    expect(r.summary).toEqual({ cells: 4, hiddenCells: 2, hiddenTotals: 0 });
    // The partner is chosen by position, not size: a large A is hidden just the same.
    expect(suppressSmallGroups([{ g: "A", n: 900 }, { g: "B", n: 3 }, { g: "C", n: 20 }, { g: "D", n: 31 }], { row: "g" }).rows.map((x) => x.suppressed)).toEqual([true, true, false, false]);
  });

  it("keeps three groups (e.g. generations) together as one block, with the total shown", () => {
    const r = suppressSmallGroups([{ generation: "senior", n: 20 }, { generation: "young", n: 12 }, { generation: "mid", n: 3 }], { row: "generation" });
    expect(r.rows).toEqual([
      { generation: "young", n: null, suppressed: true },
      { generation: "mid", n: null, suppressed: true },
      { generation: "senior", n: null, suppressed: true },
    ]);
    expect(r.totals[0]).toEqual({ margin: "grand", key: null, count: 35, suppressed: false });
  });

  it("hides more when the hidden pair adds up to a small group (1 + 2 = 3 would show both are small)", () => {
    const r = suppressSmallGroups([{ g: "a", n: 1 }, { g: "b", n: 2 }, { g: "c", n: 40 }, { g: "d", n: 30 }], { row: "g" });
    expect(r.rows.map((x) => x.suppressed)).toEqual([true, true, true, true]);
    expect(r.totals[0]!.count).toBe(73);
    expect(explainSuppression([{ g: "a", n: 1 }, { g: "b", n: 2 }, { g: "c", n: 40 }, { g: "d", n: 30 }], { row: "g" }).rows.map((x) => x.suppressionReason)).toEqual([
      "primary",
      "primary",
      "complementary",
      "complementary",
    ]);
  });

  it("hides a total under the minimum", () => {
    const r = suppressSmallGroups([{ g: "a", n: 1 }, { g: "b", n: 2 }, { g: "c", n: 0 }], { row: "g" });
    expect(r.rows.map((x) => x.n)).toEqual([null, null, null]);
    expect(r.totals[0]).toEqual({ margin: "grand", key: null, count: null, suppressed: true });
    expect(r.summary.hiddenTotals).toBe(1);
  });

  it("without a published total, still hides the whole block (hiding only the small group would say it is small)", () => {
    const r = suppressSmallGroups([{ g: "a", n: 12 }, { g: "b", n: 3 }, { g: "c", n: 20 }, { g: "d", n: 25 }], { row: "g", showTotals: false });
    expect(r.rows.map((x) => x.n)).toEqual([null, null, 20, 25]);
    expect(r.totals[0]).toEqual({ margin: "grand", key: null, count: null, suppressed: true });
  });

  it("hides nothing when every group is large enough, and zeros stay shown", () => {
    const r = suppressSmallGroups([{ g: "a", n: 5 }, { g: "b", n: 0 }, { g: "c", n: 9 }], { row: "g" });
    expect(r.rows.map((x) => x.n)).toEqual([5, 0, 9]);
    expect(r.summary).toEqual({ cells: 3, hiddenCells: 0, hiddenTotals: 0 });
  });
});

describe("suppressSmallGroups on a matrix with row, column and grand totals", () => {
  const counts = [
    [12, 3, 10, 40],
    [20, 9, 14, 30],
    [30, 25, 18, 50],
    [22, 31, 27, 45],
  ];

  it("hides the small cell's block: its pair of rows × its pair of columns", () => {
    const m = suppressSmallGroups(counts);
    expect(pattern(m)).toEqual(["hh..", "hh..", "....", "...."]);
    expect(totals(m.rowTotals) + totals(m.columnTotals) + totals([m.grandTotal])).toBe(".........");
    expect(m.summary).toEqual({ cells: 16, hiddenCells: 4, hiddenTotals: 0 });
    expect(m.rule).toBe("blocks");
    expect(reasons(counts)).toEqual(["cp..", "cc..", "....", "...."]);
    expect(auditSuppression(counts, m).safe).toBe(true);
  });

  it("does not say which hidden cells are small: the marks carry no reason", () => {
    const m = suppressSmallGroups(counts);
    expect(JSON.stringify(m)).not.toMatch(/primary|complementary|reason/);
  });

  it("treats a dimension of three values as one block (a 3 × 3 table is one block)", () => {
    expect(pattern(suppressSmallGroups([[12, 3, 10], [20, 9, 14], [30, 25, 18]]))).toEqual(["hhh", "hhh", "hhh"]);
  });

  it("hides another block when the hidden cells of a row would add up to less than the minimum", () => {
    const m = suppressSmallGroups([
      [1, 2, 30, 40],
      [20, 25, 30, 35],
    ]);
    // 73 − 30 − 40 = 3 would show that 1 and 2 are both small, so the next block goes too.
    expect(pattern(m)).toEqual(["hhhh", "hhhh"]);
    expect(totals(m.rowTotals) + totals(m.columnTotals)).toBe("......");
  });

  it("hides small totals with their pair, and more while a reader could still narrow them", () => {
    const counts = [
      [2, 0],
      [1, 0],
      [40, 50],
      [30, 20],
    ];
    const m = suppressSmallGroups(counts);
    // Row totals 2 and 1 hide as a pair, the cells 2, 0, 1, 0 as a block; then 73 − 40 − 30 = 3 would
    // bound the hidden cells of the first column, so the other block (and its totals) hide too.
    expect(explainSuppression(counts).rowTotals).toEqual(["primary", "primary", "complementary", "complementary"]);
    expect(pattern(m)).toEqual(["hh", "hh", "hh", "hh"]);
    expect(totals(m.columnTotals) + totals([m.grandTotal])).toBe("...");
    expect(auditSuppression(counts, m).safe).toBe(true);
  });

  it("hides a table whose only group is small whole; that it is hidden then says it is small (drop such a table)", () => {
    const m = suppressSmallGroups([[3]]);
    expect([m.cells[0]![0], m.rowTotals[0], m.columnTotals[0], m.grandTotal].every((x) => x!.suppressed)).toBe(true);
    expect(auditSuppression([[3]], m).findings.map((f) => f.kind)).toContain("narrowed_small");
  });

  it("shows zeros by default, and with suppressZeros protects them like small groups", () => {
    const z = [
      [0, 30, 10, 12],
      [15, 8, 12, 20],
    ];
    expect(pattern(suppressSmallGroups(z))).toEqual(["....", "...."]);
    const m = suppressSmallGroups(z, { suppressZeros: true });
    expect(m.cells[0]![0]).toEqual({ suppressed: true });
    expect(auditSuppression(z, m).safe).toBe(true);
  });

  it("with showTotals false, hides the blocks and marks every total as not to be shown", () => {
    const m = suppressSmallGroups([[3, 20, 11, 12], [30, 40, 13, 14]], { showTotals: false });
    expect(pattern(m)).toEqual(["hh..", "hh.."]);
    expect([...m.rowTotals, ...m.columnTotals, m.grandTotal].every((t) => t.suppressed)).toBe(true);
    expect(m.summary.hiddenTotals).toBe(0);
    expect(explainSuppression([[3, 20, 11, 12], [30, 40, 13, 14]], { showTotals: false }).grandTotal).toBe("unpublished");
  });

  it("uses minSize (e.g. 10)", () => {
    expect(pattern(suppressSmallGroups([[9, 30], [40, 50]], { minSize: 10 }))).toEqual(["hh", "hh"]);
    expect(pattern(suppressSmallGroups([[9, 30], [40, 50]]))).toEqual(["..", ".."]);
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
    expect(m.grandTotal).toEqual({ suppressed: false });
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
    { company: "D", generation: "young", n: 22, mean: 3.8 },
    { company: "D", generation: "mid", n: 31, mean: 3.9 },
    { company: "D", generation: "senior", n: 27, mean: 3.7 },
  ];

  it("hides the block of companies A–B × all three generations, nulls the count and every derived column, and reports the totals", () => {
    const r = suppressSmallGroups(aq.from(counts), { row: "company", column: "generation" });
    expect(r.rows.filter((x) => x.suppressed).map((x) => `${String(x.company)}/${String(x.generation)}`)).toEqual(["A/young", "A/mid", "A/senior", "B/young", "B/mid", "B/senior"]);
    expect(r.rows.filter((x) => x.suppressed).every((x) => x.n === null && x.mean === null)).toBe(true);
    expect(r.rows[6]).toEqual({ company: "C", generation: "young", n: 30, mean: 3.0, suppressed: false });
    // The hidden counts and means appear nowhere in the output.
    const text = JSON.stringify([r.rows, r.table.objects(), r.totals, r.summary]);
    for (const secret of ['"n":3,', '"n":9,', '"n":14,', '"n":10,', '"n":12,', '"n":20,', "4.7", "2.9", "3.6", "3.3", "3.1", "3.4"]) expect(text).not.toContain(secret);
    expect(r.table.columnNames()).toEqual(["company", "generation", "n", "mean", "suppressed"]);
    expect(r.totals.map((t) => [t.margin, t.key, t.count])).toEqual([
      ["row", "A", 25],
      ["row", "B", 43],
      ["row", "C", 73],
      ["row", "D", 80],
      ["column", "young", 84],
      ["column", "mid", 68],
      ["column", "senior", 69],
      ["grand", null, 221],
    ]);
    expect(r.summary).toEqual({ cells: 12, hiddenCells: 6, hiddenTotals: 0 });
    expect(auditSuppression(counts.map((x) => x.n).reduce<number[][]>((m, n, k) => (k % 3 === 0 ? [...m, [n]] : (m[m.length - 1]!.push(n), m)), []), suppressSmallGroups([[12, 3, 10], [20, 9, 14], [30, 25, 18], [22, 31, 27]])).safe).toBe(true);
  });

  it("gives the same rows for rows, an arquero table and any input order", () => {
    const fromRows = suppressSmallGroups(counts, { row: "company", column: "generation" });
    expect(suppressSmallGroups(aq.from(counts), { row: "company", column: "generation" }).rows).toEqual(fromRows.rows);
    expect(suppressSmallGroups([...counts].reverse(), { row: "company", column: "generation" }).rows).toEqual(fromRows.rows);
  });

  it("counts absent combinations as 0 (shown), and with complete adds them as rows in their natural place", () => {
    const rows = [
      { g: "young", c: "A", n: 20 },
      { g: "mid", c: "A", n: 7 },
      { g: "young", c: "B", n: 9 },
    ];
    const plain = suppressSmallGroups(rows, { row: "g", column: "c" });
    expect(plain.rows).toHaveLength(3);
    expect(plain.totals.find((t) => t.margin === "row" && t.key === "mid")!.count).toBe(7);
    const complete = suppressSmallGroups(rows, { row: "g", column: "c", complete: true });
    expect(complete.rows.map((x) => [x.g, x.c, x.n])).toEqual([
      ["young", "A", 20],
      ["young", "B", 9],
      ["mid", "A", 7],
      ["mid", "B", 0],
    ]);
    const zerosHidden = suppressSmallGroups(rows, { row: "g", column: "c", complete: true, suppressZeros: true });
    expect(zerosHidden.rows.map((x) => x.suppressed)).toEqual([true, true, true, true]);
  });

  it("takes the count column by name", () => {
    const r = suppressSmallGroups([{ g: "a", respondents: 2 }, { g: "b", respondents: 30 }, { g: "c", respondents: 40 }, { g: "d", respondents: 45 }], { row: "g", count: "respondents" });
    expect(r.rows.map((x) => x.respondents)).toEqual([null, null, 40, 45]);
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

  it("leaves no small group visible, and the audit by a reader who knows the rule finds nothing; deterministic", () => {
    fc.assert(
      fc.property(matrices, options, (counts, opts) => {
        const m = suppressSmallGroups(counts, opts);
        const report = auditSuppression(counts, m);
        expect(report.reader).toBe("rule");
        // Only when nothing at all is left to publish can hiding itself say something (see [[3]] above).
        const nothingShown = [...m.cells.flat(), ...m.rowTotals, ...m.columnTotals, m.grandTotal].every((x) => x.suppressed);
        if (!nothingShown) expect(report.findings).toEqual([]);
        counts.forEach((row, i) =>
          row.forEach((v, j) => {
            if ((v > 0 || opts.suppressZeros) && v < opts.minSize) expect(m.cells[i]![j]!.suppressed).toBe(true);
          }),
        );
        expect(suppressSmallGroups(counts, opts)).toEqual(m);
      }),
      { numRuns: 80, seed: 20240601 },
    );
  });

  it("gives tidy input the same marks as the matrix", () => {
    fc.assert(
      fc.property(matrices, (counts) => {
        const rows = counts.flatMap((row, i) => row.map((n, j) => ({ r: `r${i}`, c: `c${j}`, n })));
        const tidy = suppressSmallGroups(rows, { row: "r", column: "c" });
        const m = suppressSmallGroups(counts);
        expect(tidy.rows.map((x) => x.suppressed)).toEqual(m.cells.flat().map((x) => x.suppressed));
        expect(tidy.rows.every((x) => x.suppressed === (x.n === null))).toBe(true);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it("on 1-D tables: a hidden small group is never alone, and the hidden groups sum to more than minSize", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 10 }), (ns, minSize) => {
        const r = suppressSmallGroups(ns.map((n, i) => ({ g: i, n })), { row: "g", minSize });
        const hidden = ns.filter((_, i) => r.rows[i]!.suppressed);
        ns.forEach((n, i) => {
          if (n > 0 && n < minSize) expect(r.rows[i]!.suppressed).toBe(true);
        });
        if (!r.totals[0]!.suppressed && hidden.length > 0) {
          // With the total shown, the hidden groups' sum is known; one of them could be minSize and another still small.
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          if (hidden.some((n) => n > 0 && n < minSize)) expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThan(minSize);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
