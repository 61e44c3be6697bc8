// Charts of the cross-boundary (越境) study: the pre/post interaction plot, the love plot of
// covariate balance, and the forest of effect estimates by method and programme kind. Each takes
// a table of the study's report as it is (`report.tables.prePost`, `.balance`, `.effects`): a
// hidden row (`suppressed: true`) is never drawn as a number.
import { knownField, parseOptions, z, type ReportTable } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { checkList, checkObject, fields, type Shape } from "../input.js";
import { codeChartWords } from "../interview-messages.js";
import { places, type Lang } from "../messages.js";
import { koeTheme } from "../theme.js";
import { noteChart, segmentName, segmentValues } from "./code-tables.js";
import { tableMin } from "./likert.js";

const WORDS = {
  ja: {
    prePostTitle: "越境経験者と非経験者の事前・事後",
    prePostNote: (min: number) => `平均と95%信頼区間。${min}人未満のグループは表示していません`,
    prePostNoteClustered: (min: number) => `実線は平均（社員1人1票）と95%信頼区間（会社単位のクラスター頑健、CR2）、破線は会社を1社1票とした平均。${min}人未満のグループは表示していません`,
    byCompany: "会社1社1票の平均",
    waves: { pre: "事前", post: "事後" } as Record<string, string>,
    groups: { participants: "越境経験者", nonParticipants: "非経験者" } as Record<string, string>,
    scales: { engagement: "エンゲージメント", innovation: "イノベーションへの前向きな視点" } as Record<string, string>,
    score: "平均スコア",
    group: "グループ",
    balanceTitle: "共変量のバランス（標準化平均差）",
    balanceNote: (t: number) => `点線は ±${t}。調整後に点線の内側なら釣り合いが取れています`,
    /** A title and the scale it is about: 「…：エンゲージメント」. */
    ofScale: (title: string, scale: string) => `${title}：${scale}`,
    /** A covariate measured in a wave: エンゲージメント（事前）. */
    inWave: (scale: string, wave: string) => `${scale}（${wave}）`,
    /** A covariate's level: 職種：現場. */
    level: (covariate: string, level: string) => `${covariate}：${level}`,
    /** A group with its size in the legend: 越境経験者（n = 250）, or a range of sizes across panels. */
    withN: (group: string, n: string) => `${group}（n = ${n}）`,
    range: (low: string, high: string) => `${low}〜${high}`,
    when: { before: "調整前", after: "調整後" } as Record<string, string>,
    smd: "標準化平均差",
    forestTitle: "越境の効果の推定（方法別）",
    forestNote: (reference: string | null) => `推定値と95%信頼区間。縦の実線は効果0${reference === null ? "" : `、破線は参照値 ${reference}`}`,
    rolesNote: "濃い色が主な推定、薄い色は感度分析（精度の違いは頑健さの違いではありません）",
    legend: { estimate: "推定値", interval: "95%信頼区間", zero: "0（効果なし）", reference: (value: string) => `参照値 ${value}` },
    effectOf: (scale: string) => `効果（${scale}のスコア差）`,
    methods: {
      bracket: "DiD–ANCOVAの範囲（主）", did: "差の差 (DiD)", ancova: "ANCOVA", "doubly-robust": "二重頑健", "ancova-reliability": "信頼性補正ANCOVA",
      difference: "単純比較", regression: "回帰調整", matching: "マッチング", weighting: "重み付け", "wild-bootstrap": "ワイルドブートストラップ",
      "weighting-cluster": "重み付け（会社込み）", "doubly-robust-cluster": "二重頑健（会社込み）",
    } as Record<string, string>,
    kinds: { all: "全体", internal: "社内越境", external: "社外越境", self_nominated: "手挙げ", appointed: "人事の指名" } as Record<string, string>,
    effect: "効果（スコア差）",
    suppressed: "秘匿",
    notEstimated: "推定できず",
  },
  en: {
    prePostTitle: "Participants and non-participants, before and after",
    prePostNote: (min: number) => `Means with 95% intervals. Groups under ${min} are not shown`,
    prePostNoteClustered: (min: number) => `Solid: means (each employee once) with 95% intervals clustered by company (CR2); dashed: means with each company once. Groups under ${min} are not shown`,
    byCompany: "Mean, each company once",
    waves: { pre: "Before", post: "After" } as Record<string, string>,
    groups: { participants: "Participants", nonParticipants: "Non-participants" } as Record<string, string>,
    scales: { engagement: "Engagement", innovation: "Innovation orientation" } as Record<string, string>,
    score: "Mean score",
    group: "Group",
    balanceTitle: "Covariate balance (standardised mean differences)",
    balanceNote: (t: number) => `Dotted lines at ±${t}: inside them after adjustment means balanced`,
    ofScale: (title: string, scale: string) => `${title}: ${scale}`,
    inWave: (scale: string, wave: string) => `${scale} (${wave.toLowerCase()})`,
    level: (covariate: string, level: string) => `${covariate}: ${level}`,
    withN: (group: string, n: string) => `${group} (n = ${n})`,
    range: (low: string, high: string) => `${low}–${high}`,
    when: { before: "Unadjusted", after: "Adjusted" } as Record<string, string>,
    smd: "Standardised mean difference",
    forestTitle: "Effect of cross-boundary assignments, by method",
    forestNote: (reference: string | null) => `Estimates with 95% intervals; solid line: no effect (0)${reference === null ? "" : `; dashed line: reference ${reference}`}`,
    rolesNote: "Dark: the primary estimates; light: sensitivity analyses (a wider interval is less precision, not less robustness)",
    legend: { estimate: "Estimate", interval: "95% interval", zero: "0 (no effect)", reference: (value: string) => `Reference ${value}` },
    effectOf: (scale: string) => `Effect (difference in ${scale} score)`,
    methods: {
      bracket: "DiD–ANCOVA bracket (primary)", did: "Difference-in-differences", ancova: "ANCOVA", "doubly-robust": "Doubly robust", "ancova-reliability": "Reliability-corrected ANCOVA",
      difference: "Naive difference", regression: "Regression", matching: "Matching", weighting: "Weighting", "wild-bootstrap": "Wild cluster bootstrap",
      "weighting-cluster": "Weighting, company in model", "doubly-robust-cluster": "Doubly robust, company in models",
    } as Record<string, string>,
    kinds: { all: "All", internal: "Internal", external: "External", self_nominated: "Self-nominated", appointed: "Appointed by HR" } as Record<string, string>,
    effect: "Effect (score difference)",
    suppressed: "suppressed",
    notEstimated: "not estimated",
  },
};

