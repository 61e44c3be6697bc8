// The cross-boundary (越境) study: did taking part raise engagement and innovation orientation,
// and how sure are we given that already-engaged people sign up? A composition of analyze/'s
// estimators that returns the report contract, suppressed at its edge.
import { z } from "zod";
import { balanceTable, type BalanceResult } from "../../analyze/balance.js";
import { columnValues } from "../../analyze/column-values.js";
import { codeColumn, codedMissing, type CodedColumn } from "../../analyze/design-matrix.js";
import { differenceInDifferences, type DidResult } from "../../analyze/did.js";
import { estimateEffect, type EffectMethod, type EffectResult } from "../../analyze/estimate-effect.js";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn, segmentColumn } from "../../boundary/roles.js";
import type { Localized, Message } from "../../errors/catalogue.js";
import { ALL_PARTICIPANTS, crossBoundaryMessages as m, type FailureReason } from "../../errors/cross-boundary-messages.js";
import { KoeArgumentError, KoeError } from "../../errors/errors.js";
import { careerSurveyInstrument, Instrument } from "../../model/instrument.js";
import { crossBoundaryKinds, crossBoundarySelections } from "../../model/segments.js";
import type { Table } from "../../model/table.js";
import { scoreScales } from "../../prepare/score-scales.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { publishReport, type DraftTable, type GroupRef, type Note, type StudyReport } from "../report.js";
import { CROSS_BOUNDARY_COLUMNS } from "./columns.js";
import { studyGroups, type CountedCovariate, type KindPartition } from "./counts.js";

/** The covariates adjusted for when none are given (those the table has; the others are named in a warning). */
export const DEFAULT_REPORT_COVARIATES = ["generation", "job_type", "manager"] as const;

export const CrossBoundaryReportOptions = z.object({
  /** The instrument whose scales are scored (default koe's career survey); scale labels come from it. */
  instrument: z.custom<Instrument>((v) => Instrument.safeParse(v).success, "an instrument (see Instrument)").optional(),
  /** The yes/no column of taking part (default "cross_boundary"; 越境経験, はい/いいえ, 0/1 alike). */
  treatment: z.string().default("cross_boundary"),
  /** Covariates for the adjusted estimates (a list). Default generation, job_type, manager — those present. */
  covariates: z.array(z.string()).optional(),
  /** Cluster column for the errors and the wild bootstrap (default "company" when present); null for none. */
  cluster: z.string().nullable().optional(),
  /** Smallest group published (default 5): every figure of a smaller group, and of any group that would give it away, is blank. */
  minGroupSize: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
  /** Wild cluster bootstrap resamples (default 999). */
  resamples: z.number().int().min(19).default(999),
  /** Seed of the bootstrap (default 1). */
  seed: z.union([z.number(), z.string()]).default(1),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type CrossBoundaryReportOptions = z.input<typeof CrossBoundaryReportOptions>;

/** What became of one estimate (the `status` column of the `effects` table). */
export type EffectStatus = "ok" | "suppressed" | "failed";

const PARTITIONS = [
  { column: "cb_kind", vocabulary: crossBoundaryKinds },
  { column: "cb_selection", vocabulary: crossBoundarySelections },
] as const;
const METHODS = ["difference", "regression", "matching", "weighting", "doubly-robust"] as const;
/** Estimation failures by the error's code, worded without counts (a count could describe a hidden group). */
const REASONS: Record<string, FailureReason> = {
  "effect.separation": "separation",
  "effect.singular": "collinear",
  "effect.tooFewMatched": "tooFewMatched",
  "effect.notConverged": "notConverged",
  "effect.tooFewClusters": "tooFewClusters",
  "effect.tooFewRows": "tooFewRows",
  insufficient_data: "tooFewRows",
};
const BALANCE_THRESHOLD = 0.1;

function meanCi(values: number[]): { mean: number; ciLow: number | null; ciHigh: number | null } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, ciLow: null, ciHigh: null };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const h = (1.959963984540054 * sd) / Math.sqrt(n);
  return { mean, ciLow: mean - h, ciHigh: mean + h };
}

/** The column of the table a name means, or null when the table has none (only a missing column is tolerated). */
function optionalColumn(fn: string, table: Table, name: string, option: string): string | null {
  try {
    return resolveColumn(fn, table, name, option);
  } catch (e) {
    if (e instanceof KoeArgumentError && e.code === "boundary.noColumn") return null;
    throw e;
  }
}

