// The initiative study on the report contract: which initiatives worked, for whom, at which step,
// what became of them, and what changed between two waves — as named tidy tables, findings and
// warnings as notes, and provenance, published through the report's edge with companies as groups.
import { z } from "zod";
import { requireTable } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from "../../stats/p-adjust.js";
import type { Localized } from "../../errors/catalogue.js";
import { KoeError } from "../../errors/errors.js";
import { initiativeMessages as m } from "../../errors/initiative-messages.js";
import { knownField } from "../../model/known-fields.js";
import type { Table } from "../../model/table.js";
import { groupKey, suppressTogether, type CountTable } from "../../privacy/suppress-together.js";
import { publishReport, type DraftReport, type DraftTable, type GroupRef, type Note, type StudyReport } from "../report.js";
import { readReportRatings, type ReportRatings } from "./report-input.js";
import { catalogueOf, onGrid, outcomesOf, waveChangesOf, type Published } from "./report-rows.js";
import { CatalogueOption, compact, MissingOption } from "./ratings-input.js";
import { _matrix, notesOf, RANK_BY, type MatrixCell } from "./top-initiatives.js";

export const InitiativeReportOptions = z.object({
  /** Segment down the matrix (default generation; 若手/中堅/シニア and other labels resolve to ids). */
  row: z.string().default("generation"),
  /** Segment across (default the penetration step; 知る/理解を深める/… resolve to ids). */
  column: z.string().default("step"),
  /** Initiative column, resolved through `catalogue` (Japanese names too). Default "initiative". */
  initiative: z.string().default("initiative"),
  /** Yes/no column: the company rated the initiative effective (はい/いいえ, 1/0, …); must say yes exactly when the outcome is practised_effective. Default "effective". */
  effective: z.string().default("effective"),
  /** Outcome column: not_practised / practised_no_effect / practised_effective, or their labels (実践しなかった …). Default "outcome". */
  outcome: z.string().default("outcome"),
  /** Column of coded reasons (default "reason_code" when the table has it; none otherwise). */
  reason: z.string().optional(),
  /** Company column (text or numbers): companies are the groups whose size is protected. Default "company". */
  company: z.string().default("company"),
  /** The wave of the matrix and the outcomes; with several waves and none chosen, the first is used and a warning says so (never pooled). */
  wave: z.number().int().optional(),
  /** The wave column (default: the column named wave, 調査回, 回, 時点 or 調査時点, if any). */
  waveColumn: z.string().optional(),
  /** The two waves `waveChanges` compares, first then second (default the first two present; no such table with one wave). */
  waves: z.array(z.number().int()).length(2).optional(),
  /** Adjustment of the waveChanges p-values across initiatives (one family, as R's p.adjust). Default "BH". */
  adjust: z.enum(P_ADJUST_METHODS).default("BH"),
  /** How many initiatives per cell (ties at the k-th place are all listed). Default 3. */
  k: z.number().int().min(1).default(3),
  /** Rank by the number of companies rating it effective (default "count"), by the effect rate among those that practised it ("share"), or by that rate shrunken by an empirical-Bayes beta-binomial prior ("shrunken"); see topInitiatives. */
  rankBy: z.enum(RANK_BY).default("count"),
  /** What `outcomes` breaks each initiative down by: "none" (default: one row per initiative), the matrix's "row" or its "column" segment. */
  outcomesBy: z.enum(["none", "row", "column"]).default("none"),
  /** The smallest number of companies a published figure may rest on. Default 5. */
  minGroupSize: z.number().int().min(1).default(5),
  /** Bootstrap resamples of companies for each listed initiative's stability (0: none). Default 1000. */
  resamples: z.number().int().min(0).default(1000),
  /** Seed of the stability bootstrap. Default 1. */
  seed: z.union([z.number(), z.string()]).default(1),
  /** Confidence level of the Wilson intervals. Default 0.95. */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** A gap: the share of a cell's rating companies that tried the initiative is below this. Default 0.1. */
  below: z.number().min(0).max(1).default(0.1),
  /** …while at least this share tried it in some other cell. Default 0.3. */
  elsewhere: z.number().min(0).max(1).default(0.3),
  /** The initiative vocabulary (default koe's catalogue; extend it with extendInitiativeCatalogue). */
  catalogue: CatalogueOption.optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: MissingOption.optional(),
});
export type InitiativeReportOptions = z.input<typeof InitiativeReportOptions>;
type Options = z.output<typeof InitiativeReportOptions>;

const OUTCOME_KEYS = ["notPractised", "practisedNoEffect", "practisedEffective"] as const;

