// Messages of the table-level analyses (analyze/, prepare/), in Japanese and English.
import { defineMessages, list, listJa, q, show } from "./catalogue.js";

type Fn = { fn: string };
type Where = { scale: string; wave: string | null };
const where = (p: Where) => `scale ${q(p.scale)}${p.wave === null ? "" : ` (${p.wave})`}`;
const whereJa = (p: Where) => `尺度「${p.scale}」${p.wave === null ? "" : `（${p.wave}）`}`;

export const analyzeMessages = defineMessages("analyze", {
  groupTwice: {
    en: (p: Fn & { column: string; group: string }) => `${p.fn}: order names group ${q(p.group)} of column ${q(p.column)} twice`,
    ja: (p: Fn & { column: string; group: string }) => `${p.fn}: order に列「${p.column}」のグループ「${p.group}」が2回指定されています`,
  },
  completePairsOf: {
    en: (p: { x: string; y: string }) => `complete pairs of columns ${q(p.x)} and ${q(p.y)}`,
    ja: (p: { x: string; y: string }) => `列「${p.x}」と「${p.y}」がそろった行`,
  },
  reverseNotItem: {
    en: (p: Fn & { column: string; items: string[] }) => `${p.fn}: reverse-keyed ${q(p.column)} is not among the items (${list(p.items)})`,
    ja: (p: Fn & { column: string; items: string[] }) => `${p.fn}: 逆転項目「${p.column}」が項目（${listJa(p.items)}）に含まれていません`,
  },
  itemTwice: {
    en: (p: Fn & { column: string }) => `${p.fn}: item ${q(p.column)} is listed twice`,
    ja: (p: Fn & { column: string }) => `${p.fn}: 項目「${p.column}」が2回指定されています`,
  },
  tooFewAnswers: {
    en: (p: Fn & { items: string[]; needed: number; found: number[]; pairwise: boolean }) =>
      `${p.fn} needs at least ${p.needed} answers to every item${p.pairwise ? "" : " on complete rows"}; ${p.items.map((it, i) => `${q(it)} has ${p.found[i]}`).join(", ")}`,
    ja: (p: Fn & { items: string[]; needed: number; found: number[]; pairwise: boolean }) =>
      `${p.fn}: どの項目にも${p.pairwise ? "" : "全項目回答の行で"}少なくとも${p.needed}件の回答が必要ですが、${p.items.map((it, i) => `「${it}」は${p.found[i]}件`).join("、")}です`,
  },
  constantItem: {
    en: (p: Fn & { items: string[] }) => `${p.fn}: item${p.items.length === 1 ? "" : "s"} ${list(p.items)} ${p.items.length === 1 ? "has" : "have"} the same answer in every row (zero variance), so reliability is undefined`,
    ja: (p: Fn & { items: string[] }) => `${p.fn}: 項目 ${listJa(p.items)} はすべての行で同じ回答（分散0）のため、信頼性係数を計算できません`,
  },
  negativeItem: {
    en: (p: Fn & { item: string; r: number }) =>
      `${p.fn}: item ${q(p.item)} correlates negatively with the rest of the scale (corrected item–total r = ${p.r.toFixed(2)}); it is probably reverse-keyed: list it in reverse`,
    ja: (p: Fn & { item: string; r: number }) =>
      `${p.fn}: 項目「${p.item}」は他の項目の合計と負の相関があります（修正済み項目-全体相関 r = ${p.r.toFixed(2)}）。逆転項目の可能性があります。reverse に指定してください`,
  },
  badRange: {
    en: (p: Fn & { value: unknown }) => `${p.fn}: range must be [min, max] with min < max, e.g. [1, 5] (got ${show(p.value)})`,
    ja: (p: Fn & { value: unknown }) => `${p.fn}: range は min < max の [min, max] です。例: [1, 5]（渡された値: ${show(p.value)}）`,
  },
  scaleLacksColumns: {
    en: (p: Fn & Where & { missing: string[] }) => `${p.fn}: ${where(p)} lacks columns ${list(p.missing)}`,
    ja: (p: Fn & Where & { missing: string[] }) => `${p.fn}: ${whereJa(p)}の列 ${listJa(p.missing)} が表にありません`,
  },
  noReliability: {
    en: (p: Fn & Where & { reason: string; reasonJa: string }) => `${p.fn}: no reliability for ${where(p)}: ${p.reason}; the scores stand`,
    ja: (p: Fn & Where & { reason: string; reasonJa: string }) => `${p.fn}: ${whereJa(p)}の信頼性係数を計算できませんでした: ${p.reasonJa}。得点はそのまま使えます`,
  },
  reliabilityWarning: {
    en: (p: Fn & Where & { warning: string; warningJa: string }) => `${p.fn}: ${where(p)}: ${p.warning}`,
    ja: (p: Fn & Where & { warning: string; warningJa: string }) => `${p.fn}: ${whereJa(p)}: ${p.warningJa}`,
  },
  unscored: {
    en: (p: Fn & Where & { column: string; rows: number; total: number; minAnswered: number }) =>
      `${p.fn}: ${where(p)}: ${p.rows} of ${p.total} rows answered fewer than ${Math.round(p.minAnswered * 100)}% of the items, so ${q(p.column)} is missing there`,
    ja: (p: Fn & Where & { column: string; rows: number; total: number; minAnswered: number }) =>
      `${p.fn}: ${whereJa(p)}: ${p.total}行中${p.rows}行は回答した項目が${Math.round(p.minAnswered * 100)}%未満のため、「${p.column}」は欠測です`,
  },
});
