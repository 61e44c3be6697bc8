// Every piece of text @koe/charts shows a person lives here, in Japanese and English: the words
// drawn on charts (furniture, vocabulary labels) and the error messages (on @koe/core's catalogue).
import { defineMessages, type Localized } from "@koe/core";

/**
 * The languages charts are drawn in.
 * @example
 * const lang: Lang = "ja";
 * furniture[lang].suppressed // => "秘匿"
 */
export type Lang = "ja" | "en";

/**
 * The words drawn on charts ("furniture"), by language.
 * @example
 * furniture.ja.suppressedNote(5) // => "5人未満のグループは表示していません（差し引きで分かるものを含む）"
 */
export const furniture = {
  ja: {
    suppressed: "秘匿",
    count: "人数",
    respondents: "回答者数",
    suppressedNote: (min: number) => `${min}人未満のグループは表示していません（差し引きで分かるものを含む）`,
    // initiativeMatrixChart
    /** The title: the top k (when known) and the wave (when known: 第2回調査, or 調査回「2025-10」). */
    initiativeMatrix: (k: number | null, wave: number | string | null) =>
      `浸透ステップ×世代で効果のあった施策（${k === null ? "上位" : `上位${k}`}${wave === null ? "" : typeof wave === "number" ? `、第${wave}回調査` : `、調査回「${wave}」`}）`,
    initiativeMatrixNote: (min: number) => `括弧内は効果ありとした企業数/評価した企業数（効果なしとした企業と実践しなかった企業がそれぞれ${min}社以上でなければ前者のみ）。評価企業が${min}社未満のセルと、それを逆算させないセルは秘匿`,
    /** What 安定度 means, under the title when it is shown (resamples and k when known). */
    stabilityNote: (resamples: number | null, k: number | null) =>
      `安定度: 企業を復元抽出し直した${resamples === null ? "再標本" : `${resamples}回`}のうち、その施策が${k === null ? "上位" : `上位${k}`}に入った割合（1.00 = 毎回）。ブートストラップでの採択頻度であり、真に上位である確率ではない`,
    topCompanies: "1位の施策を効果ありとした企業数",
    noneListed: (min: number) => `${min}社以上が効果ありとした施策なし`,
    stability: (value: string) => ` ·安定度 ${value}`,
    // outcomeFunnelChart
    outcomeFunnel: "施策の実践と効果",
    outcomeFunnelNote: ["企業×世代×ステップごとの評価の結果（右端は評価件数）", "評価件数に占める「実践して効果が出た」の割合が高い順"],
    companies: (n: number) => `${n}件`,
    outcomes: { notPractised: "実践しなかった", practisedNoEffect: "実践したが効果が出なかった", practisedEffective: "実践して効果が出た" },
    outcome: "結果",
    /** The note of an initiative chart whose every figure is hidden (companies are the groups). */
    allHiddenCompanies: (min: number) => `すべて秘匿されています（背後の企業が${min}社未満、または差し引きで分かる）。表示できる数値がありません`,
  },
  en: {
    suppressed: "suppressed",
    count: "Respondents",
    respondents: "Respondents",
    suppressedNote: (min: number) => `Groups under ${min} are not shown (nor any that subtraction would reveal)`,
    initiativeMatrix: (k: number | null, wave: number | string | null) =>
      `Initiatives that worked, by penetration step and generation (${k === null ? "top ranks" : `top ${k}`}${wave === null ? "" : `, wave ${wave}`})`,
    initiativeMatrixNote: (min: number) => `In brackets: companies rating it effective / that rated it (the first alone unless at least ${min} practised it without effect and ${min} did not practise it). Cells rated by fewer than ${min} companies, and cells that would reveal one, are suppressed`,
    stabilityNote: (resamples: number | null, k: number | null) =>
      `Stability: the share of ${resamples === null ? "" : `${resamples} `}resamples of the companies (with replacement) in which the initiative stays in the ${k === null ? "top ranks" : `top ${k}`} (1.00 = every time): a bootstrap inclusion frequency, not the probability of truly being in the top ranks`,
    topCompanies: "Companies rating the top initiative effective",
    noneListed: (min: number) => `none found effective by ${min}+ companies`,
    stability: (value: string) => ` · stability ${value}`,
    outcomeFunnel: "Initiatives: practice and effect",
    outcomeFunnelNote: ["Outcomes of the ratings per company, generation and step (ratings at the right)", "sorted by the share of all ratings that were practised with effect"],
    companies: (n: number) => `n = ${n}`,
    outcomes: { notPractised: "Not practised", practisedNoEffect: "Practised, no effect", practisedEffective: "Practised, effective" },
    outcome: "Outcome",
    allHiddenCompanies: (min: number) => `Everything is hidden (fewer than ${min} companies behind it, or revealed by subtraction): nothing can be shown`,
  },
} as const satisfies Record<Lang, unknown>;

