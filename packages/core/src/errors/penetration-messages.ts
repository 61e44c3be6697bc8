// Messages of the penetration funnel (penetrationFunnel): its errors and the notes of its report,
// in Japanese and English.
import { defineMessages, list, listJa, q } from "./catalogue.js";

type Fn = { fn: string };
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Problems of penetrationFunnel's input. */
export const penetrationMessages = defineMessages("penetration", {
  stepAndSteps: {
    en: (p: Fn) => `${p.fn}: give either "steps" (one yes/no column per step, in order) or "step" (one column holding the furthest step each person reached), not both`,
    ja: (p: Fn) => `${p.fn}: 「steps」（ステップごとの はい/いいえ の列を順に）か「step」（各人が到達した最も先のステップを入れた1列）のどちらか一方を指定してください`,
  },
  noStepColumn: {
    en: (p: Fn & { step: string; names: string[]; columns: string[] }) =>
      `${p.fn}: no column for the step ${q(p.step)} (looked for ${list(p.names)}); name the step columns in order with "steps", e.g. steps: ["step_know", "step_understand"] (columns: ${list(p.columns, 20)})`,
    ja: (p: Fn & { step: string; names: string[]; columns: string[] }) =>
      `${p.fn}: ステップ「${p.step}」の列がありません（探した列名: ${listJa(p.names)}）。「steps」でステップの列を順に指定してください。例: steps: ["step_know", "step_understand"]（表の列: ${listJa(p.columns, 20)}）`,
  },
  tooFewSteps: {
    en: (p: Fn & { found: number }) => `${p.fn}: a funnel needs at least 2 steps (found ${p.found})`,
    ja: (p: Fn & { found: number }) => `${p.fn}: ファネルには少なくとも2つのステップが必要です（${p.found}個しかありません）`,
  },
  byIsOutput: {
    en: (p: Fn & { column: string; taken: string[] }) => `${p.fn}: the segment column ${q(p.column)} has the name of a column of the funnel table (${list(p.taken)}); rename it`,
    ja: (p: Fn & { column: string; taken: string[] }) => `${p.fn}: 区分の列「${p.column}」が、ファネルの表の列名（${listJa(p.taken)}）と同じです。列の名前を変えてください`,
  },
  stepTwice: {
    en: (p: Fn & { step: string; column: string }) => `${p.fn}: the step ${q(p.step)} is given twice (column ${q(p.column)}); each step is one column`,
    ja: (p: Fn & { step: string; column: string }) => `${p.fn}: ステップ「${p.step}」が2回指定されています（列「${p.column}」）。ステップ1つにつき列は1つです`,
  },
});

/** The notes of the funnel's report (warnings and findings as data). */
export const penetrationNotes = defineMessages("penetrationNotes", {
  rowsLeftOut: {
    en: (p: { rows: number; columns: string[] }) => `${p.rows} respondent(s) with a blank answer in ${list(p.columns, 10)} are left out of every table.`,
    ja: (p: { rows: number; columns: string[] }) => `${listJa(p.columns, 10)}のいずれかが空欄の回答者${p.rows}人は、どの表にも含めていません。`,
  },
  nonCumulative: {
    en: (p: { people: number; n: number; share: number; mode: "strict" | "as_answered" }) =>
      `${p.people} of ${p.n} respondents (${pct(p.share)}) answered the steps non-cumulatively (a step ticked after an earlier one left unticked); ` +
      (p.mode === "strict" ? "they count as having reached only the steps before their first unticked one (cumulative: \"strict\")." : "each step is counted as answered (cumulative: \"as_answered\"), so a later step may show a larger share."),
    ja: (p: { people: number; n: number; share: number; mode: "strict" | "as_answered" }) =>
      `回答者${p.n}人のうち${p.people}人（${pct(p.share)}）は、前のステップに印がないのに後のステップに印をつけています（累積的でない回答）。` +
      (p.mode === "strict" ? "この人たちは、最初に印のないステップの手前までに到達したものとして数えています（cumulative: \"strict\"）。" : "各ステップを回答どおりに数えているため（cumulative: \"as_answered\"）、後のステップの割合が前より大きくなることがあります。"),
  },
  biggestDrop: {
    en: (p: { from: string; to: string; fromEn: string; toEn: string; fromJa: string; toJa: string; drop: number }) =>
      `Overall, the biggest drop is from ${q(p.fromEn)} to ${q(p.toEn)}: the share falls by ${(100 * p.drop).toFixed(1)} points.`,
    ja: (p: { from: string; to: string; fromEn: string; toEn: string; fromJa: string; toJa: string; drop: number }) =>
      `全体では「${p.fromJa}」から「${p.toJa}」への落ち込みが最も大きく、割合が${(100 * p.drop).toFixed(1)}ポイント下がります。`,
  },
});
