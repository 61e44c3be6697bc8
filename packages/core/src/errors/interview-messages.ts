// Messages of coded texts and the interview study's tables (codeTexts, codeFrequencies,
// codeCooccurrence), in Japanese and English.
import { defineMessages, list, listJa, q, show } from "./catalogue.js";

type Fn = { fn: string };
const did = (s: string | null) => (s === null ? "" : `; did you mean ${q(s)}?`);
const didJa = (s: string | null) => (s === null ? "" : `「${s}」の誤りではありませんか？`);
const rows = (r: readonly number[]) => r.slice(0, 8).join(", ") + (r.length > 8 ? `, … (+${r.length - 8})` : "");

/** Problems of codeTexts' input: each names the column, the value and the row. */
export const codeTextsMessages = defineMessages("codeTexts", {
  notRows: {
    en: (p: Fn & { got: string }) => `${p.fn}: expected an arquero table or a list of rows { column: value } (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: arquero の表か、行 { 列: 値 } のリストを渡してください（渡されたもの: ${p.got}）`,
  },
  notACodebook: {
    en: (p: Fn & { got: string }) =>
      `${p.fn}: option "codebook" takes the codebook returned by readCodebook (e.g. codebook: await readCodebook("codebook.json")), whose rules are parsed and checked (got ${p.got})`,
    ja: (p: Fn & { got: string }) =>
      `${p.fn}: オプション「codebook」には readCodebook が返すコードブックを渡してください（例: codebook: await readCodebook("codebook.json")）。ルールはそこで読み取り・検査されます（渡されたもの: ${p.got}）`,
  },
  codeIsColumn: {
    en: (p: Fn & { code: string }) => `${p.fn}: code ${q(p.code)} has the name of a column of the table; the 0/1 column of the code would replace it (rename the column or the code)`,
    ja: (p: Fn & { code: string }) => `${p.fn}: コード「${p.code}」と同じ名前の列が表にあります。コードの0/1列で上書きされてしまうので、列かコードの名前を変えてください`,
  },
  idColumnExists: {
    en: (p: Fn & { column: string; parts: string[] }) => `${p.fn}: the id joined from ${list(p.parts)} would be the column ${q(p.column)}, which the table already has (rename it)`,
    ja: (p: Fn & { column: string; parts: string[] }) => `${p.fn}: ${listJa(p.parts)}をつないだIDの列「${p.column}」と同じ名前の列がすでに表にあります（名前を変えてください）`,
  },
  missingId: {
    en: (p: Fn & { column: string; row: number }) => `${p.fn}: row ${p.row} has no id in column ${q(p.column)}; every text needs one (or leave out "id": rows are then numbered 1, 2, …)`,
    ja: (p: Fn & { column: string; row: number }) => `${p.fn}: ${p.row}行目の列「${p.column}」にIDがありません。すべてのテキストにIDが必要です（「id」を省くと行番号 1, 2, … がIDになります）`,
  },
  duplicateId: {
    en: (p: Fn & { columns: string[]; id: string; first: number; again: number }) =>
      `${p.fn}: id ${q(p.id)} (${list(p.columns)}) is on rows ${p.first} and ${p.again}; ids must name one text each. If one person wrote several texts, give their column as "person" and use a unique id (or none)`,
    ja: (p: Fn & { columns: string[]; id: string; first: number; again: number }) =>
      `${p.fn}: ID「${p.id}」（${listJa(p.columns)}）が${p.first}行目と${p.again}行目にあります。IDは1つのテキストに1つです。1人が複数のテキストを書いた場合は、その列を「person」に指定し、IDは一意の列にしてください（省いてもかまいません）`,
  },
  missingPerson: {
    en: (p: Fn & { column: string; rows: number[]; count: number }) => `${p.fn}: column ${q(p.column)} (option person) is blank on ${p.count} row(s): ${rows(p.rows)}; groups are counted in people, so every text needs its writer`,
    ja: (p: Fn & { column: string; rows: number[]; count: number }) => `${p.fn}: 列「${p.column}」（オプション person）が${p.count}行で空欄です（${rows(p.rows)}行目）。グループは人数で数えるので、すべてのテキストに書き手が必要です`,
  },
  manualNotRows: {
    en: (p: Fn & { got: string }) => `${p.fn}: option "manual" takes rows { id, code, coder } or a table with those columns (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: オプション「manual」には行 { id, code, coder } のリストか、その列をもつ表を渡してください（渡されたもの: ${p.got}）`,
  },
  manualLacks: {
    en: (p: Fn & { row: number; field: string }) => `${p.fn}: manual coding ${p.row} has no ${q(p.field)} (each needs an id and a coder, and a code column: a blank code means the coder read the text and gave it no code)`,
    ja: (p: Fn & { row: number; field: string }) => `${p.fn}: 手作業のコーディング${p.row}行目に「${p.field}」がありません（id と coder が必要で、code の列も必要です。code が空欄の行は「読んだがコードなし」の意味です）`,
  },
  manualUnknownId: {
    en: (p: Fn & { row: number; id: unknown; suggestion: string | null }) => `${p.fn}: manual coding ${p.row}: no text has the id ${show(p.id)}${did(p.suggestion)}`,
    ja: (p: Fn & { row: number; id: unknown; suggestion: string | null }) => `${p.fn}: 手作業のコーディング${p.row}行目: ID ${show(p.id)} のテキストはありません。${didJa(p.suggestion)}`,
  },
  manualUnknownCode: {
    en: (p: Fn & { row: number; code: unknown; suggestion: string | null; codes: string[] }) => `${p.fn}: manual coding ${p.row}: ${show(p.code)} is not a code of the codebook${did(p.suggestion)} (codes: ${list(p.codes, 30)})`,
    ja: (p: Fn & { row: number; code: unknown; suggestion: string | null; codes: string[] }) =>
      `${p.fn}: 手作業のコーディング${p.row}行目: ${show(p.code)} はコードブックのコードではありません。${didJa(p.suggestion)}（コード: ${p.codes.join(", ")}）`,
  },
  manualAutoCoder: {
    en: (p: Fn & { row: number; coder: string }) => `${p.fn}: manual coding ${p.row}: the coder name ${q(p.coder)} is koe's own (automatic) coder; give the person's name`,
    ja: (p: Fn & { row: number; coder: string }) => `${p.fn}: 手作業のコーディング${p.row}行目: コーダー名「${p.coder}」は koe の自動コーディングの名前です。人の名前を付けてください`,
  },
});

