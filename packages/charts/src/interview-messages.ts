// The words of the interview study's charts (codeHeatmapChart, codeBarChart, cooccurrenceChart), in
// Japanese and English: what they draw (titles, notes, legends) and their error messages (codes
// `chart.*`, on @koe/core's catalogue, beside chartMessages).
import { defineMessages, type Localized } from "@koe/core";
import { did, didJa, list, listJa, q, type Lang } from "./messages.js";

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The words drawn on the code charts, by language.
 * @example
 * codeChartWords.ja.groupsHidden(10) // => "秘匿: 10人未満のグループと、差し引きで分かるグループ"
 * codeChartWords.en.shareWithCounts(0.425, 17, 40) // => "43% (17/40)"
 */
export const codeChartWords = {
  ja: {
    suppressed: "秘匿",
    noData: "データがありません",
    allSuppressed: (min: number) => `すべてのグループが${min}人未満（または差し引きで分かる）ため、表示できる数値がありません`,
    groupsHidden: (min: number) => `秘匿: ${min}人未満のグループと、差し引きで分かるグループ`,
    yes: "あり",
    no: "なし",
    missing: "無回答",
    // codeHeatmapChart
    heatmapTitle: (segment: string) => `${segment}別のコードの出現割合`,
    heatmapNote: ["数字はコードが付いたテキストの割合。色は調整済み残差（橙: 全体より多い、青: 少ない）", "|r| ≥ 1.96（5%水準で有意）のセルは太枠"],
    residual: ["調整済み残差", "（|r| ≥ 1.96 で有意）"],
    noResidual: "薄い灰色: 残差なし（検定に入らなかったセル）",
    // codeBarChart
    barTitle: "コードの出現割合",
    barTitleOf: (group: string) => `コードの出現割合：${group}`,
    barNote: "コードが付いたテキストの割合と95%信頼区間（Wilson法）。括弧内はコードが付いた件数/テキスト数",
    shareWithCounts: (share: number, withCode: number, texts: number) => `${percent(share)}（${withCode}/${texts}）`,
    share: "割合",
    // cooccurrenceChart
    matrixTitle: "コードの共起（Jaccard係数）",
    matrixTitleBoth: "コードの共起（両方が付いたテキスト数）",
    matrixNote: "対角線はそのコードが付いたテキスト数",
    networkTitle: "コードの共起ネットワーク",
    networkNote: (min: string, measure: string) => [`線の太さと濃さ: ${measure}（Jaccard係数 ${min} 以上の組のみ）`, "円の大きさ: コードが付いたテキスト数"],
    jaccard: "Jaccard係数",
    both: "両方が付いたテキスト数",
    texts: "コードが付いたテキスト数",
    /** Names of the fields in tooltips and screen readers' labels. */
    fieldTitles: {
      code: "コード", share: "割合", low: "95%信頼区間の下限", high: "95%信頼区間の上限", withCode: "コードが付いた件数", texts: "テキスト数",
      residual: "調整済み残差", jaccard: "Jaccard係数", both: "両方が付いたテキスト数", row: "コード（行）", column: "コード（列）", a: "コード1", b: "コード2",
    } as Record<string, string>,
  },
  en: {
    suppressed: "suppressed",
    noData: "No data",
    allSuppressed: (min: number) => `Every group is under ${min} (or would be revealed by subtraction): nothing can be shown`,
    groupsHidden: (min: number) => `suppressed: groups under ${min}, and groups that subtraction would reveal`,
    yes: "Yes",
    no: "No",
    missing: "Missing",
    heatmapTitle: (segment: string) => `Codes by ${segment}: share of texts`,
    heatmapNote: ["Numbers: share of texts with the code. Colour: adjusted residual (orange: more than overall, blue: fewer)", "Outlined: |r| ≥ 1.96 (significant at 5%)"],
    residual: ["Adjusted residual", "(|r| ≥ 1.96: significant)"],
    noResidual: "Pale grey: no residual (the cell was not tested)",
    barTitle: "Share of texts with each code",
    barTitleOf: (group: string) => `Share of texts with each code: ${group}`,
    barNote: "Share of texts with the code, with 95% Wilson intervals; in brackets: texts with the code / texts",
    shareWithCounts: (share: number, withCode: number, texts: number) => `${percent(share)} (${withCode}/${texts})`,
    share: "Share",
    matrixTitle: "Codes together (Jaccard coefficient)",
    matrixTitleBoth: "Codes together (texts with both codes)",
    matrixNote: "Diagonal: texts with the code",
    networkTitle: "Network of codes used together",
    networkNote: (min: string, measure: string) => [`Line width and strength: ${measure} (pairs with a Jaccard coefficient of ${min} or more)`, "Circle size: texts with the code"],
    jaccard: "Jaccard coefficient",
    both: "Texts with both codes",
    texts: "Texts with the code",
    fieldTitles: {
      code: "Code", share: "Share", low: "95% interval, lower", high: "95% interval, upper", withCode: "Texts with the code", texts: "Texts",
      residual: "Adjusted residual", jaccard: "Jaccard coefficient", both: "Texts with both codes", row: "Code (row)", column: "Code (column)", a: "Code 1", b: "Code 2",
    } as Record<string, string>,
  },
} as const satisfies Record<Lang, unknown>;

