// Messages of the immobile layer's quantitative side: moderated effects (moderatedEffect and its
// report — the career-sheet dialogue pilot, whose effect depends on the sheet's quality) and the
// survey profile of the immobile layer (immobileProfile), in Japanese and English. Notes are data
// `{ code, params }` in the reports, worded here; a note about a group names it in `params.groups`
// so that the report's edge withholds it when the group is hidden.
import { defineMessages, q } from "./catalogue.js";

type Fn = { fn: string };
type Level = { moderator: string; level: unknown };

const f2 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : `${x < 0 && x.toFixed(2) !== "-0.00" ? "−" : ""}${Math.abs(x).toFixed(2)}`);
/** "p = 0.012" or "p < 0.001". */
const fp = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "p = —" : x < 0.001 ? "p < 0.001" : `p = ${x.toFixed(3)}`);
const signed = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : `${x >= 0 ? "+" : ""}${f2(x)}`);
const lv = (v: unknown) => (typeof v === "string" ? v : String(v));
/** Degrees of freedom: whole as they are, Satterthwaite's to one decimal. */
const fdf = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** Problems of the input to moderatedEffect (arguments: KoeArgumentError; too little data: InsufficientDataError). */
export const moderatedMessages = defineMessages("moderated", {
  tooFewInLevel: {
    en: (p: Fn & Level & { treated: number; control: number; needed: number; controls: "same-level" | "all" }) =>
      `${p.fn} needs at least ${p.needed} treated and ${p.needed} control rows ${p.controls === "same-level" ? "in" : "for"} level ${q(lv(p.level))} of ${q(p.moderator)}; found ${p.treated} treated and ${p.control} control${p.controls === "all" ? " (all controls)" : ""}`,
    ja: (p: Fn & Level & { treated: number; control: number; needed: number; controls: "same-level" | "all" }) =>
      `${p.fn}: 「${p.moderator}」の水準「${lv(p.level)}」には参加者・${p.controls === "same-level" ? "同じ水準の" : ""}非参加者がそれぞれ少なくとも${p.needed}行必要です（参加者${p.treated}行、非参加者${p.control}行${p.controls === "all" ? "（非参加者全体）" : ""}）`,
  },
  noLevels: {
    en: (p: Fn & { moderator: string; treated: number }) => `${p.fn}: column ${q(p.moderator)} (the moderator) is blank for all ${p.treated} treated rows with both measurements; the effect can only be split by a moderator the treated have`,
    ja: (p: Fn & { moderator: string; treated: number }) => `${p.fn}: 事前・事後がそろった参加者${p.treated}行のすべてで、調整変数の列「${p.moderator}」が空欄です。効果は参加者が持つ値で分けるしかありません`,
  },
  noControls: {
    en: (p: Fn & { moderator: string; treatment: string }) =>
      `${p.fn}: controls "same-level" compares each level's treated with the controls of the same level, but no control row (${q(p.treatment)} = no) has a value in ${q(p.moderator)}; use controls "all" to compare each level with all controls`,
    ja: (p: Fn & { moderator: string; treatment: string }) =>
      `${p.fn}: controls "same-level" は各水準の参加者を同じ水準の非参加者と比べますが、非参加者（「${p.treatment}」がいいえ）の「${p.moderator}」はすべて空欄です。各水準を非参加者全体と比べるには controls "all" を指定してください`,
  },
});

