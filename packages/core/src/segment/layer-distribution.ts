// The career-ownership layers per segment: the share of each layer with its interval, a test of
// difference between segments with adjusted residuals, small groups suppressed at the edge.
import { z } from "zod";
import { requireDistinct, requireTable } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { InsufficientDataError } from "../errors/errors.js";
import { segmentNotes as notes } from "../errors/segment-messages.js";
import { careerLayers } from "../model/segments.js";
import type { Table } from "../model/table.js";
import { groupKey, suppressTogether, type CountTable, type CountRelation } from "../privacy/suppress-together.js";
import { chiSquareTest, cramersV } from "../stats/chi-square.js";
import { type DraftTable, type Note, type StudyReport } from "../studies/report.js";
import { publishSegmentReport, reportOptions, SHARE_COLUMNS, shareOf } from "./shares.js";
import { readLayer, readSegment } from "./values.js";

export const LayerDistributionOptions = z.object({
  /** The layer column (e.g. "layer_pre" from segmentRespondents, or "layer"): traditional / interested / practising; "unclassified" and blanks are left out. */
  layer: z.string(),
  /** The segment to compare (e.g. "generation", "company", "job_type"); without it, only the overall distribution. */
  by: z.string().optional(),
  ...reportOptions,
});
export type LayerDistributionOptions = z.input<typeof LayerDistributionOptions>;

/** The layers in order: the rows of every table. */
const LAYERS = careerLayers.ids;

/** The test table's columns. */
export const LAYER_TEST_COLUMNS = ["method", "statistic", "df", "p_value", "cramers_v", "n", "segments"] as const;

/**
 * The share of each career-ownership layer per segment, as a report (`publishReport`):
 * - `overall`: [layer, n, share, share_low, share_high, suppressed] — every person counted (a blank
 *   or unclassified layer or segment left out, a warning says how many), shares with a Wilson
 *   interval (`confLevel`, default 95%);
 * - `distribution` (with `by`): [by, layer, n, share, share_low, share_high, segment_n, residual,
 *   suppressed] — per value of `by` × layer, shares of the segment's people, and the adjusted
 *   standardised residual of the cell (R's `chisq.test(x)$stdres`; beyond ±1.96 the segment has
 *   clearly more or fewer of the layer than the others);
 * - `test` (with `by`): [method, statistic, df, p_value, cramers_v, n, segments] — Pearson's
 *   chi-square test of independence of segment and layer (as R's `chisq.test`, Yates on 2 × 2) and
 *   Cramér's V, over the segments whose counts are all shown (a test over hidden counts would let a
 *   reader work them out; a warning names the segments left out) and the layers someone in them
 *   holds; nulls when fewer than 2 segments or layers remain.
 *
 * Privacy: groups of fewer than `minGroupSize` (5) are hidden together with whatever would give
 * them away — segment × layer cells, the segments' totals and the layer totals (`overall` is the
 * margin of `distribution`) are suppressed as one structure (complementary suppression), so no
 * hidden count can be recovered by subtraction; a hidden row keeps only its segment and layer.
 * @throws {KoeArgumentError} on a bad option, a missing column, or a layer value that is not a layer
 * @throws {InsufficientDataError} when no row has both a layer and a segment
 * @example
 * const report = layerDistribution(respondents, { layer: "layer", by: "generation" });
 * report.tables.distribution.rows.filter((r) => r.generation === "senior").map((r) => [r.layer, r.n, r.share.toFixed(3)])
 * // => [["traditional", 782, "0.445"], ["interested", 615, "0.350"], ["practising", 362, "0.206"]]
 * report.tables.test.rows[0].df // => 4
 */
