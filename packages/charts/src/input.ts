// The chart builders' first step: the input has the shape the builder draws from (a list of
// objects, each with its fields of the right kind), or a KoeArgumentError names what was expected,
// where, and what came instead. Fields beyond those listed are allowed (a study's rows carry more).
import { closest, KoeArgumentError, type Localized } from "@koe/core";
import { chartMessages as m, expected, places } from "./messages.js";

/** How one field is checked: a test, what it expects (in both languages), and whether it may be absent. */
export interface FieldCheck {
  ok: (v: unknown) => boolean;
  expected: Localized;
  optional?: boolean;
}

/** The checks of an object type's fields: every field of `T` must be listed (the compiler says so). */
export type Shape<T> = { readonly [K in keyof T]-?: FieldCheck };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Field checks by kind. */
export const fields = {
  text: { ok: (v) => typeof v === "string", expected: expected.text },
  textOrNull: { ok: (v) => v === null || typeof v === "string", expected: expected.textOrNull },
  number: { ok: finite, expected: expected.number },
  /** Any number (range and integrality are the chart's own checks, with their own messages). */
  anyNumber: { ok: (v) => typeof v === "number", expected: expected.number },
  numberOrNull: { ok: (v) => v === null || typeof v === "number", expected: expected.numberOrNull },
  boolean: { ok: (v) => typeof v === "boolean", expected: expected.boolean },
  textList: { ok: (v) => Array.isArray(v) && v.every((x) => typeof x === "string"), expected: expected.textList },
  list: { ok: (v) => Array.isArray(v), expected: { en: "a list", ja: "リスト" } },
  object: { ok: (v) => isObject(v), expected: { en: "an object { … }", ja: "オブジェクト { … }" } },
  oneOf: (values: readonly string[]): FieldCheck => ({ ok: (v) => typeof v === "string" && values.includes(v), expected: expected.oneOf(values) }),
  optional: (check: FieldCheck): FieldCheck => ({ ...check, optional: true }),
} satisfies Record<string, FieldCheck | ((...a: never[]) => FieldCheck)>;

const isTable = (v: object) => typeof (v as { columnNames?: unknown }).columnNames === "function" && typeof (v as { objects?: unknown }).objects === "function";

/**
 * What a value is, for "(got …)": an arquero table, a list of 3 items, the text "x", an object with
 * fields a, b… (e.g. `describeValue("young").en` is `the text "young"`).
 */
export function describeValue(v: unknown): Localized {
  if (v === null) return { en: "null", ja: "null" };
  if (v === undefined) return { en: "nothing (undefined)", ja: "なし（undefined）" };
  if (typeof v === "string") return { en: `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`, ja: `文字列「${v.length > 40 ? `${v.slice(0, 40)}…` : v}」` };
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return { en: `the ${typeof v} ${String(v)}`, ja: `${typeof v === "boolean" ? "真偽値" : "数"} ${String(v)}` };
  if (typeof v === "function") return { en: "a function", ja: "関数" };
  if (Array.isArray(v)) return { en: `a list of ${v.length} item${v.length === 1 ? "" : "s"}`, ja: `${v.length}個の要素のリスト` };
  if (typeof v === "object" && isTable(v)) return { en: "an arquero table (pass its rows: table.objects())", ja: "arquero の表（行を渡すには table.objects()）" };
  const keys = Object.keys(v as object);
  const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", …" : "");
  return keys.length === 0 ? { en: "an empty object {}", ja: "空のオブジェクト {}" } : { en: `an object with fields ${shown}`, ja: `フィールド ${shown} を持つオブジェクト` };
}

const shapeText = (shape: Shape<unknown> | Record<string, FieldCheck>) =>
  `{ ${Object.entries(shape).map(([k, c]) => (c.optional ? `${k}?` : k)).join(", ")} }`;


/**
 * Checks that `value` is an object with the fields of `shape`, each of the right kind.
 * @throws {KoeArgumentError} naming `what` (e.g. `cells[3]`), the field, what it expects and what came.
 */
export function checkObject<T>(fn: string, value: unknown, what: Localized, shape: Shape<T>): asserts value is T {
  if (!isObject(value) || isTable(value)) throw KoeArgumentError.of(m.notAnObject, { fn, what, shape: shapeText(shape), got: describeValue(value) });
  const present = Object.keys(value);
  for (const [field, check] of Object.entries(shape) as [string, FieldCheck][]) {
    const v = value[field];
    if (v === undefined) {
      if (check.optional) continue;
      throw KoeArgumentError.of(m.missingField, { fn, where: what, field, expected: check.expected, suggestion: closest(field, present), fields: present });
    }
    if (!check.ok(v)) throw KoeArgumentError.of(m.wrongType, { fn, where: what, field, value: v, expected: check.expected });
  }
}

/**
 * Checks that `value` is a list whose items each have the fields of `shape` ({@link checkObject}).
 * @throws {KoeArgumentError} naming the list (e.g. `cells`) or the item (`cells[3]`).
 */
export function checkList<T>(fn: string, value: unknown, name: string, shape: Shape<T>): asserts value is readonly T[] {
  if (!Array.isArray(value)) throw KoeArgumentError.of(m.notAList, { fn, what: places.argument(name), shape: shapeText(shape), got: describeValue(value) });
  value.forEach((item, i) => checkObject(fn, item, places.item(name, i), shape));
}
