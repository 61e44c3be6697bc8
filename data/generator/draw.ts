// Seeded drawing helpers shared by the generators. Every draw takes its uniform from a `Random`
// (never Math.random), so the same seed gives the same data.
import type { Random } from "@koe/core";

/**
 * The index of a weighted draw for a uniform `u` in [0, 1).
 * @example
 * pick([1, 3], 0.5) // => 1
 */
export function pick(weights: readonly number[], u: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** One element of `xs`, uniformly. */
export function choice<T>(r: Random, xs: readonly T[]): T {
  return xs[r.int(xs.length)]!;
}

/** The standard logistic function, 1 / (1 + e^−x). */
export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** The log-odds of a probability. */
export const logit = (p: number): number => Math.log(p / (1 - p));

/** Rounds to 6 decimals for the truth file (stable text, no float noise). */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Rounds to 3 decimals (probabilities in the truth file). */
export const round3 = (x: number): number => Math.round(x * 1e3) / 1e3;