/** Places in a code table, for the messages' `where`: a row by its number, code and segment value (`row 3 (code "network", generation "young")`). */
export const codePlaces = {
  row: (index: number, code: string, by?: string, value?: unknown): Localized => ({
    en: `row ${index + 1} (code ${q(code)}${by === undefined ? "" : `, ${by} ${q(value)}`})`,
    ja: `${index + 1}行目（コード「${code}」${by === undefined ? "" : `、${by}「${String(value)}」`}）`,
  }),
  pair: (index: number, a: string, b: string): Localized => ({ en: `row ${index + 1} (codes ${q(a)} and ${q(b)})`, ja: `${index + 1}行目（コード「${a}」と「${b}」）` }),
} as const;

type Fn = { fn: string };

/**
 * The error messages of the code charts, in Japanese and English (codes `chart.*`, as
 * {@link chartMessages}).
 * @example
 * localize(codeChartMessages.missingColumn, { fn: "codeBarChart", column: "share_low", suggestion: "share_lo", columns: ["code", "share_lo"] }).en
 * // => 'codeBarChart: the table has no column "share_low"; did you mean "share_lo"? (its columns: "code", "share_lo")'
 */
export const codeChartMessages = defineMessages("chart", {
  missingColumn: {
    en: (p: Fn & { column: string; suggestion: string | null; columns: readonly string[] }) =>
      `${p.fn}: the table has no column ${q(p.column)}${did(p.suggestion)} (its columns: ${p.columns.length === 0 ? "none" : list(p.columns, 20)})`,
    ja: (p: Fn & { column: string; suggestion: string | null; columns: readonly string[] }) =>
      `${p.fn}: 表に列「${p.column}」がありません。${didJa(p.suggestion)}（ある列: ${p.columns.length === 0 ? "なし" : listJa(p.columns, 20)}）`,
  },
  unclearSegmentColumn: {
    en: (p: Fn & { candidates: readonly string[] }) =>
      `${p.fn}: cannot tell which column holds the segment (${p.candidates.length === 0 ? "there is none besides the code's figures" : `it could be ${list(p.candidates)}`}); name it with the option "by", e.g. { by: "generation" }`,
    ja: (p: Fn & { candidates: readonly string[] }) =>
      `${p.fn}: どの列がセグメントか分かりません（${p.candidates.length === 0 ? "コードの数値以外の列がありません" : `候補: ${listJa(p.candidates)}`}）。オプション「by」で指定してください。例: { by: "generation" }`,
  },
  smallGroupShown: {
    en: (p: Fn & { where: Localized; field: string; value: number; min: number }) =>
      `${p.fn}: ${p.where.en} shows ${p.field} = ${p.value}, under the minimum of ${p.min} for free texts, but is not marked suppressed; publish the table through the study (codeFrequencies) so that small groups are hidden`,
    ja: (p: Fn & { where: Localized; field: string; value: number; min: number }) =>
      `${p.fn}: ${p.where.ja}の ${p.field} が ${p.value} で、自由記述の最小人数 ${p.min} を下回るのに秘匿されていません。小さなグループが隠れるよう、調査関数（codeFrequencies）を通した表を渡してください`,
  },
  duplicateCode: {
    en: (p: Fn & { code: string }) => `${p.fn}: the code ${q(p.code)} appears more than once; to draw one group of a table by segment, pass the options "by" and "group"`,
    ja: (p: Fn & { code: string }) => `${p.fn}: コード「${p.code}」が2回以上あります。セグメント別の表から1つのグループを描くには、オプション「by」と「group」を指定してください`,
  },
  groupNeeded: {
    en: (p: Fn & { by: string; values: readonly string[] }) => `${p.fn}: the table is by ${q(p.by)}; say which group to draw with the option "group" (one of ${list(p.values)})`,
    ja: (p: Fn & { by: string; values: readonly string[] }) => `${p.fn}: 表は「${p.by}」別です。描くグループをオプション「group」で指定してください（${listJa(p.values)}のいずれか）`,
  },
  unknownGroup: {
    en: (p: Fn & { by: string; group: string; suggestion: string | null; values: readonly string[] }) =>
      `${p.fn}: the column ${q(p.by)} has no group ${q(p.group)}${did(p.suggestion)} (its groups: ${list(p.values)})`,
    ja: (p: Fn & { by: string; group: string; suggestion: string | null; values: readonly string[] }) =>
      `${p.fn}: 列「${p.by}」にグループ「${p.group}」がありません。${didJa(p.suggestion)}（あるグループ: ${listJa(p.values)}）`,
  },
  asymmetricPair: {
    en: (p: Fn & { a: string; b: string; field: string; ab: unknown; ba: unknown }) =>
      `${p.fn}: the pair ${q(p.a)}–${q(p.b)} has ${p.field} ${String(p.ab)}, but the pair ${q(p.b)}–${q(p.a)} has ${String(p.ba)} (co-occurrence is symmetric)`,
    ja: (p: Fn & { a: string; b: string; field: string; ab: unknown; ba: unknown }) =>
      `${p.fn}: コード「${p.a}」と「${p.b}」の組の ${p.field} が ${String(p.ab)} ですが、「${p.b}」と「${p.a}」の組では ${String(p.ba)} です（共起は対称のはずです）`,
  },
});
