import { z } from "zod";
import { KoeArgumentError } from "../errors/errors.js";
import { modelMessages as m, termRules } from "../errors/model-messages.js";

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
  /** Maps an id, label or alias (NFKC, case- and space-insensitive) to its id; `undefined` if unknown (numbers and booleans are read as their text, anything else is unknown). */
  resolve(value: string): Id | undefined;
  /** The label of an id in the given language. */
  label(id: Id, lang?: "ja" | "en"): string;
  /** Position of an id in natural order (for sorting); -1 if unknown. */
  order(id: string): number;
}

/** How user-typed text is compared with labels and aliases (a value that is not text is compared as its text). */
export function normalizeKey(value: string): string {
  return (typeof value === "string" ? value : String(value)).normalize("NFKC").trim().toLowerCase().replace(/[\s_\-‐・･/／]+/g, "");
}

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "a list" : typeof v);

/** A term, checked: each field named in Japanese and English when it is missing or of the wrong kind. */
function termOf(vocabulary: string, t: unknown, index: number): Term {
  const parsed = Term.safeParse(t, { jitless: true }); // a few terms: compiling zod's fast path costs more than it saves
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = (issue.path[0] === undefined ? "id" : String(issue.path[0])) as keyof typeof termRules;
  const rule = termRules[field] ?? termRules.id;
  const value = t !== null && typeof t === "object" ? (t as Record<string, unknown>)[field] : t;
  const id = t !== null && typeof t === "object" ? (t as Record<string, unknown>).id : undefined;
  throw KoeArgumentError.of(m.badTerm, { vocabulary, index: index + 1, id, field, value, rule: rule.en, ruleJa: rule.ja });
}

/**
 * Builds a vocabulary. Ids, labels and aliases all resolve to the id.
 * @example
 * const g = defineVocabulary("generation", [{ id: "young", ja: "若手", en: "Young", aliases: ["若年層"] }]);
 * g.resolve("若年層") // => "young"
 * @throws {KoeArgumentError} (in Japanese and English) when a term lacks an id or a label, an id is
 *   given twice, or one text would mean two terms.
 */
export function defineVocabulary<const Id extends string>(
  name: string,
  terms: readonly (TermInput & { id: Id })[],
): Vocabulary<Id> {
  if (!Array.isArray(terms)) throw KoeArgumentError.of(m.notTerms, { vocabulary: name, got: describe(terms) });
  const parsed = terms.map((t, i) => ({ ...termOf(name, t, i), id: t.id }));
  const ids = parsed.map((t) => t.id);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw KoeArgumentError.of(m.duplicateId, { vocabulary: name, id });
    seen.add(id);
  }
  const lookup = new Map<string, Id>();
  for (const t of parsed) {
    for (const key of [t.id, t.ja, t.en, ...t.aliases]) {
      const k = normalizeKey(key);
      const existing = lookup.get(k);
      if (existing !== undefined && existing !== t.id) throw KoeArgumentError.of(m.aliasClash, { vocabulary: name, key, first: existing, second: t.id });
      lookup.set(k, t.id);
    }
  }
  const byId = new Map(parsed.map((t) => [t.id as string, t]));
  return {
    name,
    terms: parsed,
    ids,
    schema: z.enum(ids as [Id, ...Id[]]) as unknown as z.ZodEnum<{ [K in Id]: K }>,
    resolve: (value) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? lookup.get(normalizeKey(String(value))) : undefined),
    label: (id, lang = "ja") => byId.get(id)?.[lang] ?? id,
    order: (id) => ids.indexOf(id as Id),
  };
}

/**
 * Adds terms (or aliases) to a vocabulary, returning a new one; existing ids keep their place.
 * @throws {KoeArgumentError} as {@link defineVocabulary}.
 */
export function extendVocabulary<Id extends string, const New extends string>(
  base: Vocabulary<Id>,
  terms: readonly (TermInput & { id: New | Id })[],
): Vocabulary<Id | New> {
  if (!Array.isArray(terms)) throw KoeArgumentError.of(m.notTerms, { vocabulary: base.name, got: describe(terms) });
  const merged: (TermInput & { id: Id | New })[] = base.terms.map((t) => ({ ...t, aliases: [...t.aliases] }));
  terms.forEach((t, i) => {
    // An extension may give only aliases, so only its id and aliases are checked here (term i + 1 of
    // the extension); the merged terms are checked in full by defineVocabulary.
    if (t === null || typeof t !== "object" || typeof t.id !== "string") termOf(base.name, t === null || typeof t !== "object" ? t : { ...t, id: t.id ?? null }, i);
    if (t.aliases !== undefined && !Array.isArray(t.aliases)) termOf(base.name, { id: t.id, ja: "-", en: "-", aliases: t.aliases }, i);
    const at = merged.findIndex((x) => x.id === t.id);
    if (at >= 0) {
      const old = merged[at]!;
      merged[at] = { ...old, ...t, aliases: [...(old.aliases ?? []), ...(t.aliases ?? [])] };
    } else merged.push(t);
  });
  return defineVocabulary(base.name, merged);
}