/**
 * The initiative study as a report (the contract of every study): which initiatives worked for
 * whom at which step, what became of each, and what changed between two waves — with companies as
 * the groups whose size is protected. Tables (columns documented in the glossary):
 * - `matrix` (row × column × rank): the top `k` initiatives of each cell, among those at least
 *   `minGroupSize` companies found effective: `initiative`, `companies` (found it effective),
 *   `rated` (companies that rated it), `share` (effect rate among the companies that practised it),
 *   `ciLow`, `ciHigh` (Wilson over companies, or company-bootstrap percentiles with `resamples`),
 *   `tied`, `stability` (bootstrap inclusion frequency: the share of company resamples in which it
 *   stays in the top k — not the probability that it truly belongs there).
 * - `outcomes` (initiative × segment): the three outcomes' counts and shares, adoption and effect
 *   rates with intervals clustered by company, the top reason behind each outcome.
 * - `broad`: initiatives listed in every row, column or cell; `gaps`: cells where an initiative tried
 *   widely elsewhere is rarely tried; `waveChanges` (with two waves): moves between outcomes per
 *   initiative with McNemar's exact tests of practising and of the effective indicator, and the
 *   p-values adjusted across initiatives (`adjust`, Benjamini–Hochberg by default).
 * Warnings say what population the intervals describe (the companies are the whole consortium) and
 * that winners picked from many cells are inflated.
 *
 * **The companies rule.** Every figure rests on companies, and a group of 1 to `minGroupSize` − 1
 * companies is shown neither directly nor by subtraction, here or across tables. A cell rated by too
 * few companies is hidden with complementary cells (count table `ratingCompanies`, rows × columns
 * with totals) and shows nothing. An initiative is listed only when at least `minGroupSize`
 * companies found it effective; `rated`, `share` (the effect rate: effective / practised) and the
 * interval are shown only when at least `minGroupSize` companies practised it without effect and at
 * least `minGroupSize` did not practise it — otherwise the figures would count the few companies it
 * failed or that left it aside, and showing 0 exactly would tell blanks apart, so a blank says
 * "fewer, possibly none". An `outcomes` row is blank when any group behind it (its companies, each
 * outcome's, or the companies behind what it adds to the matrix: ratings of cells whose figures the
 * matrix does not show) numbers 1 to `minGroupSize` − 1; a `waveChanges` row when any of the nine
 * moves between outcomes or the ratings present in one wave only do. Reasons are named only when
 * at least `minGroupSize` companies gave them, never with counts; gaps carry no counts. Rows come
 * in the natural order of their dimensions, never by size or first appearance.
 * @example
 * const report = initiativeReport(ratings, { wave: 1, resamples: 0 });
 * Object.keys(report.tables) // => ["matrix", "outcomes", "broad", "gaps", "waveChanges"]
 * report.tables.matrix.rows[0]
 * // => { row: "young", column: "know", rank: 1, initiative: "career_training", companies: 22, rated: null, share: null, ciLow: null, ciHigh: null, tied: false, stability: null, suppressed: false }
 * renderNote(report.findings[0], "en") // => "Career 1on1 is among the top initiatives in 12 of the 12 cells, in every cell"
 * initiativeReport(ratings, { minGroupsize: 3 }) // throws: unknown option "minGroupsize"; did you mean "minGroupSize"?
 * @throws {KoeArgumentError} for an unknown option, a column that is not there, a value its role
 *   cannot take, two different outcomes for one rating, or `effective` disagreeing with the outcome
 * @throws {InsufficientDataError} when no row of the waves used is complete
 */
export function initiativeReport(table: Table, options: InitiativeReportOptions = {}): StudyReport {
  const fn = "initiativeReport";
  requireTable(fn, table);
  const o = parseOptions(fn, InitiativeReportOptions, options);
  const d = readReportRatings(fn, table, o);
  const matrix = _matrix(
    { row: onGrid(d.row, d.inWave), column: onGrid(d.column, d.inWave), initiative: compact(d.initiative, d.inWave), company: compact(d.company, d.inWave), effective: d.effective, practised: Uint8Array.from(d.outcome, (k) => (k > 0 ? 1 : 0)), keep: d.inWave },
    { k: o.k, rankBy: o.rankBy, confLevel: o.confLevel, minEffective: o.minGroupSize, ...(o.resamples > 0 ? { stability: { resamples: o.resamples, seed: o.seed } } : {}) },
  );
  const ratingCompanies: CountTable = { name: "ratingCompanies", dims: ["row", "column"], rows: matrix.cells.map((c) => ({ row: c.row, column: c.column, n: c.ratingCompanies })) };
  // Which cells the edge hides decides what the other tables add to the matrix; the edge is asked
  // again with everything, and the draft rebuilt should it hide more (it does not, as the cells'
  // counts are related to no other table).
  let hidden = suppressTogether([ratingCompanies], { minGroupSize: o.minGroupSize }).get("ratingCompanies")!;
  for (let round = 0; round < 4; round++) {
    const report = publishReport(draftOf(o, d, table.numRows(), matrix, ratingCompanies, hidden));
    const now = new Set(report.tables.matrix!.rows.filter((r) => r.suppressed).map((r) => groupKey({ row: r.row, column: r.column })));
    if ([...now].every((k) => hidden.has(k))) return withPrivacyRules(adjustShownWaves(report, o.adjust), o.minGroupSize);
    hidden = new Set([...hidden, ...now]);
  }
  throw KoeError.of(m.unsettled, { fn });
}


