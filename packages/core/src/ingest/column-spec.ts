import { z } from "zod";
import { DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS, fieldMetaOf } from "../model/field.js";
import { normalizeKey, type Vocabulary } from "../model/vocabulary.js";

/**
 * What a reader checks for one schema field, derived once from its zod schema
 * (via `z.toJSONSchema`) and its registered metadata. Rows are then validated column by
 * column against these checks instead of object by object.
 */
export interface ColumnSpec {
  field: string;
  kind: "number" | "boolean" | "enum" | "string";
  required: boolean;
  integer: boolean;
  min: number | undefined;
  max: number | undefined;
  exclusiveMin: number | undefined;
  exclusiveMax: number | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  pattern: RegExp | undefined;
  enumValues: readonly string[];
  vocabulary: Vocabulary | undefined;
  likert: boolean;
  trueWords: ReadonlySet<string>;
  falseWords: ReadonlySet<string>;
  /** Headers that name this field: id, ja, en and aliases. */
  headers: readonly string[];
  /** Set when the schema has checks JSON Schema cannot express (refinements): each value is also checked by zod. */
  zodCheck: z.ZodType | undefined;
}

type Json = Record<string, unknown>;
const HANDLED = new Set([
  "$schema", "type", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "minLength", "maxLength", "pattern", "description", "title", "default",
]);

function unwrapNull(js: Json): { inner: Json; nullable: boolean } {
  if (Array.isArray(js.anyOf)) {
    const parts = js.anyOf as Json[];
    const nonNull = parts.filter((p) => p.type !== "null");
    if (nonNull.length === 1 && parts.length === 2) return { inner: { ...nonNull[0]! }, nullable: true };
  }
  if (Array.isArray(js.type)) {
    const types = (js.type as string[]).filter((t) => t !== "null");
    if (types.length === 1) return { inner: { ...js, type: types[0] }, nullable: (js.type as string[]).includes("null") };
  }
  return { inner: js, nullable: false };
}

/** True when zod applies something JSON Schema does not show (refine, transform, pipe). */
function hasOpaqueChecks(schema: z.ZodType): boolean {
  let def = (schema as unknown as { _zod: { def: Json } })._zod.def;
  for (;;) {
    const checks = (def.checks as { _zod: { def: { check: string } } }[] | undefined) ?? [];
    if (checks.some((c) => c._zod.def.check === "custom")) return true;
    if (["nullable", "optional", "default", "readonly", "prefault", "nonoptional"].includes(def.type as string)) {
      def = (def.innerType as { _zod: { def: Json } })._zod.def;
      continue;
    }
    return !["string", "number", "boolean", "enum", "int"].includes(def.type as string);
  }
}

const normSet = (words: readonly string[]) => new Set(words.map(normalizeKey));

/** Derives the column checks of every field of an object schema. */
export function columnSpecs(schema: z.ZodObject): ColumnSpec[] {
  const whole = z.toJSONSchema(schema, { unrepresentable: "any" }) as Json;
  const properties = (whole.properties ?? {}) as Record<string, Json>;
  const requiredKeys = new Set((whole.required as string[] | undefined) ?? []);
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([fieldName, fieldSchema]) => {
    const meta = fieldMetaOf(fieldSchema);
    const { inner, nullable } = unwrapNull(properties[fieldName] ?? {});
    const type = inner.type as string | undefined;
    const kind: ColumnSpec["kind"] = Array.isArray(inner.enum)
      ? "enum"
      : type === "integer" || type === "number"
        ? "number"
        : type === "boolean"
          ? "boolean"
          : "string";
    const opaque = hasOpaqueChecks(fieldSchema) || Object.keys(inner).some((k) => !HANDLED.has(k));
    return {
      field: fieldName,
      kind,
      required: requiredKeys.has(fieldName) && !nullable,
      integer: type === "integer",
      min: inner.minimum as number | undefined,
      max: inner.maximum as number | undefined,
      exclusiveMin: inner.exclusiveMinimum as number | undefined,
      exclusiveMax: inner.exclusiveMaximum as number | undefined,
      minLength: inner.minLength as number | undefined,
      maxLength: inner.maxLength as number | undefined,
      pattern: typeof inner.pattern === "string" ? new RegExp(inner.pattern) : undefined,
      enumValues: (inner.enum as string[] | undefined) ?? [],
      vocabulary: meta?.vocabulary,
      likert: meta?.likert ?? false,
      trueWords: normSet([...(meta?.trueWords ?? []), ...DEFAULT_TRUE_WORDS]),
      falseWords: normSet([...(meta?.falseWords ?? []), ...DEFAULT_FALSE_WORDS]),
      headers: [fieldName, ...(meta ? [meta.ja, meta.en, ...(meta.aliases ?? [])] : [])],
      zodCheck: opaque ? fieldSchema : undefined,
    };
  });
}
