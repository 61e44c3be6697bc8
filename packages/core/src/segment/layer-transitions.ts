// Movement between the career-ownership layers from one wave to the next: the transition matrix
// (counts and row shares), the net flow toward practice and the share who moved back, small cells
// suppressed with complementary suppression at the edge.
import { z } from "zod";
import { requireDistinct, requireTable } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { InsufficientDataError } from "../errors/errors.js";
import { segmentNotes as notes } from "../errors/segment-messages.js";
import { careerLayers } from "../model/segments.js";
import type { Table } from "../model/table.js";
import type { CountTable } from "../privacy/suppress-together.js";
import { normalQuantile } from "../stats/distributions.js";
import { type DraftTable, type GroupRef, type Note, type StudyReport } from "../studies/report.js";
import { publishSegmentReport, reportOptions, SHARE_COLUMNS, shareOf } from "./shares.js";
import { readLayer, readSegment } from "./values.js";

export const LayerTransitionsOptions = z.object({
  /** The layer at the first wave (e.g. "layer_pre", or the bundled data's true "layer"). */
  before: z.string(),
  /** The layer at the second wave (e.g. "layer_post"). */
  after: z.string(),
  /** A segment to follow separately (e.g. "generation", "company"); every table gets its column. */
  by: z.string().optional(),
  ...reportOptions,
});
export type LayerTransitionsOptions = z.input<typeof LayerTransitionsOptions>;

const LAYERS = careerLayers.ids;
const K = LAYERS.length;

/** The columns of the `movement` table (after `by`, when given). */
export const MOVEMENT_COLUMNS = ["n", "stayed", "moved_up", "moved_down", "share_up", "share_down", "net_flow", "net_flow_low", "net_flow_high", "could_move_back", "moved_back", "share_back", "share_back_low", "share_back_high"] as const;

/**
 * Net flow toward practice with its Wald interval: (up − down) / n, the difference of two shares of
 * one multinomial sample, variance ((up + down)/n − ((up − down)/n)²) / n (Agresti, Categorical Data
 * Analysis, 10.1: the same form as the difference of two matched proportions).
 */
function netFlow(up: number, down: number, n: number, confLevel: number): { estimate: number; low: number; high: number } {
  const d = (up - down) / n;
  const se = Math.sqrt(Math.max(0, (up + down) / n - d * d) / n);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  return { estimate: d, low: d - z * se, high: d + z * se };
}

/**
 * The movement between career-ownership layers from `before` to `after` (two waves of the same
 * people), as a report (`publishReport`); with `by`, every table is given per value of `by` too (a
 * row with `by` null is everyone). Only people with a layer at both waves count (blank or
 * unclassified at either, or a blank `by`, left out; a warning says how many). Tables:
 * - `transitions`: [by, before, after, n, share, share_low, share_high, row_n, suppressed] — the
 *   3 × 3 matrix, one row per cell: the count, its share of the `before` layer (row share, the
 *   transition probability) with a Wilson interval (`confLevel`, 95%), `row_n` the `before`
 *   layer's people;
 * - `margins`: [by, wave, layer, n, share, share_low, share_high, suppressed] — the layer
 *   distribution at each wave (`wave` "before" / "after") of the people counted;
 * - `movement`: [by, n, stayed, moved_up, moved_down, share_up, share_down, net_flow,
 *   net_flow_low, net_flow_high, could_move_back, moved_back, share_back, share_back_low,
 *   share_back_high, suppressed]. Layers are ordered traditional < interested < practising; moved
 *   up = a higher layer after (one or two steps), moved down = a lower one. **Net flow toward
 *   practice** = share moved up − share moved down, of everyone counted, with a Wald interval.
 *   **Moved back** (positive once, then gave up) = moved down, as a share of the people who could
 *   (`could_move_back`: interested or practising before), with a Wilson interval.
 *
 * Privacy: each matrix (everyone, and each value of `by`) is a count table with its margins as
 * totals (the layer distributions before and after, and the number of people), the per-segment
 * matrices adding up to everyone's; cells of fewer than `minGroupSize` (5) people are hidden with
 * complementary suppression over all of them at once, so no hidden cell follows from the published
 * margins or from subtracting one segment's matrix from everyone's. A hidden row keeps only its
 * labels. The movement figures are sums of cells, so a movement row is shown only when every cell
 * of its matrix is.
 * @throws {KoeArgumentError} on a bad option, a missing column, or a value that is not a layer
 * @throws {InsufficientDataError} when nobody has a layer at both waves
 * @example
 * const report = layerTransitions(respondents, { before: "layer", after: "layer_post" });
 * report.tables.transitions.rows.filter((r) => r.before === "interested").map((r) => [r.after, r.n])
 * // => [["traditional", 113], ["interested", 1801], ["practising", 342]]
 * const move = report.tables.movement.rows[0];
 * [move.moved_up, move.moved_down, move.net_flow.toFixed(4)] // => [598, 226, "0.0744"]
 */