/**
 * Built-in display labels of koe's vocabulary ids (generations, penetration steps, initiatives), by
 * language; charts use them when the caller's `labels` do not name an id. Kept here, not imported
 * from @koe/core's model (charts take only core's errors and option parser).
 * @example
 * vocabulary.ja.deepen // => "さらに理解を深める"
 * vocabulary.en.one_on_one // => "Career 1on1"
 */
export const vocabulary: Record<Lang, Readonly<Record<string, string>>> = {
  ja: {
    young: "若手", mid: "中堅", senior: "シニア",
    know: "知る", understand: "理解を深める", deepen: "さらに理解を深める", practice: "実践を支援する",
    one_on_one: "キャリア1on1", career_training: "キャリア研修", career_sheet_dialogue: "キャリアシート面談",
    e_learning: "e-ラーニング", inhouse_instructors: "社内講師", cross_boundary_internal: "社内越境",
    cross_boundary_external: "社外越境", job_posting: "社内公募", mentoring: "メンター制度",
    business_introductions: "事業紹介", hr_system_reform: "人事制度改革", mandatory_training: "強制的な研修",
    career_consultation: "キャリア相談窓口", self_assessment: "キャリア自己診断", side_jobs: "副業・兼業",
    study_groups: "有志の勉強会",
  },
  en: {
    young: "Young", mid: "Mid-career", senior: "Senior",
    know: "Know", understand: "Understand", deepen: "Deepen", practice: "Support practice",
    one_on_one: "Career 1on1", career_training: "Career training", career_sheet_dialogue: "Career-sheet dialogue",
    e_learning: "e-learning", inhouse_instructors: "In-house instructors", cross_boundary_internal: "Internal cross-boundary",
    cross_boundary_external: "External cross-boundary", job_posting: "Internal job posting", mentoring: "Mentoring",
    business_introductions: "Business introductions", hr_system_reform: "HR-system reform", mandatory_training: "Mandatory training",
    career_consultation: "Career consultation desk", self_assessment: "Career self-assessment", side_jobs: "Side jobs",
    study_groups: "Volunteer study groups",
  },
};


// Quoting and listing, as the core catalogue does.
const q = (s: unknown) => JSON.stringify(typeof s === "string" ? s : String(s));
const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v === undefined ? "undefined" : typeof v === "object" && v !== null ? (Array.isArray(v) ? "[…]" : "{…}") : String(v));
const list = (values: readonly unknown[], max = 12) => values.slice(0, max).map(q).join(", ") + (values.length > max ? `, … (+${values.length - max})` : "");
const listJa = (values: readonly unknown[], max = 12) => values.slice(0, max).map((v) => `「${String(v)}」`).join("、") + (values.length > max ? `、…（ほか${values.length - max}件）` : "");
const did = (s: string | null) => (s === null ? "" : `; did you mean ${q(s)}?`);
const didJa = (s: string | null) => (s === null ? "" : `「${s}」の誤りではありませんか？`);
/** Quoting and listing values in messages (the code charts' messages use them too). */
export { q, list, listJa, did, didJa };
const axisJa = { row: "行", column: "列" } as const;
// vega-lite's reason may quote the whole spec, data included: keep the message short.
const short = (reason: string) => (reason.length > 300 ? `${reason.slice(0, 300)}…` : reason);

type Fn = { fn: string };
type Axis = "row" | "column";

/**
 * Places in a chart's input and what a value should have been, in both languages, for the
 * messages below (`where` and `expected` params), e.g. `places.cell("young", "know").ja` is
 * 「行「young」・列「know」のセル」.
 */
