import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditSuppression, suppressSmallGroups, type SuppressionPattern } from "../src/privacy/index.js";

const mark = (hidden: boolean) => ({ suppressed: hidden, reason: hidden ? "complementary" : null });

/** A pattern from letters: "h" hidden, "." shown; totals as strings in the order rows, columns, grand. */
function hide(cells: string[], rowTotals: string, columnTotals: string, grand: "h" | "."): SuppressionPattern {
  return {
    cells: cells.map((row) => [...row].map((ch) => mark(ch === "h"))),
    rowTotals: [...rowTotals].map((ch) => mark(ch === "h")),
    columnTotals: [...columnTotals].map((ch) => mark(ch === "h")),
    grandTotal: mark(grand === "h"),
  };
}

/**
 * Brute force: every whole-number table that agrees with all published numbers (grand total
 * published, so all are bounded), and the least and greatest value of each hidden number over them.
 * Keys: "cell i,j", "row i", "column j" (0-based); "grand".
 */
function enumerate(counts: number[][], p: SuppressionPattern, low: (v: number) => number = () => 0): Map<string, [number, number]> {
  const r = counts.length;
  const c = counts[0]!.length;
  const rowSum = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: c }, (_, j) => counts.reduce((a, row) => a + row[j]!, 0));
  const grand = rowSum.reduce((a, b) => a + b, 0);
  const hiddenCells: [number, number][] = [];
  counts.forEach((row, i) => row.forEach((_, j) => p.cells[i]![j]!.suppressed && hiddenCells.push([i, j])));
  const table = counts.map((row) => row.map((v) => v));
  const out = new Map<string, [number, number]>();
  const note = (key: string, v: number) => {
    const cur = out.get(key);
    out.set(key, cur === undefined ? [v, v] : [Math.min(cur[0], v), Math.max(cur[1], v)]);
  };
  const rowNow = (i: number) => table[i]!.reduce((a, b) => a + b, 0);
  const colNow = (j: number) => table.reduce((a, row) => a + row[j]!, 0);
  for (const [i, j] of hiddenCells) table[i]![j] = 0;
  const visit = (k: number) => {
    // Prune: no published total may be exceeded by what is assigned so far.
    const total = table.flat().reduce((a, b) => a + b, 0);
    if (total > grand) return;
    for (let i = 0; i < r; i++) if (!p.rowTotals[i]!.suppressed && rowNow(i) > rowSum[i]!) return;
    for (let j = 0; j < c; j++) if (!p.columnTotals[j]!.suppressed && colNow(j) > colSum[j]!) return;
    if (k === hiddenCells.length) {
      if (total !== grand) return;
      for (let i = 0; i < r; i++) if (!p.rowTotals[i]!.suppressed && rowNow(i) !== rowSum[i]) return;
      for (let j = 0; j < c; j++) if (!p.columnTotals[j]!.suppressed && colNow(j) !== colSum[j]) return;
      for (const [i, j] of hiddenCells) note(`cell ${i},${j}`, table[i]![j]!);
      for (let i = 0; i < r; i++) if (p.rowTotals[i]!.suppressed) note(`row ${i}`, rowNow(i));
      for (let j = 0; j < c; j++) if (p.columnTotals[j]!.suppressed) note(`column ${j}`, colNow(j));
      return;
    }
    const [i, j] = hiddenCells[k]!;
    for (let v = low(counts[i]![j]!); v <= grand; v++) {
      table[i]![j] = v;
      const before = table.flat().reduce((a, b) => a + b, 0);
      if (before > grand) break;
      visit(k + 1);
    }
    table[i]![j] = 0;
  };
  visit(0);
  return out;
}