const blank = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));

/**
 * The cross-boundary study in one call: scale scores (with reliability), balance at baseline (the
 * pre-period score is always checked: the baseline gap is the selection question), and the naive,
 * adjusted and difference-in-differences estimates side by side — for all participants and by
 * programme kind (internal / external, self-nominated / appointed), each against all
 * non-participants.
 *
 * Returns the report contract ({@link StudyReport}): the tables `groups`, `reliability`,
 * `balance`, `prePost` and `effects` (fixed columns, see the glossary in the package README),
 * findings and warnings as notes (`{ code, params }`, worded by `renderNote`/`reportText` in
 * Japanese or English, scale labels from the instrument), and provenance. Every table describes
 * the same people — the rows with the treatment, every scale's pre and post score, every covariate
 * and the cluster — so that no difference between two tables is a group. Small groups are hidden
 * at the report's edge: participants of each kind, non-participants, and each covariate level in
 * each group are counted groups; a group under `minGroupSize`, and any group whose count or
 * figures would give it away by subtraction (the partner kind, the other levels), has every figure
 * of its rows blank (`suppressed: true`; an effect row's `status` then reads `"suppressed"`). An
 * estimator that cannot run on the data gives a `"failed"` row with the reason in `warnings`; an
 * error in the input (a misspelt covariate, a kind the model does not know) is thrown.
 * @example
 * const report = crossBoundaryReport(respondents, { seed: 1, resamples: 199 });
 * reportText(report, "ja").findings[0] // => "エンゲージメント: 越境経験者は事前に0.39 SD高かった。単純比較では事後の差は0.62だが、差の差（DiD）で調整すると効果は0.24（95%信頼区間 0.20〜0.28、ワイルドクラスターブートストラップ …）。"
 * report.tables.effects.rows.find((e) => e.scale === "engagement" && e.kind === "all" && e.method === "did").status // => "ok"
 * crossBoundaryReport(respondents, { covariates: ["generaton"] }) // throws: did you mean "generation"?
 */
