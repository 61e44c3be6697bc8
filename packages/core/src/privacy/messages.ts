// Every message text of the privacy module, in Japanese and English, on the one catalogue
// (codes `privacy.*`). Unknown options, options that are not an object, unknown columns and a column
// given twice use the boundary's own messages, so they read the same everywhere in koe.
import { defineMessages, list, listJa, type Localized, q, show } from "../errors/catalogue.js";

type Fn = { fn: string };

/**
 * The rules the privacy options state (the zod schemas' messages) and their Japanese, so that an
 * option error says the rule in the user's language (`wholeAtLeast1.ja` is 「1以上の整数で指定してください」).
 */
export const optionRules = {
  wholeAtLeast1: { en: "must be a whole number ≥ 1", ja: "1以上の整数で指定してください" },
  trueOrFalse: { en: "must be true or false", ja: "true か false で指定してください" },
  length8to64: { en: "must be a whole number from 8 to 64", ja: "8から64までの整数で指定してください" },
  text: { en: "must be text", ja: "文字列で指定してください" },
  column: { en: "must name a column", ja: "列名で指定してください" },
  rowColumn: { en: 'must name a column (e.g. { row: "generation" })', ja: '列名で指定してください（例: { row: "generation" }）' },
  tableName: { en: "must name a table", ja: "表の名前で指定してください" },
  relations: { en: 'must be a list of { whole: "<table>", parts: ["<table>", …] }', ja: '{ whole: "<表>", parts: ["<表>", …] } のリストで指定してください' },
  columns: { en: "must be a list of column names", ja: "列名のリストで指定してください" },
  byColumns: { en: "must be one or two column names", ja: "1つか2つの列名で指定してください" },
  reader: { en: 'must be "sums", "zeros" or "rule"', ja: '"sums"・"zeros"・"rule" のいずれかで指定してください' },
  commentMinimum: { en: "must be a whole number ≥ 10 (the minimum for free texts)", ja: "10以上の整数で指定してください（自由記述の最小人数）" },
} as const satisfies Record<string, Localized>;

/** The Japanese of a rule's English text; a text not in {@link optionRules} is quoted as it is. */
export function ruleJa(en: string): string {
  return Object.values(optionRules).find((r) => r.en === en)?.ja ?? `値が正しくありません（${en}）`;
}

/** A group's dimension values as text: `company "C03", generation "young"` (総計 for none). */
export function groupText(key: Readonly<Record<string, unknown>>): Localized {
  const entries = Object.entries(key);
  if (entries.length === 0) return { en: "the grand total", ja: "総計" };
  return { en: entries.map(([k, v]) => `${k} ${q(v)}`).join(", "), ja: entries.map(([k, v]) => `${k}「${String(v)}」`).join("・") };
}

/** Parts of a suppression pattern, for shape messages. */
export const patternParts = {
  cellRows: { en: "rows of cells", ja: "セルの行" },
  rowTotals: { en: "row totals", ja: "行合計" },
  columnTotals: { en: "column totals", ja: "列合計" },
  cellsInRow: (row: number): Localized => ({ en: `cells in row ${row}`, ja: `${row}行目のセル` }),
} as const;

