// The words of the segment and layer charts (likertChart, layerGradientChart, layerTransitionChart,
// penetrationFunnelChart, reskillingCycleChart), in Japanese and English: what they draw (titles,
// notes, legends) and their error messages (codes `chart.*`, on @koe/core's catalogue, beside
// chartMessages and codeChartMessages).
import { defineMessages, type Localized } from "@koe/core";
import { codeChartWords } from "./interview-messages.js";
import { did, didJa, list, listJa, q, type Lang } from "./messages.js";

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The words drawn on the segment and layer charts, by language.
 * @example
 * layerChartWords.ja.top2(0.456, 120) // => "46%（n=120）"
 * layerChartWords.en.answers5 // => ["Disagree", "Somewhat disagree", "Neither", "Somewhat agree", "Agree"]
 */
export const layerChartWords = {
  ja: {
    // The words every chart of koe's studies says alike (the code charts' own).
    suppressed: codeChartWords.ja.suppressed,
    noData: codeChartWords.ja.noData,
    allSuppressed: codeChartWords.ja.allSuppressed,
    groupsHiddenTogether: codeChartWords.ja.groupsHidden,
    groupsHidden: (min: number) => `秘匿: ${min}人未満のグループ`,
    groupsHiddenNamed: (min: number, groups: readonly string[]) => `秘匿: ${min}人未満のグループ（${groups.join("、")}）`,
    // likertChart
    likertTitle: "回答の分布",
    likertTitleBy: (segment: string) => `${segment}別の回答の分布`,
    likertNote: (top: string) => `否定（左）と肯定（右）の回答の割合。中央の回答は0をまたいで半分ずつ。右の数字は${top}の割合と回答者数（無回答を除く）`,
    top2Name: "上位2つの回答",
    top2: (share: number, n: number) => `${percent(share)}（n=${n}）`,
    answers5: ["そう思わない", "あまりそう思わない", "どちらともいえない", "ややそう思う", "そう思う"],
    answer: "回答",
    respondents: "人数",
    waveSuffix: (label: string, wave: string) => `${label}（${wave}）`,
    // layerGradientChart
    gradientTitle: "キャリア意識とキャリア行動：3つの層",
    gradientNote: "左下から右上へ: 伝統的なキャリア意識層 → 理解/関心層 → 実践層（帯は目安）",
    gradientPoints: (n: number) => `点は回答者（${n}人、重ならないよう少しずらしています）`,
    gradientMeans: "大きな点はグループの平均",
    awareness: "キャリア意識（平均）",
    action: "キャリア行動（平均）",
    layerHidden: "層を秘匿",
    layer: "層",
    meanLabel: (label: string, n: number) => `${label}（n=${n}）`,
    // layerTransitionChart
    transitionTitle: "キャリア意識層の移動",
    matrixNote: "行: 1回目の層、列: 2回目の層。数字は行の人のうち2回目にその層にいた割合（行割合）と人数。太枠: 同じ層にとどまった人",
    flowNote: "左: 1回目の層、右: 2回目の層。帯の太さは人数（帯の色は1回目の層）",
    beforeTitle: "1回目の層",
    afterTitle: "2回目の層",
    everyone: "全体",
    people: (n: number) => `${n.toLocaleString("en-US")}人`,
    flowHidden: (min: number) => `${min}人未満のセルがあるため流れを描けません（行割合の表で見てください）`,
    movement: (flow: string, low: string, high: string, back: string) => `実践へ向かう純移動 ${flow}（95%信頼区間 ${low}〜${high}）。後退（前向きになったが諦めた）${back}`,
    rowShare: "行割合",
    // penetrationFunnelChart
    funnelTitle: "浸透ステップの到達率",
    funnelNote: "各ステップに到達した人の割合（前のステップもすべて到達した人）と95%信頼区間。橙: 前のステップから最も大きく下がったステップ（▼は下がった幅、ポイント）",
    drop: (share: number) => `▼${Math.round(share * 100)}pt`,
    segmentJoin: "・",
    step: "ステップ",
    reached: "到達した人数",
    shareReached: "到達率",
    // reskillingCycleChart
    cycleTitle: "リスキリングのサイクルと自律的な学び",
    cycleNote: "各期に各段階まで進んだ人数（その期の全員に対する割合）。矢印の数字は前の段階から進んだ割合。斜めの矢印: 成功体験の後、次の期にきっかけを得た割合（成功体験がなかった人の割合と比べて）",
    period: (p: number) => `${p}期`,
    periodTitle: "期",
    periodExpr: "datum.value + '期'",
    completionHeader: "サイクル完了率",
    completion: (all: string, company: string, self: string) => [`${all}`, `会社提供 ${company}・自己啓発 ${self}`],
    cycleTurn: (after: string, without: string) => `成功体験の後 ${after}（なし ${without}）`,
    autonomyTitle: "自律的に学ぶ人の割合",
    autonomyNote: "灰色の線: 各社、青: 全体。破線: 会社内の共通の傾向（会社の固定効果、会社でクラスター化した頑健な標準誤差）",
    trendLinear: (slope: string, low: string, high: string) => `傾き ${slope}ポイント/期（95%信頼区間 ${low}〜${high}）`,
    trendLogistic: (slope: string, low: string, high: string) => `傾き ${slope}（対数オッズ/期、95%信頼区間 ${low}〜${high}）`,
    autonomousShare: "自律的に学ぶ人の割合",
    company: "会社",
    stageOf: { trigger: "きっかけ", place: "学びの場", success: "成功体験" } as Record<string, string>,
    lowHigh: ["95%信頼区間の下限", "95%信頼区間の上限"],
  },
  en: {
    suppressed: codeChartWords.en.suppressed,
    noData: codeChartWords.en.noData,
    allSuppressed: codeChartWords.en.allSuppressed,
    groupsHiddenTogether: codeChartWords.en.groupsHidden,
    groupsHidden: (min: number) => `suppressed: groups under ${min}`,
    groupsHiddenNamed: (min: number, groups: readonly string[]) => `suppressed: groups under ${min} (${groups.join(", ")})`,
    likertTitle: "Answers",
    likertTitleBy: (segment: string) => `Answers by ${segment}`,
    likertNote: (top: string) => `Share of negative (left) and positive (right) answers; the middle answer straddles 0, half on each side. At the right: the share of the ${top.toLowerCase()} and the respondents (without missing answers)`,
    top2Name: "Top two answers",
    top2: (share: number, n: number) => `${percent(share)} (n=${n})`,
    answers5: ["Disagree", "Somewhat disagree", "Neither", "Somewhat agree", "Agree"],
    answer: "Answer",
    respondents: "Respondents",
    waveSuffix: (label: string, wave: string) => `${label} (${wave})`,
    gradientTitle: "Career awareness and career action: the three layers",
    gradientNote: "From lower left to upper right: traditional → interested / understanding → practising (the bands are a guide)",
    gradientPoints: (n: number) => `Dots: respondents (${n}, shifted slightly so that they do not overlap)`,
    gradientMeans: "Large dots: group means",
    awareness: "Career awareness (mean)",
    action: "Career action (mean)",
    layerHidden: "Layer suppressed",
    layer: "Layer",
    meanLabel: (label: string, n: number) => `${label} (n=${n})`,
    transitionTitle: "Movement between the career-ownership layers",
    matrixNote: "Rows: layer at wave 1; columns: layer at wave 2. Each cell: the share of the row's people in that layer at wave 2 (row share) and their number. Outlined: stayed in their layer",
    flowNote: "Left: layer at wave 1; right: layer at wave 2. Band width: people (coloured by the wave-1 layer)",
    beforeTitle: "Layer at wave 1",
    afterTitle: "Layer at wave 2",
    everyone: "All",
    people: (n: number) => `${n.toLocaleString("en-US")}`,
    flowHidden: (min: number) => `Cells under ${min} are hidden, so the flows cannot be drawn (see the matrix of row shares)`,
    movement: (flow: string, low: string, high: string, back: string) => `Net flow toward practice ${flow} (95% interval ${low} to ${high}); moved back (positive once, gave up) ${back}`,
    rowShare: "Row share",
    funnelTitle: "Reaching the penetration steps",
    funnelNote: "Share who reached each step (and every step before it), with 95% intervals. Orange: the step with the biggest drop from the one before (▼ the drop, in points)",
    drop: (share: number) => `▼${Math.round(share * 100)}pt`,
    segmentJoin: " · ",
    step: "Step",
    reached: "Reached",
    shareReached: "Share reached",
    cycleTitle: "The reskilling cycle and autonomous learning",
    cycleNote: "People who reached each stage in each period (share of everyone in the period). Numbers on the arrows: share who went on from the stage before. Diagonal arrows: share who found a trigger in the next period after a success experience (against those without one)",
    period: (p: number) => `Period ${p}`,
    periodTitle: "Period",
    periodExpr: "'Period ' + datum.value",
    completionHeader: "Cycle completed",
    completion: (all: string, company: string, self: string) => [`${all}`, `company ${company} · self ${self}`],
    cycleTurn: (after: string, without: string) => `after success ${after} (without ${without})`,
    autonomyTitle: "Share of autonomous learners",
    autonomyNote: "Grey lines: each company; blue: all. Dashed: the common trend within companies (company fixed effects, cluster-robust by company)",
    trendLinear: (slope: string, low: string, high: string) => `slope ${slope} points per period (95% interval ${low} to ${high})`,
    trendLogistic: (slope: string, low: string, high: string) => `slope ${slope} (log-odds per period, 95% interval ${low} to ${high})`,
    autonomousShare: "Share learning autonomously",
    company: "Company",
    stageOf: { trigger: "Trigger", place: "Place to learn", success: "Success experience" } as Record<string, string>,
    lowHigh: ["95% interval, lower", "95% interval, upper"],
  },
} as const satisfies Record<Lang, unknown>;

