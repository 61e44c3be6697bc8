// Messages of coderAgreement (agreement between coders of texts), in Japanese and English: the
// errors it throws and the notes its report carries.
import { defineMessages, list, listJa, q } from "./catalogue.js";

type Fn = { fn: string };
const did = (s: string | null) => (s === null ? "" : `; did you mean ${q(s)}?`);
const didJa = (s: string | null) => (s === null ? "" : `「${s}」の誤りではありませんか？`);
type Repeat = { unit: string; coder: string; code: string; rows: number[] };
const repeats = (r: readonly Repeat[]) => r.slice(0, 6).map((x) => `unit ${q(x.unit)}, coder ${q(x.coder)}, code ${q(x.code)} on rows ${x.rows.join(" and ")}`).join("; ") + (r.length > 6 ? `; … (+${r.length - 6})` : "");
const repeatsJa = (r: readonly Repeat[]) => r.slice(0, 6).map((x) => `単位「${x.unit}」・コーダー「${x.coder}」・コード「${x.code}」が${x.rows.join("行目と")}行目`).join("、") + (r.length > 6 ? `、…（ほか${r.length - 6}件）` : "");

/** Errors of coderAgreement's input: each names the column, the value and the row (row 1 = the first coding). */
export const agreementMessages = defineMessages("agreement", {
  notCodings: {
    en: (p: Fn & { got: string }) => `${p.fn}: expected codings as a list of rows { unit, coder, code }, an arquero table, or coded texts from codeTexts (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: コーディングは行 { 単位, コーダー, コード } のリスト、arquero の表、または codeTexts の結果で渡してください（渡されたもの: ${p.got}）`,
  },
  notARow: {
    en: (p: Fn & { row: number }) => `${p.fn}: coding ${p.row} is not a row { column: value }`,
    ja: (p: Fn & { row: number }) => `${p.fn}: ${p.row}番目のコーディングが行 { 列: 値 } ではありません`,
  },
  blankCell: {
    en: (p: Fn & { column: string; option: string; row: number }) => `${p.fn}: row ${p.row} has no ${p.option} in column ${q(p.column)}; every coding names its ${p.option} (only the code may be blank: "coded, no code")`,
    ja: (p: Fn & { column: string; option: string; row: number }) => `${p.fn}: ${p.row}行目の列「${p.column}」（${p.option}）が空欄です。空欄にできるのはコードだけです（「コーディングしたがコードなし」の意味）`,
  },
  duplicates: {
    en: (p: Fn & { repeats: Repeat[]; count: number }) => `${p.fn}: ${p.count} coding${p.count === 1 ? " is" : "s are"} given twice (${repeats(p.repeats)}); a repeated row is usually a merge mistake: remove the copies`,
    ja: (p: Fn & { repeats: Repeat[]; count: number }) => `${p.fn}: 同じコーディングが2回以上あります（${p.count}件: ${repeatsJa(p.repeats)}）。表を結合したときの重複と思われます。重複を取り除いてください`,
  },
  unknownCode: {
    en: (p: Fn & { code: string; row: number; suggestion: string | null; codes: string[] }) => `${p.fn}: row ${p.row} gives code ${q(p.code)}, which is not among the codes ${list(p.codes)}${did(p.suggestion)}`,
    ja: (p: Fn & { code: string; row: number; suggestion: string | null; codes: string[] }) => `${p.fn}: ${p.row}行目のコード「${p.code}」は指定されたコード（${listJa(p.codes)}）にありません。${didJa(p.suggestion)}`,
  },
  notACode: {
    en: (p: Fn & { code: string; suggestion: string | null; codes: string[] }) => `${p.fn}: option "codes" names ${q(p.code)}, which is not a code of the coded texts${did(p.suggestion)} (codes: ${list(p.codes)})`,
    ja: (p: Fn & { code: string; suggestion: string | null; codes: string[] }) => `${p.fn}: オプション「codes」の「${p.code}」はコーディング結果のコードにありません。${didJa(p.suggestion)}（コード: ${listJa(p.codes)}）`,
  },
  repeatedCode: {
    en: (p: Fn & { code: string }) => `${p.fn}: option "codes" lists ${q(p.code)} twice`,
    ja: (p: Fn & { code: string }) => `${p.fn}: オプション「codes」に「${p.code}」が2回あります`,
  },
  noCodes: {
    en: (p: Fn) => `${p.fn}: no coder gave any code, and no "codes" were named: there is nothing to compare (name the codes with codes: [...])`,
    ja: (p: Fn) => `${p.fn}: どのコーダーもコードを付けておらず、「codes」の指定もないため、比べるものがありません（codes: [...] でコードを指定してください）`,
  },
  unknownCoder: {
    en: (p: Fn & { coder: string; suggestion: string | null; coders: string[] }) => `${p.fn}: option "coders" names ${q(p.coder)}, who gave no coding${did(p.suggestion)} (coders: ${list(p.coders)})`,
    ja: (p: Fn & { coder: string; suggestion: string | null; coders: string[] }) => `${p.fn}: オプション「coders」の「${p.coder}」というコーダーのコーディングはありません。${didJa(p.suggestion)}（コーダー: ${listJa(p.coders)}）`,
  },
  columnsOfCoded: {
    en: (p: Fn & { options: string[] }) => `${p.fn}: coded texts name their own columns (unit = id, coder, code): leave out ${list(p.options)}`,
    ja: (p: Fn & { options: string[] }) => `${p.fn}: codeTexts の結果は列が決まっています（単位 = id、coder、code）。${listJa(p.options)}は指定しないでください`,
  },
  tooFewCoders: {
    en: (p: Fn & { coders: string[] }) => `${p.fn} needs at least 2 coders to compare (found ${p.coders.length}${p.coders.length > 0 ? `: ${list(p.coders)}` : ""})`,
    ja: (p: Fn & { coders: string[] }) => `${p.fn}: 比べるには2人以上のコーダーが必要です（${p.coders.length}人${p.coders.length > 0 ? `: ${listJa(p.coders)}` : ""}）`,
  },
  noSharedUnit: {
    en: (p: Fn & { units: number }) => `${p.fn} needs at least 1 unit coded by 2 or more coders (each of the ${p.units} units was coded by one coder only)`,
    ja: (p: Fn & { units: number }) => `${p.fn}: 2人以上のコーダーがコーディングした単位が少なくとも1つ必要です（${p.units}単位のどれも1人しかコーディングしていません）`,
  },
});

