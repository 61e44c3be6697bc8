import { z } from "zod";
import { KoeArgumentError } from "../errors/errors.js";
import { boundaryMessages as m } from "../errors/boundary-messages.js";
import { closest } from "./closest.js";

const describeValue = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while ((s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodPrefault) && s.unwrap) s = s.unwrap() as typeof s;
  return s;
}

/** Unknown keys at any depth, checked against the schema's objects, with the closest known key. */
function checkKeys(fn: string, schema: z.ZodType, value: unknown, path: string): void {
  const s = unwrap(schema);
  if (!(s instanceof z.ZodObject) || value === null || typeof value !== "object" || Array.isArray(value)) return;
  const shape = s.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  for (const key of Object.keys(value)) {
    if (!(key in shape)) throw KoeArgumentError.of(m.unknownOption, { fn, key: path + key, suggestion: closest(key, known), known });
    checkKeys(fn, shape[key]!, (value as Record<string, unknown>)[key], `${path}${key}.`);
  }
}

function valueAt(options: unknown, path: readonly PropertyKey[]): unknown {
  let v = options;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/**
 * Parses a function's options strictly, once, at the boundary: an unknown key (at any depth) is
 * an error naming the closest valid key; an enum takes its values exactly; a list must be a list.
 * Every failure is a {@link KoeArgumentError} in Japanese and English naming the function and option.
 * @example
 * parseOptions("topInitiatives", z.object({ k: z.number().default(3) }), { kk: 2 }) // throws: unknown option "kk"; did you mean "k"?
 */
export function parseOptions<S extends z.ZodObject>(fn: string, schema: S, options: unknown): z.output<S> {
  if (options === undefined) options = {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw KoeArgumentError.of(m.optionsNotObject, { fn, got: describeValue(options) });
  checkKeys(fn, schema, options, "");
  // Without zod's compiled fast path: it is built on an object schema's first parse (new Function,
  // ~0.5 ms), and options are parsed once per call, so a call paid it and never gained.
  const parsed = schema.safeParse(options, { jitless: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path.map(String).join(".");
  const value = valueAt(options, issue.path);
  const expected = issue.code === "invalid_type" ? (issue as { expected?: string }).expected : undefined;
  if (issue.code === "invalid_value" && "values" in issue) {
    const allowed = (issue.values as unknown[]).map(String);
    throw KoeArgumentError.of(m.badOptionEnum, { fn, key, value, allowed, suggestion: typeof value === "string" ? closest(value, allowed) : null });
  }
  if (expected === "array") throw KoeArgumentError.of(m.optionNotList, { fn, key, value });
  const detail = issue.message;
  const detailJa = expected ? `${expected} の値が必要です` : issue.code === "too_small" ? "値が小さすぎます" : issue.code === "too_big" ? "値が大きすぎます" : "値が正しくありません";
  throw KoeArgumentError.of(m.badOption, { fn, key, value, detail, detailJa });
}