export const privacyMessages = defineMessages("privacy", {
  badOption: {
    en: (p: Fn & { name: string; rule: string; ruleJa: string; value: unknown }) => `${p.fn}: option ${q(p.name)} ${p.rule} (got ${show(p.value)})`,
    ja: (p: Fn & { name: string; rule: string; ruleJa: string; value: unknown }) => `${p.fn}: オプション「${p.name}」は${p.ruleJa}（渡された値: ${show(p.value)}）`,
  },
  raggedMatrix: {
    en: (p: Fn & { row: number; found: number; expected: number }) => `${p.fn}: row ${p.row} of the matrix has ${p.found} cell${p.found === 1 ? "" : "s"}, row 1 has ${p.expected}`,
    ja: (p: Fn & { row: number; found: number; expected: number }) => `${p.fn}: 行列の${p.row}行目のセルは${p.found}個ですが、1行目は${p.expected}個です`,
  },
  notACountCell: {
    en: (p: Fn & { row: number; column: number; value: unknown }) => `${p.fn}: cell [${p.row}, ${p.column}] is ${show(p.value)}; counts must be whole numbers ≥ 0`,
    ja: (p: Fn & { row: number; column: number; value: unknown }) => `${p.fn}: セル [${p.row}, ${p.column}] が ${show(p.value)} です。人数は0以上の整数でなければなりません`,
  },
  notACountRow: {
    en: (p: Fn & { row: number; column: string; value: unknown }) => `${p.fn}: row ${p.row}, column ${q(p.column)}: ${show(p.value)} is not a count (a whole number ≥ 0)`,
    ja: (p: Fn & { row: number; column: string; value: unknown }) => `${p.fn}: ${p.row}行目・列「${p.column}」: ${show(p.value)} は人数（0以上の整数）ではありません`,
  },
  notARow: {
    en: (p: Fn & { row: number }) => `${p.fn}: item ${p.row} is not a row object ({ column: value, … })`,
    ja: (p: Fn & { row: number }) => `${p.fn}: ${p.row}番目の要素が行のオブジェクト（{ 列: 値, … }）ではありません`,
  },
  reservedColumn: {
    en: (p: Fn & { column: string }) => `${p.fn}: the input already has a column ${q(p.column)}, which suppression adds; rename or drop it first`,
    ja: (p: Fn & { column: string }) => `${p.fn}: 入力に秘匿処理が加える列「${p.column}」がすでにあります。先に名前を変えるか削除してください`,
  },
  repeatedGroup: {
    en: (p: Fn & { first: number; again: number; group: string }) => `${p.fn}: rows ${p.first} and ${p.again} are the same group (${p.group}); aggregate the counts first`,
    ja: (p: Fn & { first: number; again: number; group: string }) => `${p.fn}: ${p.first}行目と${p.again}行目が同じグループ（${p.group}）です。先に人数を集計してください`,
  },
  notAList: {
    en: (p: Fn & { argument: string; argumentJa: string; got: unknown }) => `${p.fn}: ${p.argument} must be a list (got ${show(p.got)})`,
    ja: (p: Fn & { argument: string; argumentJa: string; got: unknown }) => `${p.fn}: ${p.argumentJa}はリストで渡してください（渡されたもの: ${show(p.got)}）`,
  },
  notAPattern: {
    en: (p: Fn) => `${p.fn}: the second argument must be a suppression pattern { cells, rowTotals, columnTotals, grandTotal } with a mark { suppressed } for every number (e.g. what suppressSmallGroups returns for a matrix)`,
    ja: (p: Fn) => `${p.fn}: 2番目の引数には、すべての数に印 { suppressed } を付けた秘匿パターン { cells, rowTotals, columnTotals, grandTotal } を渡してください（行列に suppressSmallGroups を使った結果など）`,
  },
  notCountInput: {
    en: (p: Fn) => `${p.fn}: expected a matrix of counts (number[][]), or rows / an arquero table with options { row: "<column>" }`,
    ja: (p: Fn) => `${p.fn}: 人数の行列（number[][]）か、行のリスト／arquero の表とオプション { row: "<列名>" } を渡してください`,
  },
  patternShape: {
    en: (p: Fn & { what: Localized; found: number; expected: number }) =>
      `${p.fn}: the suppression has ${p.found} ${p.what.en}, the matrix needs ${p.expected}; audit the matrix the suppression was made for`,
    ja: (p: Fn & { what: Localized; found: number; expected: number }) =>
      `${p.fn}: 秘匿パターンの${p.what.ja}は${p.found}個ですが、行列には${p.expected}個必要です。秘匿を作ったときの行列で監査してください`,
  },
  auditSmallVisible: {
    en: (p: { name: Localized; value: number; minSize: number }) => `${p.name.en} shows ${p.value}, a group under ${p.minSize}`,
    ja: (p: { name: Localized; value: number; minSize: number }) => `${p.name.ja}に${p.value}が表示されています（${p.minSize}未満のグループ）`,
  },
  auditDetermined: {
    en: (p: { name: Localized; value: number }) => `${p.name.en} (${p.value}) is determined by the published numbers: it can only be ${p.value}`,
    ja: (p: { name: Localized; value: number }) => `${p.name.ja}（${p.value}）は公表された数から逆算できます（${p.value}以外にありえません）`,
  },
  auditNarrowed: {
    en: (p: { name: Localized; value: number; low: number; high: number; minSize: number }) =>
      `${p.name.en} (${p.value}) can be narrowed to ${p.low}–${p.high}, below ${p.minSize}: a reader learns it is a small group`,
    ja: (p: { name: Localized; value: number; low: number; high: number; minSize: number }) =>
      `${p.name.ja}（${p.value}）は${p.low}〜${p.high}に絞り込めます。${p.minSize}未満なので、小さなグループだと分かってしまいます`,
  },
  evidenceHeader: {
    en: (p: { header: string }) => `header ${JSON.stringify(p.header)}`,
    ja: (p: { header: string }) => `列名「${p.header}」`,
  },
  evidenceEmail: {
    en: (p: { found: number; sampled: number }) => `${p.found} of ${p.sampled} sampled values look like e-mail addresses`,
    ja: (p: { found: number; sampled: number }) => `調べた${p.sampled}個の値のうち${p.found}個がメールアドレスの形`,
  },
  evidencePhone: {
    en: (p: { found: number; sampled: number }) => `${p.found} of ${p.sampled} sampled values look like phone numbers`,
    ja: (p: { found: number; sampled: number }) => `調べた${p.sampled}個の値のうち${p.found}個が電話番号の形`,
  },
  notHeaders: {
    en: (p: Fn) => `${p.fn}: expected the column names as a list of text, and the sample as a list of rows (lists of cell texts)`,
    ja: (p: Fn) => `${p.fn}: 列名は文字列のリスト、サンプルは行（セルの文字列のリスト）のリストで渡してください`,
  },
  notCountTables: {
    en: (p: Fn) => `${p.fn}: expected a list of count tables { name, dims: ["<column>", …], rows: [{ …, n }], count?, totals?, complete? }`,
    ja: (p: Fn) => `${p.fn}: 人数の表 { name, dims: ["<列名>", …], rows: [{ …, n }], count?, totals?, complete? } のリストを渡してください`,
  },
  tableTwice: {
    en: (p: Fn & { table: string }) => `${p.fn}: two tables are named ${q(p.table)}; give each table its own name`,
    ja: (p: Fn & { table: string }) => `${p.fn}: 「${p.table}」という名前の表が二つあります。表ごとに別の名前を付けてください`,
  },
  badDims: {
    en: (p: Fn & { table: string; dims: unknown }) => `${p.fn}: table ${q(p.table)}: dims must be one or two different column names (got ${show(p.dims)})`,
    ja: (p: Fn & { table: string; dims: unknown }) => `${p.fn}: 表「${p.table}」: dims は異なる1つか2つの列名で指定してください（渡された値: ${show(p.dims)}）`,
  },
  badCountColumn: {
    en: (p: Fn & { table: string; count: unknown }) => `${p.fn}: table ${q(p.table)}: count must name a column that is not a dimension (got ${show(p.count)})`,
    ja: (p: Fn & { table: string; count: unknown }) => `${p.fn}: 表「${p.table}」: count には次元ではない列名を指定してください（渡された値: ${show(p.count)}）`,
  },
  rowLacks: {
    en: (p: Fn & { table: string; row: number; column: string }) => `${p.fn}: table ${q(p.table)}, row ${p.row} has no column ${q(p.column)}`,
    ja: (p: Fn & { table: string; row: number; column: string }) => `${p.fn}: 表「${p.table}」の${p.row}行目に列「${p.column}」がありません`,
  },
  notACountInTable: {
    en: (p: Fn & { table: string; row: number; column: string; value: unknown }) => `${p.fn}: table ${q(p.table)}, row ${p.row}, column ${q(p.column)}: ${show(p.value)} is not a count (a whole number ≥ 0)`,
    ja: (p: Fn & { table: string; row: number; column: string; value: unknown }) => `${p.fn}: 表「${p.table}」の${p.row}行目・列「${p.column}」: ${show(p.value)} は人数（0以上の整数）ではありません`,
  },
  relationTable: {
    en: (p: Fn & { table: string; tables: string[] }) => `${p.fn}: a relation names table ${q(p.table)}, which is not one of its own parts' whole or not among the tables (${list(p.tables)})`,
    ja: (p: Fn & { table: string; tables: string[] }) => `${p.fn}: 関係に指定された表「${p.table}」が表の中にないか、全体と部分に重ねて指定されています（表: ${listJa(p.tables)}）`,
  },
  relationDims: {
    en: (p: Fn & { whole: string; part: string; dim: string }) => `${p.fn}: table ${q(p.part)} cannot be a part of ${q(p.whole)}: it has no dimension ${q(p.dim)}`,
    ja: (p: Fn & { whole: string; part: string; dim: string }) => `${p.fn}: 表「${p.part}」には次元「${p.dim}」がないので、「${p.whole}」の部分にはなれません`,
  },
  relationSum: {
    en: (p: Fn & { whole: string; key: Readonly<Record<string, unknown>>; whole_n: number; parts_n: number }) =>
      `${p.fn}: the parts of ${q(p.whole)} add up to ${p.parts_n}, not ${p.whole_n}, at ${groupText(p.key).en}; pass counts of the same people`,
    ja: (p: Fn & { whole: string; key: Readonly<Record<string, unknown>>; whole_n: number; parts_n: number }) =>
      `${p.fn}: 「${p.whole}」の部分の合計が${groupText(p.key).ja}で${p.parts_n}になり、${p.whole_n}と一致しません。同じ人々を数えた表を渡してください`,
  },
  keyTooShort: {
    en: (p: Fn & { bytes: number; min: number }) =>
      `${p.fn}: the key is ${p.bytes} byte${p.bytes === 1 ? "" : "s"} long; use at least ${p.min} random bytes (generateKey() makes one), kept outside the repository`,
    ja: (p: Fn & { bytes: number; min: number }) => `${p.fn}: 鍵が${p.bytes}バイトしかありません。${p.min}バイト以上のランダムな鍵（generateKey() で作れます）を使い、リポジトリの外に保管してください`,
  },
  notTextRows: {
    en: (p: Fn) => `${p.fn}: expected rows of texts (a list of { column: value, … } or an arquero table)`,
    ja: (p: Fn) => `${p.fn}: 自由記述の行（{ 列: 値, … } のリストか arquero の表）を渡してください`,
  },
  emptyKey: {
    en: (p: Fn) => `${p.fn}: the key must not be empty (use a long random secret, kept out of the repository and the data)`,
    ja: (p: Fn) => `${p.fn}: 鍵が空です（長いランダムな秘密の値を使い、リポジトリやデータとは別に保管してください）`,
  },
  pseudonymCollision: {
    en: (p: Fn & { length: number }) => `${p.fn}: two different ids get the same pseudonym at length ${p.length}; use a longer length (the ids are not printed here on purpose)`,
    ja: (p: Fn & { length: number }) => `${p.fn}: 長さ${p.length}では異なる二つのIDが同じ仮名になります。length を長くしてください（IDはあえて表示していません）`,
  },
});
