// Messages of segmenting, layers and movement (segmentRespondents and its rules, segmentProfile,
// layerDistribution, layerTransitions), in Japanese and English.
import { defineMessages, list, listJa, q, show } from "./catalogue.js";

type Fn = { fn: string };
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Problems of a rule set and of the table it is applied to. */
export const segmentMessages = defineMessages("segment", {
  rulesJson: {
    en: (p: Fn & { detail: string }) => `${p.fn}: the rule set is not valid JSON (${p.detail})`,
    ja: (p: Fn & { detail: string }) => `${p.fn}: ルールが JSON として読めません（${p.detail}）`,
  },
  badRule: {
    en: (p: Fn & { rule: string; value: unknown; detail: string; detailJa: string }) => `${p.fn}: rule ${q(p.rule)} must be ${p.detail} (got ${show(p.value)})`,
    ja: (p: Fn & { rule: string; value: unknown; detail: string; detailJa: string }) => `${p.fn}: ルール「${p.rule}」: ${p.detailJa}（指定された値: ${show(p.value)}）`,
  },
  sameOutput: {
    en: (p: Fn & { column: string; first: string; second: string }) => `${p.fn}: rules ${q(p.first)} and ${q(p.second)} both write column ${q(p.column)}; give each its own name`,
    ja: (p: Fn & { column: string; first: string; second: string }) => `${p.fn}: ルール「${p.first}」と「${p.second}」が同じ列「${p.column}」に書き込みます。別々の名前にしてください`,
  },
  lacksColumns: {
    en: (p: Fn & { segment: string; needed: string[]; lacking: string[]; suggestion: string | null; asked: boolean }) =>
      `${p.fn}: ${p.segment} needs the columns ${list(p.needed)}; the table lacks ${list(p.lacking)}${p.suggestion ? ` (did you mean ${q(p.suggestion)}?)` : ""}${p.asked ? "" : `. Rename the columns (coerceTable) or leave the segment out (rule "derive")`}`,
    ja: (p: Fn & { segment: string; needed: string[]; lacking: string[]; suggestion: string | null; asked: boolean }) =>
      `${p.fn}: ${p.segment}には列 ${listJa(p.needed)} が必要ですが、${listJa(p.lacking)} がありません${p.suggestion ? `（「${p.suggestion}」の誤りではありませんか？）` : ""}${p.asked ? "" : "。列名を合わせる（coerceTable）か、ルール「derive」でこの区分を外してください"}`,
  },
  immobileNeedsLayer: {
    en: (p: Fn & { wave: string | null; items: string[] }) =>
      `${p.fn}: the immobile sub-type is derived for the traditional layer${p.wave === null ? "" : ` at wave ${q(p.wave)}`}, but that layer is not derived (its items are not in the table, or rule "derive" leaves "layer" out); the table has the sub-type items ${list(p.items)}. Derive the layer too, or leave "immobile" out (rule "derive")`,
    ja: (p: Fn & { wave: string | null; items: string[] }) =>
      `${p.fn}: 不動層のタイプは${p.wave === null ? "" : `調査回「${p.wave}」の`}伝統的なキャリア意識層の人について求めますが、その層を求めていません（層の設問が表にないか、ルール「derive」に "layer" がありません。タイプの設問 ${listJa(p.items)} はあります）。層も求めるか、ルール「derive」で "immobile" を外してください`,
  },
});

/** Why a segment is unclassified for a row (notes as data; the `reasons` column words them). */
export const segmentReasons = defineMessages("segment", {
  missingAnswers: {
    en: (p: { columns: string[] }) => `missing answers (${p.columns.join(", ")})`,
    ja: (p: { columns: string[] }) => `無回答があります（${p.columns.join("、")}）`,
  },
  contradictoryTradView: {
    en: (p: { column: string; value: number; awareness: number; action: number }) =>
      `contradictory answers: agrees that the company decides careers (${p.column} = ${fmt(p.value)}) yet awareness ${fmt(p.awareness)} and action ${fmt(p.action)} meet the practising layer`,
    ja: (p: { column: string; value: number; awareness: number; action: number }) =>
      `回答が矛盾しています: 「キャリアは会社が決めてくれる」に同意（${p.column} = ${fmt(p.value)}）しながら、意識 ${fmt(p.awareness)}・行動 ${fmt(p.action)} は実践層の基準を満たします`,
  },
  contradictoryBoth: {
    en: (p: { awareness: number; action: number; tradView: number }) =>
      `contradictory answers: meets both the traditional and the practising criteria (awareness ${fmt(p.awareness)}, action ${fmt(p.action)}, traditional view ${fmt(p.tradView)})`,
    ja: (p: { awareness: number; action: number; tradView: number }) =>
      `回答が矛盾しています: 伝統的層と実践層の両方の基準を満たします（意識 ${fmt(p.awareness)}、行動 ${fmt(p.action)}、伝統的キャリア観 ${fmt(p.tradView)}）`,
  },
  tie: {
    en: (p: { columns: string[]; value: number }) => `contradictory answers: ${p.columns.join(" and ")} tie for the highest answer (${fmt(p.value)})`,
    ja: (p: { columns: string[]; value: number }) => `回答が矛盾しています: ${p.columns.join("と")}が同じ最高値（${fmt(p.value)}）です`,
  },
  layerUnclassified: {
    en: (p: { column: string }) => `the layer it depends on (${p.column}) is unclassified`,
    ja: (p: { column: string }) => `もとになる層（${p.column}）が未分類です`,
  },
});