export const places = {
  result: { en: "the result", ja: "結果" },
  suppressedCell: { en: "a suppressed cell", ja: "秘匿セル" },
  cell: (row: string, column: string): Localized => ({ en: `the cell for row ${q(row)}, column ${q(column)}`, ja: `行「${row}」・列「${column}」のセル` }),
  rankedCell: (row: string, column: string, initiative: string): Localized => ({
    en: `the cell for row ${q(row)}, column ${q(column)} (${q(initiative)})`,
    ja: `行「${row}」・列「${column}」のセルの施策「${initiative}」`,
  }),
  initiative: (initiative: string): Localized => ({ en: `the initiative ${q(initiative)}`, ja: `施策「${initiative}」` }),
  /** An argument of a builder: `cells`, `result`, `input.rows`… */
  argument: (name: string): Localized => ({ en: name, ja: name }),
  /** One item of a list argument: `cells[3]` (the fourth). */
  item: (list: string, index: number): Localized => ({ en: `${list}[${index}]`, ja: `${list}[${index}]（${index + 1}番目）` }),
} as const;

/** What a value should have been. */
export const expected = {
  positiveInteger: { en: "a positive integer", ja: "正の整数" },
  count: { en: "an integer ≥ 0", ja: "0以上の整数" },
  countUpTo: (max: number): Localized => ({ en: `an integer from 0 to rated (${max})`, ja: `0から評価企業数（${max}）までの整数` }),
  shownCount: { en: "an integer ≥ 0 (the row is not suppressed)", ja: "0以上の整数（秘匿されていない行）" },
  share: { en: "a number from 0 to 1", ja: "0から1までの数" },
  shareOrNull: { en: "a number from 0 to 1, or null", ja: "0から1までの数、または null" },
  text: { en: "text", ja: "文字列" },
  textOrNull: { en: "text or null", ja: "文字列または null" },
  number: { en: "a finite number", ja: "有限の数" },
  numberOrNull: { en: "a finite number or null", ja: "有限の数または null" },
  boolean: { en: "true or false", ja: "true または false" },
  textList: { en: "a list of text", ja: "文字列のリスト" },
  oneOf: (values: readonly string[]): Localized => ({ en: `one of ${list(values)}`, ja: `${listJa(values)}のいずれか` }),
} as const;

/**
 * The error messages of @koe/charts, in Japanese and English (codes `chart.*`). Errors carry both
 * texts in `localized`; `message` is in the language set by @koe/core's `setLanguage`.
 * @example
 * localize(chartMessages.badScale, { fn: "renderPng", scale: 0 }).en // => "renderPng needs a positive, finite scale (got 0)"
 */