export function layerTransitions(table: Table, options: LayerTransitionsOptions): StudyReport {
  const fn = "layerTransitions";
  requireTable(fn, table);
  const o = parseOptions(fn, LayerTransitionsOptions, options);
  const before = readLayer(fn, table, o.before, "before", o.missing);
  const after = readLayer(fn, table, o.after, "after", o.missing);
  const seg = o.by === undefined ? null : readSegment(fn, table, o.by, { option: "by", missing: o.missing, dropUnclassified: true });
  requireDistinct(fn, { before: before.column, after: after.column, by: seg?.column });
  const by = seg?.column ?? null;
  const bCode = LAYERS.map((l) => before.levels.indexOf(l));
  const aCode = LAYERS.map((l) => after.levels.indexOf(l));

  // Groups: everyone (0), then each value of `by` (1 + its code).
  const groups = seg ? [null, ...seg.levels] : [null];
  const cells = groups.map(() => new Array<number>(K * K).fill(0));
  let leftOut = 0;
  for (let i = 0; i < before.codes.length; i++) {
    const b = before.codes[i]!;
    const a = after.codes[i]!;
    const s = seg ? seg.codes[i]! : 0;
    if (b < 0 || a < 0 || s < 0) {
      leftOut++;
      continue;
    }
    const k = bCode.indexOf(b) * K + aCode.indexOf(a);
    cells[0]![k]!++;
    if (seg) cells[1 + s]![k]!++;
  }
  const total = before.codes.length - leftOut;
  if (total === 0) throw new InsufficientDataError(fn, 1, 0, [before.column, after.column, ...(by ? [by] : [])].join(", "));

  const present = groups.map((_, g) => g).filter((g) => cells[g]!.some((x) => x > 0));
  const nameOf = (g: number) => (g === 0 ? "transitions" : `transitions|${String(groups[g])}`);
  const label = (g: number) => (by ? { [by]: groups[g] ?? null } : {});
  const counts: CountTable[] = present.map((g) => ({
    name: nameOf(g),
    dims: ["before", "after"],
    rows: LAYERS.flatMap((b, i) => LAYERS.map((a, j) => ({ before: b, after: a, n: cells[g]![i * K + j]! }))),
  }));
  const relations = present.length > 1 ? [{ whole: nameOf(0), parts: present.filter((g) => g > 0).map(nameOf) }] : [];

  const transitionRows: Record<string, unknown>[] = [];
  const marginRows: Record<string, unknown>[] = [];
  const movementRows: Record<string, unknown>[] = [];
  for (const g of present) {
    const c = cells[g]!;
    const n = c.reduce((s, x) => s + x, 0);
    const rowN = LAYERS.map((_, i) => c.slice(i * K, i * K + K).reduce((s, x) => s + x, 0));
    const colN = LAYERS.map((_, j) => LAYERS.reduce((s, _b, i) => s + c[i * K + j]!, 0));
    LAYERS.forEach((b, i) => LAYERS.forEach((a, j) => transitionRows.push({ ...label(g), before: b, after: a, ...shareOf(c[i * K + j]!, rowN[i]!, o.confLevel), row_n: rowN[i] })));
    LAYERS.forEach((l, i) => {
      marginRows.push({ ...label(g), wave: "before", layer: l, ...shareOf(rowN[i]!, n, o.confLevel) });
      marginRows.push({ ...label(g), wave: "after", layer: l, ...shareOf(colN[i]!, n, o.confLevel) });
    });
    let up = 0;
    let down = 0;
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) (j > i ? (up += c[i * K + j]!) : j < i ? (down += c[i * K + j]!) : 0);
    const could = n - rowN[0]!;
    const flow = netFlow(up, down, n, o.confLevel);
    const back = shareOf(down, could, o.confLevel);
    movementRows.push({
      ...label(g), n, stayed: n - up - down, moved_up: up, moved_down: down, share_up: up / n, share_down: down / n,
      net_flow: flow.estimate, net_flow_low: flow.low, net_flow_high: flow.high,
      could_move_back: could, moved_back: down, share_back: back.share, share_back_low: back.share_low, share_back_high: back.share_high,
    });
  }

  const byDims = by ? [by] : [];
  const order = { ...(by ? { [by]: groups } : {}), before: LAYERS, after: LAYERS, layer: LAYERS, wave: ["before", "after"] };
  const tableOf = (r: Readonly<Record<string, unknown>>) => nameOf(by ? groups.indexOf(r[by] as never) : 0);
  const cellRefs = (name: string): GroupRef[] => LAYERS.flatMap((b) => LAYERS.map((a) => ({ table: name, key: { before: b, after: a } })));
  const tables: Record<string, DraftTable> = {
    transitions: {
      columns: [...byDims, "before", "after", ...SHARE_COLUMNS, "row_n"],
      rows: transitionRows,
      dims: [...byDims, "before", "after"],
      order,
      groups: (r) => [{ table: tableOf(r), key: { before: r.before, after: r.after } }, { table: tableOf(r), key: { before: r.before } }],
    },
    margins: {
      columns: [...byDims, "wave", "layer", ...SHARE_COLUMNS],
      rows: marginRows,
      dims: [...byDims, "wave", "layer"],
      order,
      groups: (r) => [{ table: tableOf(r), key: { [r.wave as string]: r.layer } }, { table: tableOf(r), key: {} }],
    },
    movement: {
      columns: [...byDims, ...MOVEMENT_COLUMNS],
      rows: movementRows,
      dims: byDims,
      order,
      groups: (r) => [...cellRefs(tableOf(r)), { table: tableOf(r), key: {} }],
    },
  };

  const warnings: Note[] = leftOut > 0 ? [{ code: notes.rowsLeftOut.code, params: { rows: leftOut, columns: [before.column, after.column, ...byDims] } }] : [];
  const all = movementRows[0]!;
  const findings: Note[] = [
    { code: notes.movementDefinition.code, params: {} },
    {
      code: notes.transitionsRead.code,
      params: {
        before: before.column, after: after.column, n: total, up: all.share_up, down: all.share_down, netFlow: all.net_flow, back: all.share_back,
        groups: cellRefs(nameOf(0)),
      },
    },
  ];
  return publishSegmentReport("layerTransitions", { counts, relations, tables, findings, warnings }, { rows: before.codes.length, rowsUsed: total }, { before: o.before, after: o.after, by: o.by ?? null, minGroupSize: o.minGroupSize, confLevel: o.confLevel });
}
