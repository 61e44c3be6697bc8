// A segment's profile: how many people each of its values holds, their share with an interval and
// their mean scale scores, overall and by company (or any column), small groups suppressed.
import { z } from "zod";
import { requireDistinct, requireTable, resolveColumn } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { numericColumn } from "../boundary/roles.js";
import { KoeArgumentError, InsufficientDataError } from "../errors/errors.js";
import { boundaryMessages as bm } from "../errors/boundary-messages.js";
import { segmentNotes as notes } from "../errors/segment-messages.js";
import { careerSurveyInstrument, itemColumn } from "../model/instrument.js";
import type { Table } from "../model/table.js";
import type { CountRelation, CountTable } from "../privacy/suppress-together.js";
import { tQuantile } from "../stats/distributions.js";
import { mean, variance } from "../stats/moments.js";
import { scoreScales } from "../prepare/score-scales.js";
import { type DraftTable, type GroupRef, type Note, type StudyReport } from "../studies/report.js";
import { publishSegmentReport, reportOptions, SHARE_COLUMNS, shareOf } from "./shares.js";
import { findColumn } from "./columns.js";
import { readSegment } from "./values.js";

export const SegmentProfileOptions = z.object({
  /** The segment to profile (e.g. "layer_pre", "immobile_subtype", "generation"); "unclassified" is a value of its own. */
  segment: z.string(),
  /** A column to profile it within (e.g. "company"); adds the table `profile`. */
  by: z.string().optional(),
  /** Score columns to average (default: the engagement and innovation scores present — scored from their items when only the items are). */
  scores: z.array(z.string()).optional(),
  ...reportOptions,
});
export type SegmentProfileOptions = z.input<typeof SegmentProfileOptions>;

/** The score columns looked for when `scores` is not given. */
const DEFAULT_SCORES = ["engagement_pre", "engagement_post", "innovation_pre", "innovation_post", "engagement", "innovation"];

const has = (table: Table, name: string) => findColumn("segmentProfile", table, name) !== null;

/** The table to read scores from and the score columns: those given, else the default scores present, else the survey's scores computed from its items. */
function scoresOf(table: Table, given: readonly string[] | undefined): { table: Table; scores: string[] } {
  if (given) return { table, scores: given.map((s) => resolveColumn("segmentProfile", table, s, "scores")) };
  const present = DEFAULT_SCORES.filter((s) => has(table, s));
  if (present.length > 0) return { table, scores: present.map((s) => resolveColumn("segmentProfile", table, s)) };
  const first = careerSurveyInstrument.items[0]!.id;
  if (!careerSurveyInstrument.waves.some((w) => has(table, itemColumn(first, w.id)))) return { table, scores: [] };
  const scored = scoreScales(table, careerSurveyInstrument, { reliability: false });
  return { table: scored.table, scores: scored.scores.map((s) => s.column) };
}

/** Mean and t interval of the values of `rows` in `x` (NaN = no score); nulls when fewer than `min` have a score. */
function meanOf(x: ArrayLike<number>, rows: readonly number[], min: number, confLevel: number): { mean: number | null; mean_low: number | null; mean_high: number | null } {
  const v: number[] = [];
  for (const i of rows) if (x[i] === x[i]) v.push(x[i]!);
  if (v.length < Math.max(2, min)) return { mean: null, mean_low: null, mean_high: null };
  const m = mean(v);
  const half = tQuantile(1 - (1 - confLevel) / 2, v.length - 1) * Math.sqrt(variance(v, m) / v.length);
  return { mean: m, mean_low: m - half, mean_high: m + half };
}

/**
 * A segment's profile, as a report (`publishReport`):
 * - `sizes`: [segment, n, share, share_low, share_high, suppressed] — people per value of the
 *   segment ("unclassified" included, in its place after the others; blanks left out with a warning),
 *   their share of everyone counted with a Wilson interval (`confLevel`, 95%);
 * - `profile` (with `by`): [by, segment, n, share, share_low, share_high, group_n, suppressed] —
 *   the same within each value of `by` (shares of its `group_n` people);
 * - `means`: [by (with `by`), segment, score, n, mean, mean_low, mean_high, suppressed] — `n` the
 *   group's size (as published in `sizes` / `profile`), then the mean of
 *   each score over the group's people who have it, with a t interval; blank when fewer than
 *   `minGroupSize` of them do. Scores: `scores`, else the engagement and innovation scores in the
 *   table (`engagement_pre` …), else those scored from the survey's items (scoreScales with
 *   careerSurveyInstrument); none, and a warning, when the table has neither.
 *
 * Privacy: groups of fewer than `minGroupSize` (5) are hidden together with whatever would give
 * them away (`sizes` is the margin of `profile`; totals are shown), with complementary
 * suppression; a hidden group's means are hidden with it.
 * @throws {KoeArgumentError} on a bad option or a missing column
 * @throws {InsufficientDataError} when no row has a segment (and a `by`)
 * @example
 * const report = segmentProfile(respondents, { segment: "layer", by: "generation" });
 * report.tables.sizes.rows.map((r) => [r.layer, r.n]) // => [["traditional", 1731], ["interested", 2256], ["practising", 1013]]
 * report.tables.means.rows.filter((r) => r.generation === "young" && r.score === "engagement_pre").map((r) => [r.layer, r.mean.toFixed(2)])
 * // => [["traditional", "2.34"], ["interested", "3.15"], ["practising", "3.96"]]
 */
