import type { HeatmapCell } from "@koe/charts";

/**
 * Generation × company counts after suppression, arriving in no useful order (senior first) so
 * that tests can tell natural order from input order and from alphabetical order. The hidden
 * counts (2 and 4) appear nowhere else, so a leak would be visible.
 */
export const cells: readonly HeatmapCell[] = Object.freeze([
  { row: "senior", column: "C01", n: 14, suppressed: false },
  { row: "young", column: "C01", n: 31, suppressed: false },
  { row: "mid", column: "C01", n: null, suppressed: true },
  { row: "young", column: "C02", n: 8, suppressed: false },
  { row: "mid", column: "C02", n: 22, suppressed: false },
  { row: "senior", column: "C02", n: null, suppressed: true },
  { row: "young", column: "C03", n: 0, suppressed: false },
  { row: "mid", column: "C03", n: 17, suppressed: false },
  { row: "senior", column: "C03", n: 26, suppressed: false },
].map((c) => Object.freeze(c)));

/** The same table as a careless caller might pass it: suppressed, but the counts left in. */
export const leakyCells: readonly HeatmapCell[] = cells.map((c) =>
  c.suppressed ? { ...c, n: c.row === "mid" ? 2 : 4 } : c,
);
export const hiddenCounts = ["2", "4"];

export const labels = { young: "若手", mid: "中堅", senior: "シニア", C01: "A社", C02: "B社", C03: "C社" };
export const generationOrder = ["young", "mid", "senior"];
