// Messages of the immobile-layer reasons (rule table, per-person sub-types, the report), in Japanese and English.
import { defineMessages, list, listJa, q, show } from "./catalogue.js";

const SUBTYPE_JA: Record<string, string> = { unaware: "キャリアがわからない", never_positive: "最初から前向きになれない", gave_up: "一度前向きになったが諦めた" };
const subtypeJa = (s: string) => SUBTYPE_JA[s] ?? s;
const andJa = (xs: readonly string[]) => xs.map((x) => `「${subtypeJa(x)}」`).join("と");
const andEn = (xs: readonly string[]) => (xs.length <= 2 ? xs.join(" and ") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** What each field of a rule table must hold (the wording of {@link immobileMessages}.badRules). */
export const immobileRuleFields = {
  table: { en: "must be an object { decision, weights }", ja: "{ decision, weights } の形のオブジェクトにしてください" },
  decision: { en: 'must be "highest_score" (the only decision rule so far)', ja: "\"highest_score\" にしてください（今のところ唯一の決め方です）" },
  weights: { en: "must be a list of { code, subtype, weight, basis } with at least one entry", ja: "{ code, subtype, weight, basis } を1件以上並べたリストにしてください" },
  entry: { en: "must be an object { code, subtype, weight, basis }", ja: "{ code, subtype, weight, basis } の形のオブジェクトにしてください" },
  code: { en: "must be a code id of the codebook (text)", ja: "コードブックのコードID（文字列）にしてください" },
  subtype: { en: 'must be one of "unaware", "never_positive", "gave_up"', ja: "\"unaware\"・\"never_positive\"・\"gave_up\" のいずれかにしてください" },
  weight: { en: "must be a number > 0", ja: "0より大きい数にしてください" },
  basis: { en: "must be text (why the code points to the sub-type)", ja: "文字列（そのコードがそのタイプを指す理由）にしてください" },
} as const;

/** Problems of a rule table of immobile-layer reasons and of the coded texts it is applied to. */
export const immobileMessages = defineMessages("immobile", {
  badRules: {
    en: (p: { fn: string; where: string; whereJa: string; rule: string; ruleJa: string; value: unknown }) => `${p.fn}: rule table, ${p.where} ${p.rule} (got ${show(p.value)})`,
    ja: (p: { fn: string; where: string; whereJa: string; rule: string; ruleJa: string; value: unknown }) => `${p.fn}: ルール表の${p.whereJa}は${p.ruleJa}（指定された値: ${show(p.value)}）`,
  },
  unknownField: {
    en: (p: { fn: string; where: string; whereJa: string; key: string; suggestion: string | null; known: string[] }) =>
      `${p.fn}: rule table, ${p.where} has an unknown field ${q(p.key)}${p.suggestion ? `; did you mean ${q(p.suggestion)}?` : ""} (fields: ${list(p.known)})`,
    ja: (p: { fn: string; where: string; whereJa: string; key: string; suggestion: string | null; known: string[] }) =>
      `${p.fn}: ルール表の${p.whereJa}に「${p.key}」という項目はありません${p.suggestion ? `。「${p.suggestion}」のことですか？` : ""}（項目: ${p.known.join(", ")}）`,
  },
  badRulesJson: {
    en: (p: { fn: string; detail: string }) => `${p.fn}: the rule table is not valid JSON (${p.detail})`,
    ja: (p: { fn: string; detail: string }) => `${p.fn}: ルール表が JSON として読めません（${p.detail}）`,
  },
  unknownCode: {
    en: (p: { fn: string; code: string; entry: number; codebook: string; suggestion: string | null; codes: string[] }) =>
      `${p.fn}: rule table, entry ${p.entry} names the code ${q(p.code)}, which is not a code of codebook ${q(p.codebook)}${p.suggestion ? `; did you mean ${q(p.suggestion)}?` : ""} (its codes: ${list(p.codes, 40)})`,
    ja: (p: { fn: string; code: string; entry: number; codebook: string; suggestion: string | null; codes: string[] }) =>
      `${p.fn}: ルール表の${p.entry}番目のコード「${p.code}」はコードブック「${p.codebook}」にありません${p.suggestion ? `。「${p.suggestion}」のことですか？` : ""}（コード: ${listJa(p.codes, 40)}）`,
  },
  duplicateRule: {
    en: (p: { fn: string; code: string; subtype: string; entry: number; first: number }) => `${p.fn}: rule table, entry ${p.entry} repeats code ${q(p.code)} → ${q(p.subtype)} (first given in entry ${p.first}); give each pair one weight`,
    ja: (p: { fn: string; code: string; subtype: string; entry: number; first: number }) => `${p.fn}: ルール表の${p.entry}番目はコード「${p.code}」→「${subtypeJa(p.subtype)}」の繰り返しです（最初は${p.first}番目）。組み合わせごとに重みは一つにしてください`,
  },
  notCoded: {
    en: (p: { fn: string; got: string }) => `${p.fn}: the first argument must be coded texts, as codeTexts returns them (got ${p.got})`,
    ja: (p: { fn: string; got: string }) => `${p.fn}: 最初の引数には codeTexts が返すコード付けされたテキストを渡してください（渡されたもの: ${p.got}）`,
  },
  blankPerson: {
    en: (p: { fn: string; column: string; rows: number[]; count: number }) => `${p.fn}: column ${q(p.column)} (the person) is blank in ${p.count} row${p.count === 1 ? "" : "s"} (rows ${p.rows.join(", ")}${p.count > p.rows.length ? ", …" : ""}); every text needs the person who wrote or said it`,
    ja: (p: { fn: string; column: string; rows: number[]; count: number }) => `${p.fn}: 人を表す列「${p.column}」が${p.count}行で空欄です（${p.rows.join("、")}${p.count > p.rows.length ? "、…" : ""}行目）。各テキストに書いた（話した）人が必要です`,
  },
  twoSegments: {
    en: (p: { fn: string; column: string; person: string; first: unknown; firstRow: number; second: unknown; secondRow: number }) =>
      `${p.fn}: person ${q(p.person)} has two values in column ${q(p.column)}: ${show(p.first)} (row ${p.firstRow}) and ${show(p.second)} (row ${p.secondRow}); a segment is one value per person`,
    ja: (p: { fn: string; column: string; person: string; first: unknown; firstRow: number; second: unknown; secondRow: number }) =>
      `${p.fn}: 「${p.person}」さんの列「${p.column}」に二つの値があります: ${show(p.first)}（${p.firstRow}行目）と ${show(p.second)}（${p.secondRow}行目）。区分は一人に一つの値にしてください`,
  },
});

/** How one person's sub-type was decided (notes as data; `renderNote` words them). */
export const immobileNotes = defineMessages("immobile", {
  highestScore: {
    en: (p: { subtype: string; score: number }) => `highest score: ${p.subtype} (${p.score})`,
    ja: (p: { subtype: string; score: number }) => `最高点:「${subtypeJa(p.subtype)}」（${p.score}点）`,
  },
  noReasonVoiced: {
    en: () => "no reason voiced (none of the rule table's codes in this person's texts)",
    ja: () => "理由が語られていない（ルール表のコードがこの人のテキストにない）",
  },
  tie: {
    en: (p: { subtypes: string[]; score: number }) => `tie between ${andEn(p.subtypes)} (${p.score} each)`,
    ja: (p: { subtypes: string[]; score: number }) => `${andJa(p.subtypes)}が同点（${p.score}点）`,
  },
  decisionRule: {
    en: () =>
      "Each person's texts are pooled; a sub-type's score is the sum of the weights (table rules) of the codes the person voiced, each code once; the highest score gives the sub-type, and a tie or no code leaves the person unclassified.",
    ja: () => "一人のテキストをまとめ、その人が語ったコード（各コード1回）の重み（表 rules）を不動層タイプごとに合計し、最高点のタイプを割り当てました。同点の人とコードのない人は「未分類」です。",
  },
  peopleLeftOut: {
    en: (p: { people: number; column: string }) => `${p.people} ${p.people === 1 ? "person" : "people"} with a blank ${p.column} ${p.people === 1 ? "is" : "are"} not counted.`,
    ja: (p: { people: number; column: string }) => `${p.column}が空欄の${p.people}人は数えていません。`,
  },
});