/** One row of the `prePost` table of a cross-boundary report. */
export interface PrePostRow {
  scale: string;
  group: "participants" | "nonParticipants";
  wave: "pre" | "post";
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** The mean with each company counted once (the report gives it, with intervals clustered by company, when it has a cluster); absent or null for none. */
  meanByCompany?: number | null;
  n: number | null;
  suppressed: boolean;
}
/** One row of the `balance` table of a cross-boundary report (`scale` and `suppressed` may be absent in rows made by hand). */
export interface BalanceChartRow {
  scale?: string;
  covariate: string;
  level: string | null;
  smd: number | null;
  smdAdjusted: number | null;
  suppressed?: boolean;
}
/** One row of the `effects` table of a cross-boundary report (`scale`, `nTreated` and `status` may be absent in rows made by hand). */
export interface EffectChartRow {
  scale?: string;
  kind: string;
  method: string;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  nTreated?: number | null;
  status?: string | null;
  /** "primary" or "sensitivity" (the report's `role`); sensitivity rows are drawn lighter. */
  role?: string | null;
  suppressed: boolean;
}

/**
 * The input of {@link prePostChart}: the report's `prePost` table as it is, or `{ rows }` of its shape.
 * @example
 * const input: PrePostInput = { rows: [{ scale: "engagement", group: "participants", wave: "pre", mean: 3.1, ciLow: 3.0, ciHigh: 3.2, n: 250, suppressed: false }] };
 * prePostChart(input).data // => { values: [{ scale: "エンゲージメント", group: "越境経験者", wave: "事前", mean: 3.1, ciLow: 3, ciHigh: 3.2, n: 250 }] }
 */
