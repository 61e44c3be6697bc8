// A table of counts published with its totals, seen as a flow network. Every published number is an
// arc; every "these add up to that" is a vertex where inflow equals outflow. A rows × columns table
// with margins is the circulation
//
//        grand total             row total i            cell (i, j)            column total j
//   t ───────────────▶ s ───────────────────▶ Rᵢ ──────────────────▶ Cⱼ ───────────────────▶ t
//
// and a 1-D table with its total is two vertices joined by the cells one way and the total back.
// The constraint matrix of such a network is totally unimodular, so linear-programming bounds on
// a hidden arc are also its bounds over whole numbers (see ./intervals.ts).
import type { Localized } from "../errors/catalogue.js";

/** What an arc of the network stands for. */
export type NodeKind = "cell" | "row_total" | "column_total" | "grand_total";

/** A published sum: the `members` add up to `total` (one vertex of the network). */
export interface Line {
  members: readonly number[];
  total: number;
}

export interface TableNetwork {
  /** Number of vertices. */
  vertices: number;
  /** Arc k runs from `from[k]` to `to[k]` and carries `values[k]`. */
  from: readonly number[];
  to: readonly number[];
  values: readonly number[];
  kind: readonly NodeKind[];
  /** 0-based row and column of each arc (null where it does not apply). */
  row: readonly (number | null)[];
  column: readonly (number | null)[];
  /** One line per vertex, in the order rows, columns, then the lines of totals. */
  lines: readonly Line[];
  /** Arcs per vertex, for graph search. */
  incident: readonly (readonly number[])[];
}

function finish(
  vertices: number,
  arcs: { from: number; to: number; value: number; kind: NodeKind; row: number | null; column: number | null }[],
  lines: Line[],
): TableNetwork {
  const incident: number[][] = Array.from({ length: vertices }, () => []);
  arcs.forEach((a, k) => {
    incident[a.from]!.push(k);
    if (a.to !== a.from) incident[a.to]!.push(k);
  });
  return {
    vertices,
    from: arcs.map((a) => a.from),
    to: arcs.map((a) => a.to),
    values: arcs.map((a) => a.value),
    kind: arcs.map((a) => a.kind),
    row: arcs.map((a) => a.row),
    column: arcs.map((a) => a.column),
    lines,
    incident,
  };
}

/**
 * The network of a rows × columns count matrix with row totals, column totals and grand total.
 * Arcs: cell (i, j) is `i * c + j`; row total i is `r * c + i`; column total j is `r * c + r + j`;
 * the grand total is `r * c + r + c`.
 */
export function matrixNetwork(counts: readonly (readonly number[])[]): TableNetwork {
  const r = counts.length;
  const c = counts[0]?.length ?? 0;
  const s = 0;
  const R = (i: number) => 1 + i;
  const C = (j: number) => 1 + r + j;
  const t = 1 + r + c;
  const arcs: Parameters<typeof finish>[1] = [];
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) arcs.push({ from: R(i), to: C(j), value: counts[i]![j]!, kind: "cell", row: i, column: j });
  const rowSums = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: c }, (_, j) => counts.reduce((a, row) => a + row[j]!, 0));
  for (let i = 0; i < r; i++) arcs.push({ from: s, to: R(i), value: rowSums[i]!, kind: "row_total", row: i, column: null });
  for (let j = 0; j < c; j++) arcs.push({ from: C(j), to: t, value: colSums[j]!, kind: "column_total", row: null, column: j });
  arcs.push({ from: t, to: s, value: rowSums.reduce((a, b) => a + b, 0), kind: "grand_total", row: null, column: null });
  const cell = (i: number, j: number) => i * c + j;
  const lines: Line[] = [];
  for (let i = 0; i < r; i++) lines.push({ members: Array.from({ length: c }, (_, j) => cell(i, j)), total: r * c + i });
  for (let j = 0; j < c; j++) lines.push({ members: Array.from({ length: r }, (_, i) => cell(i, j)), total: r * c + r + j });
  lines.push({ members: Array.from({ length: r }, (_, i) => r * c + i), total: r * c + r + c });
  lines.push({ members: Array.from({ length: c }, (_, j) => r * c + r + j), total: r * c + r + c });
  return finish(2 + r + c, arcs, lines);
}

/** The network of a 1-D table: cells 0…n−1 and their total (arc n). */
export function vectorNetwork(counts: readonly number[]): TableNetwork {
  const arcs: Parameters<typeof finish>[1] = counts.map((value, i) => ({ from: 0, to: 1, value, kind: "cell" as const, row: i, column: null }));
  arcs.push({ from: 1, to: 0, value: counts.reduce((a, b) => a + b, 0), kind: "grand_total", row: null, column: null });
  return finish(2, arcs, [{ members: counts.map((_, i) => i), total: counts.length }]);
}

/** "cell [2, 3]", "row total 2", "column total 3", "grand total" (セル [2, 3], 2行目の合計…) — 1-based, for messages. */
export function nodeName(net: TableNetwork, k: number): Localized {
  const row = net.row[k];
  const column = net.column[k];
  switch (net.kind[k]) {
    case "cell":
      return column === null || column === undefined ? { en: `cell ${row! + 1}`, ja: `セル ${row! + 1}` } : { en: `cell [${row! + 1}, ${column + 1}]`, ja: `セル [${row! + 1}, ${column + 1}]` };
    case "row_total":
      return { en: `row total ${row! + 1}`, ja: `${row! + 1}行目の合計` };
    case "column_total":
      return { en: `column total ${column! + 1}`, ja: `${column! + 1}列目の合計` };
    default:
      return { en: "grand total", ja: "総計" };
  }
}
