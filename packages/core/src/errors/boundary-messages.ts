// Messages of the input boundary (options, columns, roles), in Japanese and English.
import { defineMessages, list, listJa, q, show } from "./catalogue.js";

type Fn = { fn: string };
type Counted = { value: string; rows: number; firstRow: number };
const counted = (values: readonly Counted[]) => values.slice(0, 8).map((v) => `${q(v.value)} (${v.rows} row${v.rows === 1 ? "" : "s"}, first at table row ${v.firstRow})`).join(", ") + (values.length > 8 ? `, … (+${values.length - 8})` : "");
const countedJa = (values: readonly Counted[]) => values.slice(0, 8).map((v) => `「${v.value}」（${v.rows}行、最初は表の${v.firstRow}行目）`).join("、") + (values.length > 8 ? `、…（ほか${values.length - 8}種類）` : "");
const did = (s: string | null) => (s === null ? "" : `; did you mean ${q(s)}?`);
const didJa = (s: string | null) => (s === null ? "" : `「${s}」の誤りではありませんか？`);

export const boundaryMessages = defineMessages("boundary", {
  notATable: {
    en: (p: Fn & { got: string }) => `${p.fn}: expected an arquero table as the first argument (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: 最初の引数には arquero の表を渡してください（渡されたもの: ${p.got}）`,
  },
  optionsNotObject: {
    en: (p: Fn & { got: string }) => `${p.fn}: options must be an object { … } (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: オプションはオブジェクト { … } で渡してください（渡されたもの: ${p.got}）`,
  },
  unknownOption: {
    en: (p: Fn & { key: string; suggestion: string | null; known: string[] }) => `${p.fn}: unknown option ${q(p.key)}${did(p.suggestion)} (options: ${list(p.known, 30)})`,
    ja: (p: Fn & { key: string; suggestion: string | null; known: string[] }) => `${p.fn}: 「${p.key}」というオプションはありません。${didJa(p.suggestion)}（使えるオプション: ${p.known.join(", ")}）`,
  },
  badOptionEnum: {
    en: (p: Fn & { key: string; value: unknown; allowed: string[]; suggestion: string | null }) => `${p.fn}: option ${q(p.key)} must be one of ${list(p.allowed)} (got ${show(p.value)})${did(p.suggestion)}`,
    ja: (p: Fn & { key: string; value: unknown; allowed: string[]; suggestion: string | null }) => `${p.fn}: オプション「${p.key}」は ${p.allowed.map((a) => q(a)).join(" / ")} のいずれかです（渡された値: ${show(p.value)}）。${didJa(p.suggestion)}`,
  },
  optionNotList: {
    en: (p: Fn & { key: string; value: unknown }) => `${p.fn}: option ${q(p.key)} takes a list, e.g. [${show(p.value)}] (got ${show(p.value)})`,
    ja: (p: Fn & { key: string; value: unknown }) => `${p.fn}: オプション「${p.key}」はリストで渡してください。例: [${show(p.value)}]（渡された値: ${show(p.value)}）`,
  },
  badOption: {
    en: (p: Fn & { key: string; value: unknown; detail: string }) => `${p.fn}: option ${q(p.key)}: ${p.detail} (got ${show(p.value)})`,
    ja: (p: Fn & { key: string; value: unknown; detail: string; detailJa: string }) => `${p.fn}: オプション「${p.key}」: ${p.detailJa}（渡された値: ${show(p.value)}）`,
  },
  noColumn: {
    en: (p: Fn & { column: string; option: string | null; suggestion: string | null; columns: string[] }) =>
      `${p.fn}: no column ${q(p.column)}${p.option ? ` (option ${p.option})` : ""}${did(p.suggestion)} (columns: ${list(p.columns, 20)})`,
    ja: (p: Fn & { column: string; option: string | null; suggestion: string | null; columns: string[] }) =>
      `${p.fn}: 列「${p.column}」がありません${p.option ? `（オプション ${p.option}）` : ""}。${didJa(p.suggestion)}（列: ${listJa(p.columns, 20)}）`,
  },
  ambiguousColumn: {
    en: (p: Fn & { column: string; matches: string[] }) => `${p.fn}: ${q(p.column)} could mean any of the columns ${list(p.matches)}; name one exactly`,
    ja: (p: Fn & { column: string; matches: string[] }) => `${p.fn}: 「${p.column}」に当たる列が複数あります（${listJa(p.matches)}）。どれか一つを正確に指定してください`,
  },
  sameColumnTwice: {
    en: (p: Fn & { column: string; roles: string[] }) => `${p.fn}: column ${q(p.column)} is given for two roles (${p.roles.join(", ")})`,
    ja: (p: Fn & { column: string; roles: string[] }) => `${p.fn}: 列「${p.column}」が二つの役割（${p.roles.join("、")}）に指定されています`,
  },
  notBinary: {
    en: (p: Fn & { column: string; values: Counted[]; yes: string[]; no: string[] }) =>
      `${p.fn}: column ${q(p.column)} must be yes/no (true/false, 1/0, はい/いいえ, ${p.yes.slice(0, 4).join("/")} for yes, ${p.no.slice(0, 4).join("/")} for no); it also holds ${counted(p.values)}`,
    ja: (p: Fn & { column: string; values: Counted[]; yes: string[]; no: string[] }) =>
      `${p.fn}: 列「${p.column}」は「はい/いいえ」（true/false、1/0、はい: ${p.yes.slice(0, 4).join("・")}、いいえ: ${p.no.slice(0, 4).join("・")}）の列ですが、次の値があります: ${countedJa(p.values)}`,
  },
  notNumeric: {
    en: (p: Fn & { column: string; values: Counted[] }) =>
      `${p.fn}: column ${q(p.column)} must hold numbers; it holds text that is not a number: ${counted(p.values)} (pass missing: [${p.values.slice(0, 2).map((v) => q(v.value)).join(", ")}] if these mean "no answer")`,
    ja: (p: Fn & { column: string; values: Counted[] }) =>
      `${p.fn}: 列「${p.column}」は数値の列ですが、数値でない値があります: ${countedJa(p.values)}（無回答の印なら missing: [${p.values.slice(0, 2).map((v) => q(v.value)).join(", ")}] を指定してください）`,
  },
  unknownSegmentValue: {
    en: (p: Fn & { column: string; vocabulary: string; values: Counted[]; known: string[] }) =>
      `${p.fn}: column ${q(p.column)} has values that are not a known ${p.vocabulary}: ${counted(p.values)} (known: ${list(p.known, 20)})`,
    ja: (p: Fn & { column: string; vocabulary: string; values: Counted[]; known: string[]; knownJa: string[] }) =>
      `${p.fn}: 列「${p.column}」に、${p.vocabulary}として分からない値があります: ${countedJa(p.values)}（使える値: ${listJa(p.knownJa, 20)}）`,
  },
  severalWaves: {
    en: (p: Fn & { column: string; waves: string[] }) =>
      `${p.fn}: column ${q(p.column)} holds several waves (${list(p.waves)}); choose one with { wave: ${p.waves[0]} } (waves are never pooled)`,
    ja: (p: Fn & { column: string; waves: string[] }) =>
      `${p.fn}: 列「${p.column}」に複数の調査回（${listJa(p.waves)}）があります。{ wave: ${p.waves[0]} } のように一つ選んでください（調査回をまとめて集計することはしません）`,
  },
  unknownWave: {
    en: (p: Fn & { column: string; wave: unknown; waves: string[] }) => `${p.fn}: wave ${show(p.wave)} is not in column ${q(p.column)} (waves: ${list(p.waves)})`,
    ja: (p: Fn & { column: string; wave: unknown; waves: string[] }) => `${p.fn}: 調査回 ${show(p.wave)} は列「${p.column}」にありません（調査回: ${listJa(p.waves)}）`,
  },
  noWaveColumn: {
    en: (p: Fn & { wave: unknown; names: string[] }) => `${p.fn}: wave ${show(p.wave)} asked for, but the table has no wave column (looked for ${list(p.names)}); pass waveColumn`,
    ja: (p: Fn & { wave: unknown; names: string[] }) => `${p.fn}: 調査回 ${show(p.wave)} が指定されましたが、調査回の列がありません（探した列名: ${listJa(p.names)}）。waveColumn で列を指定してください`,
  },
  tooFewGroups: {
    en: (p: Fn & { column: string; found: string[]; needed: number }) => `${p.fn}: column ${q(p.column)} must have ${p.needed} groups to compare (found ${p.found.length}: ${list(p.found)}); pass order: [a, b]`,
    ja: (p: Fn & { column: string; found: string[]; needed: number }) => `${p.fn}: 列「${p.column}」で比べるには${p.needed}つのグループが必要です（${p.found.length}つ: ${listJa(p.found)}）。order: [a, b] で指定してください`,
  },
  groupNotPresent: {
    en: (p: Fn & { column: string; group: string; found: string[] }) => `${p.fn}: group ${q(p.group)} does not occur in column ${q(p.column)} (values: ${list(p.found)})`,
    ja: (p: Fn & { column: string; group: string; found: string[] }) => `${p.fn}: グループ「${p.group}」は列「${p.column}」にありません（値: ${listJa(p.found)}）`,
  },
  outOfRange: {
    en: (p: Fn & { column: string; value: number; row: number; min: number; max: number }) => `${p.fn}: table row ${p.row}, column ${q(p.column)}: ${p.value} is outside the item's range ${p.min}–${p.max}`,
    ja: (p: Fn & { column: string; value: number; row: number; min: number; max: number }) => `${p.fn}: 表の${p.row}行目、列「${p.column}」: ${p.value} は設問の範囲 ${p.min}〜${p.max} の外です`,
  },
  badMapping: {
    en: (p: Fn & { column: string; role: unknown }) => `${p.fn}: column ${q(p.column)}: role must be "binary", "numeric", "segment" or "text" (got ${show(p.role)})`,
    ja: (p: Fn & { column: string; role: unknown }) => `${p.fn}: 列「${p.column}」の役割は "binary"・"numeric"・"segment"・"text" のいずれかです（渡された値: ${show(p.role)}）`,
  },
});
