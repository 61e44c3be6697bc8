// Messages of the reskilling cycle (reskillingCycle): its argument errors, and the report's findings
// and warnings (notes as data `{ code, params }`, worded here in Japanese and English). A note about
// a group names it in `params.groups`, so the report's edge withholds it when the group is hidden.
import { defineMessages, q } from "./catalogue.js";

type Fn = { fn: string };

const pct = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : `${(100 * x).toFixed(1)}%`);
const pts = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(100 * x).toFixed(1)}`;
const f2 = (x: number) => `${x < 0 ? "−" : ""}${Math.abs(x).toFixed(2)}`;

export const reskillingMessages = defineMessages("reskilling", {
  notWholePeriod: {
    en: (p: Fn & { column: string; value: number; row: number }) => `${p.fn}: column ${q(p.column)} (the period) must hold whole numbers (1, 2, …); row ${p.row} holds ${p.value}`,
    ja: (p: Fn & { column: string; value: number; row: number }) => `${p.fn}: 期の列「${p.column}」は整数（1、2、…）にしてください。${p.row}行目が${p.value}です`,
  },
  repeatedPeriod: {
    en: (p: Fn & { person: string; period: number; column: string; first: number; again: number }) =>
      `${p.fn}: person ${q(p.person)} (column ${q(p.column)}) has two rows for period ${p.period} (rows ${p.first} and ${p.again}); the cycle is one row per person and period`,
    ja: (p: Fn & { person: string; period: number; column: string; first: number; again: number }) =>
      `${p.fn}: 「${p.person}」さん（列「${p.column}」）の期${p.period}の行が二つあります（${p.first}行目と${p.again}行目）。一人一期に一行にしてください`,
  },
  tooFewPeriods: {
    en: (p: Fn & { column: string; periods: number[] }) => `${p.fn} follows the cycle over time and needs at least 2 periods in column ${q(p.column)} (found ${p.periods.length === 0 ? "none" : p.periods.join(", ")})`,
    ja: (p: Fn & { column: string; periods: number[] }) => `${p.fn}: サイクルを時間を追って見るため、期の列「${p.column}」に少なくとも2つの期が必要です（${p.periods.length === 0 ? "ありません" : `${p.periods.join("、")}のみ`}）`,
  },
});

export const reskillingNotes = defineMessages("reskillingReport", {
  trend: {
    en: (p: { trend: "linear" | "logistic"; slope: number; ciLow: number; ciHigh: number; clusters: number; column: string }) =>
      p.trend === "linear"
        ? `The share of autonomous learners changes by ${pts(p.slope)} percentage points per period (95% CI ${pts(p.ciLow)} to ${pts(p.ciHigh)}; within companies, cluster-robust CR2 by ${p.column} with Satterthwaite df, ${p.clusters} clusters).`
        : `The log-odds of learning autonomously change by ${f2(p.slope)} per period (odds ×${Math.exp(p.slope).toFixed(2)}; 95% CI ${f2(p.ciLow)} to ${f2(p.ciHigh)}; within companies, cluster-robust CR1 by ${p.column}, ${p.clusters} clusters).`,
    ja: (p: { trend: "linear" | "logistic"; slope: number; ciLow: number; ciHigh: number; clusters: number; column: string }) =>
      p.trend === "linear"
        ? `自律的に学ぶ社員の割合は1期あたり${pts(p.slope)}ポイント変化しています（95%信頼区間 ${pts(p.ciLow)}〜${pts(p.ciHigh)}、会社内の変化、${p.column}でクラスター頑健（CR2、Satterthwaite 自由度）、クラスター${p.clusters}個）。`
        : `自律的に学ぶ対数オッズは1期あたり${f2(p.slope)}変化しています（オッズ×${Math.exp(p.slope).toFixed(2)}、95%信頼区間 ${f2(p.ciLow)}〜${f2(p.ciHigh)}、会社内の変化、${p.column}でクラスター頑健（CR1）、クラスター${p.clusters}個）。`,
  },
  completionBySource: {
    en: (p: { company: number; self: number }) => `Of those who reached a trigger, ${pct(p.company)} of company-provided and ${pct(p.self)} of self-initiated learning went on to a success experience (all periods).`,
    ja: (p: { company: number; self: number }) => `きっかけに至った人のうち成功体験まで進んだのは、会社提供の学びで${pct(p.company)}、自己啓発で${pct(p.self)}でした（全期）。`,
  },
  carryOver: {
    en: (p: { afterSuccess: number; afterNoSuccess: number }) => `After a success experience ${pct(p.afterSuccess)} reached a trigger in the next period, against ${pct(p.afterNoSuccess)} of the others (the cycle's turn).`,
    ja: (p: { afterSuccess: number; afterNoSuccess: number }) => `成功体験の次の期にきっかけに至ったのは${pct(p.afterSuccess)}で、それ以外の人では${pct(p.afterNoSuccess)}でした（サイクルの循環）。`,
  },
  rowsLeftOut: {
    en: (p: { rows: number; rowsUsed: number }) => `${p.rows - p.rowsUsed} of ${p.rows} rows lack the period, the stage, the company or whether the person learns autonomously, and are left out of every table.`,
    ja: (p: { rows: number; rowsUsed: number }) => `${p.rows}行のうち${p.rows - p.rowsUsed}行は、期・段階・会社・自律的に学ぶかのいずれかが欠けているため、すべての表から除きました。`,
  },
  sourceMissing: {
    en: (p: { rows: number; column: string }) => `${p.rows} rows reached a stage but have no ${p.column}: they count in the stages and the overall completion, not by source ("unknown").`,
    ja: (p: { rows: number; column: string }) => `段階に達しているのに「${p.column}」が空欄の行が${p.rows}行あります。段階と全体の完了率には数え、提供元別には数えていません（「不明」）。`,
  },
  sourceWithoutStage: {
    en: (p: { rows: number; column: string }) => `${p.rows} rows with stage "none" name a ${p.column}; with no stage reached there is no learning to attribute, so it is ignored.`,
    ja: (p: { rows: number; column: string }) => `段階が「なし」なのに「${p.column}」が入っている行が${p.rows}行あります。どの段階にも達していないため、提供元は無視しました。`,
  },
  trendFewDf: {
    en: (p: { column: string; clusters: number; df: number }) => `The trend's interval rests on ${p.df.toFixed(1)} Satterthwaite degrees of freedom (CR2 by ${p.column}, ${p.clusters} clusters, of very unequal weight for the period): read it with care.`,
    ja: (p: { column: string; clusters: number; df: number }) => `傾向の区間は Satterthwaite 自由度${p.df.toFixed(1)}に基づいています（${p.column}で CR2、クラスター${p.clusters}個ですが、期に対する重みが大きく偏っています）。慎重に読んでください。`,
  },
  fewClusters: {
    en: (p: { column: string; clusters: number }) => `Only ${p.clusters} clusters (${p.column}): the logistic trend's cluster-robust (CR1) interval on the normal is somewhat optimistic with so few; the linear trend (CR2 with Satterthwaite df) is the careful one.`,
    ja: (p: { column: string; clusters: number }) => `クラスター（${p.column}）が${p.clusters}個と少なく、ロジスティックの傾向のクラスター頑健（CR1、正規近似）な区間はやや楽観的です。慎重に見るには線形の傾向（CR2、Satterthwaite 自由度）を使ってください。`,
  },
});
