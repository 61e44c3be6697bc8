// Every text koe's readers print, in Japanese and English side by side (the catalogue's habit):
// issues found in rows, and the errors a reader throws.
import { defineMessages, getLanguage, type Lang, list, listJa, q } from "./catalogue.js";

type V = { value: string };
type Col = { column: string };
type Fn = { fn: string };
const s = (n: number) => (n === 1 ? "" : "s");
const range = (min: number | undefined, max: number | undefined) => `${min ?? "−∞"}–${max ?? "∞"}`;
const rangeJa = (min: number | undefined, max: number | undefined) => `${min ?? "−∞"}〜${max ?? "∞"}`;
type Cell = { value: string; row: number };
const cells = (c: readonly Cell[]) => c.map((x) => `${q(x.value)} in row ${x.row}`).join(", ");
const cellsJa = (c: readonly Cell[]) => c.map((x) => `${x.row}行目の「${x.value}」`).join("、");
type AgeGeneration = { age: number; generation: string; expected: string; mid: number; senior: number; generationJa: string; expectedJa: string };
const missingOption = (markers: readonly string[]) => `missing: [${markers.map(q).join(", ")}]`;

export const readMessages = defineMessages("read", {
  emptyFile: {
    en: () => "the file is empty (0 bytes): no header, no rows",
    ja: () => "ファイルが空です（0バイト）。見出し行もデータ行もありません",
  },
  noDataRows: {
    en: () => "the file has a header but no data rows",
    ja: () => "見出し行はありますが、データ行がありません",
  },
  encoding: {
    en: (p: { encoding: string }) => `the bytes of this field are not valid ${p.encoding}; the file may mix encodings (pass { encoding } to override the detected one)`,
    ja: (p: { encoding: string }) => `この欄のバイト列は ${p.encoding} として正しくありません。文字コードが混在している可能性があります（{ encoding } で文字コードを指定できます）`,
  },
  raggedRow: {
    en: (p: { found: number; expected: number }) => `the row has ${p.found} field${s(p.found)}, the header has ${p.expected}`,
    ja: (p: { found: number; expected: number }) => `この行の欄は${p.found}個ですが、見出し行は${p.expected}個です`,
  },
  unterminatedQuote: {
    en: () => "a quoted field is never closed: the file ends inside quotes",
    ja: () => "引用符（\"）で始まった欄が閉じられないまま、ファイルが終わっています",
  },
  missingColumn: {
    en: (p: Col & { aliases: readonly string[] }) => `required column ${q(p.column)} is not in the file (accepted headers: ${list(p.aliases)})`,
    ja: (p: Col & { aliases: readonly string[] }) => `必須の列「${p.column}」がファイルにありません（使える見出し: ${listJa(p.aliases)}）`,
  },
  absentOptionalColumn: {
    en: (p: Col) => `column ${q(p.column)} is not in the file; its values are treated as missing`,
    ja: (p: Col) => `列「${p.column}」がファイルにないため、すべて欠測として扱います`,
  },
  unknownColumn: {
    en: (p: Col) => `column ${q(p.column)} is not part of the schema; kept as text`,
    ja: (p: Col) => `列「${p.column}」はスキーマにない列です。文字列として残しました`,
  },
  unknownColumnDropped: {
    en: (p: Col) => `column ${q(p.column)} is not part of the schema; dropped`,
    ja: (p: Col) => `列「${p.column}」はスキーマにない列のため、取り除きました`,
  },
  repeatedHeader: {
    en: (p: Col & { times: number; renamed: string }) => `column ${q(p.column)} appears ${p.times} times; this one is named ${q(p.renamed)}`,
    ja: (p: Col & { times: number; renamed: string }) => `見出し「${p.column}」が${p.times}回出てきます。この列は「${p.renamed}」という名前にしました`,
  },
  duplicateColumn: {
    en: (p: Col & { field: string; first: string }) => `column ${q(p.column)} maps to field ${q(p.field)}, as column ${q(p.first)} already does; it was ignored`,
    ja: (p: Col & { field: string; first: string }) => `列「${p.column}」は項目「${p.field}」に当たりますが、列「${p.first}」がすでに当たっているため、無視しました`,
  },
  droppedPersonal: {
    en: (p: Col & { kind: string; evidence: string }) =>
      `column ${q(p.column)} looks like personal data (${p.kind}: ${p.evidence}) and was dropped; pass keepColumns: [${q(p.column)}] to keep it`,
    ja: (p: Col & { kind: string; evidence: string }) =>
      `列「${p.column}」は個人情報（${p.kind}: ${p.evidence}）のようなので取り除きました。残すには keepColumns: [${q(p.column)}] を指定してください`,
  },
  missingRequired: {
    en: () => "a value is required here but the cell is blank",
    ja: () => "値が必要な欄ですが、空欄です",
  },
  notANumber: {
    en: (p: V) => `${q(p.value)} is not a number`,
    ja: (p: V) => `「${p.value}」は数値ではありません`,
  },
  notAnInteger: {
    en: (p: V) => `${q(p.value)} is not a whole number`,
    ja: (p: V) => `「${p.value}」は整数ではありません`,
  },
  outOfRange: {
    en: (p: V & { min: number | undefined; max: number | undefined }) => `${q(p.value)} is outside the allowed range ${range(p.min, p.max)}`,
    ja: (p: V & { min: number | undefined; max: number | undefined }) => `「${p.value}」は許される範囲 ${rangeJa(p.min, p.max)} の外です`,
  },
  unknownLabel: {
    en: (p: V & { known: readonly string[] }) => `${q(p.value)} is not a known value (known: ${list(p.known)})`,
    ja: (p: V & { known: readonly string[] }) => `「${p.value}」は分からない値です（使える値: ${listJa(p.known)}）`,
  },
  unknownBoolean: {
    en: (p: V & { trueWords: readonly string[]; falseWords: readonly string[] }) =>
      `${q(p.value)} is neither yes nor no (yes: ${list(p.trueWords, 6)}; no: ${list(p.falseWords, 6)})`,
    ja: (p: V & { trueWords: readonly string[]; falseWords: readonly string[] }) =>
      `「${p.value}」は「はい」とも「いいえ」とも読めません（はい: ${listJa(p.trueWords, 6)}、いいえ: ${listJa(p.falseWords, 6)}）`,
  },
  tooShort: {
    en: (p: V & { min: number }) => `${q(p.value)} is not valid: shorter than ${p.min} characters`,
    ja: (p: V & { min: number }) => `「${p.value}」は短すぎます（${p.min}文字以上）`,
  },
  tooLong: {
    en: (p: V & { max: number }) => `${q(p.value)} is not valid: longer than ${p.max} characters`,
    ja: (p: V & { max: number }) => `「${p.value}」は長すぎます（${p.max}文字以下）`,
  },
  noPatternMatch: {
    en: (p: V & { pattern: string }) => `${q(p.value)} is not valid: does not match ${p.pattern}`,
    ja: (p: V & { pattern: string }) => `「${p.value}」は形式 ${p.pattern} に合いません`,
  },
  failsCheck: {
    en: (p: V & { detail: string }) => `${q(p.value)} is not valid: ${p.detail}`,
    ja: (p: V & { detail: string }) => `「${p.value}」は条件を満たしません: ${p.detail}`,
  },
  duplicateId: {
    en: (p: V & Col & { firstRow: number }) => `${q(p.value)} in column ${q(p.column)} was already used in row ${p.firstRow}`,
    ja: (p: V & Col & { firstRow: number }) => `列「${p.column}」の「${p.value}」は${p.firstRow}行目ですでに使われています`,
  },
  mixedTypes: {
    en: (p: Col & { numbers: number; texts: number; first: readonly Cell[]; markers: readonly string[] }) =>
      `column ${q(p.column)} holds numbers (${p.numbers} cell${s(p.numbers)}) and text that is not a number (${p.texts} cell${s(p.texts)}: ${cells(p.first)}${p.texts > p.first.length ? ", …" : ""}); ` +
      `it was kept as text, so it will not compute as numbers. If the text means "no answer", read with ${missingOption(p.markers)} and the column becomes numeric`,
    ja: (p: Col & { numbers: number; texts: number; first: readonly Cell[]; markers: readonly string[] }) =>
      `列「${p.column}」には数値（${p.numbers}件）と、数値でない文字（${p.texts}件: ${cellsJa(p.first)}${p.texts > p.first.length ? "、…" : ""}）が混ざっています。` +
      `文字列の列として読んだため、このままでは数値として計算できません。これらが無回答の印なら ${missingOption(p.markers)} を指定して読み直すと数値の列になります`,
  },
  ageGeneration: {
    en: (p: AgeGeneration) =>
      `age ${p.age} falls in generation ${q(p.expected)} under the cut-offs (young < ${p.mid} ≤ mid < ${p.senior} ≤ senior), but the row says ${q(p.generation)}; the row was kept (pass generationCutoffs if your company's bands differ)`,
    ja: (p: AgeGeneration) =>
      `年齢${p.age}歳は区分（若手 < ${p.mid}歳 ≤ 中堅 < ${p.senior}歳 ≤ シニア）では「${p.expectedJa}」ですが、この行の世代は「${p.generationJa}」です。行はそのまま読み込みました（会社の区分が違う場合は generationCutoffs を指定してください）`,
  },
  severalSheets: {
    en: (p: { sheet: string; sheets: readonly string[] }) => `the workbook has ${p.sheets.length} sheets with data (${list(p.sheets)}); the first, ${q(p.sheet)}, was read (pass sheet to read another)`,
    ja: (p: { sheet: string; sheets: readonly string[] }) => `このブックにはデータのあるシートが${p.sheets.length}枚あります（${listJa(p.sheets)}）。最初のシート「${p.sheet}」を読みました（別のシートは sheet で指定してください）`,
  },
  strictFailed: {
    en: (p: { errors: number; rows: number; first: readonly IssueLike[] }) =>
      `the file has ${p.errors} problem${s(p.errors)} in ${p.rows} row${s(p.rows)}:\n  ${p.first.map((i) => formatIssue(i, "en")).join("\n  ")}` +
      (p.errors > p.first.length ? `\n  … and ${p.errors - p.first.length} more (read without strict to get them all as issues)` : ""),
    ja: (p: { errors: number; rows: number; first: readonly IssueLike[] }) =>
      `ファイルの${p.rows}行に${p.errors}件の問題があります:\n  ${p.first.map((i) => formatIssue(i, "ja")).join("\n  ")}` +
      (p.errors > p.first.length ? `\n  …ほか${p.errors - p.first.length}件（strict なしで読むと、すべて issues として受け取れます）` : ""),
  },
  sourceUnreadable: {
    en: (p: { source: string; reason: string; reasonJa: string }) => `cannot read ${q(p.source)}: ${p.reason}`,
    ja: (p: { source: string; reason: string; reasonJa: string }) => `「${p.source}」を読めません: ${p.reasonJa}`,
  },
  badSource: {
    en: (p: Fn & { got: string }) => `${p.fn}: the source must be a file path, CSV text, bytes (Uint8Array/ArrayBuffer), { path } or { text } (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: 読み込む元には、ファイルのパス、CSV の文字列、バイト列（Uint8Array/ArrayBuffer）、{ path } または { text } を渡してください（渡されたもの: ${p.got}）`,
  },
  badWorkbookSource: {
    en: (p: Fn & { got: string }) => `${p.fn}: the source must be a file path, bytes (Uint8Array/ArrayBuffer) or { path } (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: 読み込む元には、ファイルのパス、バイト列（Uint8Array/ArrayBuffer）または { path } を渡してください（渡されたもの: ${p.got}）`,
  },
  unknownEncoding: {
    en: (p: Fn & { encoding: string }) => `${p.fn}: unknown encoding ${q(p.encoding)} (use "auto", "utf-8", "shift_jis", "utf-16le" or "utf-16be")`,
    ja: (p: Fn & { encoding: string }) => `${p.fn}: 文字コード「${p.encoding}」は分かりません（"auto"、"utf-8"、"shift_jis"、"utf-16le"、"utf-16be" のいずれか）`,
  },
  uniqueNotAColumn: {
    en: (p: Fn & Col & { columns: readonly string[] }) => `${p.fn}: unique names column ${q(p.column)}, which is neither in the schema nor in the file (columns: ${p.columns.join(", ")})`,
    ja: (p: Fn & Col & { columns: readonly string[] }) => `${p.fn}: unique に指定された列「${p.column}」は、スキーマにもファイルにもありません（列: ${p.columns.join("、")}）`,
  },
  sheetOnlyForWorkbooks: {
    en: (p: Fn & { source: string }) => `${p.fn}: option "sheet" is for Excel workbooks, and ${q(p.source)} is a CSV/text file`,
    ja: (p: Fn & { source: string }) => `${p.fn}: オプション sheet は Excel のブック用です。「${p.source}」は CSV（テキスト）ファイルです`,
  },
  isXlsx: {
    en: (p: Fn & { source: string }) => `${p.fn}: ${q(p.source)} is an Excel workbook (.xlsx), not CSV text: use readExcel(${q(p.source)})`,
    ja: (p: Fn & { source: string }) => `${p.fn}: 「${p.source}」は CSV ではなく Excel のブック（.xlsx）です。readExcel(${q(p.source)}) で読んでください`,
  },
  isXls: {
    en: (p: Fn & { source: string }) => `${p.fn}: ${q(p.source)} is an old Excel .xls workbook (or another legacy Office file), not CSV text: save it as .xlsx or CSV, or read it with readExcel(${q(p.source)})`,
    ja: (p: Fn & { source: string }) => `${p.fn}: 「${p.source}」は CSV ではなく、古い形式の Excel ブック（.xls、または古い Office のファイル）です。.xlsx か CSV で保存し直すか、readExcel(${q(p.source)}) で読んでください`,
  },
  isPdf: {
    en: (p: Fn & { source: string }) => `${p.fn}: ${q(p.source)} is a PDF, not a table: export the data behind it as CSV or .xlsx`,
    ja: (p: Fn & { source: string }) => `${p.fn}: 「${p.source}」は PDF で、表のデータではありません。元のデータを CSV か .xlsx で書き出してください`,
  },
  isOtherZip: {
    en: (p: Fn & { source: string; what: string; whatJa: string }) => `${p.fn}: ${q(p.source)} is ${p.what}, not a table koe can read: save the table as CSV or .xlsx`,
    ja: (p: Fn & { source: string; what: string; whatJa: string }) => `${p.fn}: 「${p.source}」は${p.whatJa}で、koe が読める表ではありません。表を CSV か .xlsx で保存してください`,
  },
  isBinary: {
    en: (p: Fn & { source: string; what: string; whatJa: string }) => `${p.fn}: ${q(p.source)} is not text: ${p.what}`,
    ja: (p: Fn & { source: string; what: string; whatJa: string }) => `${p.fn}: 「${p.source}」はテキストではありません: ${p.whatJa}`,
  },
  badUtf16: {
    en: (p: { encoding: string; offset: number }) => `the file starts with a ${p.encoding.toUpperCase()} byte-order mark, but its bytes near byte ${p.offset} are not valid ${p.encoding}`,
    ja: (p: { encoding: string; offset: number }) => `ファイルの先頭は ${p.encoding.toUpperCase()} の BOM ですが、${p.offset}バイト目付近が ${p.encoding} として正しくありません`,
  },
  notAWorkbook: {
    en: (p: Fn & { source: string }) => `${p.fn}: ${q(p.source)} is not an Excel workbook (.xlsx/.xls); for CSV or text use readCsv(${q(p.source)})`,
    ja: (p: Fn & { source: string }) => `${p.fn}: 「${p.source}」は Excel のブック（.xlsx/.xls）ではありません。CSV やテキストは readCsv(${q(p.source)}) で読んでください`,
  },
  workbookUnreadable: {
    en: (p: Fn & { source: string; reason: string }) => `${p.fn}: cannot read the workbook ${q(p.source)}: ${p.reason}`,
    ja: (p: Fn & { source: string; reason: string }) => `${p.fn}: ブック「${p.source}」を読めません: ${p.reason}`,
  },
  unknownSheet: {
    en: (p: Fn & { sheet: string | number; sheets: readonly string[] }) =>
      `${p.fn}: the workbook has no sheet ${typeof p.sheet === "number" ? p.sheet : q(p.sheet)} (sheets: ${p.sheets.map((n, i) => `${i + 1}: ${q(n)}`).join(", ")}; numbers count from 1)`,
    ja: (p: Fn & { sheet: string | number; sheets: readonly string[] }) =>
      `${p.fn}: ブックに${typeof p.sheet === "number" ? `${p.sheet}枚目の` : `「${p.sheet}」という`}シートはありません（シート: ${p.sheets.map((n, i) => `${i + 1}:「${n}」`).join("、")}。番号は1から数えます）`,
  },
});