/**
 * The wave changes' p-values adjusted as one family over the rows the edge shows: a hidden row's
 * p-value must not move a shown adjusted one (with the raw p-values beside them, a reader who knows
 * the method could read off where the hidden ones rank, and so their small counts). The findings
 * on wave changes then carry the adjusted p-values, and those no longer below 0.05 are dropped.
 */
function adjustShownWaves(report: StudyReport, adjust: PAdjustMethod): StudyReport {
  const rows = report.tables.waveChanges?.rows.filter((r) => r.suppressed !== true);
  if (!rows) return report;
  const adjusted = adjustPValues([...rows.map((r) => r.practisedPValue as number | null), ...rows.map((r) => r.effectivePValue as number | null)], adjust);
  const byInitiative = new Map<unknown, { practised: number | null; effective: number | null }>();
  rows.forEach((r, j) => {
    r.practisedPAdjusted = adjusted[j] ?? null;
    r.effectivePAdjusted = adjusted[rows.length + j] ?? null;
    byInitiative.set(r.initiative, { practised: r.practisedPAdjusted as number | null, effective: r.effectivePAdjusted as number | null });
  });
  report.findings = report.findings.flatMap((f) => {
    if (f.code !== m.waveChange.code) return [f];
    const a = byInitiative.get(f.params.initiative);
    if (!a || ![a.practised, a.effective].some((p) => p !== null && p < 0.05)) return [];
    return [{ ...f, params: { ...f.params, practisedPValue: a.practised, effectivePValue: a.effective } }];
  });
  return report;
}

/** Each table's privacy rule in words (the companies rule, finer than the edge's generic one). */
function withPrivacyRules(report: StudyReport, minGroupSize: number): StudyReport {
  const rules: Record<string, string> = {
    matrix: m.privacyMatrix.code, outcomes: m.privacyOutcomes.code, broad: m.privacyBroad.code, gaps: m.privacyGaps.code, waveChanges: m.privacyWaves.code,
  };
  for (const [name, t] of Object.entries(report.tables)) t.privacy = { code: rules[name]!, params: name === "broad" ? {} : { minGroupSize } };
  return report;
}