export function crossBoundaryReport(table: Table, options: CrossBoundaryReportOptions = {}): StudyReport {
  const fn = "crossBoundaryReport";
  requireTable(fn, table);
  const o = parseOptions(fn, CrossBoundaryReportOptions, options);
  const { minGroupSize, resamples, seed } = o;
  const instrument = o.instrument ?? careerSurveyInstrument;
  const missing = o.missing ? { missing: o.missing } : {};
  const warnings: Note[] = [];
  const findings: Note[] = [];
  const seen = new Set<string>();
  const note = <P extends object>(to: Note[], message: Message<P>, params: P & { groups?: GroupRef[] }) => {
    const key = `${message.code} ${JSON.stringify(params)}`;
    if (seen.has(key)) return;
    seen.add(key);
    to.push({ code: message.code, params: params as Record<string, unknown> });
  };

  // 1. Everything the user named, checked before anything is computed.
  const { table: scored, reliability } = scoreScales(table, instrument, missing);
  const names = scored.columnNames();
  const scales = instrument.scales.filter((s) => names.includes(`${s.id}_pre`) && names.includes(`${s.id}_post`));
  if (scales.length === 0) throw KoeArgumentError.of(m.noScales, { fn, scales: instrument.scales.map((s) => s.id) });
  const tr = binaryColumn(fn, scored, o.treatment, { option: "treatment", ...missing });
  const treatment = tr.column;
  let covariates: string[];
  if (o.covariates !== undefined) covariates = o.covariates.map((c) => resolveColumn(fn, scored, c, "covariates"));
  else {
    const found = DEFAULT_REPORT_COVARIATES.map((c) => ({ c, column: optionalColumn(fn, scored, c, "covariates") }));
    covariates = found.flatMap((f) => (f.column === null ? [] : [f.column]));
    const absent = found.filter((f) => f.column === null).map((f) => f.c);
    if (absent.length > 0) note(warnings, m.defaultCovariatesAbsent, { covariates: absent });
  }
  // Each covariate read once in its role: a value it cannot hold is an error naming it, here.
  const coded = covariates.map((c) => codeColumn(fn, scored, c, "covariates", o.missing));
  let cluster: string | null;
  if (o.cluster === null) cluster = null;
  else if (o.cluster !== undefined) cluster = resolveColumn(fn, scored, o.cluster, "cluster");
  else {
    cluster = optionalColumn(fn, scored, "company", "cluster");
    if (cluster === null) note(warnings, m.noClusterColumn, { column: "company" });
  }
  requireDistinct(fn, { treatment, cluster, ...Object.fromEntries(covariates.map((c, j) => [`covariates[${j}]`, c])) });
  const partitionColumns = PARTITIONS.flatMap((p) => {
    const column = optionalColumn(fn, scored, p.column, p.column);
    return column === null ? [] : [{ ...p, read: segmentColumn(fn, scored, column, { option: p.column, ...missing }) }];
  });

  // 2. The people of the analysis: one set for every table (a second set would make the
  // difference between two tables' counts, or means, a group of its own).
  const total = scored.numRows();
  const scores = scales.map((s) => ({ pre: numericColumn(fn, scored, `${s.id}_pre`).values, post: numericColumn(fn, scored, `${s.id}_post`).values }));
  const clusterValues = cluster ? columnValues(scored, cluster, fn) : null;
  const used: number[] = [];
  for (let i = 0; i < total; i++) {
    if (tr.values[i] === MISSING_BINARY) continue;
    if (scores.some((s) => s.pre[i] !== s.pre[i] || s.post[i] !== s.post[i])) continue;
    if (coded.some((c) => codedMissing(c, i))) continue;
    if (clusterValues && blank(clusterValues[i])) continue;
    used.push(i);
  }
  if (used.length < total) note(warnings, m.rowsLeftOut, { rows: total, rowsUsed: used.length });
  const sample = scored.reify(used);
  const n = used.length;
  const d = Uint8Array.from(used, (i) => tr.values[i]!);
  const partitions: (KindPartition & { label: (kind: string) => Localized })[] = partitionColumns.map((p) => ({
    column: p.column,
    kinds: p.vocabulary.ids,
    of: (r: number) => {
      const code = p.read.codes[used[r]!]!;
      return code < 0 ? null : String(p.read.levels[code]);
    },
    label: (kind: string) => ({ ja: p.vocabulary.label(kind as never, "ja"), en: p.vocabulary.label(kind as never, "en") }),
  }));
  const groups = studyGroups(d, partitions, coded.map((c) => countedCovariate(c, used)));
  const kindLabel = (kind: string): Localized => (kind === "all" ? ALL_PARTICIPANTS : (partitions.find((p) => p.kinds.includes(kind))?.label(kind) ?? { ja: kind, en: kind }));
  if (clusterValues) {
    const distinct = new Set<unknown>(used.map((i) => clusterValues[i]));
    if (distinct.size < 30) note(warnings, m.fewClusters, { column: cluster!, clusters: distinct.size });
  }
  const kinds = [
    { kind: "all", member: (_: number) => true },
    ...partitions.flatMap((p) => p.kinds.map((kind) => ({ kind, member: (r: number) => p.of(r) === kind }))),
  ];
  for (const k of kinds) {
    const size = groups.size(k.kind).participants;
    if (size >= minGroupSize && size < 30) note(warnings, m.smallGroup, { kind: k.kind, kindLabel: kindLabel(k.kind), n: size, groups: groups.kindRefs(k.kind) });
  }

  // 3. Estimates, per scale and kind. A group under minGroupSize is not estimated (the edge hides
  // it); an estimator that fails on the data gives a "failed" row and a warning without counts.
  const effects: Record<string, unknown>[] = [];
  const prePost: Record<string, unknown>[] = [];
  const balance: Record<string, unknown>[] = [];
  for (const [s, scale] of scales.entries()) {
    const pre = `${scale.id}_pre`;
    const post = `${scale.id}_post`;
    const sc = { scale: scale.id, scaleLabel: { ja: scale.ja, en: scale.en } };
    for (const group of ["participants", "nonParticipants"] as const) {
      for (const wave of ["pre", "post"] as const) {
        const values = scores[s]![wave];
        const xs = used.flatMap((i, r) => ((d[r] === 1) === (group === "participants") ? [values[i]!] : []));
        const mc = xs.length === 0 ? null : meanCi(xs);
        prePost.push({ scale: scale.id, group, wave, mean: mc?.mean ?? null, ciLow: mc?.ciLow ?? null, ciHigh: mc?.ciHigh ?? null, n: xs.length });
      }
    }
    for (const k of kinds) {
      const { participants: nT, nonParticipants: nC } = groups.size(k.kind);
      const refs = groups.kindRefs(k.kind);
      const kn = { kind: k.kind, kindLabel: kindLabel(k.kind) };
      const add = (method: string, status: EffectStatus, r: { estimate: number | null; stdError?: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null } | null) =>
        effects.push({ scale: scale.id, kind: k.kind, method, estimate: r?.estimate ?? null, stdError: r?.stdError ?? null, ciLow: r?.ciLow ?? null, ciHigh: r?.ciHigh ?? null, pValue: r?.pValue ?? null, nTreated: nT, nControl: nC, status, refs });
      const methods = [...METHODS, "did", ...(cluster ? ["wild-bootstrap"] : [])];
      if (nT === 0 || nC === 0) {
        for (const method of methods) add(method, "failed", null);
        note(warnings, m.notCompared, { ...sc, ...kn, none: nT === 0 ? "participants" : "nonParticipants", groups: refs });
        continue;
      }
      if (nT < minGroupSize || nC < minGroupSize) {
        for (const method of methods) add(method, "suppressed", null);
        continue;
      }
      const attempt = <T>(method: string, f: () => T): T | null => {
        try {
          return f();
        } catch (e) {
          if (e instanceof KoeArgumentError || !(e instanceof KoeError)) throw e;
          note(warnings, m.estimateFailed, { ...sc, ...kn, method, reason: REASONS[e.code] ?? "other", groups: refs });
          return null;
        }
      };
      const sub = k.kind === "all" ? sample : sample.reify(used.flatMap((_, r) => (d[r] === 0 || k.member(r) ? [r] : [])));
      const opts = { outcome: post, treatment, covariates: [pre, ...covariates], ...(cluster ? { cluster } : {}), ...missing };
      const run = (method: EffectMethod): EffectResult | null => {
        const r = attempt(method, () => estimateEffect(sub, { ...opts, ...(method === "difference" ? { covariates: [] } : {}), method }));
        add(method, r ? "ok" : "failed", r);
        return r;
      };
      const diff = run("difference");
      run("regression");
      run("matching");
      const w = run("weighting");
      run("doubly-robust");
      const did: DidResult | null = attempt("did", () =>
        differenceInDifferences(sub, { pre, post, treatment, ...(cluster ? { cluster, bootstrap: { draws: resamples, seed, weights: "webb" as const } } : { bootstrap: false as const }), ...missing }),
      );
      add("did", did ? "ok" : "failed", did);
      if (cluster) {
        if (did?.wildBootstrap) add("wild-bootstrap", "ok", { estimate: did.estimate, ciLow: did.wildBootstrap.ciLow, ciHigh: did.wildBootstrap.ciHigh, pValue: did.wildBootstrap.pValue });
        else add("wild-bootstrap", "failed", null);
      }
      if (k.kind !== "all") {
        if (did) note(findings, m.kindEffect, { ...sc, ...kn, did: did.estimate, ciLow: did.ciLow, ciHigh: did.ciHigh, groups: refs });
        continue;
      }
      // Balance of all participants: after weighting when it ran, else before adjustment only.
      const bal: BalanceResult | null = w?.balance ?? attempt("balance", () => balanceTable(sample, { treatment, covariates: [pre, ...covariates], ...missing }));
      if (bal) {
        for (const row of bal.rows) {
          balance.push({ scale: scale.id, ...row, refs: groups.balanceRefs(row.covariate, row.level) });
        }
        if (w) {
          const off = bal.rows.filter((r) => Math.abs(r.smdAdjusted ?? 0) > bal.threshold);
          for (const covariate of [...new Set(off.map((r) => r.covariate))]) {
            const rows = off.filter((r) => r.covariate === covariate);
            const levels = rows.flatMap((r) => (r.level === null ? [] : [r.level]));
            note(warnings, m.imbalancedAfterWeighting, { ...sc, covariate, levels, threshold: bal.threshold, groups: rows.flatMap((r) => groups.balanceRefs(r.covariate, r.level)) });
          }
        }
      }
      if (w?.propensity) {
        const extreme = Array.from(w.propensity).filter((p) => p < 0.01 || p > 0.99).length;
        // The share names a count of people; below the minimum it is not given.
        if (extreme / n > 0.05) note(warnings, m.poorOverlap, { ...sc, percent: extreme >= minGroupSize ? Math.round((extreme / n) * 100) : null, groups: refs });
      }
      const gap = attempt("balance", () => balanceTable(sample, { treatment, covariates: [pre], sd: "pooled", ...missing }).rows[0]!.smd);
      if (did && gap !== null) {
        note(findings, m.reading, {
          ...sc, gapSd: gap, naiveDifference: diff?.estimate ?? null, did: did.estimate, ciLow: did.ciLow, ciHigh: did.ciHigh,
          wildLow: did.wildBootstrap?.ciLow ?? null, wildHigh: did.wildBootstrap?.ciHigh ?? null, groups: refs,
        });
        if (did.note) note(warnings, m.changeScoreAncova, { ...sc, changeScore: did.changeScore.coefficients[1]!.estimate, ancova: did.ancova.coefficients[1]!.estimate, groups: refs });
      }
    }
  }

  // 4. The edge: every counted group suppressed together, every figure of a hidden group blank.
  const groupRows = kinds.map((k) => ({ kind: k.kind, nParticipants: groups.size(k.kind).participants, nNonParticipants: groups.size(k.kind).nonParticipants, refs: groups.kindRefs(k.kind) }));
  const refsOf = (r: Readonly<Record<string, unknown>>) => r.refs as GroupRef[];
  const draftTable = (name: keyof typeof CROSS_BOUNDARY_COLUMNS, rows: Record<string, unknown>[], dims: string[], counted = true): DraftTable => ({
    columns: CROSS_BOUNDARY_COLUMNS[name].filter((c) => c !== "suppressed"),
    rows,
    dims,
    // Orders the model does not know: kinds as listed ("all" first), groups, waves pre → post, scales and methods as the study runs them.
    order: { kind: kinds.map((k) => k.kind), group: ["participants", "nonParticipants"], wave: ["pre", "post"], scale: scales.map((sc) => sc.id), method: [...METHODS, "did", "wild-bootstrap"] },
    groups: counted ? refsOf : () => null,
  });
  const report = publishReport({
    study: "crossBoundary",
    counts: groups.counts,
    tables: {
      groups: draftTable("groups", groupRows, ["kind"]),
      reliability: draftTable("reliability", reliability.map((r) => ({ ...r })), ["scale", "wave"], false),
      balance: draftTable("balance", balance, ["scale", "covariate", "level"]),
      prePost: draftTable("prePost", prePost.map((r) => ({ ...r, refs: [groups.groupRef(r.group as "participants" | "nonParticipants")] })), ["scale", "group", "wave"]),
      effects: draftTable("effects", effects, ["scale", "kind", "method"]),
    },
    findings,
    warnings,
    provenance: {
      inputs: [{ name: "table", rows: total, rowsUsed: n }],
      wave: null,
      seed,
      options: { instrument: instrument.id, scales: scales.map((s) => s.id), treatment, covariates, cluster, minGroupSize, resamples, seed, ...(o.missing ? { missing: o.missing } : {}) },
    },
    minGroupSize,
  });
  // A hidden row of effects reads "suppressed" (the edge blanked its status with its figures).
  for (const row of report.tables.effects!.rows) if (row.suppressed === true) row.status = "suppressed";
  return report;
}

/** A covariate as the count tables see it, over the rows of the analysis. */
function countedCovariate(c: CodedColumn, used: readonly number[]): CountedCovariate {
  if (c.kind === "segment") return { column: c.column, levelOf: (r) => String(c.levels[c.codes[used[r]!]!]) };
  if (c.kind === "binary") return { column: c.column, levelOf: (r) => (c.values[used[r]!] === 1 ? "true" : "false") };
  // A numeric covariate holding only 0 and 1 is a share: its 1s are a counted group.
  const binary = used.every((i) => c.values[i] === 0 || c.values[i] === 1);
  return { column: c.column, levelOf: binary ? (r) => String(c.values[used[r]!]) : null };
}
