import { z } from "zod";
import { fieldMetaOf, type FieldMeta } from "./field.js";
import { initiativeRatingFields } from "./initiative-rating.js";
import { careerOwnershipFields, respondentFields } from "./respondent.js";
import { learningFields } from "./learning.js";
import { dialoguePilotFields } from "./dialogue-pilot.js";
import { commentFields, transcriptSegmentFields } from "./transcript.js";
import { normalizeKey } from "./vocabulary.js";

/** What a column of koe's model holds, which decides how the input boundary reads it. */
export type FieldRole = "binary" | "segment" | "numeric" | "text";

export interface KnownField {
  id: string;
  role: FieldRole;
  meta: FieldMeta;
}

function roleOf(schema: z.ZodType): FieldRole {
  let s = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while ((s instanceof z.ZodNullable || s instanceof z.ZodOptional || s instanceof z.ZodDefault) && s.unwrap) s = s.unwrap() as typeof s;
  if (s instanceof z.ZodBoolean) return "binary";
  if (s instanceof z.ZodEnum) return "segment";
  if (s instanceof z.ZodNumber) return "numeric";
  return "text";
}

const fields = new Map<string, KnownField>();
const byName = new Map<string, string>();
// Names of a field id across the model's tables (the comment's `text` has names the transcript's has not).
const namesById = new Map<string, string[]>();
for (const group of [respondentFields, careerOwnershipFields, initiativeRatingFields, transcriptSegmentFields, commentFields, learningFields, dialoguePilotFields] as Record<string, z.ZodType>[]) {
  for (const [id, schema] of Object.entries(group)) {
    const meta = fieldMetaOf(schema);
    if (!meta) continue;
    if (!fields.has(id)) fields.set(id, { id, role: roleOf(schema), meta });
    const names = [id, meta.ja, meta.en, ...(meta.aliases ?? [])];
    namesById.set(id, [...new Set([...(namesById.get(id) ?? []), ...names])]);
    for (const name of names) {
      const k = normalizeKey(name);
      if (!byName.has(k)) byName.set(k, id);
    }
  }
}

/**
 * The field of koe's model that a column name means — by id, Japanese or English label, or alias
 * (`"調査回"` → `wave`, `"世代"` → `generation`); `undefined` for a name koe does not know.
 * @example
 * knownField("調査回")?.id // => "wave"
 */
export function knownField(name: string): KnownField | undefined {
  const id = byName.get(normalizeKey(name));
  return id === undefined ? undefined : fields.get(id);
}

/** Every name (id, labels, aliases) under which a known field may appear as a column. */
export function namesOfField(id: string): string[] {
  return namesById.get(id) ?? [id];
}