/** Findings and warnings of the layer and profile reports (notes as data; `renderNote` words them). */
export const segmentNotes = defineMessages("segment", {
  rowsLeftOut: {
    en: (p: { rows: number; columns: string[] }) => `${p.rows} row${p.rows === 1 ? "" : "s"} with a blank or unclassified ${p.columns.join(" or ")} ${p.rows === 1 ? "is" : "are"} not counted.`,
    ja: (p: { rows: number; columns: string[] }) => `${p.columns.join("・")}が空欄または未分類の${p.rows}行は数えていません。`,
  },
  layerTest: {
    en: (p: { by: string; statistic: number; df: number; pValue: number; segments: number; n: number }) =>
      `The layers differ between values of ${p.by} ${p.pValue < 0.05 ? "" : "no more than chance would make them "}(chi-square ${p.statistic.toFixed(2)}, df ${p.df}, p ${p.pValue < 0.001 ? "< 0.001" : `= ${p.pValue.toFixed(3)}`}; ${p.segments} segments, ${p.n} people); cells with an adjusted residual beyond ±1.96 are where they differ.`,
    ja: (p: { by: string; statistic: number; df: number; pValue: number; segments: number; n: number }) =>
      `${p.by}によって層の分布が${p.pValue < 0.05 ? "異なります" : "異なるとは言えません"}（カイ二乗 ${p.statistic.toFixed(2)}、自由度 ${p.df}、p ${p.pValue < 0.001 ? "< 0.001" : `= ${p.pValue.toFixed(3)}`}、${p.segments}区分・${p.n}人）。調整済み残差が ±1.96 を超えるセルが違いの出ているところです。`,
  },
  testLeavesOut: {
    en: (p: { by: string; values: unknown[] }) =>
      `The test leaves out ${p.values.length} value${p.values.length === 1 ? "" : "s"} of ${p.by} (${p.values.map(String).join(", ")}): some of their counts are hidden, and a test over them would let a reader work the hidden counts out.`,
    ja: (p: { by: string; values: unknown[] }) => `検定では${p.by}のうち ${p.values.map(String).join("、")} を除いています。一部の人数を伏せているため、含めると伏せた人数が逆算できてしまいます。`,
  },
  noTest: {
    en: (p: { by: string; segments: number }) => `No test of difference: it needs at least 2 values of ${p.by} whose counts are all shown, with people in at least 2 layers (found ${p.segments}).`,
    ja: (p: { by: string; segments: number }) => `差の検定はしていません。人数をすべて表示できる${p.by}の区分が2つ以上（かつ2つ以上の層に人がいること）が必要です（該当 ${p.segments}）。`,
  },
  smallExpected: {
    en: (p: { cells: number; minExpected: number }) => `${p.cells} cell${p.cells === 1 ? " has" : "s have"} an expected count below 5 (smallest ${p.minExpected.toFixed(2)}): the chi-square p-value is approximate there.`,
    ja: (p: { cells: number; minExpected: number }) => `期待度数が5未満のセルが${p.cells}個あります（最小 ${p.minExpected.toFixed(2)}）。カイ二乗検定の p 値は近似です。`,
  },
  transitionsRead: {
    en: (p: { before: string; after: string; n: number; up: number; down: number; netFlow: number; back: number | null }) =>
      `Between ${p.before} and ${p.after}, of ${p.n} people classified at both, ${pct(p.up)} moved up toward practice and ${pct(p.down)} moved down: a net flow of ${p.netFlow >= 0 ? "+" : ""}${(100 * p.netFlow).toFixed(1)} points.${p.back === null ? "" : ` Of those in the interested or practising layer at first, ${pct(p.back)} moved back (positive once, then gave up).`}`,
    ja: (p: { before: string; after: string; n: number; up: number; down: number; netFlow: number; back: number | null }) =>
      `${p.before}から${p.after}にかけて、両時点で分類できた${p.n}人のうち${pct(p.up)}が実践の方向へ上がり、${pct(p.down)}が下がりました（差し引き ${p.netFlow >= 0 ? "+" : ""}${(100 * p.netFlow).toFixed(1)} ポイント）。${p.back === null ? "" : `最初に理解/関心層か実践層にいた人の${pct(p.back)}が下の層へ戻りました（一度前向きになったが諦めた）。`}`,
  },
  movementDefinition: {
    en: () =>
      "Layers are ordered traditional < interested < practising. Moved up: a higher layer at the second wave (one or two steps); moved down: a lower one. Net flow toward practice = share moved up − share moved down, of the people classified at both waves (95% Wald interval for a difference of two shares of one sample). Moved back = moved down, as a share of the people who were interested or practising at the first wave (Wilson interval). A movement row is shown only when every cell it sums is shown.",
    ja: () =>
      "層は 伝統的 < 理解/関心 < 実践 の順です。上がった: 2回目に上の層（1段でも2段でも）、下がった: 下の層。実践へのネットの流れ = 上がった人の割合 − 下がった人の割合（両時点で分類できた人に対して。同じ標本の二つの割合の差の Wald 95% 区間）。戻った割合 = 1回目に理解/関心層か実践層にいた人のうち下がった人の割合（Wilson 区間）。移動の行は、足し合わせるセルがすべて表示できるときだけ表示します。",
  },
  noScores: {
    en: () => "No scale score to profile: the table has no engagement or innovation score (nor their items); name score columns with the option scores.",
    ja: () => "平均を出す尺度得点がありません（エンゲージメント・イノベーションの得点も設問もありません）。scores オプションで得点の列を指定してください。",
  },
  fewScores: {
    en: (p: { minGroupSize: number }) => `A mean is blank where fewer than ${p.minGroupSize} people of the group have the score.`,
    ja: (p: { minGroupSize: number }) => `得点のある人がグループ内で${p.minGroupSize}人未満のときは平均を空欄にしています。`,
  },
});