/** What {@link formatIssue} needs of an issue. */
export interface IssueLike {
  row: number | null;
  column: string | null;
  message: string;
  localized?: { ja: string; en: string };
}

/**
 * How an issue prints: where, then what — in the language set by `setLanguage`, or the one given.
 * @example
 * formatIssue({ row: 12, column: "age", message: "\"三十\" is not a number" }, "en") // => "row 12, column \"age\": \"三十\" is not a number"
 * formatIssue({ row: 12, column: "age", message: "", localized: { ja: "「三十」は数値ではありません", en: "" } }, "ja") // => "12行目、列「age」: 「三十」は数値ではありません"
 */
export function formatIssue(issue: IssueLike, lang?: Lang): string {
  const l = lang ?? getLanguage();
  const text = issue.localized?.[l] ?? issue.message;
  if (l === "ja") {
    const where = [issue.row === null ? null : `${issue.row}行目`, issue.column === null ? null : `列「${issue.column}」`].filter((x) => x !== null).join("、");
    return where === "" ? text : `${where}: ${text}`;
  }
  const where = [issue.row === null ? null : `row ${issue.row}`, issue.column === null ? null : `column ${q(issue.column)}`].filter((x) => x !== null).join(", ");
  return where === "" ? text : `${where}: ${text}`;
}
