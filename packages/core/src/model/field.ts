import { z } from "zod";
import type { Vocabulary } from "./vocabulary.js";

/**
 * What a reader needs to know about a column beyond its zod type: its labels,
 * the headers users give it, and how typed values map to the schema's values.
 */
export interface FieldMeta {
  /** Japanese label (also accepted as a header). */
  ja: string;
  /** English label (also accepted as a header). */
  en: string;
  /** Other headers that mean this field. */
  aliases?: readonly string[];
  /** For enum fields: the vocabulary whose labels and aliases resolve to the enum's ids. */
  vocabulary?: Vocabulary;
  /** For boolean fields: words meaning true / false (defaults in {@link DEFAULT_TRUE_WORDS}). */
  trueWords?: readonly string[];
  falseWords?: readonly string[];
  /** For numeric fields: map Likert labels such as 「そう思う」 to numbers. */
  likert?: boolean;
}

/** Where every schema field of koe keeps its metadata (keyed by the field's zod schema). */
const registry = new WeakMap<z.ZodType, FieldMeta>();

/** The metadata registered on a field schema, if any. */
export function fieldMetaOf(schema: z.ZodType): FieldMeta | undefined {
  return registry.get(schema);
}

/** Registers metadata on a field schema and returns the schema (for use inside `z.object({...})`). */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  registry.set(schema, meta);
  return schema;
}

export const DEFAULT_TRUE_WORDS = ["1", "true", "t", "yes", "y", "はい", "あり", "有", "参加", "○", "◯", "該当"] as const;
export const DEFAULT_FALSE_WORDS = ["0", "false", "f", "no", "n", "いいえ", "なし", "無", "不参加", "×", "非該当"] as const;
