// A moderated effect as a report (the career-sheet dialogue pilot: did the dialogue help, and did
// a poor sheet harm?): the effect per level, the pooled effect and the interaction test, with
// small groups of participants or non-participants hidden at the edge.
import { z } from "zod";
import { fitModerated, ModeratedEffectOptions, readModeratedInput, type ModeratedEffectResult } from "../../analyze/moderated-effect.js";
import { moderatedNotes as notes } from "../../errors/moderated-messages.js";
import type { Table } from "../../model/table.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { groupKey, suppressTogether, type CountTable } from "../../privacy/suppress-together.js";
import { publishReport, type GroupRef, type Note, type StudyReport } from "../report.js";

export const ModeratedEffectReportOptions = ModeratedEffectOptions.extend({
  /** Smallest group shown (default 5): participants of a level, and the non-participants they are compared with. */
  minGroupSize: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
});
export type ModeratedEffectReportOptions = z.input<typeof ModeratedEffectReportOptions>;

/** Columns of the `effects` table after the moderator's column (before publishReport's `suppressed`). */
export const MODERATED_EFFECT_COLUMNS = ["n_treated", "n_control", "estimate", "std_error", "ci_low", "ci_high", "p_value", "p_adjusted"] as const;
/** Columns of the `pooled` table. */
export const MODERATED_POOLED_COLUMNS = ["n_treated", "n_control", "estimate", "std_error", "ci_low", "ci_high", "p_value"] as const;
/** Columns of the `interaction` table. */
export const MODERATED_INTERACTION_COLUMNS = ["method", "statistic", "df1", "df2", "p_value", "levels"] as const;

const TREATED = "treated";
const CONTROL = "control";

/** The interaction table's `method`: what was tested and how. */
function interactionMethod(i: ModeratedEffectResult["interaction"]): string {
  if (!i) return "Wald F (interaction terms = 0)";
  return i.test === "Satterthwaite t²" ? "CR2 Satterthwaite t² (interaction term = 0)" : i.test === "naive F" ? "cluster-robust F on (q, G − 1) (interaction terms = 0)" : "Wald F (interaction terms = 0)";
}

/**
 * {@link moderatedEffect} as a report (tables `effects`, `pooled`, `interaction`):
 * - `effects`: per level of the moderator (the moderator's column, then `n_treated`, `n_control`,
 *   `estimate`, `std_error`, `ci_low`, `ci_high`, `p_value`, `p_adjusted`): the effect of taking
 *   part at that level — difference-in-differences by default, ANCOVA with `method: "ancova"` —
 *   with its interval and its p-value adjusted over the levels shown (Holm by default).
 * - `pooled`: the effect over the levels shown together (the number that averages a harm away).
 * - `interaction`: the test that the effect is the same at every level shown (`method` names it:
 *   Wald F with HC1 errors; with `cluster`, CR2's Satterthwaite t² for two levels, F on (q, G − 1)
 *   for more).
 *
 * With `cluster` (e.g. company) the errors are CR2 with Satterthwaite df (see {@link moderatedEffect});
 * the warning about few effective clusters is passed on when it fires.
 *
 * Privacy: the participants of each level are a counted group, and so are the non-participants
 * they are compared with — all of them (one group) when the moderator is a property of taking part
 * (`controls: "all"`, e.g. a sheet's quality), those of the same level otherwise. A group under
 * `minGroupSize` (5), and any group that its total would give away, has its row blank
 * (`suppressed: true`); the model is then fitted without the hidden levels, so that the pooled
 * effect, the adjusted p-values and the test carry no hidden group (a warning says so). Findings
 * name each level whose effect is clearly negative (a harm) or positive, by the adjusted p-value
 * below 1 − `confLevel`, and whether the levels differ.
 * @example
 * const rows = Array.from({ length: 36 }, (_, i) => ({ pre: 3, post: 3 + [0.3, -0.15, 0][i % 3] + ((i % 5) - 2) / 50, took: i % 3 < 2 ? 1 : 0, sheet: ["good", "poor", ""][i % 3] }));
 * const report = moderatedEffectReport(aq.from(rows), { pre: "pre", post: "post", treatment: "took", moderator: "sheet" });
 * report.tables.effects.rows.map((r) => [r.sheet, r.n_treated, r.estimate]) // => [["good", 12, 0.30], ["poor", 12, -0.15]]
 * reportText(report, "en").findings.find((f) => f.startsWith("Harm")) // => "Harm at sheet = poor: the effect is −0.15 (95% CI …"
 */
