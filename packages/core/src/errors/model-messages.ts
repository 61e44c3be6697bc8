// Messages of the model (vocabularies, generation cut-offs), in Japanese and English.
import { defineMessages, q, show } from "./catalogue.js";

type Vocab = { vocabulary: string };

/** What a field of a vocabulary term must be, by field. */
export const termRules = {
  id: { en: "must be non-empty text", ja: "空でない文字列が必要です" },
  ja: { en: "must be non-empty text", ja: "空でない文字列が必要です" },
  en: { en: "must be non-empty text", ja: "空でない文字列が必要です" },
  aliases: { en: "must be a list of text", ja: "文字列のリストが必要です" },
} as const;

export const modelMessages = defineMessages("model", {
  notTerms: {
    en: (p: Vocab & { got: string }) => `vocabulary ${q(p.vocabulary)}: the terms must be a list of { id, ja, en, aliases? } (got ${p.got})`,
    ja: (p: Vocab & { got: string }) => `語彙「${p.vocabulary}」: 語は { id, ja, en, aliases? } のリストで渡してください（渡されたもの: ${p.got}）`,
  },
  badTerm: {
    en: (p: Vocab & { index: number; id: unknown; field: string; value: unknown; rule: string; ruleJa: string }) =>
      `vocabulary ${q(p.vocabulary)}: term ${p.index}${typeof p.id === "string" ? ` (${q(p.id)})` : ""}: ${p.field} ${p.rule} (got ${show(p.value)})`,
    ja: (p: Vocab & { index: number; id: unknown; field: string; value: unknown; rule: string; ruleJa: string }) =>
      `語彙「${p.vocabulary}」: ${p.index}番目の語${typeof p.id === "string" ? `（${p.id}）` : ""}の ${p.field} は${p.ruleJa}（渡された値: ${show(p.value)}）`,
  },
  duplicateId: {
    en: (p: Vocab & { id: string }) => `vocabulary ${q(p.vocabulary)}: the id ${q(p.id)} is given twice (to add aliases to a term, use extendVocabulary)`,
    ja: (p: Vocab & { id: string }) => `語彙「${p.vocabulary}」: ID「${p.id}」が2回あります（既存の語に別名を足すには extendVocabulary を使ってください）`,
  },
  aliasClash: {
    en: (p: Vocab & { key: string; first: string; second: string }) => `vocabulary ${q(p.vocabulary)}: ${q(p.key)} is an alias of both ${q(p.first)} and ${q(p.second)}`,
    ja: (p: Vocab & { key: string; first: string; second: string }) => `語彙「${p.vocabulary}」: 「${p.key}」が「${p.first}」と「${p.second}」の両方の別名になっています`,
  },
  badInstrument: {
    en: (p: { fn: string; path: string; detail: string }) => `${p.fn}: the instrument is not valid at ${p.path || "its top level"}: ${p.detail}`,
    ja: (p: { fn: string; path: string; detail: string }) => `${p.fn}: 調査票の定義の ${p.path || "最上位"} が正しくありません（${p.detail}）`,
  },
  notAVocabulary: {
    en: (p: { fn: string; option: string }) => `${p.fn}: ${p.option} must be a vocabulary made by defineVocabulary or extendInitiativeCatalogue`,
    ja: (p: { fn: string; option: string }) => `${p.fn}: ${p.option} には defineVocabulary か extendInitiativeCatalogue で作った語彙を渡してください`,
  },
  cutoffOrder: {
    en: (p: { fn: string; mid: number; senior: number }) => `${p.fn}: the mid cut-off (${p.mid}) must be below the senior cut-off (${p.senior})`,
    ja: (p: { fn: string; mid: number; senior: number }) => `${p.fn}: 中堅の始まる年齢（mid: ${p.mid}）はシニアの始まる年齢（senior: ${p.senior}）より小さくしてください`,
  },
});