/** The moderated-effect report's findings and warnings. */
export const moderatedNotes = defineMessages("moderatedReport", {
  comparison: {
    en: (p: { moderator: string; treatment: string; controls: "same-level" | "all"; estimator: "did" | "ancova" }) =>
      `The effect of ${p.treatment} is estimated at each level of ${p.moderator} by ${p.estimator === "did" ? "difference-in-differences (the change from pre to post)" : "ANCOVA (post adjusted for pre)"}, each level's participants compared with ${p.controls === "all" ? `all non-participants (${p.moderator} is a property of taking part: non-participants have none)` : `the non-participants of the same level`}.`,
    ja: (p: { moderator: string; treatment: string; controls: "same-level" | "all"; estimator: "did" | "ancova" }) =>
      `「${p.treatment}」の効果を「${p.moderator}」の水準ごとに${p.estimator === "did" ? "差の差（事前から事後への変化）" : "ANCOVA（事前で調整した事後）"}で推定しました。各水準の参加者を${p.controls === "all" ? `非参加者全体と比べています（「${p.moderator}」は参加に付随する属性で、非参加者にはありません）` : "同じ水準の非参加者と比べています"}。`,
  },
  harm: {
    en: (p: Level & { estimate: number; ciLow: number; ciHigh: number; pAdjusted: number; pooled: number | null }) =>
      `Harm at ${p.moderator} = ${lv(p.level)}: the effect is ${signed(p.estimate)} (95% CI ${f2(p.ciLow)} to ${f2(p.ciHigh)}; Holm-adjusted ${fp(p.pAdjusted)})${p.pooled === null ? "" : `, while the pooled effect of ${signed(p.pooled)} averages it away`}.`,
    ja: (p: Level & { estimate: number; ciLow: number; ciHigh: number; pAdjusted: number; pooled: number | null }) =>
      `「${p.moderator}」が「${lv(p.level)}」では逆効果: 効果は${signed(p.estimate)}（95%信頼区間 ${f2(p.ciLow)}〜${f2(p.ciHigh)}、Holm 調整後 ${fp(p.pAdjusted)}）${p.pooled === null ? "" : `。全体をまとめた効果${signed(p.pooled)}ではこれが平均されて見えなくなります`}。`,
  },
  benefit: {
    en: (p: Level & { estimate: number; ciLow: number; ciHigh: number; pAdjusted: number }) =>
      `At ${p.moderator} = ${lv(p.level)} the effect is ${signed(p.estimate)} (95% CI ${f2(p.ciLow)} to ${f2(p.ciHigh)}; Holm-adjusted ${fp(p.pAdjusted)}).`,
    ja: (p: Level & { estimate: number; ciLow: number; ciHigh: number; pAdjusted: number }) =>
      `「${p.moderator}」が「${lv(p.level)}」では効果${signed(p.estimate)}（95%信頼区間 ${f2(p.ciLow)}〜${f2(p.ciHigh)}、Holm 調整後 ${fp(p.pAdjusted)}）。`,
  },
  levelsDiffer: {
    en: (p: { moderator: string; statistic: number; df1: number; df2: number; pValue: number }) =>
      `The effect differs across the levels of ${p.moderator} (Wald test of the interaction: F(${p.df1}, ${fdf(p.df2)}) = ${f2(p.statistic)}, ${fp(p.pValue)}).`,
    ja: (p: { moderator: string; statistic: number; df1: number; df2: number; pValue: number }) =>
      `効果は「${p.moderator}」の水準によって異なります（交互作用の Wald 検定: F(${p.df1}, ${fdf(p.df2)}) = ${f2(p.statistic)}、${fp(p.pValue)}）。`,
  },
  levelsAlike: {
    en: (p: { moderator: string; statistic: number; df1: number; df2: number; pValue: number }) =>
      `The data do not show the effect differing across the levels of ${p.moderator} (Wald test of the interaction: F(${p.df1}, ${fdf(p.df2)}) = ${f2(p.statistic)}, ${fp(p.pValue)}).`,
    ja: (p: { moderator: string; statistic: number; df1: number; df2: number; pValue: number }) =>
      `「${p.moderator}」の水準による効果の違いは、このデータでは確認できません（交互作用の Wald 検定: F(${p.df1}, ${fdf(p.df2)}) = ${f2(p.statistic)}、${fp(p.pValue)}）。`,
  },
  testsOverShown: {
    en: (p: { moderator: string; shown: number; levels: number }) =>
      `Only ${p.shown} of the ${p.levels} levels of ${p.moderator} are large enough to show; the pooled effect and the interaction test are computed over the levels shown, so that no figure carries a hidden group.`,
    ja: (p: { moderator: string; shown: number; levels: number }) =>
      `「${p.moderator}」の${p.levels}水準のうち表示できる大きさのものは${p.shown}水準だけです。全体の効果と交互作用の検定は、隠したグループを含まないよう、表示した水準だけで計算しています。`,
  },
  noTest: {
    en: (p: { moderator: string }) => `Fewer than two levels of ${p.moderator} can be shown: no test of whether the effect differs between them.`,
    ja: (p: { moderator: string }) => `「${p.moderator}」の表示できる水準が二つ未満のため、水準間で効果が異なるかの検定は行っていません。`,
  },
  rowsLeftOut: {
    en: (p: { rows: number; rowsUsed: number }) => `${p.rows - p.rowsUsed} of ${p.rows} rows lack the treatment, a measurement, a participant's moderator, a covariate or the cluster and are left out.`,
    ja: (p: { rows: number; rowsUsed: number }) => `${p.rows}行のうち${p.rows - p.rowsUsed}行は、参加の有無・事前事後の値・（参加者の）調整変数・共変量・クラスターのいずれかが欠けているため除きました。`,
  },
});

