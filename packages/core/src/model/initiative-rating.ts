import { z } from "zod";
import { KoeArgumentError } from "../errors/errors.js";
import { modelMessages } from "../errors/model-messages.js";
import { field } from "./field.js";
import { initiativeCatalogue } from "./initiatives.js";
import type { Vocabulary } from "./vocabulary.js";
import { generations, initiativeOutcomeTypes, penetrationSteps } from "./segments.js";

/**
 * One company's rating of one initiative for one generation at one penetration step:
 * whether it judged the initiative effective, how it ended, and why.
 */
export const initiativeRatingFields = {
  company: field(z.string().min(1), { ja: "会社", en: "Company", aliases: ["会社名", "企業", "企業名", "company id"] }),
  wave: field(z.number().int().min(1).max(99).nullable(), { ja: "調査回", en: "Wave", aliases: ["回", "時点", "調査時点"] }),
  generation: field(generations.schema, { ja: "世代", en: "Generation", aliases: ["年代区分", "対象世代"], vocabulary: generations }),
  step: field(penetrationSteps.schema, { ja: "浸透ステップ", en: "Penetration step", aliases: ["ステップ", "段階", "penetration step"], vocabulary: penetrationSteps }),
  initiative: field(initiativeCatalogue.schema, { ja: "施策", en: "Initiative", aliases: ["打ち手", "施策名"], vocabulary: initiativeCatalogue }),
  effective: field(z.boolean().nullable(), {
    ja: "効果あり",
    en: "Rated effective",
    aliases: ["効果", "有効", "効果的", "effective rating"],
    trueWords: ["効果あり", "効果的", "有効", "effective"],
    falseWords: ["効果なし", "効果がない", "無効", "not effective", "ineffective"],
  }),
  outcome: field(initiativeOutcomeTypes.schema.nullable(), { ja: "結果", en: "Outcome", aliases: ["実践結果", "施策の結果"], vocabulary: initiativeOutcomeTypes }),
  reason_code: field(z.string().nullable(), { ja: "理由コード", en: "Reason code", aliases: ["理由分類"] }),
  reason: field(z.string().nullable(), { ja: "理由", en: "Reason", aliases: ["理由(自由記述)", "コメント", "reason text"] }),
};
export const InitiativeRating = z.object(initiativeRatingFields);
export type InitiativeRating = z.infer<typeof InitiativeRating>;

/** Builds the rating schema for a catalogue extended with a company's own initiatives. */
export function initiativeRatingSchema(catalogue: Vocabulary = initiativeCatalogue) {
  if (catalogue === initiativeCatalogue) return InitiativeRating;
  const v = catalogue as Partial<Vocabulary> | null;
  if (v === null || typeof v !== "object" || !(v.schema instanceof z.ZodEnum) || typeof v.resolve !== "function") {
    throw KoeArgumentError.of(modelMessages.notAVocabulary, { fn: "initiativeRatingSchema", option: "catalogue" });
  }
  return z.object({
    ...initiativeRatingFields,
    initiative: field(catalogue.schema, { ja: "施策", en: "Initiative", aliases: ["打ち手", "施策名"], vocabulary: catalogue }),
  });
}