export type PrePostInput = ReportTable | { rows: readonly PrePostRow[] };
/**
 * The input of {@link balanceChart}: the report's `balance` table as it is, or `{ rows }` of its shape.
 * @example
 * const input: BalanceInput = { rows: [{ covariate: "age", level: null, smd: 0.31, smdAdjusted: 0.04 }] };
 * balanceChart(input).layer[2].data // => { values: [{ covariate: "年齢", when: "調整前", smd: 0.31 }, { covariate: "年齢", when: "調整後", smd: 0.04 }] }
 */
export type BalanceInput = ReportTable | { rows: readonly BalanceChartRow[] };
/**
 * The input of {@link effectForestChart}: the report's `effects` table as it is, or `{ rows }` of
 * its shape. A hidden row (`suppressed`) prints 秘匿; a row without an estimate that is not hidden
 * (its estimator failed) prints 推定できず / not estimated — a failure is never shown as suppression.
 * @example
 * const input: EffectForestInput = { rows: [{ kind: "all", method: "matching", estimate: 0.21, ciLow: 0.1, ciHigh: 0.32, suppressed: false }] };
 * effectForestChart(input).data // => { values: [{ kind: "全体", method: "マッチング", estimate: 0.21, ciLow: 0.1, ciHigh: 0.32, n: null, text: "" }] }
 */
export type EffectForestInput = ReportTable | { rows: readonly EffectChartRow[] };

const Options = z.object({
  /** Language of the chart's words. Default "ja". */
  lang: z.enum(["ja", "en"]).default("ja"),
  /** Chart title. Default: the chart's own, in `lang`. */
  title: z.string().optional(),
  /** Display labels by id (scales, groups, covariates, levels, methods, kinds); they win over the built-in ones (pass the instrument's scale labels). */
  labels: z.record(z.string(), z.string()).readonly().optional(),
  /** The scale drawn (rows of other scales are left out). Default: prePostChart every scale, a panel each; balanceChart and effectForestChart the first scale of the rows. */
  scale: z.string().optional(),
});
const BalanceOptions = Options.extend({
  /** |SMD| at which the dotted lines are drawn. Default 0.1 (the report's `imbalanced` threshold). */
  threshold: z.number().positive().default(0.1),
});
const ForestOptions = Options.extend({
  /** A value drawn as a dashed line (e.g. the true effect of a simulation). Default none. */
  reference: z.number().optional(),
});

/**
 * Options of {@link prePostChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: CrossBoundaryChartOptions = { lang: "en", labels: { engagement: "Work engagement" } };
 * const rows = [{ scale: "engagement", group: "participants", wave: "post", mean: 3.7, ciLow: 3.6, ciHigh: 3.8, n: 250, suppressed: false }];
 * prePostChart({ rows }, options).data.values[0].scale // => "Work engagement"
 * prePostChart({ rows }, { language: "en" }) // throws: unknown option "language"
 */
export type CrossBoundaryChartOptions = z.input<typeof Options>;
/**
 * Options of {@link balanceChart}: those of {@link CrossBoundaryChartOptions} and `threshold`.
 * @example
 * const options: BalanceChartOptions = { threshold: 0.2 };
 * balanceChart({ rows: [{ covariate: "age", level: null, smd: 0.3, smdAdjusted: 0.01 }] }, options).layer[0].data.values // => [{ x: -0.2 }, { x: 0.2 }]
 */
export type BalanceChartOptions = z.input<typeof BalanceOptions>;
/**
 * Options of {@link effectForestChart}: those of {@link CrossBoundaryChartOptions} and `reference`.
 * @example
 * const options: EffectForestChartOptions = { reference: 0.267, lang: "en" };
 * effectForestChart({ rows: [{ kind: "all", method: "did", estimate: 0.24, ciLow: 0.2, ciHigh: 0.28, suppressed: false }] }, options).title.text // => "Effect of cross-boundary assignments, by method"
 */
export type EffectForestChartOptions = z.input<typeof ForestOptions>;