export function moderatedEffectReport(table: Table, options: ModeratedEffectReportOptions): StudyReport {
  const fn = "moderatedEffectReport";
  const input = readModeratedInput(fn, table, options, ModeratedEffectReportOptions);
  const o = input.options as z.output<typeof ModeratedEffectReportOptions>;
  const { moderator, treatment, controls, design } = input;
  const mod = moderator.column;
  const tr = treatment.values;
  const code = moderator.codes;

  // The counted groups: participants per level, and the non-participants they are compared with.
  const L = moderator.levels.length;
  const treated = new Array<number>(L).fill(0);
  const control = new Array<number>(L).fill(0);
  let controlAll = 0;
  for (const i of design.rows) {
    if (tr[i] === 1) treated[code[i]!]!++;
    else {
      controlAll++;
      if (controls === "same-level") control[code[i]!]!++;
    }
  }
  const levelKey = (k: number) => ({ [mod]: moderator.levels[k] });
  const present = moderator.levels.map((_, k) => k).filter((k) => treated[k]! > 0);
  const counts: CountTable[] = [
    { name: TREATED, dims: [mod], rows: present.map((k) => ({ ...levelKey(k), n: treated[k]! })) },
    controls === "same-level"
      ? { name: CONTROL, dims: [mod], rows: moderator.levels.map((_, k) => k).filter((k) => control[k]! > 0).map((k) => ({ ...levelKey(k), n: control[k]! })) }
      : { name: CONTROL, dims: ["group"], rows: [{ group: CONTROL, n: controlAll }], totals: false },
  ];
  const refs = (k: number): GroupRef[] => [
    { table: TREATED, key: levelKey(k) },
    controls === "same-level" ? { table: CONTROL, key: levelKey(k) } : { table: CONTROL, key: { group: CONTROL } },
  ];
  const hidden = suppressTogether(counts, { minGroupSize: o.minGroupSize });
  const isHidden = (ref: GroupRef) => hidden.get(ref.table)!.has(groupKey(ref.key));
  const shown = present.filter((k) => !refs(k).some(isHidden));

  const findings: Note[] = [{ code: notes.comparison.code, params: { moderator: mod, treatment: treatment.column, controls, estimator: o.method } }];
  const warnings: Note[] = [];
  if (design.nMissing > 0) warnings.push({ code: notes.rowsLeftOut.code, params: { rows: input.total, rowsUsed: design.n } });
  const keep = moderator.levels.map((_, k) => shown.includes(k));
  const fit: ModeratedEffectResult | null = shown.length > 0 ? fitModerated(input, keep) : null;
  const alpha = 1 - o.confLevel;
  const effects = present.map((k) => {
    const e = fit?.levels.find((l) => l.level === moderator.levels[k]);
    return {
      ...levelKey(k), n_treated: treated[k], n_control: controls === "same-level" ? control[k] : controlAll,
      estimate: e?.estimate ?? null, std_error: e?.stdError ?? null, ci_low: e?.ciLow ?? null, ci_high: e?.ciHigh ?? null, p_value: e?.pValue ?? null, p_adjusted: e?.pAdjusted ?? null,
    };
  });
  if (fit) {
    for (const l of fit.levels) {
      if (!(l.pAdjusted < alpha)) continue;
      const k = moderator.levels.indexOf(l.level);
      const about = { moderator: mod, level: l.level, estimate: l.estimate, ciLow: l.ciLow, ciHigh: l.ciHigh, pAdjusted: l.pAdjusted, groups: refs(k) };
      if (l.estimate < 0) findings.push({ code: notes.harm.code, params: { ...about, pooled: fit.levels.length > 1 ? fit.pooled.estimate : null } });
      else findings.push({ code: notes.benefit.code, params: about });
    }
    if (fit.interaction) {
      const i = fit.interaction;
      findings.push({ code: (i.pValue < alpha ? notes.levelsDiffer : notes.levelsAlike).code, params: { moderator: mod, statistic: i.statistic, df1: i.df1, df2: i.df2, pValue: i.pValue } });
    }
    // The cluster-robust fit's warning (few effective clusters), as it stands.
    for (const w of fit.notes) warnings.push({ code: w.code, params: w.params });
  }
  if (shown.length < present.length && shown.length > 0) warnings.push({ code: notes.testsOverShown.code, params: { moderator: mod, shown: shown.length, levels: present.length } });
  if (shown.length < 2) warnings.push({ code: notes.noTest.code, params: { moderator: mod } });

  const pooledRefs = (shown.length > 0 ? shown : present).flatMap(refs);
  const interaction = fit?.interaction ?? null;
  return publishReport({
    study: "moderatedEffect",
    counts,
    tables: {
      effects: { columns: [mod, ...MODERATED_EFFECT_COLUMNS], rows: effects, dims: [mod], order: { [mod]: moderator.levels }, groups: (r) => refs(moderator.levels.indexOf(r[mod])) },
      pooled: {
        columns: MODERATED_POOLED_COLUMNS,
        rows: [{ n_treated: fit?.nTreated ?? null, n_control: fit?.nControl ?? null, estimate: fit?.pooled.estimate ?? null, std_error: fit?.pooled.stdError ?? null, ci_low: fit?.pooled.ciLow ?? null, ci_high: fit?.pooled.ciHigh ?? null, p_value: fit?.pooled.pValue ?? null }],
        dims: [],
        groups: () => pooledRefs,
      },
      interaction: {
        columns: MODERATED_INTERACTION_COLUMNS,
        rows: [{ method: interactionMethod(interaction), statistic: interaction?.statistic ?? null, df1: interaction?.df1 ?? null, df2: interaction?.df2 ?? null, p_value: interaction?.pValue ?? null, levels: shown.length }],
        dims: ["method"],
        groups: () => null,
      },
    },
    findings,
    warnings,
    provenance: {
      inputs: [{ name: "table", rows: input.total, rowsUsed: fit?.n ?? 0 }],
      wave: null,
      seed: null,
      options: { pre: o.pre, post: o.post, treatment: o.treatment, moderator: o.moderator, method: o.method, controls, cluster: o.cluster ?? null, vcov: input.cluster ? (o.vcov ?? "CR2") : "HC1", covariates: o.covariates, confLevel: o.confLevel, pAdjust: o.pAdjust, minGroupSize: o.minGroupSize },
    },
    minGroupSize: o.minGroupSize,
  });
}
