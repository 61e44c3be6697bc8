// The kernels' options, checked once: unknown keys are errors with the closest known key, choices
// are exact, levels and numbers in range. (stats/ imports only errors/: the table-level functions
// parse their options with the boundary's zod schemas; the kernels use these small checks.)
import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[\s_-]+/g, "");

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word closest to what was typed (at most a third of its letters off), for "did you mean". */
export function nearest(typed: string, known: readonly string[]): string | null {
  const t = fold(typed);
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const dd = distance(t, fold(k));
    if (dd < bestD) {
      bestD = dd;
      best = k;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.ceil(Math.min(t.length, fold(best).length) / 3)) ? best : null;
}

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);

/** A kernel's options object: undefined is {}, anything but an object is an error, and so is an unknown key. */
export function kernelOptions<T extends object>(fn: string, options: T | undefined, known: readonly (keyof T & string)[]): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw KoeArgumentError.of(m.optionsNotObject, { fn, got: describe(options) });
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) throw KoeArgumentError.of(m.unknownOption, { fn, key, suggestion: nearest(key, known), known });
  }
  return options;
}

/** One of a fixed set of values, exactly. */
export function choice<const T extends string>(fn: string, option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw KoeArgumentError.of(m.badChoice, { fn, option, value, allowed });
}

/** A confidence level strictly between 0 and 1. */
export function confLevelOf(fn: string, value: unknown): number {
  if (typeof value === "number" && value > 0 && value < 1) return value;
  throw KoeArgumentError.of(m.badConfLevel, { fn, value });
}

/** A finite number. */
export function finiteOf(fn: string, option: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw KoeArgumentError.of(m.notFinite, { fn, option, value });
}

/** true or false. */
export function flagOf(fn: string, option: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw KoeArgumentError.of(m.badChoice, { fn, option, value, allowed: ["true", "false"] });
}

/** A whole number ≥ min. */
export function wholeOf(fn: string, option: string, value: unknown, min: number): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= min) return value;
  throw KoeArgumentError.of(m.badWholeNumber, { fn, option, value, min });
}

export const ALTERNATIVES = ["two-sided", "less", "greater"] as const;
