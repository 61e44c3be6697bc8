// The words display() shows around a report, a table or a chart in a notebook, in Japanese and
// English, and its messages (codes `notebook.*`).
import { defineMessages, type Localized } from "@koe/core";
import { furniture, type Lang } from "../messages.js";

/**
 * The words of a notebook display, by language.
 * @example
 * notebookWords.ja.moreRows(12) // => "…ほか12行"
 */
export const notebookWords = {
  ja: {
    hidden: furniture.ja.suppressed,
    findings: "所見",
    warnings: "注意",
    tables: "表",
    noRows: "行がありません",
    rows: (n: number, hidden: number) => `${n}行${hidden > 0 ? `、うち${hidden}行は秘匿` : ""}`,
    moreRows: (n: number) => `…ほか${n}行`,
    provenance: (p: { study: string; wave: number | null; seed: number | string | null; koeVersion: string; rows: string }) =>
      `${p.study} — ${p.wave === null ? "" : `第${p.wave}回調査、`}${p.seed === null ? "" : `シード ${p.seed}、`}入力 ${p.rows}、koe ${p.koeVersion}`,
    chart: (title: string, rows: number) => `図: ${title}（データ${rows}行）`,
    untitled: "無題",
  },
  en: {
    hidden: furniture.en.suppressed,
    findings: "Findings",
    warnings: "Warnings",
    tables: "Tables",
    noRows: "no rows",
    rows: (n: number, hidden: number) => `${n} row${n === 1 ? "" : "s"}${hidden > 0 ? `, ${hidden} suppressed` : ""}`,
    moreRows: (n: number) => `… ${n} more row${n === 1 ? "" : "s"}`,
    provenance: (p: { study: string; wave: number | null; seed: number | string | null; koeVersion: string; rows: string }) =>
      `${p.study} — ${p.wave === null ? "" : `wave ${p.wave}, `}${p.seed === null ? "" : `seed ${p.seed}, `}inputs ${p.rows}, koe ${p.koeVersion}`,
    chart: (title: string, rows: number) => `Chart: ${title} (${rows} data row${rows === 1 ? "" : "s"})`,
    untitled: "untitled",
  },
} as const satisfies Record<Lang, unknown>;

/**
 * The messages of display() and show(), in Japanese and English.
 * @example
 * localize(notebookMessages.cannotShow, { fn: "display", got: { en: "the number 3", ja: "数 3" } }).en
 * // => "display cannot show the number 3: it shows a study's report, a report table, an arquero table, an estimator's result or a vega-lite spec"
 */
export const notebookMessages = defineMessages("notebook", {
  cannotShow: {
    en: (p: { fn: string; got: Localized }) => `${p.fn} cannot show ${p.got.en}: it shows a study's report, a report table, an arquero table, an estimator's result or a vega-lite spec`,
    ja: (p: { fn: string; got: Localized }) => `${p.fn} は${p.got.ja}を表示できません。表示できるのは、調査のレポート、レポートの表、arquero の表、推定関数の結果、vega-lite の仕様です`,
  },
});