export function segmentProfile(table: Table, options: SegmentProfileOptions): StudyReport {
  const fn = "segmentProfile";
  requireTable(fn, table);
  const o = parseOptions(fn, SegmentProfileOptions, options);
  const seg = readSegment(fn, table, o.segment, { option: "segment", missing: o.missing, dropUnclassified: false });
  const by = o.by === undefined ? null : readSegment(fn, table, o.by, { option: "by", missing: o.missing, dropUnclassified: false });
  requireDistinct(fn, { segment: seg.column, by: by?.column });
  const { table: scored, scores } = scoresOf(table, o.scores);
  const S = seg.column;
  const B = by?.column ?? null;
  const twice = scores.find((c) => c === S || c === B);
  if (twice !== undefined) throw KoeArgumentError.of(bm.sameColumnTwice, { fn, column: twice, roles: ["scores", twice === S ? "segment" : "by"] });
  const groups = by ? by.levels : [null];
  const k = seg.levels.length;
  const members: number[][] = Array.from({ length: groups.length * k }, () => []);
  let leftOut = 0;
  for (let i = 0; i < seg.codes.length; i++) {
    const s = seg.codes[i]!;
    const g = by ? by.codes[i]! : 0;
    if (s < 0 || g < 0) leftOut++;
    else members[g * k + s]!.push(i);
  }
  const total = seg.codes.length - leftOut;
  if (total === 0) throw new InsufficientDataError(fn, 1, 0, [S, ...(B ? [B] : [])].join(", "));

  const size = (g: number, s: number) => members[g * k + s]!.length;
  const bySeg = seg.levels.map((_, s) => groups.reduce<number>((sum, _g, g) => sum + size(g, s), 0));
  const sizeRows: Record<string, unknown>[] = seg.levels.map((v, s) => ({ [S]: v, ...shareOf(bySeg[s]!, total, o.confLevel) }));
  const counts: CountTable[] = [{ name: "sizes", dims: [S], rows: sizeRows.map((r) => ({ [S]: r[S], n: r.n })) }];
  const relations: CountRelation[] = [];
  const order = { [S]: seg.levels, ...(B ? { [B]: groups } : {}), score: scores };
  const tables: Record<string, DraftTable> = {
    sizes: { columns: [S, ...SHARE_COLUMNS], rows: sizeRows, dims: [S], order, groups: (r) => [{ table: "sizes", key: { [S]: r[S] } }, { table: "sizes", key: {} }] },
  };
  const presentGroups = groups.map((_, g) => g).filter((g) => seg.levels.some((_, s) => size(g, s) > 0));
  if (B) {
    const profileRows: Record<string, unknown>[] = presentGroups.flatMap((g) => {
      const of = seg.levels.reduce<number>((sum, _v, s) => sum + size(g, s), 0);
      return seg.levels.map((v, s) => ({ [B]: groups[g], [S]: v, ...shareOf(size(g, s), of, o.confLevel), group_n: of }));
    });
    counts.push({ name: "profile", dims: [B, S], rows: profileRows.map((r) => ({ [B]: r[B], [S]: r[S], n: r.n })) });
    relations.push({ whole: "sizes", parts: ["profile"] });
    tables.profile = {
      columns: [B, S, ...SHARE_COLUMNS, "group_n"],
      rows: profileRows,
      dims: [B, S],
      order,
      groups: (r) => [{ table: "profile", key: { [B]: r[B], [S]: r[S] } }, { table: "profile", key: { [B]: r[B] } }],
    };
  }

  const values = scores.map((c) => numericColumn(fn, scored, c, { option: "scores", ...(o.missing ? { missing: o.missing } : {}) }).values);
  let fewScores = false;
  const meanRows = (B ? presentGroups : [0]).flatMap((g) =>
    seg.levels.flatMap((v, s) => {
      const rows = B ? members[g * k + s]! : groups.map((_, h) => members[h * k + s]!).flat();
      return rows.length === 0 ? [] : scores.map((score, j) => {
        const m = meanOf(values[j]!, rows, o.minGroupSize, o.confLevel);
        fewScores ||= m.mean === null && rows.length >= o.minGroupSize;
        return { ...(B ? { [B]: groups[g] } : {}), [S]: v, score, n: rows.length, ...m };
      });
    }),
  );
  tables.means = {
    columns: [...(B ? [B] : []), S, "score", "n", "mean", "mean_low", "mean_high"],
    rows: meanRows,
    dims: [...(B ? [B] : []), S, "score"],
    order,
    groups: (r): GroupRef => (B ? { table: "profile", key: { [B]: r[B], [S]: r[S] } } : { table: "sizes", key: { [S]: r[S] } }),
  };

  const warnings: Note[] = [];
  if (leftOut > 0) warnings.push({ code: notes.rowsLeftOut.code, params: { rows: leftOut, columns: [S, ...(B ? [B] : [])] } });
  if (scores.length === 0) warnings.push({ code: notes.noScores.code, params: {} });
  else if (fewScores) warnings.push({ code: notes.fewScores.code, params: { minGroupSize: o.minGroupSize } });
  return publishSegmentReport("segmentProfile", { counts, relations, tables, findings: [], warnings }, { rows: seg.codes.length, rowsUsed: total }, { segment: o.segment, by: o.by ?? null, scores, minGroupSize: o.minGroupSize, confLevel: o.confLevel });
}
