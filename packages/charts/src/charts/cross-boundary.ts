// Charts of the cross-boundary (越境) study: the pre/post interaction plot, the love plot of
// covariate balance, and the forest of effect estimates by method and programme kind.
import type { TopLevelSpec } from "vega-lite";
import { koeTheme } from "../theme.js";
import type { Lang } from "../messages.js";

const WORDS = {
  ja: {
    prePostTitle: "越境経験者と非経験者の事前・事後",
    prePostNote: "平均と95%信頼区間。5人未満のグループは表示していません",
    waves: { pre: "事前", post: "事後" } as Record<string, string>,
    groups: { participants: "越境経験者", nonParticipants: "非経験者" } as Record<string, string>,
    scales: { engagement: "エンゲージメント", innovation: "イノベーションへの前向きな視点" } as Record<string, string>,
    score: "平均スコア",
    group: "グループ",
    balanceTitle: "共変量のバランス（標準化平均差）",
    balanceNote: "点線は ±0.1。調整後に点線の内側なら釣り合いが取れています",
    when: { before: "調整前", after: "調整後" } as Record<string, string>,
    smd: "標準化平均差",
    forestTitle: "越境の効果の推定（方法別）",
    forestNote: "推定値と95%信頼区間。破線は参照値",
    methods: { difference: "単純比較", regression: "回帰調整", matching: "マッチング", weighting: "重み付け", "doubly-robust": "二重頑健", did: "差の差 (DiD)", "wild-bootstrap": "ワイルドブートストラップ" } as Record<string, string>,
    kinds: { all: "全体", internal: "社内越境", external: "社外越境", self_nominated: "手挙げ", appointed: "人事の指名" } as Record<string, string>,
    effect: "効果（スコア差）",
    suppressed: "秘匿",
  },
  en: {
    prePostTitle: "Participants and non-participants, before and after",
    prePostNote: "Means with 95% intervals. Groups under 5 are not shown",
    waves: { pre: "Before", post: "After" } as Record<string, string>,
    groups: { participants: "Participants", nonParticipants: "Non-participants" } as Record<string, string>,
    scales: { engagement: "Engagement", innovation: "Innovation orientation" } as Record<string, string>,
    score: "Mean score",
    group: "Group",
    balanceTitle: "Covariate balance (standardised mean differences)",
    balanceNote: "Dotted lines at ±0.1: inside them after adjustment means balanced",
    when: { before: "Unadjusted", after: "Adjusted" } as Record<string, string>,
    smd: "Standardised mean difference",
    forestTitle: "Effect of cross-boundary assignments, by method",
    forestNote: "Estimates with 95% intervals; dashed line: reference",
    methods: { difference: "Naive difference", regression: "Regression", matching: "Matching", weighting: "Weighting", "doubly-robust": "Doubly robust", did: "Difference-in-differences", "wild-bootstrap": "Wild cluster bootstrap" } as Record<string, string>,
    kinds: { all: "All", internal: "Internal", external: "External", self_nominated: "Self-nominated", appointed: "Appointed by HR" } as Record<string, string>,
    effect: "Effect (score difference)",
    suppressed: "suppressed",
  },
};

export interface PrePostInput {
  rows: { scale: string; group: "participants" | "nonParticipants"; wave: "pre" | "post"; mean: number | null; ciLow: number | null; ciHigh: number | null; n: number | null; suppressed: boolean }[];
}
export interface BalanceInput {
  rows: { covariate: string; level: string | null; smd: number; smdAdjusted: number | null }[];
  threshold?: number;
}
export interface EffectForestInput {
  rows: { kind: string; method: string; estimate: number | null; ciLow: number | null; ciHigh: number | null; n?: number | null; suppressed: boolean }[];
  reference?: number;
}
export interface CrossBoundaryChartOptions {
  lang?: Lang;
  title?: string;
  labels?: Readonly<Record<string, string>>;
}

const label = (labels: Readonly<Record<string, string>> | undefined, own: Record<string, string>, id: string) => labels?.[id] ?? own[id] ?? id;

/**
 * The interaction plot: group means before and after with 95% intervals, participants against
 * non-participants, one panel per scale. Suppressed groups are left out, numbers and all.
 * @example
 * prePostChart({ rows: report.prePost }) // => { facet: …, spec: { layer: [line, errorbar] } }
 */