const PRE_POST: Shape<PrePostRow> = {
  scale: fields.text, group: fields.oneOf(["participants", "nonParticipants"]), wave: fields.oneOf(["pre", "post"]),
  mean: fields.numberOrNull, ciLow: fields.numberOrNull, ciHigh: fields.numberOrNull, meanByCompany: fields.optional(fields.numberOrNull), n: fields.numberOrNull, suppressed: fields.boolean,
};
const BALANCE: Shape<BalanceChartRow> = {
  scale: fields.optional(fields.text), covariate: fields.text, level: fields.textOrNull, smd: fields.numberOrNull, smdAdjusted: fields.numberOrNull, suppressed: fields.optional(fields.boolean),
};
const EFFECT: Shape<EffectChartRow> = {
  scale: fields.optional(fields.text), kind: fields.text, method: fields.text, estimate: fields.numberOrNull, ciLow: fields.numberOrNull, ciHigh: fields.numberOrNull,
  nTreated: fields.optional(fields.numberOrNull), status: fields.optional(fields.textOrNull), role: fields.optional(fields.textOrNull), suppressed: fields.boolean,
};

/** The rows of `{ rows: [...] }` (a report table or a hand-made one), each of `shape`. */
function rowsOf<R>(fn: string, input: unknown, shape: Shape<R>): readonly R[] {
  checkObject<{ rows: unknown }>(fn, input, places.argument("input"), { rows: fields.list } as Shape<{ rows: unknown }>);
  checkList<R>(fn, input.rows, "input.rows", shape);
  return input.rows;
}

/** The smallest group the report shows (its tables' privacy note says it), else the default 5. */
const minGroupSizeOf = (input: unknown) => tableMin(input, 5);

/** Rows of the chosen scale: `scale` if given, else (with `firstByDefault`) the first scale of the rows; and that scale (undefined when the rows name none). */
function ofScale<R extends { scale?: string }>(rows: readonly R[], scale: string | undefined, firstByDefault: boolean): { rows: readonly R[]; scale: string | undefined } {
  const chosen = scale ?? (firstByDefault ? rows.find((r) => r.scale !== undefined)?.scale : undefined);
  return { rows: chosen === undefined ? rows : rows.filter((r) => r.scale === undefined || r.scale === chosen), scale: chosen };
}

type Labels = Readonly<Record<string, string>> | undefined;
const label = (labels: Labels, own: Record<string, string>, id: string) => labels?.[id] ?? own[id] ?? id;

/** The chart drawn when nothing can be: no rows at all, or every row hidden. */
const nothingChart = (title: string, lang: Lang, anyHidden: boolean, input: unknown) =>
  noteChart(title, anyHidden ? codeChartWords[lang].allSuppressed(minGroupSizeOf(input)) : codeChartWords[lang].noData);

/**
 * A covariate of the balance table as a reader reads it, in the chart's language: the caller's
 * label, else a scale measured in a wave (`engagement_pre` → エンゲージメント（事前）), else the
 * model's label of the field (`age` → 年齢); a level after it (職種：現場, with the vocabulary's
 * label), and a yes/no field's "true" level as the field alone (管理職).
 */
function covariateLabel(r: BalanceChartRow, lang: Lang, labels: Labels): string {
  const w = WORDS[lang];
  const wave = /^(.+)_(pre|post)$/.exec(r.covariate);
  const scale = wave && (labels?.[wave[1]!] ?? w.scales[wave[1]!]);
  const base = labels?.[r.covariate] ?? (scale ? w.inWave(scale, w.waves[wave![2]!]!) : segmentName(r.covariate, lang));
  if (r.level === null) return base;
  if (knownField(r.covariate)?.role === "binary" && labels?.[r.level] === undefined) {
    if (r.level === "true") return base;
    if (r.level === "false") return w.level(base, codeChartWords[lang].no);
  }
  return w.level(base, segmentValues(r.covariate, [r.level], lang, labels)[0]!.label);
}

/** "250", or "246〜250" where the size differs across the rows drawn (e.g. the scales' panels); null when no row has one. */
function sizeText(ns: readonly (number | null)[], lang: Lang): string | null {
  const known = ns.filter((n): n is number => n !== null);
  if (known.length === 0) return null;
  const [low, high] = [Math.min(...known), Math.max(...known)].map((n) => n.toLocaleString("en-US")) as [string, string];
  return low === high ? low : WORDS[lang].range(low, high);
}

