// The words of the HTML report (buildReport), in Japanese and English — every heading, label and
// note the page shows around the studies' own findings and tables — and its error messages (codes
// `htmlReport.*`, on @koe/core's catalogue).
import { defineMessages } from "@koe/core";
import { codeChartWords } from "./interview-messages.js";
import { did, didJa, list, listJa, type Lang } from "./messages.js";

const grouped = (n: number) => n.toLocaleString("en-US");

/**
 * The words of the HTML report, by language (the same keys in both).
 * @example
 * reportWords.ja.rowsUsed(4980, 5000) // => "5,000行中 4,980行"
 * reportWords.en.suppressed // => "suppressed"
 */
export const reportWords = {
  ja: {
    defaultTitle: "koe レポート",
    contents: "目次",
    study: "調査",
    inputs: "対象",
    rowsUsed: (used: number, rows: number) => `${grouped(rows)}行中 ${grouped(used)}行`,
    wave: "回",
    waveOf: (wave: number) => `${wave}回目`,
    allWaves: "指定なし",
    findings: "読み取り",
    noFindings: "この調査から示せる読み取りはありません。",
    warnings: "注意",
    charts: "図",
    tables: "表",
    tableTitle: (name: string, rows: number) => `表「${name}」（${grouped(rows)}行）`,
    noRows: "行はありません。",
    suppression: "秘匿",
    suppressed: codeChartWords.ja.suppressed,
    yes: "はい",
    no: "いいえ",
    download: (file: string) => `CSV をダウンロード（${file}、Excel で開ける UTF-8）`,
    provenance: "来歴（再現のための情報）",
    provenanceNote: "各調査が読んだデータ、乱数の種、koe のバージョン、最小人数、指定したオプション。",
    columns: { study: "調査", input: "入力", rows: "行数", rowsUsed: "使用した行", seed: "乱数の種", version: "koe", minGroupSize: "最小人数", options: "オプション" },
    none: "なし",
    filesRead: "読み込んだファイル",
    filesReadNote: "読んだ行 = 受け付けた行 + 除外した行。",
    fileColumns: { file: "ファイル", encoding: "文字コード", rowsRead: "読んだ行", rowsAccepted: "受け付けた行", rowsRejected: "除外した行", issues: "問題" },
    interactive: "画面では図を操作できます（印刷と JavaScript なしでは静的な図）。",
  },
  en: {
    defaultTitle: "koe report",
    contents: "Contents",
    study: "Study",
    inputs: "Data",
    rowsUsed: (used: number, rows: number) => `${grouped(used)} of ${grouped(rows)} rows`,
    wave: "Wave",
    waveOf: (wave: number) => `wave ${wave}`,
    allWaves: "not set",
    findings: "Findings",
    noFindings: "This study has no finding to show.",
    warnings: "Warnings",
    charts: "Charts",
    tables: "Tables",
    tableTitle: (name: string, rows: number) => `Table "${name}" (${grouped(rows)} rows)`,
    noRows: "No rows.",
    suppression: "Suppression",
    suppressed: codeChartWords.en.suppressed,
    yes: "yes",
    no: "no",
    download: (file: string) => `Download CSV (${file}, UTF-8 that Excel opens)`,
    provenance: "Provenance (what it takes to reproduce)",
    provenanceNote: "The data each study read, its random seed, the koe version, the minimum group size and the options given.",
    columns: { study: "Study", input: "Input", rows: "Rows", rowsUsed: "Rows used", seed: "Seed", version: "koe", minGroupSize: "Minimum group", options: "Options" },
    none: "none",
    filesRead: "Files read",
    filesReadNote: "Rows read = rows accepted + rows rejected.",
    fileColumns: { file: "File", encoding: "Encoding", rowsRead: "Rows read", rowsAccepted: "Rows accepted", rowsRejected: "Rows rejected", issues: "Issues" },
    interactive: "On screen the charts are interactive (printed, or without JavaScript, they are static).",
  },
} as const satisfies Record<Lang, unknown>;

/**
 * buildReport's error messages, in Japanese and English.
 * @example
 * reportMessages.noSections.ja({ fn: "buildReport" }) // => "buildReport: 節が1つもありません（sections は { title, report } のリスト）"
 */
export const reportMessages = defineMessages("htmlReport", {
  noSections: {
    en: (p: { fn: string }) => `${p.fn}: there are no sections (sections is a list of { title, report })`,
    ja: (p: { fn: string }) => `${p.fn}: 節が1つもありません（sections は { title, report } のリスト）`,
  },
  notAReport: {
    en: (p: { fn: string; section: number; title: string; path: string; detail: string }) =>
      `${p.fn}: sections[${p.section}] ("${p.title}"): report is not a study's report (a StudyReport, as countsReport returns): ${p.path === "" ? "" : `at ${p.path}: `}${p.detail}`,
    ja: (p: { fn: string; section: number; title: string; path: string; detail: string }) =>
      `${p.fn}: sections[${p.section}]（「${p.title}」）: report が調査のレポート（countsReport などが返す StudyReport）ではありません: ${p.path === "" ? "" : `${p.path}: `}${p.detail}`,
  },
  noTable: {
    en: (p: { fn: string; section: number; title: string; table: string; study: string; suggestion: string | null; tables: string[] }) =>
      `${p.fn}: sections[${p.section}] ("${p.title}") asks for table "${p.table}", which the ${p.study} report does not have${did(p.suggestion)} (tables: ${list(p.tables)})`,
    ja: (p: { fn: string; section: number; title: string; table: string; study: string; suggestion: string | null; tables: string[] }) =>
      `${p.fn}: sections[${p.section}]（「${p.title}」）の表「${p.table}」は ${p.study} のレポートにありません。${didJa(p.suggestion)}（表: ${listJa(p.tables)}）`,
  },
});