export function prePostChart(input: PrePostInput, { lang = "ja", title, labels }: CrossBoundaryChartOptions = {}): TopLevelSpec {
  const w = WORDS[lang];
  const values = input.rows
    .filter((r) => !r.suppressed && r.mean !== null)
    .map((r) => ({ scale: label(labels, w.scales, r.scale), group: label(labels, w.groups, r.group), wave: w.waves[r.wave]!, mean: r.mean, ciLow: r.ciLow, ciHigh: r.ciHigh, n: r.n }));
  const waves = [w.waves.pre!, w.waves.post!];
  const groups = [w.groups.participants!, w.groups.nonParticipants!];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title ?? w.prePostTitle, subtitle: w.prePostNote },
    data: { values },
    facet: { column: { field: "scale", type: "nominal", title: null, sort: [...new Set(values.map((v) => v.scale))] } },
    spec: {
      width: 220,
      height: 220,
      encoding: {
        x: { field: "wave", type: "ordinal", sort: waves, title: null, axis: { labelAngle: 0 } },
        color: { field: "group", type: "nominal", sort: groups, title: w.group, scale: { range: ["#0072b2", "#999999"] } },
      },
      layer: [
        { mark: { type: "line", point: true }, encoding: { y: { field: "mean", type: "quantitative", title: w.score, scale: { zero: false } }, tooltip: [{ field: "group" }, { field: "wave" }, { field: "mean", format: ".2f" }, { field: "n" }] } },
        { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { y: { field: "ciLow", type: "quantitative", title: w.score }, y2: { field: "ciHigh" } } },
      ],
    },
  } as TopLevelSpec;
}

/**
 * The love plot: each covariate's standardised mean difference before and after adjustment,
 * rows ordered by the imbalance before, dotted rules at ±threshold (default 0.1).
 * @example
 * balanceChart(report.balance.engagement)
 */
export function balanceChart(input: BalanceInput, { lang = "ja", title, labels }: CrossBoundaryChartOptions = {}): TopLevelSpec {
  const w = WORDS[lang];
  const t = input.threshold ?? 0.1;
  const name = (r: BalanceInput["rows"][number]) => (r.level === null ? (labels?.[r.covariate] ?? r.covariate) : `${labels?.[r.covariate] ?? r.covariate}: ${labels?.[r.level] ?? r.level}`);
  const order = [...input.rows].sort((a, b) => Math.abs(b.smd) - Math.abs(a.smd)).map(name);
  const values = input.rows.flatMap((r) => [
    { covariate: name(r), when: w.when.before, smd: r.smd },
    ...(r.smdAdjusted === null ? [] : [{ covariate: name(r), when: w.when.after, smd: r.smdAdjusted }]),
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title ?? w.balanceTitle, subtitle: w.balanceNote },
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
 * Each method's estimate and interval, in panels by programme kind, with a rule at 0 and an
 * optional dashed reference (e.g. the true effect of a simulation). Suppressed rows print 秘匿 only.
 * @example
 * effectForestChart({ rows: report.effects.filter((e) => e.scale === "engagement") })
 */
export function effectForestChart(input: EffectForestInput, { lang = "ja", title, labels }: CrossBoundaryChartOptions = {}): TopLevelSpec {
  const w = WORDS[lang];
  const methodOrder = Object.keys(w.methods).map((m) => label(labels, w.methods, m));
  const kinds = [...new Set(input.rows.map((r) => r.kind))].sort((a, b) => Object.keys(w.kinds).indexOf(a) - Object.keys(w.kinds).indexOf(b)).map((k) => label(labels, w.kinds, k));
  const values = input.rows.map((r) =>
    r.suppressed || r.estimate === null
      ? { kind: label(labels, w.kinds, r.kind), method: label(labels, w.methods, r.method), estimate: null, ciLow: null, ciHigh: null, n: null, text: w.suppressed }
      : { kind: label(labels, w.kinds, r.kind), method: label(labels, w.methods, r.method), estimate: r.estimate, ciLow: r.ciLow, ciHigh: r.ciHigh, n: r.n ?? null, text: "" },
  );
  const rules: object[] = [{ mark: { type: "rule", color: "#444444" }, encoding: { x: { datum: 0, type: "quantitative" } } }];
  if (input.reference !== undefined) rules.push({ mark: { type: "rule", strokeDash: [5, 4], color: "#d55e00" }, encoding: { x: { datum: input.reference, type: "quantitative" } } });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title ?? w.forestTitle, subtitle: w.forestNote },
    data: { values },
    facet: { row: { field: "kind", type: "nominal", sort: kinds, title: null, header: { labelAngle: 0, labelAlign: "left" } } },
    spec: {
      width: 320,
      height: { step: 20 },
      layer: [
        ...rules,
        { mark: { type: "rule" }, transform: [{ filter: "datum.estimate !== null" }], encoding: { y: { field: "method", type: "nominal", sort: methodOrder, title: null }, x: { field: "ciLow", type: "quantitative", title: w.effect }, x2: { field: "ciHigh" } } },
        { mark: { type: "point", filled: true, color: "#0072b2" }, transform: [{ filter: "datum.estimate !== null" }], encoding: { y: { field: "method", type: "nominal", sort: methodOrder }, x: { field: "estimate", type: "quantitative" }, tooltip: [{ field: "method" }, { field: "estimate", format: ".3f" }, { field: "ciLow", format: ".3f" }, { field: "ciHigh", format: ".3f" }, { field: "n" }] } },
        { mark: { type: "text", align: "left", color: "#555555" }, transform: [{ filter: "datum.estimate === null" }], encoding: { y: { field: "method", type: "nominal", sort: methodOrder }, x: { datum: 0, type: "quantitative" }, text: { field: "text" } } },
      ],
    },
  } as TopLevelSpec;
}