/** Places in the layer charts' input, for the messages' `where`: a bar by item and group, a row by number. */
export const layerPlaces = {
  bar: (item: string, group: string | null): Localized => ({
    en: `the bar of item ${q(item)}${group === null ? "" : `, group ${q(group)}`}`,
    ja: `設問「${item}」${group === null ? "" : `・グループ「${group}」`}の棒`,
  }),
  row: (index: number, what?: string): Localized => ({ en: `row ${index + 1}${what ? ` (${what})` : ""}`, ja: `${index + 1}行目${what ? `（${what}）` : ""}` }),
} as const;

type Fn = { fn: string };

/**
 * The error messages of the segment and layer charts, in Japanese and English (codes `chart.*`).
 * @example
 * localize(layerChartMessages.answerOutOfRange, { fn: "likertChart", column: "eng_01_pre", value: 7, row: 12, min: 1, max: 5 }).en
 * // => 'likertChart: column "eng_01_pre", row 12 has the answer 7; answers are whole numbers from 1 to 5'
 */
export const layerChartMessages = defineMessages("chart", {
  answerOutOfRange: {
    en: (p: Fn & { column: string; value: number; row: number; min: number; max: number }) =>
      `${p.fn}: column ${q(p.column)}, row ${p.row} has the answer ${p.value}; answers are whole numbers from ${p.min} to ${p.max}`,
    ja: (p: Fn & { column: string; value: number; row: number; min: number; max: number }) =>
      `${p.fn}: 列「${p.column}」の${p.row}行目の回答が ${p.value} です。回答は ${p.min} から ${p.max} までの整数です`,
  },
  itemRanges: {
    en: (p: Fn & { ranges: readonly string[] }) => `${p.fn}: the items have different answer ranges (${list(p.ranges)}) and cannot share one scale; draw them apart, or give the option "range"`,
    ja: (p: Fn & { ranges: readonly string[] }) => `${p.fn}: 設問の回答の範囲が異なる（${listJa(p.ranges)}）ため、1つの目盛りで描けません。分けて描くか、オプション「range」を指定してください`,
  },
  answerLabelCount: {
    en: (p: Fn & { given: number; points: number }) => `${p.fn}: option "answerLabels" names ${p.given} answers, but the scale has ${p.points}`,
    ja: (p: Fn & { given: number; points: number }) => `${p.fn}: オプション「answerLabels」の回答は${p.given}個ですが、目盛りは${p.points}段階です`,
  },
  smallGroupShown: {
    en: (p: Fn & { where: Localized; n: number; min: number }) =>
      `${p.fn}: ${p.where.en} describes ${p.n} people, under the minimum group size of ${p.min}, but is not marked suppressed; publish the table through the study so that small groups are hidden`,
    ja: (p: Fn & { where: Localized; n: number; min: number }) =>
      `${p.fn}: ${p.where.ja}は${p.n}人のグループで、最小人数 ${p.min} を下回るのに秘匿されていません。小さなグループが隠れるよう、調査関数を通した表を渡してください`,
  },
  notATableOrCounts: {
    en: (p: Fn & { got: Localized }) => `${p.fn}: pass the respondents as an arquero table (with the option "items"), or a table of counts { rows: [{ item, answer, count, … }] } (got ${p.got.en})`,
    ja: (p: Fn & { got: Localized }) => `${p.fn}: 回答者の表（arquero の表、オプション「items」と一緒に）か、件数の表 { rows: [{ item, answer, count, … }] } を渡してください（渡されたもの: ${p.got.ja}）`,
  },
  itemsNeeded: {
    en: (p: Fn) => `${p.fn}: with the respondents' table, name the item columns to draw with the option "items", e.g. { items: ["eng_01_pre", "eng_02_pre"] }`,
    ja: (p: Fn) => `${p.fn}: 回答者の表を渡すときは、描く設問の列をオプション「items」で指定してください。例: { items: ["eng_01_pre", "eng_02_pre"] }`,
  },
  rawOnly: {
    en: (p: Fn & { option: string }) => `${p.fn}: the option ${q(p.option)} applies to the respondents' table (an arquero table), not to a table of counts or means`,
    ja: (p: Fn & { option: string }) => `${p.fn}: オプション「${p.option}」は回答者の表（arquero の表）にだけ使えます。件数や平均の表には使えません`,
  },
  unknownItem: {
    en: (p: Fn & { item: string; suggestion: string | null; items: readonly string[] }) => `${p.fn}: the table has no item ${q(p.item)}${did(p.suggestion)} (its items: ${list(p.items, 20)})`,
    ja: (p: Fn & { item: string; suggestion: string | null; items: readonly string[] }) => `${p.fn}: 表に設問「${p.item}」がありません。${didJa(p.suggestion)}（ある設問: ${listJa(p.items, 20)}）`,
  },
  duplicateBar: {
    en: (p: Fn & { item: string; group: string | null; answer: number }) => `${p.fn}: the answer ${p.answer} of item ${q(p.item)}${p.group === null ? "" : `, group ${q(p.group)}`} appears more than once${p.group === null ? '; a table by segment needs the option "by"' : ""}`,
    ja: (p: Fn & { item: string; group: string | null; answer: number }) => `${p.fn}: 設問「${p.item}」${p.group === null ? "" : `・グループ「${p.group}」`}の回答 ${p.answer} が2回以上あります${p.group === null ? "。セグメント別の表にはオプション「by」が必要です" : ""}`,
  },
  smallCellShown: {
    en: (p: Fn & { where: Localized; field: string; n: number; min: number }) =>
      `${p.fn}: ${p.where.en} shows ${p.field} = ${p.n}, between 1 and ${p.min - 1}, but is not marked suppressed; publish the table through the study so that small cells are hidden`,
    ja: (p: Fn & { where: Localized; field: string; n: number; min: number }) =>
      `${p.fn}: ${p.where.ja}の ${p.field} が ${p.n}（1〜${p.min - 1}人）なのに秘匿されていません。小さなセルが隠れるよう、調査関数を通した表を渡してください`,
  },
  unknownScore: {
    en: (p: Fn & { score: string; suggestion: string | null; scores: readonly string[] }) => `${p.fn}: the table of means has no score ${q(p.score)}${did(p.suggestion)} (its scores: ${list(p.scores)}); name the two scores with the options "awareness" and "action"`,
    ja: (p: Fn & { score: string; suggestion: string | null; scores: readonly string[] }) => `${p.fn}: 平均の表にスコア「${p.score}」がありません。${didJa(p.suggestion)}（あるスコア: ${listJa(p.scores)}）。2つのスコアをオプション「awareness」と「action」で指定してください`,
  },
  missingTable: {
    en: (p: Fn & { table: string; suggestion: string | null; tables: readonly string[] }) => `${p.fn}: the report has no table ${q(p.table)}${did(p.suggestion)} (its tables: ${p.tables.length === 0 ? "none" : list(p.tables)}); pass reskillingCycle's report or its tables as they are`,
    ja: (p: Fn & { table: string; suggestion: string | null; tables: readonly string[] }) => `${p.fn}: レポートに表「${p.table}」がありません。${didJa(p.suggestion)}（ある表: ${p.tables.length === 0 ? "なし" : listJa(p.tables)}）。reskillingCycle のレポートかその表をそのまま渡してください`,
  },
  duplicateGroup: {
    en: (p: Fn & { group: string }) => `${p.fn}: the group ${q(p.group)} appears more than once`,
    ja: (p: Fn & { group: string }) => `${p.fn}: グループ「${p.group}」が2回以上あります`,
  },
  scoreOutOfRange: {
    en: (p: Fn & { where: Localized; field: string; value: number; min: number; max: number }) => `${p.fn}: ${p.where.en} has ${p.field} ${p.value}, outside the scale's range ${p.min}–${p.max}`,
    ja: (p: Fn & { where: Localized; field: string; value: number; min: number; max: number }) => `${p.fn}: ${p.where.ja}の ${p.field} が ${p.value} で、目盛りの範囲 ${p.min}〜${p.max} の外です`,
  },
  badBands: {
    en: (p: Fn & { bands: readonly number[]; min: number; max: number }) => `${p.fn}: option "bands" must be two increasing numbers inside ${p.min}–${p.max} (got ${p.bands.join(", ")})`,
    ja: (p: Fn & { bands: readonly number[]; min: number; max: number }) => `${p.fn}: オプション「bands」は ${p.min}〜${p.max} の間の増加する2つの数で指定してください（渡された値: ${p.bands.join("、")}）`,
  },
});