export const chartMessages = defineMessages("chart", {
  // Building and rendering (ChartError)
  doesNotCompile: {
    en: (p: { title: string; reason: string }) => `the chart ${q(p.title)} does not compile: ${short(p.reason)}`,
    ja: (p: { title: string; reason: string }) => `図「${p.title}」を vega-lite で組み立てられません: ${short(p.reason)}`,
  },
  renderFailed: {
    en: (p: Fn & { title: string; reason: string }) => `${p.fn}: the chart ${q(p.title)} could not be drawn: ${short(p.reason)}`,
    ja: (p: Fn & { title: string; reason: string }) => `${p.fn}: 図「${p.title}」を描けませんでした: ${short(p.reason)}`,
  },
  cannotWrite: {
    en: (p: Fn & { path: string; reason: string }) => `${p.fn}: cannot write ${q(p.path)}: ${p.reason}`,
    ja: (p: Fn & { path: string; reason: string }) => `${p.fn}: ファイル「${p.path}」に書き込めません: ${p.reason}`,
  },
  fontMissing: {
    en: (p: { path: string }) => `the bundled Japanese font is missing: ${p.path} (reinstall @expo-google-fonts/noto-sans-jp; without it Japanese text would silently not be drawn)`,
    ja: (p: { path: string }) => `同梱の日本語フォントがありません: ${p.path}（@expo-google-fonts/noto-sans-jp を入れ直してください。フォントがないと日本語が描かれません）`,
  },
  packageNotFound: {
    en: (p: { pkg: string; from: string }) => `cannot find the package directory of ${p.pkg} (looked upwards from ${p.from})`,
    ja: (p: { pkg: string; from: string }) => `パッケージ ${p.pkg} のフォルダが見つかりません（${p.from} から上へ探しました）`,
  },
  packageMissing: {
    en: (p: { pkg: string; reason: string }) => `the package ${p.pkg} is not installed (${p.reason}); reinstall @koe/charts' dependencies`,
    ja: (p: { pkg: string; reason: string }) => `パッケージ ${p.pkg} がインストールされていません（${p.reason}）。@koe/charts の依存パッケージを入れ直してください`,
  },
  umdMissing: {
    en: (p: { pkg: string; file: string; dir: string }) => `cannot find ${p.pkg}'s browser build ${p.file} in ${p.dir}`,
    ja: (p: { pkg: string; file: string; dir: string }) => `${p.pkg} のブラウザ用ファイル ${p.file} が ${p.dir} にありません`,
  },
  // A chart's input that does not hold together (ChartError)
  cellWithoutCount: {
    en: (p: Fn & { row: string; column: string; n: unknown }) => `${p.fn}: the cell for row ${q(p.row)}, column ${q(p.column)} is not suppressed but its count is ${String(p.n)} (expected a number ≥ 0)`,
    ja: (p: Fn & { row: string; column: string; n: unknown }) => `${p.fn}: 行「${p.row}」・列「${p.column}」のセルは秘匿されていないのに、人数が ${String(p.n)} です（0以上の数が必要です）`,
  },
  duplicateCell: {
    en: (p: Fn & { row: string; column: string }) => `${p.fn}: the cell for row ${q(p.row)}, column ${q(p.column)} appears more than once`,
    ja: (p: Fn & { row: string; column: string }) => `${p.fn}: 行「${p.row}」・列「${p.column}」のセルが2回以上あります`,
  },
  reportColumn: {
    en: (p: Fn & { key: string; name: string | null; columns: readonly string[] }) => `${p.fn}: with a report table, option ${q(p.key)} must name one of its columns (${p.columns.join(", ")}); got ${p.name === null ? "nothing" : q(p.name)}`,
    ja: (p: Fn & { key: string; name: string | null; columns: readonly string[] }) => `${p.fn}: レポートの表を渡すときは、オプション「${p.key}」で列（${p.columns.join("、")}）のどれかを指定してください（指定: ${p.name ?? "なし"}）`,
  },
  labelCollision: {
    en: (p: Fn & { axis: Axis; a: string; b: string; label: string }) => `${p.fn}: ${p.axis}s ${q(p.a)} and ${q(p.b)} both have the label ${q(p.label)}, so their cells would be drawn on top of each other`,
    ja: (p: Fn & { axis: Axis; a: string; b: string; label: string }) => `${p.fn}: ${axisJa[p.axis]}「${p.a}」と「${p.b}」の表示名がどちらも「${p.label}」なので、重なって描かれてしまいます`,
  },
  unknownId: {
    en: (p: Fn & { axis: Axis; id: string; where: Localized }) => `${p.fn}: ${p.where.en} names the ${p.axis} ${q(p.id)}, which is not in the result's ${p.axis}s`,
    ja: (p: Fn & { axis: Axis; id: string; where: Localized }) => `${p.fn}: ${p.where.ja}が${axisJa[p.axis]}「${p.id}」を指していますが、結果の${axisJa[p.axis]}にありません`,
  },
  duplicateRankedCell: {
    en: (p: Fn & { row: string; column: string; initiative: string }) => `${p.fn}: the initiative ${q(p.initiative)} appears more than once in the cell for row ${q(p.row)}, column ${q(p.column)}`,
    ja: (p: Fn & { row: string; column: string; initiative: string }) => `${p.fn}: 行「${p.row}」・列「${p.column}」のセルに施策「${p.initiative}」が2回以上あります`,
  },
  badField: {
    en: (p: Fn & { where: Localized; field: string; value: unknown; expected: Localized }) => `${p.fn}: ${p.where.en} has ${p.field} ${String(p.value)} (expected ${p.expected.en})`,
    ja: (p: Fn & { where: Localized; field: string; value: unknown; expected: Localized }) => `${p.fn}: ${p.where.ja}の ${p.field} が ${String(p.value)} です（${p.expected.ja}が必要です）`,
  },
  duplicateRow: {
    en: (p: Fn & { initiative: string }) => `${p.fn}: the initiative ${q(p.initiative)} appears more than once`,
    ja: (p: Fn & { initiative: string }) => `${p.fn}: 施策「${p.initiative}」が2回以上あります`,
  },
  outcomesDoNotSum: {
    en: (p: Fn & { initiative: string; n: number; sum: number }) => `${p.fn}: the outcomes of ${q(p.initiative)} add up to ${p.sum}, but n is ${p.n}`,
    ja: (p: Fn & { initiative: string; n: number; sum: number }) => `${p.fn}: 施策「${p.initiative}」の結果の合計が ${p.sum} ですが、n は ${p.n} です`,
  },
  // Options and input of the wrong kind (KoeArgumentError)
  badMinGroupSize: {
    en: (p: Fn & { value: unknown }) => `${p.fn}: minGroupSize must be a positive integer (got ${show(p.value)})`,
    ja: (p: Fn & { value: unknown }) => `${p.fn}: minGroupSize は正の整数で指定してください（渡された値: ${show(p.value)}）`,
  },
  badScale: {
    en: (p: Fn & { scale: unknown }) => `${p.fn} needs a positive, finite scale (got ${show(p.scale)})`,
    ja: (p: Fn & { scale: unknown }) => `${p.fn}: scale は正の有限の数で指定してください（渡された値: ${show(p.scale)}）`,
  },
  badPath: {
    en: (p: Fn & { got: Localized }) => `${p.fn}: the second argument is the path to write to, without extension, e.g. "out/heatmap" (got ${p.got.en})`,
    ja: (p: Fn & { got: Localized }) => `${p.fn}: 2番目の引数には書き出し先のパスを拡張子なしで渡してください。例: "out/heatmap"（渡されたもの: ${p.got.ja}）`,
  },
  notAList: {
    en: (p: Fn & { what: Localized; shape: string; got: Localized }) => `${p.fn}: ${p.what.en} must be a list of ${p.shape} (got ${p.got.en})`,
    ja: (p: Fn & { what: Localized; shape: string; got: Localized }) => `${p.fn}: ${p.what.ja} には ${p.shape} のリストを渡してください（渡されたもの: ${p.got.ja}）`,
  },
  notAnObject: {
    en: (p: Fn & { what: Localized; shape: string; got: Localized }) => `${p.fn}: ${p.what.en} must be an object ${p.shape} (got ${p.got.en})`,
    ja: (p: Fn & { what: Localized; shape: string; got: Localized }) => `${p.fn}: ${p.what.ja} にはオブジェクト ${p.shape} を渡してください（渡されたもの: ${p.got.ja}）`,
  },
  missingField: {
    en: (p: Fn & { where: Localized; field: string; expected: Localized; suggestion: string | null; fields: string[] }) =>
      `${p.fn}: ${p.where.en} has no field ${q(p.field)} (expected ${p.expected.en})${did(p.suggestion)} (its fields: ${p.fields.length === 0 ? "none" : list(p.fields, 20)})`,
    ja: (p: Fn & { where: Localized; field: string; expected: Localized; suggestion: string | null; fields: string[] }) =>
      `${p.fn}: ${p.where.ja}に「${p.field}」（${p.expected.ja}）がありません。${didJa(p.suggestion)}（あるフィールド: ${p.fields.length === 0 ? "なし" : listJa(p.fields, 20)}）`,
  },
  wrongType: {
    en: (p: Fn & { where: Localized; field: string; value: unknown; expected: Localized }) => `${p.fn}: ${p.where.en}: ${p.field} must be ${p.expected.en} (got ${show(p.value)})`,
    ja: (p: Fn & { where: Localized; field: string; value: unknown; expected: Localized }) => `${p.fn}: ${p.where.ja}の ${p.field} は${p.expected.ja}で指定してください（渡された値: ${show(p.value)}）`,
  },
});
