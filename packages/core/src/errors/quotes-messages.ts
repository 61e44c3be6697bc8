// Messages of quotes (representative quotes per code and segment), in Japanese and English: the
// errors it throws and the notes its report carries.
import { defineMessages, list, listJa, q } from "./catalogue.js";

type Fn = { fn: string };
const did = (s: string | null) => (s === null ? "" : `; did you mean ${q(s)}?`);
const didJa = (s: string | null) => (s === null ? "" : `「${s}」の誤りではありませんか？`);

/** Errors of quotes' input. */
export const quotesMessages = defineMessages("quotes", {
  notCoded: {
    en: (p: Fn & { got: string }) => `${p.fn}: expected coded texts, the result of codeTexts (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: codeTexts の結果（コーディング済みのテキスト）を渡してください（渡されたもの: ${p.got}）`,
  },
  unknownCode: {
    en: (p: Fn & { code: string; suggestion: string | null; codes: string[] }) => `${p.fn}: option "code" names ${q(p.code)}, which is not a code of the coded texts${did(p.suggestion)} (codes: ${list(p.codes)})`,
    ja: (p: Fn & { code: string; suggestion: string | null; codes: string[] }) => `${p.fn}: オプション「code」の「${p.code}」はコーディング結果のコードにありません。${didJa(p.suggestion)}（コード: ${listJa(p.codes)}）`,
  },
  byIsOutput: {
    en: (p: Fn & { column: string }) => `${p.fn}: the segment column ${q(p.column)} has the name of a column of the quotes table; rename it`,
    ja: (p: Fn & { column: string }) => `${p.fn}: 区分の列「${p.column}」が引用表の列名と同じです。列名を変えてください`,
  },
});

/** Notes of quotes' report (warnings as data; `present/` words them). */
export const quotesNotes = defineMessages("quotesNote", {
  blankSegment: {
    en: (p: { rows: number; column: string }) => `${p.rows} text${p.rows === 1 ? "" : "s"} with a blank ${p.column} ${p.rows === 1 ? "is" : "are"} not quoted.`,
    ja: (p: { rows: number; column: string }) => `${p.column}が空欄の${p.rows}件のテキストは引用していません。`,
  },
  groupsWithheld: {
    en: (p: { minGroupSize: number }) => `Quotes come only from groups in which at least ${p.minGroupSize} people wrote, and from no group that subtraction would reveal; some groups are therefore not quoted.`,
    ja: (p: { minGroupSize: number }) => `引用は${p.minGroupSize}人以上が書いたグループからだけ選び、差し引きで分かるグループからも選んでいません。そのため引用のないグループがあります。`,
  },
});
