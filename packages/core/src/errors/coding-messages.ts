// Messages of the coding of texts (rule language, codebook reader), in Japanese and English.
import { defineMessages, q } from "./catalogue.js";

type At = { code: string | null; rule: string; position: number };
const where = (p: At) => `${p.code === null ? "" : `code ${q(p.code)}: `}rule ${q(p.rule)}`;
const whereJa = (p: At) => `${p.code === null ? "" : `コード「${p.code}」の`}ルール「${p.rule}」`;

/** Problems of a coding rule: each names the code, the rule and the 1-based character position. */
export const ruleMessages = defineMessages("rule", {
  empty: {
    en: (p: At) => `${where(p)} — the rule is empty`,
    ja: (p: At) => `${whereJa(p)}: ルールが空です`,
  },
  unclosedParen: {
    en: (p: At) => `${where(p)} — unclosed parenthesis at position ${p.position}`,
    ja: (p: At) => `${whereJa(p)}: ${p.position}文字目の括弧が閉じていません`,
  },
  unexpectedClose: {
    en: (p: At) => `${where(p)} — unexpected ")" at position ${p.position}`,
    ja: (p: At) => `${whereJa(p)}: ${p.position}文字目の「)」に対応する「(」がありません`,
  },
  unclosedQuote: {
    en: (p: At) => `${where(p)} — unclosed quote at position ${p.position}`,
    ja: (p: At) => `${whereJa(p)}: ${p.position}文字目の引用符が閉じていません`,
  },
  badRegex: {
    en: (p: At & { detail: string }) => `${where(p)} — invalid regular expression at position ${p.position} (${p.detail})`,
    ja: (p: At & { detail: string }) => `${whereJa(p)}: ${p.position}文字目の正規表現が正しくありません（${p.detail}）`,
  },
  badNear: {
    en: (p: At & { got: string }) => `${where(p)} — near(a, b, N) needs a whole number N ≥ 0 at position ${p.position} (got ${q(p.got)})`,
    ja: (p: At & { got: string }) => `${whereJa(p)}: ${p.position}文字目、near(a, b, N) の N には0以上の整数を書いてください（書かれていたもの: 「${p.got}」）`,
  },
  nearArgs: {
    en: (p: At) => `${where(p)} — near(a, b, N) takes two terms and a number, at position ${p.position}`,
    ja: (p: At) => `${whereJa(p)}: ${p.position}文字目の near は near(語, 語, 文字数) の形で書いてください`,
  },
  expectedTerm: {
    en: (p: At) => `${where(p)} — a term is missing at position ${p.position} (after an operator or at the start)`,
    ja: (p: At) => `${whereJa(p)}: ${p.position}文字目に語がありません（演算子の後ろか先頭）`,
  },
  trailing: {
    en: (p: At & { got: string }) => `${where(p)} — unexpected ${q(p.got)} at position ${p.position} (an "and" or "or" missing?)`,
    ja: (p: At & { got: string }) => `${whereJa(p)}: ${p.position}文字目の「${p.got}」の前に and か or が要ります`,
  },
  wordArgs: {
    en: (p: At) => `${where(p)} — word(…) at position ${p.position} takes one word in its base form, e.g. word(持つ)`,
    ja: (p: At) => `${whereJa(p)}: ${p.position}文字目の word(…) には基本形の語を1つ書いてください（例: word(持つ)）`,
  },
  notARule: {
    en: (p: { fn: string; got: string }) => `${p.fn}: the rule must be text (got ${p.got})`,
    ja: (p: { fn: string; got: string }) => `${p.fn}: ルールは文字列で渡してください（渡されたもの: ${p.got}）`,
  },
});

/** Problems of a codebook; each names the code and, for a CSV, the row (header = row 1). */
export const codebookMessages = defineMessages("codebook", {
  atRow: {
    en: (p: { row: number | null; code: string; detail: string; detailJa: string }) => `${p.row === null ? "" : `row ${p.row}, `}code ${q(p.code)}: ${p.detail}`,
    ja: (p: { row: number | null; code: string; detail: string; detailJa: string }) => `${p.row === null ? "" : `${p.row}行目、`}コード「${p.code}」: ${p.detailJa}`,
  },
  ruleAtRow: {
    en: (p: { row: number | null; detail: string; detailJa: string }) => `${p.row === null ? "" : `row ${p.row}, `}${p.detail}`,
    ja: (p: { row: number | null; detail: string; detailJa: string }) => `${p.row === null ? "" : `${p.row}行目、`}${p.detailJa}`,
  },
  unknownParent: {
    en: (p: { parent: string }) => `the parent ${q(p.parent)} is not a code of this codebook`,
    ja: (p: { parent: string }) => `親コード「${p.parent}」がこのコードブックにありません`,
  },
  cycle: {
    en: (p: { path: string[] }) => `the parents form a cycle (${p.path.join(" → ")})`,
    ja: (p: { path: string[] }) => `親コードが循環しています（${p.path.join(" → ")}）`,
  },
  duplicate: {
    en: (p: { first: number | null }) => `the id is given twice${p.first === null ? "" : ` (first in row ${p.first})`}`,
    ja: (p: { first: number | null }) => `ID が2回あります${p.first === null ? "" : `（最初は${p.first}行目）`}`,
  },
  missingField: {
    en: (p: { field: string }) => `${p.field} is empty`,
    ja: (p: { field: string }) => `${p.field} が空です`,
  },
  invalid: {
    en: (p: { source: string; problems: string[]; problemsJa: string[] }) => `readCodebook: the codebook ${p.source} is not valid: ${p.problems.join("; ")}`,
    ja: (p: { source: string; problems: string[]; problemsJa: string[] }) => `readCodebook: コードブック ${p.source} に問題があります: ${p.problemsJa.join("／")}`,
  },
  missingColumns: {
    en: (p: { columns: string[] }) => `readCodebook: the CSV lacks the column(s) ${p.columns.map((c) => q(c)).join(", ")} (needed: id, ja, en, rule; optional: parent, description)`,
    ja: (p: { columns: string[] }) => `readCodebook: CSV に列 ${p.columns.map((c) => `「${c}」`).join("、")} がありません（必要な列: id, ja, en, rule／任意: parent, description）`,
  },
  badJson: {
    en: (p: { source: string; detail: string }) => `readCodebook: ${p.source} is not a valid JSON codebook (${p.detail})`,
    ja: (p: { source: string; detail: string }) => `readCodebook: ${p.source} は正しい JSON のコードブックではありません（${p.detail}）`,
  },
});