/** Problems of the interview study's input (codeFrequencies, codeCooccurrence). */
export const interviewMessages = defineMessages("interviews", {
  notCoded: {
    en: (p: Fn & { got: string }) => `${p.fn}: expected coded texts, as codeTexts returns them (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: codeTexts が返すコード化済みテキストを渡してください（渡されたもの: ${p.got}）`,
  },
  unknownCode: {
    en: (p: Fn & { code: string; suggestion: string | null; codes: string[] }) => `${p.fn}: option "codes": ${q(p.code)} is not a code of the coded texts${did(p.suggestion)} (codes: ${list(p.codes, 30)})`,
    ja: (p: Fn & { code: string; suggestion: string | null; codes: string[] }) => `${p.fn}: オプション「codes」: 「${p.code}」はコード化したテキストのコードではありません。${didJa(p.suggestion)}（コード: ${p.codes.join(", ")}）`,
  },
});

/** Notes (warnings and findings as data) of codeFrequencies and codeCooccurrence. */
export const interviewNotes = defineMessages("interviewNotes", {
  blankGroup: {
    en: (p: { column: string; rows: number }) => `${p.rows} text(s) with a blank ${q(p.column)} are left out of every table.`,
    ja: (p: { column: string; rows: number }) => `「${p.column}」が空欄のテキスト${p.rows}件は、どの表にも含めていません。`,
  },
  testsOverShown: {
    en: (p: { column: string; shown: number; groups: number }) =>
      `The tests and residuals compare the ${p.shown} of ${p.groups} groups of ${q(p.column)} that are shown; hidden groups are left out of them, so that no test carries their counts.`,
    ja: (p: { column: string; shown: number; groups: number }) =>
      `検定と調整済み残差は、「${p.column}」の${p.groups}グループのうち表示している${p.shown}グループだけで計算しています（非表示のグループの人数が検定に含まれないようにするため）。`,
  },
  fisherUsed: {
    en: (p: { codes: string[] }) => `Fisher's exact test replaces the chi-square test where an expected count is below 5 (codes: ${list(p.codes, 30)}).`,
    ja: (p: { codes: string[] }) => `期待度数が5未満のセルがあるコードは、カイ二乗検定の代わりにフィッシャーの正確検定を使っています（コード: ${p.codes.join(", ")}）。`,
  },
  fisherSimulated: {
    en: (p: { codes: string[]; resamples: number; seed: number | string }) =>
      `For ${list(p.codes, 30)} the tables with the same margins are too many to enumerate: Fisher's p-value is simulated from ${p.resamples} random tables (seed ${show(p.seed)}), as R's fisher.test(simulate.p.value = TRUE).`,
    ja: (p: { codes: string[]; resamples: number; seed: number | string }) =>
      `${p.codes.join(", ")} は周辺度数が同じ表が多すぎて列挙できないため、フィッシャー検定のp値を${p.resamples}個の無作為な表から求めています（シード ${show(p.seed)}、R の fisher.test(simulate.p.value = TRUE) と同じ方法）。`,
  },
});
