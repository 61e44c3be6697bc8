import { z } from "zod";

/** One term of a vocabulary: a stable id, its Japanese and English labels, and what users also type for it. */
export const Term = z.object({
  id: z.string().min(1),
  ja: z.string().min(1),
  en: z.string().min(1),
  aliases: z.array(z.string()).default([]),
});
export type Term = z.infer<typeof Term>;
export type TermInput = z.input<typeof Term>;

/** A closed list of terms in their natural order (never alphabetical), with alias lookup. */
export interface Vocabulary<Id extends string = string> {
  readonly name: string;
  readonly terms: readonly (Term & { id: Id })[];
  /** The ids in natural order. */
  readonly ids: readonly Id[];
  /** zod schema accepting exactly the ids. */
  readonly schema: z.ZodEnum<{ [K in Id]: K }>;
  /** Maps an id, label or alias (NFKC, case- and space-insensitive) to its id; `undefined` if unknown. */
  resolve(value: string): Id | undefined;
  /** The label of an id in the given language. */
  label(id: Id, lang?: "ja" | "en"): string;
  /** Position of an id in natural order (for sorting); -1 if unknown. */
  order(id: string): number;
}

/** How user-typed text is compared with labels and aliases. */
export function normalizeKey(value: string): string {
  return value.normalize("NFKC").trim().toLowerCase().replace(/[\s_\-‐・･/／]+/g, "");
}

/**
 * Builds a vocabulary. Ids, labels and aliases all resolve to the id.
 * @example
 * const g = defineVocabulary("generation", [{ id: "young", ja: "若手", en: "Young", aliases: ["若年層"] }]);
 * g.resolve("若年層") // => "young"
 */
export function defineVocabulary<const Id extends string>(
  name: string,
  terms: readonly (TermInput & { id: Id })[],
): Vocabulary<Id> {
  const parsed = terms.map((t) => ({ ...Term.parse(t), id: t.id }));
  const ids = parsed.map((t) => t.id);
  const lookup = new Map<string, Id>();
  for (const t of parsed) {
    for (const key of [t.id, t.ja, t.en, ...t.aliases]) {
      const k = normalizeKey(key);
      const existing = lookup.get(k);
      if (existing !== undefined && existing !== t.id) {
        throw new Error(`vocabulary "${name}": "${key}" is an alias of both "${existing}" and "${t.id}"`);
      }
      lookup.set(k, t.id);
    }
  }
  const byId = new Map(parsed.map((t) => [t.id as string, t]));
  return {
    name,
    terms: parsed,
    ids,
    schema: z.enum(ids as [Id, ...Id[]]) as unknown as z.ZodEnum<{ [K in Id]: K }>,
    resolve: (value) => lookup.get(normalizeKey(value)),
    label: (id, lang = "ja") => byId.get(id)?.[lang] ?? id,
    order: (id) => ids.indexOf(id as Id),
  };
}

/** Adds terms (or aliases) to a vocabulary, returning a new one; existing ids keep their place. */
export function extendVocabulary<Id extends string, const New extends string>(
  base: Vocabulary<Id>,
  terms: readonly (TermInput & { id: New | Id })[],
): Vocabulary<Id | New> {
  const merged: (TermInput & { id: Id | New })[] = base.terms.map((t) => ({ ...t, aliases: [...t.aliases] }));
  for (const t of terms) {
    const at = merged.findIndex((m) => m.id === t.id);
    if (at >= 0) {
      const m = merged[at]!;
      merged[at] = { ...m, ...t, aliases: [...(m.aliases ?? []), ...(t.aliases ?? [])] };
    } else merged.push(t);
  }
  return defineVocabulary(base.name, merged);
}
