// Messages of the initiative study (topInitiatives, initiativeOutcomes, compareOutcomeWaves,
// broadInitiatives, initiativeGaps), in Japanese and English.
import { defineMessages, list, listJa, q } from "./catalogue.js";

type Fn = { fn: string };
type Counted = { value: string; rows: number; firstRow: number };
/** Per column, how many rows of the wave used had nothing in it. */
type MissingCounts = { column: string; rows: number }[];
const counted = (values: readonly Counted[]) => values.slice(0, 8).map((v) => `${q(v.value)} (${v.rows} row${v.rows === 1 ? "" : "s"}, first at table row ${v.firstRow})`).join(", ") + (values.length > 8 ? `, … (+${values.length - 8})` : "");
const countedJa = (values: readonly Counted[]) => values.slice(0, 8).map((v) => `「${v.value}」（${v.rows}行、最初は表の${v.firstRow}行目）`).join("、") + (values.length > 8 ? `、…（ほか${values.length - 8}種類）` : "");
const missingEn = (c: MissingCounts) => c.map((x) => `${q(x.column)} ${x.rows}`).join(", ");
const missingJa = (c: MissingCounts) => c.map((x) => `「${x.column}」${x.rows}行`).join("、");
const inWave = (w: number | null) => (w === null ? "" : ` of wave ${w}`);
const inWaveJa = (w: number | null) => (w === null ? "" : `調査回 ${w} の`);

export const initiativeMessages = defineMessages("initiatives", {
  notAResult: {
    en: (p: Fn & { got: string }) => `${p.fn}: expected the result of topInitiatives(table) (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: topInitiatives(table) の結果を渡してください（渡されたもの: ${p.got}）`,
  },
  unknownInitiative: {
    en: (p: Fn & { column: string; values: Counted[]; known: string[] }) =>
      `${p.fn}: column ${q(p.column)} has initiatives that are not in the catalogue: ${counted(p.values)} (known: ${list(p.known, 20)}); for a company's own initiatives pass catalogue: extendInitiativeCatalogue([{ id, ja, en }])`,
    ja: (p: Fn & { column: string; values: Counted[]; knownJa: string[] }) =>
      `${p.fn}: 列「${p.column}」に施策カタログにない施策があります: ${countedJa(p.values)}（カタログの施策: ${listJa(p.knownJa, 20)}）。自社独自の施策は catalogue: extendInitiativeCatalogue([{ id, ja, en }]) で加えてください`,
  },
  noCompleteRows: {
    en: (p: Fn & { wave: number | null; rows: number; missing: MissingCounts }) =>
      `${p.fn}: none of the ${p.rows} rows${inWave(p.wave)} is complete (missing values: ${missingEn(p.missing)})`,
    ja: (p: Fn & { wave: number | null; rows: number; missing: MissingCounts }) =>
      `${p.fn}: ${inWaveJa(p.wave)}${p.rows}行のうち、欠けのない行が一つもありません（欠けている値: ${missingJa(p.missing)}）`,
  },
  rowsLeftOut: {
    en: (p: Fn & { wave: number | null; dropped: number; rows: number; missing: MissingCounts }) =>
      `${p.fn}: ${p.dropped} of the ${p.rows} rows${inWave(p.wave)} were left out for a missing value (${missingEn(p.missing)})`,
    ja: (p: Fn & { wave: number | null; dropped: number; rows: number; missing: MissingCounts }) =>
      `${p.fn}: ${inWaveJa(p.wave)}${p.rows}行のうち${p.dropped}行は値が欠けているため集計から除きました（${missingJa(p.missing)}）`,
  },
  firstWaveUsed: {
    en: (p: Fn & { column: string; waves: number[]; wave: number }) =>
      `${p.fn}: column ${q(p.column)} holds waves ${p.waves.join(", ")}; wave ${p.wave} was used (choose one with { wave: … }; waves are never pooled)`,
    ja: (p: Fn & { column: string; waves: number[]; wave: number }) =>
      `${p.fn}: 列「${p.column}」には調査回 ${p.waves.join("・")} があります。調査回 ${p.wave} を使いました（{ wave: … } で選べます。調査回をまとめて集計することはしません）`,
  },
  rowsWithoutWave: {
    en: (p: Fn & { column: string; rows: number; firstRow: number }) =>
      `${p.fn}: ${p.rows} row${p.rows === 1 ? " has" : "s have"} no wave in column ${q(p.column)} (first at table row ${p.firstRow}) and belong to no wave; they were left out`,
    ja: (p: Fn & { column: string; rows: number; firstRow: number }) =>
      `${p.fn}: 列「${p.column}」の調査回が空の行が${p.rows}行あり（最初は表の${p.firstRow}行目）、どの調査回にも属さないため集計から除きました`,
  },
  noWaveColumn: {
    en: (p: Fn & { names: string[] }) => `${p.fn} needs a wave column to compare two waves (looked for ${list(p.names)}); pass waveColumn`,
    ja: (p: Fn & { names: string[] }) => `${p.fn}: 二つの調査回を比べるには調査回の列が必要です（探した列名: ${listJa(p.names)}）。waveColumn で列を指定してください`,
  },
  tooFewWaves: {
    en: (p: Fn & { column: string; waves: number[] }) => `${p.fn} needs two waves in column ${q(p.column)} (found ${p.waves.length === 0 ? "none" : p.waves.join(", ")})`,
    ja: (p: Fn & { column: string; waves: number[] }) => `${p.fn}: 列「${p.column}」に二つの調査回が必要です（${p.waves.length === 0 ? "調査回がありません" : `あるのは ${p.waves.join("・")}`}）`,
  },
  sameWaveTwice: {
    en: (p: Fn & { wave: number }) => `${p.fn}: option "waves" names wave ${p.wave} twice; give two different waves, e.g. [1, 2]`,
    ja: (p: Fn & { wave: number }) => `${p.fn}: オプション「waves」に調査回 ${p.wave} が二度指定されています。[1, 2] のように異なる二つの調査回を指定してください`,
  },
  conflictingRatings: {
    en: (p: Fn & { wave: number; rows: [number, number]; company: string; initiative: string }) =>
      `${p.fn}: table rows ${p.rows[0]} and ${p.rows[1]} both rate initiative ${q(p.initiative)} for company ${q(p.company)} in the same cell of wave ${p.wave}, with different outcomes; keep one`,
    ja: (p: Fn & { wave: number; rows: [number, number]; company: string; initiative: string }) =>
      `${p.fn}: 表の${p.rows[0]}行目と${p.rows[1]}行目が、調査回 ${p.wave} の同じセルで会社「${p.company}」の施策「${p.initiative}」を異なる結果で評価しています。どちらか一つにしてください`,
  },
});