/**
 * The interaction plot: group means before and after with 95% intervals, participants against
 * non-participants, one panel per scale; the legend gives each group's n (a range where it differs
 * across the panels). Rows with `meanByCompany` (the report gives it when it has a cluster, and
 * then its intervals are clustered by company, CR2) add the means with each company counted once
 * as dashed lines, and the subtitle says which mean and which interval is drawn. Hidden groups are
 * left out, numbers and all; no rows, or every row hidden, draw the title and a note instead. Takes the
 * report's table as it is: `prePostChart(report.tables.prePost, { labels })` (scale labels from
 * the instrument, e.g. `Object.fromEntries(instrument.scales.map((s) => [s.id, s.ja]))`).
 * @example
 * const rows = [
 *   { scale: "engagement", group: "participants", wave: "pre", mean: 3.44, ciLow: 3.32, ciHigh: 3.56, n: 250, suppressed: false },
 *   { scale: "engagement", group: "nonParticipants", wave: "pre", mean: null, ciLow: null, ciHigh: null, n: null, suppressed: true },
 * ];
 * prePostChart({ rows }).data.values.map((v) => `${v.group} ${v.wave} ${v.mean}`) // => ["越境経験者 事前 3.44"]
 * prePostChart({ rows }).spec.encoding.color.legend.labelExpr
 * // => 'datum.label === "越境経験者" ? "越境経験者（n = 250）" : datum.label === "非経験者" ? "非経験者" : datum.label'
 * prePostChart({ rows: rows.slice(1) }).data // => { values: [{ note: "すべてのグループが5人未満（または差し引きで分かる）ため、表示できる数値がありません" }] }
 * prePostChart({ rows: [{ ...rows[0], meanByCompany: 3.31 }] }).spec.layer[2].encoding.y.field // => "meanByCompany"
 * @throws {KoeArgumentError} when the input is not `{ rows: [...] }` with rows of the shape of
 *   {@link PrePostRow} (e.g. a wave other than "pre"/"post"), or an option is unknown or of the wrong kind.
 */
export function prePostChart(input: PrePostInput, options: CrossBoundaryChartOptions = {}): TopLevelSpec {
  const fn = "prePostChart";
  const { lang, title, labels, scale } = parseOptions(fn, Options, options);
  const { rows } = ofScale(rowsOf<PrePostRow>(fn, input, PRE_POST), scale, false);
  const w = WORDS[lang];
  const drawn = rows.filter((r) => !r.suppressed && r.mean !== null);
  if (drawn.length === 0) return nothingChart(title ?? w.prePostTitle, lang, rows.some((r) => r.suppressed), input);
  // Rows with the mean of company means come from a report with a cluster: their intervals are clustered, and the company-weighted means are drawn dashed.
  const byCompany = drawn.some((r) => typeof r.meanByCompany === "number");
  const values = drawn.map((r) => ({
    scale: label(labels, w.scales, r.scale), group: label(labels, w.groups, r.group), wave: w.waves[r.wave]!, mean: r.mean, ciLow: r.ciLow, ciHigh: r.ciHigh,
    ...(byCompany ? { meanByCompany: r.meanByCompany ?? null } : {}), n: r.n,
  }));
  const waves = [w.waves.pre!, w.waves.post!];
  // The legend names each group with its size: 越境経験者（n = 250）.
  const named = (["participants", "nonParticipants"] as const).map((g) => {
    const n = sizeText(drawn.filter((r) => r.group === g).map((r) => r.n), lang);
    const text = label(labels, w.groups, g);
    return { text, shown: n === null ? text : w.withN(text, n) };
  });
  const groups = named.map((g) => g.text);
  const labelExpr = named.reduceRight((otherwise, g) => `datum.label === ${JSON.stringify(g.text)} ? ${JSON.stringify(g.shown)} : ${otherwise}`, "datum.label");
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title ?? w.prePostTitle, subtitle: (byCompany ? w.prePostNoteClustered : w.prePostNote)(minGroupSizeOf(input)) },
    data: { values },
    facet: { column: { field: "scale", type: "nominal", title: null, sort: [...new Set(values.map((v) => v.scale))] } },
    spec: {
      width: 220,
      height: 220,
      encoding: {
        x: { field: "wave", type: "ordinal", sort: waves, title: null, axis: { labelAngle: 0 } },
        color: { field: "group", type: "nominal", sort: groups, title: w.group, scale: { range: ["#0072b2", "#999999"] }, legend: { labelExpr, labelLimit: 0 } },
      },
      layer: [
        { mark: { type: "line", point: true }, encoding: { y: { field: "mean", type: "quantitative", title: w.score, scale: { zero: false } }, tooltip: [{ field: "group" }, { field: "wave" }, { field: "mean", format: ".2f" }, { field: "n" }] } },
        { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { y: { field: "ciLow", type: "quantitative", title: w.score }, y2: { field: "ciHigh" } } },
        ...(byCompany
          ? [{ mark: { type: "line", strokeDash: [4, 3], strokeWidth: 1.2 }, encoding: { y: { field: "meanByCompany", type: "quantitative", title: w.score }, tooltip: [{ field: "group" }, { field: "wave" }, { field: "meanByCompany", format: ".2f", title: w.byCompany }] } }]
          : []),
      ],
    },
  } as TopLevelSpec;
}