/** Notes of coderAgreement's report (warnings as data; `present/` words them). */
export const agreementNotes = defineMessages("agreementNote", {
  singleCoderUnits: {
    en: (p: { units: number }) => `${p.units} unit${p.units === 1 ? " was" : "s were"} coded by one coder only and ${p.units === 1 ? "is" : "are"} not compared.`,
    ja: (p: { units: number }) => `1人のコーダーしかコーディングしていない${p.units}単位は比較に含めていません。`,
  },
  unusedCode: {
    en: (p: { code: string | null; measures: string[] }) =>
      `${p.code === null ? "No code was given" : `No coder gave code ${q(p.code)}`} on the units compared: the coders agree that it is absent, but ${p.measures.join(", ")} ${p.measures.length === 1 ? "is" : "are"} undefined (blank).`,
    ja: (p: { code: string | null; measures: string[] }) =>
      `比較した単位では${p.code === null ? "どのコードも" : `コード「${p.code}」をどのコーダーも`}付けていません。「なし」で一致していますが、${p.measures.join("・")}は定義できないため空欄です。`,
  },
  constantCode: {
    en: (p: { code: string | null; measures: string[] }) =>
      `Every coder gave ${p.code === null ? "every code" : `code ${q(p.code)}`} to every unit compared: ${p.measures.join(", ")} ${p.measures.length === 1 ? "is" : "are"} undefined (blank).`,
    ja: (p: { code: string | null; measures: string[] }) =>
      `比較したすべての単位に全コーダーが${p.code === null ? "すべてのコード" : `コード「${p.code}」`}を付けています。${p.measures.join("・")}は定義できないため空欄です。`,
  },
  tooFewUnits: {
    en: (p: { code: string | null; measure: string; units: number; by: "all" | "both" }) =>
      `${p.code === null ? "Pooled over codes" : `Code ${q(p.code)}`}: ${p.measure} needs at least 2 units coded by ${p.by === "all" ? "every coder" : "both coders"} (found ${p.units}); it is blank.`,
    ja: (p: { code: string | null; measure: string; units: number; by: "all" | "both" }) =>
      `${p.code === null ? "全コードをまとめた値" : `コード「${p.code}」`}: ${p.measure}には${p.by === "all" ? "全コーダー" : "2人のコーダーがともに"}コーディングした単位が2つ以上必要です（${p.units}単位）。空欄にしています。`,
  },
  constantOnSubset: {
    en: (p: { code: string | null; measure: string }) => `${p.code === null ? "Pooled over codes" : `Code ${q(p.code)}`}: on the units coded by every coder, every rating is the same, so ${p.measure} is undefined (blank).`,
    ja: (p: { code: string | null; measure: string }) => `${p.code === null ? "全コードをまとめた値" : `コード「${p.code}」`}: 全コーダーがコーディングした単位では評定がすべて同じため、${p.measure}は定義できず空欄です。`,
  },
  meanLeavesOut: {
    en: (p: { measure: string; codes: string[] }) => `The mean of ${p.measure} over codes leaves out ${list(p.codes)}, where it is undefined.`,
    ja: (p: { measure: string; codes: string[] }) => `${p.measure}のコード平均には、値が定義できない${listJa(p.codes)}を含めていません。`,
  },
});
