// Every piece of text @koe/charts shows a person lives here: error messages and the words drawn
// on charts, in Japanese and English.

/**
 * The languages charts are drawn in.
 * @example
 * const lang: Lang = "ja";
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
    initiativeMatrix: "浸透ステップ×世代で効果のあった施策（上位）",
    initiativeMatrixNote: (min: number) => `（効果ありとした企業数/評価した企業数）。評価企業が${min}社未満のセルは秘匿`,
    suppressedCompanies: (min: number) => `秘匿（回答企業が${min}社未満）`,
    topShare: "1位の施策を効果ありとした企業の割合",
    noRatings: "評価なし",
    stability: (value: string) => ` ·安定度 ${value}`,
    // outcomeFunnelChart
    outcomeFunnel: "施策の実践と効果",
    outcomeFunnelNote: "企業×世代×ステップごとの施策の結果（効果が出た割合の高い順、右端は件数）",
    companies: (n: number) => `${n}件`,
    outcomes: { notPractised: "実践しなかった", practisedNoEffect: "実践したが効果が出なかった", practisedEffective: "実践して効果が出た" },
    outcome: "結果",
  },
  en: {
    suppressed: "suppressed",
    count: "Respondents",
    respondents: "Respondents",
    suppressedNote: (min: number) => `Groups under ${min} are not shown (nor any that subtraction would reveal)`,
    initiativeMatrix: "Initiatives that worked, by penetration step and generation (top ranks)",
    initiativeMatrixNote: (min: number) => `(companies rating it effective / companies that rated it). Cells rated by fewer than ${min} companies are suppressed`,
    suppressedCompanies: (min: number) => `suppressed (fewer than ${min} companies)`,
    topShare: "Share of companies rating the top initiative effective",
    noRatings: "no ratings",
    stability: (value: string) => ` · stability ${value}`,
    outcomeFunnel: "Initiatives: practice and effect",
    outcomeFunnelNote: "Outcomes of each initiative per company, generation and step (highest effect rate first; ratings at the right)",
    companies: (n: number) => `n = ${n}`,
    outcomes: { notPractised: "Not practised", practisedNoEffect: "Practised, no effect", practisedEffective: "Practised, effective" },
    outcome: "Outcome",
  },
} as const satisfies Record<Lang, unknown>;

/**
 * Built-in display labels of koe's vocabulary ids (generations, penetration steps, initiatives), by
 * language; charts use them when the caller's `labels` do not name an id. Kept here, not imported
 * from @koe/core, so that charts do not depend on core at run time.
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

const q = (s: string) => JSON.stringify(s);

/**
 * Error message text, one function per message.
 * @example
 * messages.badScale(0) // => "renderPng needs a positive, finite scale (got 0)"
 */
export const messages = {
  // vega-lite's reason may quote the whole spec, data included: keep the message short.
  doesNotCompile: (title: string, reason: string) =>
    `the chart ${q(title)} does not compile: ${reason.length > 300 ? `${reason.slice(0, 300)}…` : reason}`,
  badScale: (scale: unknown) => `renderPng needs a positive, finite scale (got ${String(scale)})`,
  fontMissing: (path: string) =>
    `the bundled Japanese font is missing: ${path} (reinstall @expo-google-fonts/noto-sans-jp; without it Japanese text would silently not be drawn)`,
  packageNotFound: (pkg: string, from: string) => `cannot find the package directory of ${pkg} (looked upwards from ${from})`,
  umdMissing: (pkg: string, file: string, dir: string) => `cannot find ${pkg}'s browser build ${file} in ${dir}`,
  cellWithoutCount: (chart: string, row: string, column: string, n: unknown) =>
    `${chart}: the cell for row ${q(row)}, column ${q(column)} is not suppressed but its count is ${String(n)} (expected a number ≥ 0)`,
  duplicateCell: (chart: string, row: string, column: string) =>
    `${chart}: the cell for row ${q(row)}, column ${q(column)} appears more than once`,
  labelCollision: (chart: string, axis: "row" | "column", a: string, b: string, label: string) =>
    `${chart}: ${axis}s ${q(a)} and ${q(b)} both have the label ${q(label)}, so their cells would be drawn on top of each other`,
  badMinGroupSize: (chart: string, value: unknown) => `${chart}: minGroupSize must be a positive integer (got ${String(value)})`,
  unknownId: (chart: string, axis: "row" | "column", id: string, where: string) =>
    `${chart}: ${where} names the ${axis} ${q(id)}, which is not in the result's ${axis}s`,
  duplicateRankedCell: (chart: string, row: string, column: string, initiative: string) =>
    `${chart}: the initiative ${q(initiative)} appears more than once in the cell for row ${q(row)}, column ${q(column)}`,
  badField: (chart: string, where: string, field: string, value: unknown, expected: string) =>
    `${chart}: ${where} has ${field} ${String(value)} (expected ${expected})`,
  duplicateRow: (chart: string, initiative: string) => `${chart}: the initiative ${q(initiative)} appears more than once`,
  outcomesDoNotSum: (chart: string, initiative: string, n: number, sum: number) =>
    `${chart}: the outcomes of ${q(initiative)} add up to ${sum}, but n is ${n}`,
} as const;
