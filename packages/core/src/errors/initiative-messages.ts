// Messages of the initiative study (topInitiatives, initiativeOutcomes, compareOutcomeWaves,
// broadInitiatives, initiativeGaps, initiativeReport), in Japanese and English: errors, warnings,
// and the report's findings and privacy rules (notes as data, worded here).
import { defineMessages, list, listJa, q, type Localized } from "./catalogue.js";

type Fn = { fn: string };
type Counted = { value: string; rows: number; firstRow: number };
/** Per column, how many rows of the wave used had nothing in it. */
type MissingCounts = { column: string; rows: number }[];
const counted = (values: readonly Counted[]) => values.slice(0, 8).map((v) => `${q(v.value)} (${v.rows} row${v.rows === 1 ? "" : "s"}, first at table row ${v.firstRow})`).join(", ") + (values.length > 8 ? `, … (+${values.length - 8})` : "");
const countedJa = (values: readonly Counted[]) => values.slice(0, 8).map((v) => `「${v.value}」（${v.rows}行、最初は表の${v.firstRow}行目）`).join("、") + (values.length > 8 ? `、…（ほか${values.length - 8}種類）` : "");
const missingEn = (c: MissingCounts) => c.map((x) => `${q(x.column)} ${x.rows}`).join(", ");
const missingJa = (c: MissingCounts) => c.map((x) => `「${x.column}」${x.rows}行`).join("、");
const inWave = (w: number | null) => (w === null ? "" : ` of wave ${w}`);
/** Labels in both languages, listed. */
type Labels = { ja: string[]; en: string[] };
const pValue = (p: number | null) => (p === null ? "—" : p < 0.001 ? "< 0.001" : `= ${p.toFixed(3)}`);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
type Scope = "everyCell" | "everyRow" | "everyColumn";
const scopeEn = (p: { scope: Scope; rowName: Localized; columnName: Localized }) => (p.scope === "everyCell" ? "every cell" : `every ${lower(p.scope === "everyRow" ? p.rowName.en : p.columnName.en)}`);
const scopeJa = (p: { scope: Scope; rowName: Localized; columnName: Localized }) => (p.scope === "everyCell" ? "すべてのセル" : `すべての${p.scope === "everyRow" ? p.rowName.ja : p.columnName.ja}`);
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
  effectiveDisagrees: {
    en: (p: Fn & { effective: string; outcome: string; rows: number; firstRow: number }) =>
      `${p.fn}: in ${p.rows} row${p.rows === 1 ? "" : "s"} (first at table row ${p.firstRow}) column ${q(p.effective)} does not say "effective" exactly when column ${q(p.outcome)} says practised_effective (実践して効果が出た); correct one of them`,
    ja: (p: Fn & { effective: string; outcome: string; rows: number; firstRow: number }) =>
      `${p.fn}: ${p.rows}行（最初は表の${p.firstRow}行目）で、列「${p.effective}」の効果ありと列「${p.outcome}」の「実践して効果が出た」が一致しません。どちらかを直してください`,
  },
  // initiativeReport: findings and warnings (notes), and the privacy rule of each table.
  broad: {
    en: (p: { initiativeLabel: Localized; cells: number; of: number; scope: Scope; rowName: Localized; columnName: Localized }) =>
      `${p.initiativeLabel.en} is among the top initiatives in ${p.cells} of the ${p.of} cells, in ${scopeEn(p)}`,
    ja: (p: { initiativeLabel: Localized; cells: number; of: number; scope: Scope; rowName: Localized; columnName: Localized }) =>
      `「${p.initiativeLabel.ja}」は${p.of}セル中${p.cells}セルで上位に入りました（${scopeJa(p)}）`,
  },
  gap: {
    en: (p: { initiativeLabel: Localized; rowLabel: Localized; columnLabels: Labels }) =>
      `${p.initiativeLabel.en} is rarely even tried for ${p.rowLabel.en} (${p.columnLabels.en.join(", ")}), though widely tried elsewhere`,
    ja: (p: { initiativeLabel: Localized; rowLabel: Localized; columnLabels: Labels }) =>
      `「${p.initiativeLabel.ja}」は${p.rowLabel.ja}（${p.columnLabels.ja.join("・")}）ではほとんど試されていません（ほかでは広く試されています）`,
  },
  waveChange: {
    en: (p: { initiativeLabel: Localized; waves: [number, number]; pairs: number; takenUp: number; becameEffective: number; practisedPValue: number | null; effectivePValue: number | null; adjust?: string }) =>
      `${p.initiativeLabel.en}: from wave ${p.waves[0]} to wave ${p.waves[1]}, ${p.takenUp} of ${p.pairs} ratings moved to practised and ${p.becameEffective} became effective (McNemar's exact test: practice p ${pValue(p.practisedPValue)}, effect p ${pValue(p.effectivePValue)}${p.adjust && p.adjust !== "none" ? `, adjusted across initiatives (${p.adjust})` : ""})`,
    ja: (p: { initiativeLabel: Localized; waves: [number, number]; pairs: number; takenUp: number; becameEffective: number; practisedPValue: number | null; effectivePValue: number | null; adjust?: string }) =>
      `「${p.initiativeLabel.ja}」: 調査回${p.waves[0]}から${p.waves[1]}にかけて、${p.pairs}件のうち${p.takenUp}件が実践に移り、${p.becameEffective}件で効果が出るようになりました（McNemar の正確検定: 実践 p ${pValue(p.practisedPValue)}、効果 p ${pValue(p.effectivePValue)}${p.adjust && p.adjust !== "none" ? `。施策間の多重比較を補正（${p.adjust}）` : ""}）`,
  },
  fewListed: {
    en: (p: { cells: Labels; k: number; minGroupSize: number }) =>
      `In ${p.cells.en.length} cell${p.cells.en.length === 1 ? "" : "s"} (${p.cells.en.join("; ")}) fewer than ${p.k} initiatives were found effective by at least ${p.minGroupSize} companies; only those are listed`,
    ja: (p: { cells: Labels; k: number; minGroupSize: number }) =>
      `${p.cells.ja.length}セル（${p.cells.ja.join("、")}）では、${p.minGroupSize}社以上が効果ありとした施策が${p.k}つに満たないため、それだけを示しています`,
  },
  privacyMatrix: {
    en: (p: { minGroupSize: number }) =>
      `Companies are the groups. A cell rated by fewer than ${p.minGroupSize} companies, or hidden so that such a cell cannot be worked out from the others, shows nothing. An initiative is listed only when at least ${p.minGroupSize} companies found it effective; the companies that rated it, its share and interval are shown only when at least ${p.minGroupSize} of them found it not effective (a blank says fewer, possibly none).`,
    ja: (p: { minGroupSize: number }) =>
      `企業を単位とします。評価した企業が${p.minGroupSize}社未満のセルと、そこから逆算できないよう秘匿したセルは何も示しません。施策は${p.minGroupSize}社以上が効果ありとした場合にだけ挙げ、評価した企業数・割合・信頼区間は効果なしとした企業が${p.minGroupSize}社以上のときだけ示します（空欄は${p.minGroupSize}社未満で、0社のこともあります）。`,
  },
  privacyOutcomes: {
    en: (p: { minGroupSize: number }) =>
      `A row is blank when any group of companies behind it numbers 1 to ${p.minGroupSize - 1}: the companies rating the initiative, those behind each outcome, or those behind what the row adds to the matrix (ratings of cells whose figures the matrix does not show). A reason is named only when at least ${p.minGroupSize} companies gave it, and never with its count.`,
    ja: (p: { minGroupSize: number }) =>
      `行の背後の企業のまとまり（その施策を評価した企業、結果ごとの企業、マトリクスに示されない部分の企業）のどれかが1〜${p.minGroupSize - 1}社のとき、行は空欄です。理由は${p.minGroupSize}社以上が挙げたものだけを、件数なしで示します。`,
  },
  privacyWaves: {
    en: (p: { minGroupSize: number }) =>
      `A row is blank when any of the nine moves between outcomes, or the ratings present in one wave only, come from 1 to ${p.minGroupSize - 1} companies (so that no difference of what is shown, here or in the outcomes, is a small group).`,
    ja: (p: { minGroupSize: number }) =>
      `結果の9通りの移り変わり、または片方の調査回にだけある評価のどれかが1〜${p.minGroupSize - 1}社から来るとき、行は空欄です（ここや結果の表に示した数の差が少数のまとまりにならないように）。`,
  },
  privacyGaps: {
    en: (p: { minGroupSize: number }) =>
      `Gaps are listed without counts (how many companies tried an initiative is not shown below ${p.minGroupSize}, not even 0), and only in cells the matrix shows.`,
    ja: (p: { minGroupSize: number }) =>
      `手薄な箇所は件数なしで示します（試した企業数は${p.minGroupSize}社未満なら0社でも示しません）。マトリクスで示すセルに限ります。`,
  },
  privacyBroad: {
    en: () => "Counts of cells of the matrix as published; no count of companies.",
    ja: () => "公開したマトリクスのセルの数で、企業数は含みません。",
  },
  unknownRecommended: {
    en: (p: Fn & { value: string; known: string[] }) => `${p.fn}: option "recommended" names ${q(p.value)}, which is not an initiative of the catalogue (known: ${list(p.known, 20)})`,
    ja: (p: Fn & { value: string; known: string[] }) => `${p.fn}: オプション recommended の「${p.value}」は施策カタログにありません（カタログの施策: ${listJa(p.known, 20)}）`,
  },
  noControl: {
    en: (p: Fn & { recommended: number; control: number }) =>
      `${p.fn}: the comparison with non-recommended initiatives needs pairs of both kinds (recommended: ${p.recommended}, not recommended: ${p.control})`,
    ja: (p: Fn & { recommended: number; control: number }) =>
      `${p.fn}: 推奨されなかった施策との比較には、推奨された施策と推奨されなかった施策の両方の組が必要です（推奨: ${p.recommended}組、推奨外: ${p.control}組）`,
  },
  controlSelectedOnWave1: {
    en: (p: Fn & { k: number }) =>
      `${p.fn}: the recommended initiatives are each cell's top ${p.k} of the first wave, chosen because they were already rated effective there: their change is bounded by that high start (a ceiling) and pulled down by regression to the mean, so the difference from the other initiatives understates what the recommendation did`,
    ja: (p: Fn & { k: number }) =>
      `${p.fn}: 推奨施策は第1回の各セルの上位${p.k}件で、すでに効果ありと評価されたから選ばれています。出発点が高いため伸びる余地が小さく（天井効果）、平均への回帰で下がりやすいので、推奨外の施策との差は推奨の効果を小さめに示します`,
  },
  topPopulation: {
    en: (p: { companies: number; resamples: number | null }) =>
      `The ${p.companies} companies are the whole consortium: a share among them is a fact, not an estimate. The intervals describe a wider population of companies like these (${p.resamples === null ? "Wilson intervals over companies, one observation per company and cell" : `percentiles of ${p.resamples} bootstrap resamples of whole companies, so that a company's house tendency across cells is kept together`})`,
    ja: (p: { companies: number; resamples: number | null }) =>
      `${p.companies}社はコンソーシアムの全社です。この中での割合は事実であり推定ではありません。区間は、これらと同様の企業からなるより広い母集団についての区間です（${p.resamples === null ? "企業を単位とする Wilson 区間。セルごとに1社1件" : `企業を丸ごと${p.resamples}回リサンプリングしたブートストラップのパーセンタイル。各社のセルをまたぐ評価の癖を一緒に扱います`}）`,
  },
  topSelection: {
    en: (p: { cells: number; k: number }) =>
      `Winners picked from ${p.cells} cell × initiative rates look better than they are (the largest of many noisy rates is inflated); the shrunken effect rate (rankBy: "shrunken") pulls each rate toward the consortium-wide mean in proportion to its noise. "stability" is the share of company resamples in which an initiative stays in its cell's top ${p.k} (a bootstrap inclusion frequency), not the probability that it truly belongs there`,
    ja: (p: { cells: number; k: number }) =>
      `${p.cells}個のセル×施策の割合から選んだ上位は実際より良く見えます（ばらつきのある多数の割合の最大値は過大になります）。縮小推定した効果率（rankBy: "shrunken"）は、各割合をばらつきに応じて全体平均に近づけます。「安定度」は企業をリサンプリングしたときにその施策がセルの上位${p.k}件に残った割合（ブートストラップの選出頻度）であり、本当に上位に属する確率ではありません`,
  },
  noOutcomeColumn: {
    en: (p: Fn) => `${p.fn}: the table has no outcome column, so "practised" is unknown: adoption is not shown and the effect rate's denominator is every company that rated the initiative, not practised or not (pass outcome to separate them)`,
    ja: (p: Fn) => `${p.fn}: 結果の列がないため「実践したか」が分かりません。実践率は示さず、効果率の分母は実践しなかった企業も含む評価した全企業です（outcome を指定すると分けられます）`,
  },
  unsettled: {
    en: (p: Fn) => `${p.fn}: the cells to hide did not settle (a bug in koe: please report it)`,
    ja: (p: Fn) => `${p.fn}: 秘匿するセルが定まりませんでした（koe の不具合です。報告してください）`,
  },
});