/**
 * The love plot: each covariate's standardised mean difference before and after adjustment, for
 * one scale's analysis (named in the title), rows ordered by the imbalance before (of the rows
 * shown), dotted rules at ±threshold (default 0.1, and the subtitle says which). Hidden rows are
 * not drawn and take no place on the axis. Covariates read as words in the chart's language: the
 * caller's `labels`, else a scale in a wave (`engagement_pre` → エンゲージメント（事前）), else the
 * model's label of the field, with the vocabulary's label of a level (職種：現場) and a yes/no
 * field's "true" as the field alone (`manager` → 管理職). No rows, or every row hidden, draw the
 * title and a note instead. Takes the report's table as it is:
 * `balanceChart(report.tables.balance, { scale: "engagement" })`.
 * @example
 * const spec = balanceChart({ rows: [
 *   { covariate: "age", level: null, smd: 0.05, smdAdjusted: 0.01 },
 *   { covariate: "job_type", level: "frontline", smd: -0.29, smdAdjusted: 0.02 },
 *   { covariate: "job_type", level: "technical", smd: null, smdAdjusted: null, suppressed: true },
 *   { covariate: "manager", level: "true", smd: 0.02, smdAdjusted: 0 },
 * ] });
 * spec.layer[2].encoding.y.sort // => ["職種：現場", "年齢", "管理職"]
 * balanceChart({ rows: [{ covariate: "engagement_pre", level: null, smd: 0.4, smdAdjusted: 0 }] }, { lang: "en" }).layer[2].encoding.y.sort // => ["Engagement (before)"]
 * @throws {KoeArgumentError} when the input is not `{ rows: [...] }` with rows of the shape of
 *   {@link BalanceChartRow}, or an option is unknown or of the wrong kind.
 */
