// Messages of the numeric kernels (stats/), in Japanese and English.
import { defineMessages, list, listJa, q, show } from "./catalogue.js";

type Fn = { fn: string };
/** What was counted, in both languages: e.g. { en: "complete pairs", ja: "完全なペア" }; null = values. */
export type Counted = { en: string; ja: string } | null;

const what = (w: Counted, n: number) => (w === null ? `value${n === 1 ? "" : "s"}` : w.en);
const whatJa = (w: Counted) => (w === null ? "値" : w.ja);
const inColumn = (c: string | null) => (c === null ? "" : ` in column ${q(c)}`);
const inColumnJa = (c: string | null, g: string | null | undefined) =>
  c !== null && g !== null && g !== undefined ? `列「${c}」のグループ「${g}」に` : c !== null ? `列「${c}」に` : g !== null && g !== undefined ? `グループ「${g}」に` : "";
const forGroup = (g: string | null | undefined) => (g === null || g === undefined ? "" : ` for group ${q(g)}`);

export const statsMessages = defineMessages("stats", {
  notAList: {
    en: (p: Fn & { argument: string; got: string }) => `${p.fn}: ${p.argument} must be a list of numbers, e.g. [3, 4, 5] (got ${p.got})`,
    ja: (p: Fn & { argument: string; got: string }) => `${p.fn}: ${p.argument} には数値のリスト（例: [3, 4, 5]）を渡してください（渡されたもの: ${p.got}）`,
  },
  notVariables: {
    en: (p: Fn & { got: string }) => `${p.fn}: pass the variables as { name: values, … }, e.g. { age: [31, 45], score: [3.2, 4.1] } (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: 変数は { 名前: 値のリスト, … } の形で渡してください。例: { age: [31, 45], score: [3.2, 4.1] }（渡されたもの: ${p.got}）`,
  },
  notANumber: {
    en: (p: Fn & { argument: string; value: unknown; position: number }) =>
      `${p.fn}: ${p.argument} holds ${show(p.value)} at position ${p.position}, which is not a number (numbers, numeric text such as "3" or "３", and null/NaN for missing are accepted)`,
    ja: (p: Fn & { argument: string; value: unknown; position: number }) =>
      `${p.fn}: ${p.argument} の${p.position}番目の値 ${show(p.value)} は数値ではありません（数値、"3" や "３" のような数字の文字列、欠測を表す null/NaN が使えます）`,
  },
  needAtLeast: {
    en: (p: Fn & { needed: number; found: number; what: Counted; column: string | null; group?: string | null }) =>
      `${p.fn} needs at least ${p.needed} ${what(p.what, p.needed)}${inColumn(p.column)}${forGroup(p.group)} (found ${p.found})`,
    ja: (p: Fn & { needed: number; found: number; what: Counted; column: string | null; group?: string | null }) =>
      `${p.fn}: ${inColumnJa(p.column, p.group)}${whatJa(p.what)}が少なくとも${p.needed}個必要です（${p.found}個しかありません）`,
  },
  constant: {
    en: (p: Fn & { column?: string | null }) => `${p.fn}: the data${p.column ? ` in column ${q(p.column)}` : ""} are essentially constant (zero variance), so t is undefined`,
    ja: (p: Fn & { column?: string | null }) => `${p.fn}: ${p.column ? `列「${p.column}」の` : ""}データがほぼ一定（分散が0）のため、t 値を計算できません`,
  },
  constantVariable: {
    en: (p: Fn & { column?: string | null }) => `${p.fn}: ${p.column ? `column ${q(p.column)}` : "one of the variables"} is constant, so the correlation is undefined`,
    ja: (p: Fn & { column?: string | null }) => `${p.fn}: ${p.column ? `列「${p.column}」` : "変数の一方"}が一定のため、相関を計算できません`,
  },
  badChoice: {
    en: (p: Fn & { option: string; value: unknown; allowed: readonly string[] }) => `${p.fn}: ${p.option} must be one of ${list(p.allowed)} (got ${show(p.value)})`,
    ja: (p: Fn & { option: string; value: unknown; allowed: readonly string[] }) => `${p.fn}: ${p.option} は ${p.allowed.map((a) => q(a)).join(" / ")} のいずれかです（渡された値: ${show(p.value)}）`,
  },
  badConfLevel: {
    en: (p: Fn & { value: unknown }) => `${p.fn}: confLevel must be between 0 and 1, e.g. 0.95 (got ${show(p.value)})`,
    ja: (p: Fn & { value: unknown }) => `${p.fn}: confLevel は0より大きく1より小さい値です。例: 0.95（渡された値: ${show(p.value)}）`,
  },
  notFinite: {
    en: (p: Fn & { option: string; value: unknown }) => `${p.fn}: ${p.option} must be a finite number (got ${show(p.value)})`,
    ja: (p: Fn & { option: string; value: unknown }) => `${p.fn}: ${p.option} は有限の数値です（渡された値: ${show(p.value)}）`,
  },
  badWholeNumber: {
    en: (p: Fn & { option: string; value: unknown; min: number }) => `${p.fn}: ${p.option} must be a whole number ≥ ${p.min} (got ${show(p.value)})`,
    ja: (p: Fn & { option: string; value: unknown; min: number }) => `${p.fn}: ${p.option} は${p.min}以上の整数です（渡された値: ${show(p.value)}）`,
  },
  sameLength: {
    en: (p: Fn & { a: string; b: string; na: number; nb: number }) => `${p.fn}: ${p.a} and ${p.b} must have the same length (got ${p.na} and ${p.nb})`,
    ja: (p: Fn & { a: string; b: string; na: number; nb: number }) => `${p.fn}: ${p.a} と ${p.b} の長さが違います（${p.na} と ${p.nb}）`,
  },
  unknownOption: {
    en: (p: Fn & { key: string; suggestion: string | null; known: readonly string[] }) =>
      `${p.fn}: unknown option ${q(p.key)}${p.suggestion === null ? "" : `; did you mean ${q(p.suggestion)}?`} (options: ${list(p.known, 30)})`,
    ja: (p: Fn & { key: string; suggestion: string | null; known: readonly string[] }) =>
      `${p.fn}: 「${p.key}」というオプションはありません。${p.suggestion === null ? "" : `「${p.suggestion}」の誤りではありませんか？`}（使えるオプション: ${p.known.join(", ")}）`,
  },
  optionsNotObject: {
    en: (p: Fn & { got: string }) => `${p.fn}: options must be an object { … } (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: オプションはオブジェクト { … } で渡してください（渡されたもの: ${p.got}）`,
  },
  // Counts (contingency tables).
  notCounts: {
    en: (p: Fn & { got: string }) => `${p.fn}: expected a matrix of counts, e.g. [[10, 20], [30, 40]] (got ${p.got})`,
    ja: (p: Fn & { got: string }) => `${p.fn}: 度数の行列（例: [[10, 20], [30, 40]]）を渡してください（渡されたもの: ${p.got}）`,
  },
  raggedCounts: {
    en: (p: Fn & { row: number; cells: number; first: number }) => `${p.fn}: row ${p.row} of the counts has ${p.cells} cells, row 1 has ${p.first}`,
    ja: (p: Fn & { row: number; cells: number; first: number }) => `${p.fn}: 度数の${p.row}行目のセル数（${p.cells}）が1行目（${p.first}）と違います`,
  },
  badCount: {
    en: (p: Fn & { row: number; column: number; value: unknown; whole: boolean }) =>
      `${p.fn}: cell [${p.row}, ${p.column}] is ${show(p.value)}; counts must be ${p.whole ? "whole numbers" : "finite numbers"} ≥ 0`,
    ja: (p: Fn & { row: number; column: number; value: unknown; whole: boolean }) =>
      `${p.fn}: セル [${p.row}, ${p.column}] が ${show(p.value)} です。度数は0以上の${p.whole ? "整数" : "有限の数値"}でなければなりません`,
  },
  tableTooSmall: {
    en: (p: Fn & { rows: number; columns: number }) => `${p.fn}: the table needs at least 2 rows and 2 columns (got ${p.rows} × ${p.columns})`,
    ja: (p: Fn & { rows: number; columns: number }) => `${p.fn}: 表には少なくとも2行2列が必要です（${p.rows}行×${p.columns}列）`,
  },
  notTwoByTwo: {
    en: (p: Fn & { rows: number; columns: number }) => `${p.fn} needs a 2×2 table (got ${p.rows} × ${p.columns})`,
    ja: (p: Fn & { rows: number; columns: number }) => `${p.fn}: 2×2 の表が必要です（${p.rows}行×${p.columns}列）`,
  },
  zeroMargin: {
    en: (p: Fn & { which: "row" | "column"; index: number }) => `${p.fn}: ${p.which} ${p.index} sums to 0, so its expected counts are 0; drop it`,
    ja: (p: Fn & { which: "row" | "column"; index: number }) => `${p.fn}: ${p.which === "row" ? `${p.index}行目` : `${p.index}列目`}の合計が0のため期待度数が0になります。その${p.which === "row" ? "行" : "列"}を除いてください`,
  },
  smallExpected: {
    en: (p: Fn & { cells: number; total: number; minExpected: number }) =>
      `${p.fn}: Chi-squared approximation may be incorrect: ${p.cells} of ${p.total} expected counts are below 5 (smallest ${p.minExpected.toFixed(2)}); consider fisherExact`,
    ja: (p: Fn & { cells: number; total: number; minExpected: number }) =>
      `${p.fn}: カイ二乗近似が不正確な可能性があります。期待度数が5未満のセルが${p.total}個中${p.cells}個あります（最小 ${p.minExpected.toFixed(2)}）。fisherExact も検討してください`,
  },
  oneSidedTwoByTwo: {
    en: (p: Fn) => `${p.fn}: one-sided tests are defined for 2×2 tables only`,
    ja: (p: Fn) => `${p.fn}: 片側検定は 2×2 の表でのみ定義されます`,
  },
  tooManyTables: {
    en: (p: Fn & { max: number }) => `${p.fn}: the table has more than ${p.max} tables with its margins; use chiSquareTest or a permutation test`,
    ja: (p: Fn & { max: number }) => `${p.fn}: 周辺度数が同じ表が${p.max}通りを超えるため計算できません。chiSquareTest か並べ替え検定を使ってください`,
  },
  // Several groups.
  needGroups: {
    en: (p: Fn & { found: number }) => `${p.fn} needs at least 2 groups (got ${p.found})`,
    ja: (p: Fn & { found: number }) => `${p.fn}: 少なくとも2つのグループが必要です（${p.found}つ）`,
  },
  moreValuesThanGroups: {
    en: (p: Fn & { n: number; k: number }) => `${p.fn} needs more values (${p.n}) than groups (${p.k})`,
    ja: (p: Fn & { n: number; k: number }) => `${p.fn}: 値の数（${p.n}）がグループの数（${p.k}）より多くなければなりません`,
  },
  zeroVarianceGroup: {
    en: (p: Fn & { group: string }) => `${p.fn}: group ${q(p.group)} has zero variance, so its weight is infinite`,
    ja: (p: Fn & { group: string }) => `${p.fn}: グループ「${p.group}」の分散が0のため、重みが無限大になります`,
  },
  namesForGroups: {
    en: (p: Fn & { names: number; groups: number }) => `${p.fn}: ${p.names} names for ${p.groups} groups`,
    ja: (p: Fn & { names: number; groups: number }) => `${p.fn}: グループ${p.groups}つに対して名前が${p.names}個です`,
  },
  // Resampling.
  lengthForUnits: {
    en: (p: Fn & { argument: string; length: number; n: number }) => `${p.fn}: ${p.argument} has ${p.length} values for ${p.n} units`,
    ja: (p: Fn & { argument: string; length: number; n: number }) => `${p.fn}: ${p.argument} の値が${p.length}個ですが、単位は${p.n}個です`,
  },
  missingLabel: {
    en: (p: Fn & { argument: string; position: number }) => `${p.fn}: ${p.argument} is missing at position ${p.position}; every unit needs its ${p.argument} (drop the units without one first)`,
    ja: (p: Fn & { argument: string; position: number }) => `${p.fn}: ${p.argument} の${p.position}番目が欠測です。すべての単位に ${p.argument} が必要です（ない単位を先に除いてください）`,
  },
  notAFunction: {
    en: (p: Fn & { argument: string; got: string }) => `${p.fn}: ${p.argument} must be a function (got ${p.got})`,
    ja: (p: Fn & { argument: string; got: string }) => `${p.fn}: ${p.argument} には関数を渡してください（渡されたもの: ${p.got}）`,
  },
  strataAndCluster: {
    en: (p: Fn) => `${p.fn}: give strata or cluster, not both`,
    ja: (p: Fn) => `${p.fn}: strata と cluster はどちらか一方だけ指定してください`,
  },
  // Regression algebra.
  singular: {
    en: (p: { what: string; column: number }) => `${p.what} is singular: column ${p.column} is a linear combination of the others (or constant)`,
    ja: (p: { what: string; column: number }) => `${p.what} が特異です: ${p.column}列目が他の列の一次結合（または定数）になっています`,
  },
  // Proportions and p-values.
  notAPValue: {
    en: (p: Fn & { value: unknown; position: number }) => `${p.fn}: ${show(p.value)} at position ${p.position} is not a p-value (between 0 and 1)`,
    ja: (p: Fn & { value: unknown; position: number }) => `${p.fn}: ${p.position}番目の ${show(p.value)} は p 値（0〜1）ではありません`,
  },
  proportionGroups: {
    en: (p: Fn & { k: number; n: number }) => `${p.fn} needs successes and totals for at least 2 groups (got ${p.k} and ${p.n})`,
    ja: (p: Fn & { k: number; n: number }) => `${p.fn}: 少なくとも2グループの成功数と総数が必要です（${p.k}個と${p.n}個）`,
  },
  badProportion: {
    en: (p: Fn & { group: number; x: unknown; n: unknown }) => `${p.fn}: group ${p.group} has ${show(p.x)} of ${show(p.n)}; successes must be whole numbers from 0 to the total (≥ 1)`,
    ja: (p: Fn & { group: number; x: unknown; n: unknown }) => `${p.fn}: グループ${p.group}が ${show(p.n)} 中 ${show(p.x)} です。成功数は0以上総数以下の整数（総数は1以上）でなければなりません`,
  },
  badSuccesses: {
    en: (p: Fn & { x: unknown; n: number }) => `${p.fn}: x must be a whole number from 0 to n = ${p.n} (got ${show(p.x)})`,
    ja: (p: Fn & { x: unknown; n: number }) => `${p.fn}: x は0以上 n = ${p.n} 以下の整数です（渡された値: ${show(p.x)}）`,
  },
  // Agreement.
  ratersDiffer: {
    en: (p: Fn & { a: number; b: number }) => `${p.fn}: the raters rated different numbers of subjects (${p.a} and ${p.b})`,
    ja: (p: Fn & { a: number; b: number }) => `${p.fn}: 評定者ごとの対象数が違います（${p.a} と ${p.b}）`,
  },
  ratingNotALevel: {
    en: (p: Fn & { value: unknown; levels: readonly unknown[] }) => `${p.fn}: rating ${show(p.value)} is not among the levels (${list(p.levels)})`,
    ja: (p: Fn & { value: unknown; levels: readonly unknown[] }) => `${p.fn}: 評定 ${show(p.value)} は水準（${listJa(p.levels)}）にありません`,
  },
  sameNumberOfRatings: {
    en: (p: Fn) => `${p.fn}: every subject needs the same number (≥ 2) of ratings`,
    ja: (p: Fn) => `${p.fn}: すべての対象に同じ数（2以上）の評定が必要です`,
  },
  unitPerCoder: {
    en: (p: Fn) => `${p.fn}: every coder's row needs one entry per unit`,
    ja: (p: Fn) => `${p.fn}: 各コーダーの行には単位ごとに1つの値が必要です`,
  },
  levelNeedsNumbers: {
    en: (p: Fn & { level: string }) => `${p.fn}: ${p.level} data must be numbers`,
    ja: (p: Fn & { level: string }) => `${p.fn}: ${p.level} 尺度のデータは数値でなければなりません`,
  },
  // Random numbers.
  badSeed: {
    en: (p: { value: unknown }) => `seed must be a finite number or a text (got ${show(p.value)})`,
    ja: (p: { value: unknown }) => `seed は有限の数値か文字列です（渡された値: ${show(p.value)}）`,
  },
  badRange: {
    en: (p: Fn & { n: unknown }) => `${p.fn} needs n ≥ 1 (got ${show(p.n)})`,
    ja: (p: Fn & { n: unknown }) => `${p.fn}: n は1以上です（渡された値: ${show(p.n)}）`,
  },
});

/** How the kernels name what they count, in both languages. */
export const counted = {
  completePairs: { en: "complete pairs", ja: "完全なペア" },
  nonZeroDifferences: { en: "non-zero differences", ja: "0でない差" },
  subjectsRatedByBoth: { en: "subjects rated by both raters", ja: "両方の評定者が評定した対象" },
  subjectsRatedByAll: { en: "subjects rated by every rater", ja: "全評定者が評定した対象" },
  pairableValues: { en: "pairable values", ja: "対にできる値" },
  units: { en: "units", ja: "単位" },
  clusters: { en: "clusters", ja: "クラスター" },
  valuesTogether: { en: "values in x and y together", ja: "x と y を合わせた値" },
  items: { en: "items", ja: "項目" },
} as const satisfies Record<string, Counted>;