describe("auditSuppression", () => {
  it("computes exactly the intervals that brute-force enumeration finds (random tables and patterns)", () => {
    const cases = fc
      .record({
        r: fc.integer({ min: 1, max: 3 }),
        c: fc.integer({ min: 1, max: 3 }),
        pool: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 9, maxLength: 9 }),
        hiddenCells: fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 4 }),
        hiddenTotals: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      })
      .map(({ r, c, pool, hiddenCells, hiddenTotals }) => {
        const counts = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => pool[i * 3 + j]!));
        const pattern: SuppressionPattern = {
          cells: counts.map((row, i) => row.map((_, j) => mark(hiddenCells.includes(i * 3 + j)))),
          rowTotals: counts.map((_, i) => mark(hiddenTotals[i]!)),
          columnTotals: counts[0]!.map((_, j) => mark(hiddenTotals[3 + j]!)),
          grandTotal: mark(false),
        };
        return { counts, pattern };
      });
    const found = (report: ReturnType<typeof auditSuppression>) =>
      new Map(
        report.intervals.map((x) => {
          const key = x.node === "cell" ? `cell ${x.row},${x.column}` : x.node === "row_total" ? `row ${x.row}` : `column ${x.column}`;
          return [key, [x.low, x.high] as [number, number | null]];
        }),
      );
    fc.assert(
      fc.property(cases, ({ counts, pattern }) => {
        // A reader who knows only the sums; and one who also knows that the rule shows zeros, so a
        // hidden cell is ≥ 1 (the default for a pattern not made by koe's rule).
        expect(found(auditSuppression(counts, pattern, { reader: "sums" }))).toEqual(enumerate(counts, pattern));
        const zeros = auditSuppression(counts, pattern);
        expect(zeros.reader).toBe("zeros");
        expect(found(zeros)).toEqual(enumerate(counts, pattern, (v) => (v > 0 ? 1 : 0)));
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it("finds a cell that is alone in its row (determined by subtraction)", () => {
    const counts = [
      [12, 3],
      [20, 9],
    ];
    const report = auditSuppression(counts, hide([".h", ".."], "..", "..", "."));
    expect(report.safe).toBe(false);
    expect(report.findings).toEqual([
      {
        kind: "determined",
        node: "cell",
        row: 0,
        column: 1,
        value: 3,
        low: 3,
        high: 3,
        message: "cell [1, 2] (3) is determined by the published numbers: it can only be 3",
        localized: {
          en: "cell [1, 2] (3) is determined by the published numbers: it can only be 3",
          ja: "セル [1, 2]（3）は公表された数から逆算できます（3以外にありえません）",
        },
      },
    ]);
  });

  it("finds hidden cells whose sum is a small group, though neither is determined", () => {
    const counts = [
      [1, 2, 30],
      [20, 25, 30],
    ];
    // Row 1 hides 1 and 2 (sum 3); columns are shielded by 20 and 25.
    const report = auditSuppression(counts, hide(["hh.", "hh."], "..", "...", "."), { reader: "sums" });
    expect(report.findings.map((f) => [f.kind, f.row, f.column, f.low, f.high])).toEqual([
      ["narrowed_small", 0, 0, 0, 3],
      ["narrowed_small", 0, 1, 0, 3],
    ]);
    expect(report.findings[0]!.message).toBe("cell [1, 1] (1) can be narrowed to 0–3, below 5: a reader learns it is a small group");
    // Knowing that zeros are shown, the reader gets them to 1–2.
    expect(auditSuppression(counts, hide(["hh.", "hh."], "..", "...", ".")).findings.map((f) => [f.low, f.high])).toEqual([[1, 2], [1, 2]]);
  });

  it("finds a small cell pinned through a cycle although every line has two hidden cells summing to 5 or more", () => {
    // Hidden: [1,1] [1,2] [2,2] [2,3] [3,3] [3,1]. Raising [1,1] needs lowering [1,2], [2,3] and [3,1],
    // and [2,3] is only 1, so [1,1] (=1) can be at most 2.
    const counts = [
      [1, 4, 20],
      [20, 10, 1],
      [4, 20, 10],
    ];
    const report = auditSuppression(counts, hide(["hh.", ".hh", "h.h"], "...", "...", "."), { reader: "sums" });
    const byCell = new Map(report.intervals.map((x) => [`${x.row},${x.column}`, [x.low, x.high]]));
    expect(byCell.get("0,0")).toEqual([0, 2]);
    expect(byCell.get("1,2")).toEqual([0, 2]);
    expect(report.findings.map((f) => f.kind)).toEqual(["narrowed_small", "narrowed_small"]);
    expect(auditSuppression(counts, suppressSmallGroups(counts)).safe).toBe(true);
  });

  it("finds a small group that is shown, including a small total", () => {
    const counts = [
      [2, 2],
      [30, 40],
    ];
    const report = auditSuppression(counts, hide(["..", ".."], "..", "..", "."));
    expect(report.findings.map((f) => [f.kind, f.node, f.value])).toEqual([
      ["small_visible", "cell", 2],
      ["small_visible", "cell", 2],
      ["small_visible", "row_total", 4],
    ]);
  });

  it("reports unbounded values as high: null, and treats unpublished totals as hidden but never 'determined'", () => {
    const counts = [
      [3, 20],
      [30, 40],
    ];
    const report = auditSuppression(counts, suppressSmallGroups(counts, { showTotals: false }));
    expect(report.safe).toBe(true);
    expect(report.reader).toBe("rule");
    expect(report.intervals[0]).toEqual({ node: "cell", row: 0, column: 0, value: 3, sensitive: true, low: 0, high: null });
    // The same pattern is unsafe once the totals are published.
    expect(auditSuppression(counts, hide(["h.", ".."], "..", "..", ".")).findings[0]!.kind).toBe("determined");
  });

  it("uses minSize and suppressZeros from its options, else from the result", () => {
    const counts = [
      [7, 30],
      [30, 40],
    ];
    const shown = hide(["..", ".."], "..", "..", ".");
    expect(auditSuppression(counts, shown).safe).toBe(true);
    expect(auditSuppression(counts, shown, { minSize: 10 }).findings.map((f) => f.kind)).toEqual(["small_visible"]);
    expect(auditSuppression(counts, { ...shown, options: { minSize: 10 } }).safe).toBe(false);
    expect(auditSuppression([[0, 9]], hide([".."], ".", "..", "."), { suppressZeros: true }).findings.map((f) => [f.node, f.value])).toEqual([
      ["cell", 0],
      ["column_total", 0],
    ]);
  });

  it("rejects a pattern of another shape", () => {
    expect(() => auditSuppression([[1, 2]], hide(["h"], ".", ".", "."))).toThrow(
      "auditSuppression: the suppression has 1 column totals, the matrix needs 2; audit the matrix the suppression was made for",
    );
  });
});