export function balanceChart(input: BalanceInput, options: BalanceChartOptions = {}): TopLevelSpec {
  const fn = "balanceChart";
  const { lang, title, labels, scale, threshold: t } = parseOptions(fn, BalanceOptions, options);
  const chosen = ofScale(rowsOf<BalanceChartRow>(fn, input, BALANCE), scale, true);
  const rows = chosen.rows.filter((r) => r.suppressed !== true && r.smd !== null);
  const w = WORDS[lang];
  const chartTitle = title ?? (chosen.scale === undefined ? w.balanceTitle : w.ofScale(w.balanceTitle, label(labels, w.scales, chosen.scale)));
  if (rows.length === 0) return nothingChart(chartTitle, lang, chosen.rows.some((r) => r.suppressed === true), input);
  const name = (r: BalanceChartRow) => covariateLabel(r, lang, labels);
  const order = [...rows].sort((a, b) => Math.abs(b.smd!) - Math.abs(a.smd!)).map(name);
  const values = rows.flatMap((r) => [
    { covariate: name(r), when: w.when.before, smd: r.smd },
    ...(r.smdAdjusted === null ? [] : [{ covariate: name(r), when: w.when.after, smd: r.smdAdjusted }]),
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: chartTitle, subtitle: w.balanceNote(t) },
    width: 360,
    height: { step: 22 },
    layer: [
      { data: { values: [{ x: -t }, { x: t }] }, mark: { type: "rule", strokeDash: [2, 3], color: "#888888" }, encoding: { x: { field: "x", type: "quantitative" } } },
      { data: { values: [{ x: 0 }] }, mark: { type: "rule", color: "#444444" }, encoding: { x: { field: "x", type: "quantitative" } } },
      {
        data: { values },
        mark: { type: "point", filled: true, size: 60 },
        encoding: {
          y: { field: "covariate", type: "nominal", sort: order, title: null },
          x: { field: "smd", type: "quantitative", title: w.smd },
          color: { field: "when", type: "nominal", sort: [w.when.before, w.when.after], title: null, scale: { range: ["#c4c4c4", "#0072b2"] } },
          tooltip: [{ field: "covariate" }, { field: "when" }, { field: "smd", format: ".3f" }],
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Each method's estimate and interval for one scale (named in the title and on the axis), in
 * panels by programme kind (all, internal, external, self-nominated, appointed: always this order),
 * with a rule at 0 and an optional dashed `reference`; a legend says what the dot, the line, the
 * rule at 0 and the dashed line (only when drawn) are, and so does the subtitle. No rows, or every
 * row hidden, draw the title and a note instead. A hidden row prints 秘匿 only; a row with no estimate that is not hidden
 * (status `"failed"`: its estimator could not run) prints 推定できず / not estimated. Takes the
 * report's table as it is: `effectForestChart(report.tables.effects, { scale: "engagement" })`.
 * @example
 * const rows = [
 *   { kind: "all", method: "did", estimate: 0.24, ciLow: 0.2, ciHigh: 0.28, suppressed: false },
 *   { kind: "all", method: "matching", estimate: null, ciLow: null, ciHigh: null, status: "failed", suppressed: false },
 *   { kind: "appointed", method: "did", estimate: null, ciLow: null, ciHigh: null, status: "suppressed", suppressed: true },
 * ];
 * effectForestChart({ rows }).data.values.map((v) => v.text) // => ["", "推定できず", "秘匿"]
 * effectForestChart({ rows: rows.map((r) => ({ ...r, scale: "engagement" })) }, { reference: 0.267 }).title
 * // => { text: "越境の効果の推定（方法別）：エンゲージメント", subtitle: "推定値と95%信頼区間。縦の実線は効果0、破線は参照値 0.267" }
 * @throws {KoeArgumentError} when the input is not `{ rows: [...] }` with rows of the shape of
 *   {@link EffectChartRow}, or an option is unknown or of the wrong kind.
 */
export function effectForestChart(input: EffectForestInput, options: EffectForestChartOptions = {}): TopLevelSpec {
  const fn = "effectForestChart";
  const { lang, title, labels, scale, reference } = parseOptions(fn, ForestOptions, options);
  const { rows, scale: chosen } = ofScale(rowsOf<EffectChartRow>(fn, input, EFFECT), scale, true);
  const w = WORDS[lang];
  const scaleName = chosen === undefined ? null : label(labels, w.scales, chosen);
  const chartTitle = title ?? (scaleName === null ? w.forestTitle : w.ofScale(w.forestTitle, scaleName));
  const hidden = (r: EffectChartRow) => r.suppressed || r.status === "suppressed";
  if (rows.length === 0 || rows.every(hidden)) return nothingChart(chartTitle, lang, rows.length > 0, input);
  const methodOrder = Object.keys(w.methods).map((m) => label(labels, w.methods, m));
  const kindOrder = Object.keys(w.kinds);
  const kinds = [...new Set(rows.map((r) => r.kind))].sort((a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b)).map((k) => label(labels, w.kinds, k));
  const values = rows.map((r) =>
    hidden(r) || r.estimate === null
      ? { kind: label(labels, w.kinds, r.kind), method: label(labels, w.methods, r.method), estimate: null, ciLow: null, ciHigh: null, n: null, text: hidden(r) ? w.suppressed : w.notEstimated }
      : { kind: label(labels, w.kinds, r.kind), method: label(labels, w.methods, r.method), estimate: r.estimate, ciLow: r.ciLow, ciHigh: r.ciHigh, n: r.nTreated ?? null, text: "", ...(r.role === "sensitivity" ? { sensitivity: true } : {}) },
  );
  // The report names one primary estimate; the others are drawn lighter, and the subtitle says why.
  const withRoles = rows.some((r) => r.role === "primary") && rows.some((r) => r.role === "sensitivity");
  const lighter = { condition: { test: "datum.sensitivity === true", value: 0.35 }, value: 1 };
  // One legend for every mark: the estimate (a dot), its interval (a line), the rule at 0 and the dashed reference (when drawn).
  const shownReference = reference === undefined ? null : String(+reference.toFixed(3));
  const entries = [
    { name: w.legend.estimate, colour: "#0072b2", shape: "circle", dash: null },
    { name: w.legend.interval, colour: "#0072b2", shape: "stroke", dash: null },
    { name: w.legend.zero, colour: "#444444", shape: "stroke", dash: null },
    ...(shownReference === null ? [] : [{ name: w.legend.reference(shownReference), colour: "#d55e00", shape: "stroke", dash: [5, 4] }]),
  ];
  const is = (name: string) => `datum.value === ${JSON.stringify(name)}`;
  const legend = {
    orient: "top", direction: "horizontal", title: null, labelLimit: 0, symbolStrokeWidth: 2,
    encoding: {
      symbols: {
        shape: { condition: { test: is(w.legend.estimate), value: "circle" }, value: "stroke" },
        fill: { condition: { test: is(w.legend.estimate), value: "#0072b2" }, value: "transparent" },
        opacity: { value: 1 },
        ...(shownReference === null ? {} : { strokeDash: { condition: { test: is(entries[3]!.name), value: entries[3]!.dash }, value: [] } }),
      },
    },
  };
  const colour = (name: string) => ({ datum: name, type: "nominal", scale: { domain: entries.map((e) => e.name), range: entries.map((e) => e.colour) }, legend });
  const rules: object[] = [{ mark: { type: "rule" }, encoding: { x: { datum: 0, type: "quantitative" }, color: colour(w.legend.zero) } }];
  if (reference !== undefined) rules.push({ mark: { type: "rule", strokeDash: [5, 4] }, encoding: { x: { datum: reference, type: "quantitative" }, color: colour(entries[3]!.name) } });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: chartTitle, subtitle: withRoles ? [w.forestNote(shownReference), w.rolesNote] : w.forestNote(shownReference) },
    data: { values },
    facet: { row: { field: "kind", type: "nominal", sort: kinds, title: null, header: { labelAngle: 0, labelAlign: "left" } } },
    spec: {
      width: 320,
      height: { step: 20 },
      layer: [
        ...rules,
        { mark: { type: "rule", strokeWidth: 1.5 }, transform: [{ filter: "datum.estimate !== null" }], encoding: { y: { field: "method", type: "nominal", sort: methodOrder, title: null, axis: { domain: false } }, x: { field: "ciLow", type: "quantitative", title: scaleName === null ? w.effect : w.effectOf(scaleName) }, x2: { field: "ciHigh" }, color: colour(w.legend.interval), ...(withRoles ? { opacity: lighter } : {}) } },
        { mark: { type: "point", filled: true, opacity: 1 }, transform: [{ filter: "datum.estimate !== null" }], encoding: { y: { field: "method", type: "nominal", sort: methodOrder }, x: { field: "estimate", type: "quantitative" }, color: colour(w.legend.estimate), ...(withRoles ? { opacity: lighter } : {}), tooltip: [{ field: "method" }, { field: "estimate", format: ".3f" }, { field: "ciLow", format: ".3f" }, { field: "ciHigh", format: ".3f" }, { field: "n" }] } },
        { mark: { type: "text", align: "left", color: "#555555" }, transform: [{ filter: "datum.estimate === null" }], encoding: { y: { field: "method", type: "nominal", sort: methodOrder }, x: { datum: 0, type: "quantitative" }, text: { field: "text" } } },
      ],
    },
  } as TopLevelSpec;
}
