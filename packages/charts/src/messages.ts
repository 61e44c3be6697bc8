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
  },
  en: {
    suppressed: "suppressed",
    count: "Respondents",
    respondents: "Respondents",
    suppressedNote: (min: number) => `Groups under ${min} are not shown (nor any that subtraction would reveal)`,
  },
} as const satisfies Record<Lang, unknown>;

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
} as const;