export function layerDistribution(table: Table, options: LayerDistributionOptions): StudyReport {
  const fn = "layerDistribution";
  requireTable(fn, table);
  const o = parseOptions(fn, LayerDistributionOptions, options);
  const layer = readLayer(fn, table, o.layer, "layer", o.missing);
  const seg = o.by === undefined ? null : readSegment(fn, table, o.by, { option: "by", missing: o.missing, dropUnclassified: true });
  requireDistinct(fn, { layer: layer.column, by: seg?.column });
  const L = layer.column;
  const levels = seg ? seg.levels : [null];
  const code = LAYERS.map((l) => layer.levels.indexOf(l));
  const cells = levels.map(() => new Array<number>(LAYERS.length).fill(0));
  let leftOut = 0;
  for (let i = 0; i < layer.codes.length; i++) {
    const c = layer.codes[i]!;
    const s = seg ? seg.codes[i]! : 0;
    if (c < 0 || s < 0) {
      leftOut++;
      continue;
    }
    cells[s]![code.indexOf(c)]!++;
  }
  const total = layer.codes.length - leftOut;
  if (total === 0) throw new InsufficientDataError(fn, 1, 0, [L, ...(seg ? [seg.column] : [])].join(", "));

  const byLayer = LAYERS.map((_, l) => cells.reduce((s, row) => s + row[l]!, 0));
  const overallRows: Record<string, unknown>[] = LAYERS.map((l, k) => ({ [L]: l, ...shareOf(byLayer[k]!, total, o.confLevel) }));
  const counts: CountTable[] = [{ name: "overall", dims: [L], rows: overallRows.map((r) => ({ [L]: r[L], n: r.n })) }];
  const relations: CountRelation[] = [];
  const tables: Record<string, DraftTable> = {
    overall: { columns: [L, ...SHARE_COLUMNS], rows: overallRows, dims: [L], order: { [L]: LAYERS }, groups: (r) => [{ table: "overall", key: { [L]: r[L] } }, { table: "overall", key: {} }] },
  };
  const warnings: Note[] = leftOut > 0 ? [{ code: notes.rowsLeftOut.code, params: { rows: leftOut, columns: [L, ...(seg ? [seg.column] : [])] } }] : [];
  const findings: Note[] = [];

  if (seg) {
    const by = seg.column;
    const present = levels.map((_, s) => s).filter((s) => cells[s]!.some((x) => x > 0));
    const distRows: Record<string, unknown>[] = present.flatMap((s) => {
      const of = cells[s]!.reduce((a, b) => a + b, 0);
      return LAYERS.map((l, k) => ({ [by]: levels[s], [L]: l, ...shareOf(cells[s]![k]!, of, o.confLevel), segment_n: of, residual: null }));
    });
    counts.push({ name: "distribution", dims: [by, L], rows: distRows.map((r) => ({ [by]: r[by], [L]: r[L], n: r.n })) });
    relations.push({ whole: "overall", parts: ["distribution"] });

    // The test runs over the segments the edge will show in full (the same rule publishReport applies).
    const hidden = suppressTogether(counts, { minGroupSize: o.minGroupSize, relations }).get("distribution")!;
    const shown = present.filter((s) => !hidden.has(groupKey({ [by]: levels[s] })) && LAYERS.every((l) => !hidden.has(groupKey({ [by]: levels[s], [L]: l }))));
    const layersIn = LAYERS.map((_, k) => k).filter((k) => shown.some((s) => cells[s]![k]! > 0));
    let test: Record<string, unknown> = { method: null, statistic: null, df: null, p_value: null, cramers_v: null, n: null, segments: shown.length };
    if (shown.length >= 2 && layersIn.length >= 2) {
      const matrix = shown.map((s) => layersIn.map((k) => cells[s]![k]!));
      const chi = chiSquareTest(matrix);
      shown.forEach((s, a) => layersIn.forEach((k, b) => (distRows[present.indexOf(s) * LAYERS.length + k]!.residual = chi.stdResiduals[a]![b]!)));
      test = { method: chi.method, statistic: chi.statistic, df: chi.df, p_value: chi.pValue, cramers_v: cramersV(matrix).estimate, n: chi.n, segments: shown.length };
      findings.push({ code: notes.layerTest.code, params: { by, statistic: chi.statistic!, df: chi.df!, pValue: chi.pValue!, segments: shown.length, n: chi.n } });
      const small = chi.expected.flat().filter((e) => e < 5);
      if (small.length > 0) warnings.push({ code: notes.smallExpected.code, params: { cells: small.length, minExpected: Math.min(...small) } });
    } else warnings.push({ code: notes.noTest.code, params: { by, segments: shown.length } });
    const left = present.filter((s) => !shown.includes(s));
    if (left.length > 0 && shown.length >= 2) warnings.push({ code: notes.testLeavesOut.code, params: { by, values: left.map((s) => levels[s]) } });

    tables.distribution = {
      columns: [by, L, ...SHARE_COLUMNS, "segment_n", "residual"],
      rows: distRows,
      dims: [by, L],
      order: { [by]: levels, [L]: LAYERS },
      groups: (r) => [{ table: "distribution", key: { [by]: r[by], [L]: r[L] } }, { table: "distribution", key: { [by]: r[by] } }],
    };
    tables.test = { columns: LAYER_TEST_COLUMNS, rows: [test], dims: [], groups: () => null };
  }

  return publishSegmentReport("layerDistribution", { counts, relations, tables, findings, warnings }, { rows: layer.codes.length, rowsUsed: total }, { layer: o.layer, by: o.by ?? null, minGroupSize: o.minGroupSize, confLevel: o.confLevel });
}