/** Problems of the input to immobileProfile. */
export const immobileProfileMessages = defineMessages("immobileProfile", {
  noImmobile: {
    en: (p: Fn & { subtype: string; rows: number }) => `${p.fn}: column ${q(p.subtype)} (the immobile sub-type) is blank in all ${p.rows} rows: no one is in the immobile layer`,
    ja: (p: Fn & { subtype: string; rows: number }) => `${p.fn}: 不動層のタイプの列「${p.subtype}」が${p.rows}行すべてで空欄です（不動層の人がいません）`,
  },
  openOutOfScale: {
    en: (p: Fn & { column: string; value: number; row: number }) => `${p.fn}: column ${q(p.column)} (would move given a trigger) holds ${p.value} in row ${p.row}; answers are 1–5`,
    ja: (p: Fn & { column: string; value: number; row: number }) => `${p.fn}: 「きっかけがあれば考えてみてもいい」の列「${p.column}」の${p.row}行目が${p.value}です。回答は1〜5です`,
  },
});

/** The immobile-profile report's findings and warnings. */
export const immobileProfileNotes = defineMessages("immobileProfileReport", {
  first: {
    en: (p: { segment: string; movable: number; immobile: number; share: number }) =>
      `Address first: ${p.segment} — ${p.movable} of its ${p.immobile} immobile people would move given a trigger (${Math.round(p.share * 100)}%), the largest movable group.`,
    ja: (p: { segment: string; movable: number; immobile: number; share: number }) =>
      `最初に働きかける候補: ${p.segment} — 不動層${p.immobile}人のうち${p.movable}人（${Math.round(p.share * 100)}%）がきっかけがあれば動く、最も大きな浮動層です。`,
  },
  rowsLeftOut: {
    en: (p: { rows: number; columns: string[] }) => `${p.rows} immobile respondents lack ${p.columns.length > 1 ? `${p.columns.slice(0, -1).join(", ")} or ${p.columns[p.columns.length - 1]}` : p.columns[0]} and are left out of every table, so that all tables describe the same people.`,
    ja: (p: { rows: number; columns: string[] }) => `不動層のうち${p.rows}人は${p.columns.map((c) => `「${c}」`).join("・")}のいずれかが欠けているため、すべての表から除きました（どの表も同じ人々についての数値になるように）。`,
  },
  unclassified: {
    en: (p: { rows: number; column: string }) => `${p.rows} respondents are "unclassified" in ${p.column} (their answers did not settle a sub-type) and are not counted as immobile.`,
    ja: (p: { rows: number; column: string }) => `「${p.column}」が「未分類」の${p.rows}人（回答からタイプを決められなかった人）は不動層に数えていません。`,
  },
  movableRule: {
    en: (p: { column: string; threshold: number }) => `Movable (浮動層): ${p.column} ≥ ${p.threshold} (agrees that they would think about their career given a trigger).`,
    ja: (p: { column: string; threshold: number }) => `浮動層の定義: 「${p.column}」が${p.threshold}以上（きっかけがあれば考えてみてもいい、に同意）。`,
  },
});
