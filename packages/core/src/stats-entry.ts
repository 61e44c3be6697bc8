/**
 * `@koe/core/stats`: the part of koe that runs in a browser (or any JavaScript runtime) as well as
 * in Node — nothing here imports a Node built-in (`node:fs`, `zlib`, `crypto`…), directly or through
 * a dependency. It holds the numeric kernels on plain or typed arrays (distributions, tests, effect
 * sizes, agreement, p-value adjustment, bootstrap, power and survey size), the table-level
 * estimators on arquero tables (group comparisons, reliability, regression, balance, effects,
 * difference-in-differences, the wild cluster bootstrap, moderated effects), the seeded random
 * generator, the minimum group sizes, and koe's errors and language switch.
 *
 * Left out, because they need Node: the readers (files, encodings), the coding of texts (the
 * Japanese dictionary is read from disk), pseudonyms (`node:crypto`), suppression (its solver's
 * WebAssembly build loads through `node:module`) and the studies built on it. Use `@koe/core` for
 * those. Every name exported here is the same object as the one `@koe/core` exports.
 *
 * (`test/browser-safe-entry.test.ts` bundles this file for the browser and runs the bundle where no
 * Node global exists.)
 * @example
 * // import { welchTTest, adjustPValues } from "@koe/core/stats";
 * welchTTest([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0], [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]).pValue // => 0.07939414
 * adjustPValues([0.01, 0.02, 0.03], "BH") // => [0.03, 0.03, 0.03]
 * @module
 */

// Errors and language (the same classes `@koe/core` throws, so `instanceof` holds across entries)
export * from "./errors/errors.js";
export { setLanguage } from "./errors/language.js";
export { getLanguage, localize, type Lang, type Localized, type KoeWarning } from "./errors/catalogue.js";

// Minimum group sizes (the numbers only: suppressing needs the solver, in `@koe/core`)
export { DEFAULT_MIN_GROUP_SIZE, DEFAULT_MIN_COMMENT_GROUP_SIZE } from "./privacy/min-group-size.js";

// Numeric kernels and the seeded generator
export * from "./stats/random.js";
export * from "./stats/index.js";

// Table-level estimators
export * from "./analyze/index.js";
export * from "./analyze/moderated-effect.js";