function draftOf(o: Options, d: ReportRatings, rowsRead: number, matrix: ReturnType<typeof _matrix>, ratingCompanies: CountTable, hidden: Set<string>): DraftReport {
  const min = o.minGroupSize;
  const catalogue = catalogueOf(o);
  const label = (id: string): Localized => ({ ja: catalogue.label(id, "ja"), en: catalogue.label(id, "en") });
  const valueLabel = (seg: ReportRatings["row"], id: string): Localized => ({ ja: seg.vocabulary?.label(id, "ja") ?? id, en: seg.vocabulary?.label(id, "en") ?? id });
  const nameOf = (column: string): Localized => {
    const meta = knownField(column.replace(/\uFEFF/g, ""))?.meta;
    return meta ? { ja: meta.ja, en: meta.en } : { ja: column, en: column };
  };
  const isHidden = (c: { row: string; column: string }) => hidden.has(groupKey({ row: c.row, column: c.column }));
  const cellRef = (row: unknown, column: unknown): GroupRef => ({ table: "ratingCompanies", key: { row, column } });

  // The matrix: what it shows per cell and listed initiative.
  const published: Published = new Map();
  const matrixRows: Record<string, unknown>[] = [];
  const shownCells: MatrixCell[] = [];
  const fewListed: MatrixCell[] = [];
  for (const cell of matrix.cells) {
    const place = { row: cell.row, column: cell.column };
    if (isHidden(cell)) {
      matrixRows.push({ ...place, rank: null, initiative: null });
      continue;
    }
    if (cell.top.length === 0) matrixRows.push({ ...place, rank: null, initiative: null });
    if (cell.ratingCompanies === 0) continue; // no ratings in this cell of the grid: nothing listed, nothing hidden
    shownCells.push(cell);
    if (cell.top.length < o.k) fewListed.push(cell);
    for (const t of cell.top) {
      // Shown with companies, rated and share (effective / practised) tell the no-effect and the
      // not-practised companies apart: both must be no small group (nor 0, which a blank would betray).
      const ratedShown = t.practised - t.companies >= min && t.rated - t.practised >= min;
      published.set(JSON.stringify([cell.row, cell.column, t.initiative]), { effective: true, rated: ratedShown });
      matrixRows.push({
        ...place, rank: t.rank, initiative: t.initiative, companies: t.companies,
        rated: ratedShown ? t.rated : null, share: ratedShown ? t.share : null, ciLow: ratedShown ? t.ciLow : null, ciHigh: ratedShown ? t.ciHigh : null,
        tied: t.tied, stability: t.stability,
      });
    }
  }

  const outcomes = outcomesOf(o, d, published, hidden);
  const waves = d.compared ? waveChangesOf(d, catalogueOf(o)) : null;

  // Gaps and broad initiatives: from the cells the matrix shows, without counts.
  const entryShare = (cell: MatrixCell, id: string) => (cell.entries.find((e) => e.initiative === id)?.rated ?? 0) / cell.ratingCompanies;
  const tried = [...new Set(shownCells.flatMap((c) => c.entries.map((e) => e.initiative)))];
  const gapRows: { row: string; column: string; initiative: string }[] = [];
  for (const id of tried) {
    if (Math.max(...shownCells.map((c) => entryShare(c, id))) < o.elsewhere) continue;
    for (const cell of shownCells) if (entryShare(cell, id) < o.below) gapRows.push({ row: cell.row, column: cell.column, initiative: id });
  }
  const rowsShown = [...new Set(shownCells.map((c) => c.row))];
  const columnsShown = [...new Set(shownCells.map((c) => c.column))];
  const broadRows = [...new Set(shownCells.flatMap((c) => c.top.map((t) => t.initiative)))]
    .map((id) => {
      const mine = shownCells.filter((c) => c.top.some((t) => t.initiative === id));
      return {
        initiative: id, cells: mine.length, of: shownCells.length,
        everyRow: rowsShown.every((r) => mine.some((c) => c.row === r)),
        everyColumn: columnsShown.every((col) => mine.some((c) => c.column === col)),
        everyCell: mine.length === shownCells.length,
      };
    })
    .filter((b) => b.everyRow || b.everyColumn);

  // Findings and warnings: notes whose wording is the catalogue's, labels from the model.
  const rowName = nameOf(d.row.column);
  const columnName = nameOf(d.column.column);
  const findings: Note[] = [];
  for (const b of [...broadRows].sort((x, y) => y.cells - x.cells || catalogue.order(x.initiative) - catalogue.order(y.initiative))) {
    findings.push({ code: m.broad.code, params: { initiative: b.initiative, initiativeLabel: label(b.initiative), cells: b.cells, of: b.of, scope: b.everyCell ? "everyCell" : b.everyRow ? "everyRow" : "everyColumn", rowName, columnName } });
  }
  const gapGroups = new Map<string, typeof gapRows>();
  for (const g of gapRows) gapGroups.set(JSON.stringify([g.initiative, g.row]), [...(gapGroups.get(JSON.stringify([g.initiative, g.row])) ?? []), g]);
  for (const gs of gapGroups.values()) {
    const { initiative, row } = gs[0]!;
    findings.push({
      code: m.gap.code,
      params: {
        initiative, initiativeLabel: label(initiative), row, rowLabel: valueLabel(d.row, row),
        columns: gs.map((g) => g.column), columnLabels: { ja: gs.map((g) => valueLabel(d.column, g.column).ja), en: gs.map((g) => valueLabel(d.column, g.column).en) },
        groups: gs.map((g) => cellRef(g.row, g.column)),
      },
    });
  }
  if (waves) {
    // Candidates by the raw p-values (an adjusted p is never below its raw one); the edge's
    // adjustment over the shown rows then keeps those that stay below 0.05 (adjustShownWaves).
    const moved = waves.rows.filter((w) => w.smallest === 0 || w.smallest >= min).filter((w) => [w.practisedPValue, w.effectivePValue].some((p) => p !== null && p < 0.05));
    for (const w of moved.sort((a, b) => b.takenUp + b.becameEffective - (a.takenUp + a.becameEffective) || catalogue.order(a.initiative) - catalogue.order(b.initiative))) {
      findings.push({
        code: m.waveChange.code,
        params: {
          initiative: w.initiative, initiativeLabel: label(w.initiative), waves: d.compared!, pairs: w.pairs, takenUp: w.takenUp, becameEffective: w.becameEffective,
          practisedPValue: w.practisedPValue, effectivePValue: w.effectivePValue, adjust: o.adjust, groups: [{ table: "waveGroups", key: { initiative: w.initiative } }],
        },
      });
    }
  }
  const warnings: Note[] = d.warnings.map((w) => ({ code: w.code, params: w.params as Record<string, unknown> }));
  // What the matrix's intervals describe (the companies are the whole consortium), the winners' inflation, what stability is.
  for (const n of notesOf(matrix.companies, o.resamples > 0 ? o.resamples : null, matrix.prior.rates, o.k)) warnings.push({ code: n.code, params: n.params });
  if (fewListed.length > 0) {
    const cellLabel = (c: MatrixCell, lang: "ja" | "en") => `${valueLabel(d.row, c.row)[lang]} × ${valueLabel(d.column, c.column)[lang]}`;
    warnings.push({ code: m.fewListed.code, params: { cells: { ja: fewListed.map((c) => cellLabel(c, "ja")), en: fewListed.map((c) => cellLabel(c, "en")) }, k: o.k, minGroupSize: min, groups: fewListed.map((c) => cellRef(c.row, c.column)) } });
  }

  const byNone = o.outcomesBy === "none";
  const outcomeRef = (r: Readonly<Record<string, unknown>>): GroupRef => ({ table: "outcomeGroups", key: byNone ? { initiative: r.initiative } : { initiative: r.initiative, segment: r.segment } });
  const tables: Record<string, DraftTable> = {
    matrix: {
      columns: ["row", "column", "rank", "initiative", "companies", "rated", "share", "ciLow", "ciHigh", "tied", "stability"],
      dims: ["row", "column", "rank"],
      rows: matrixRows,
      groups: (r) => cellRef(r.row, r.column),
    },
    outcomes: {
      columns: [
        "initiative", "segment", "n", ...OUTCOME_KEYS, "notPractisedShare", "practisedNoEffectShare", "practisedEffectiveShare",
        "adoptionRate", "adoptionLow", "adoptionHigh", "effectRate", "effectLow", "effectHigh", "topReasonNotPractised", "topReasonNoEffect", "topReasonEffective",
      ],
      dims: ["initiative", "segment"],
      rows: outcomes.rows,
      groups: outcomeRef,
    },
    broad: { columns: ["initiative", "cells", "of", "everyRow", "everyColumn", "everyCell"], dims: ["initiative"], rows: broadRows, groups: () => null },
    gaps: { columns: ["row", "column", "initiative"], dims: ["row", "column", "initiative"], rows: gapRows, groups: (r) => cellRef(r.row, r.column) },
  };
  const counts: CountTable[] = [
    ratingCompanies,
    { name: "outcomeGroups", dims: byNone ? ["initiative"] : ["initiative", "segment"], rows: outcomes.rows.map((r) => ({ initiative: r.initiative, ...(byNone ? {} : { segment: r.segment }), n: r.smallest })), totals: false },
  ];
  if (waves) {
    tables.waveChanges = {
      columns: ["initiative", "pairs", "takenUp", "dropped", "becameEffective", "lostEffect", "practisedPValue", "effectivePValue", "practisedPAdjusted", "effectivePAdjusted"],
      dims: ["initiative"],
      rows: waves.rows,
      groups: (r) => ({ table: "waveGroups", key: { initiative: r.initiative } }),
    };
    counts.push({ name: "waveGroups", dims: ["initiative"], rows: waves.rows.map((r) => ({ initiative: r.initiative, n: r.smallest })), totals: false });
  }
  return {
    study: "initiatives",
    counts,
    tables,
    findings,
    warnings,
    minGroupSize: min,
    provenance: {
      inputs: [{ name: "ratings", rows: rowsRead, rowsUsed: d.rowsUsed }],
      wave: d.wave,
      seed: o.resamples > 0 ? o.seed : null,
      options: {
        row: o.row, column: o.column, k: o.k, rankBy: o.rankBy, adjust: o.adjust, outcomesBy: o.outcomesBy, waves: d.compared, wavesPresent: d.waves, waveColumn: d.waveColumn,
        resamples: o.resamples, confLevel: o.confLevel, below: o.below, elsewhere: o.elsewhere,
      },
    },
  };
}
