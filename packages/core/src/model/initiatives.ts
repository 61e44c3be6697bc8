import { defineVocabulary, extendVocabulary, type TermInput, type Vocabulary } from "./vocabulary.js";

/**
 * 施策カタログ — the initiatives companies use to spread career ownership, with ja/en names
 * and the spellings users type. Extend it with {@link extendInitiativeCatalogue}.
 */
export const initiativeCatalogue = defineVocabulary("initiative", [
  { id: "one_on_one", ja: "キャリア1on1", en: "Career 1on1", aliases: ["1on1", "1 on 1", "one on one", "1on1ミーティング", "キャリア面談"] },
  { id: "career_training", ja: "キャリア研修", en: "Career training", aliases: ["キャリアデザイン研修", "career workshop"] },
  { id: "career_sheet_dialogue", ja: "キャリアシート面談", en: "Career-sheet dialogue", aliases: ["キャリアシート対話", "キャリアシート", "career sheet"] },
  { id: "e_learning", ja: "e-ラーニング", en: "E-learning", aliases: ["eラーニング", "elearning", "オンライン学習"] },
  { id: "inhouse_instructors", ja: "社内講師", en: "In-house instructors", aliases: ["社内講師制度", "in house instructor"] },
  { id: "cross_boundary_internal", ja: "社内越境", en: "Cross-boundary (internal)", aliases: ["越境(社内)", "社内留学", "internal cross boundary"] },
  { id: "cross_boundary_external", ja: "社外越境", en: "Cross-boundary (external)", aliases: ["越境(社外)", "社外留学", "external cross boundary"] },
  { id: "job_posting", ja: "社内公募", en: "Internal job posting", aliases: ["社内公募制度", "公募", "job posting"] },
  { id: "mentoring", ja: "メンター制度", en: "Mentoring", aliases: ["メンター", "メンタリング", "mentor"] },
  { id: "business_introductions", ja: "事業紹介", en: "Business introductions", aliases: ["事業説明会", "business introduction"] },
  { id: "hr_system_reform", ja: "人事制度改革", en: "HR-system reform", aliases: ["人事制度", "制度改革"] },
  { id: "mandatory_training", ja: "強制的な研修", en: "Mandatory training", aliases: ["必須研修", "階層別研修", "mandatory"] },
  { id: "career_consultation", ja: "キャリア相談窓口", en: "Career consultation desk", aliases: ["キャリア相談", "キャリアカウンセリング"] },
  { id: "self_assessment", ja: "キャリア自己診断", en: "Career self-assessment", aliases: ["自己診断", "適性診断"] },
  { id: "side_jobs", ja: "副業・兼業", en: "Side jobs", aliases: ["副業", "兼業", "side job"] },
  { id: "study_groups", ja: "有志の勉強会", en: "Voluntary study groups", aliases: ["勉強会", "社内勉強会", "study group"] },
]);
export type InitiativeId = (typeof initiativeCatalogue.ids)[number];

/**
 * A catalogue with a company's own initiatives added (or aliases added to known ones).
 * @example
 * const mine = extendInitiativeCatalogue([{ id: "reverse_mentoring", ja: "リバースメンタリング", en: "Reverse mentoring" }]);
 * mine.resolve("リバースメンタリング") // => "reverse_mentoring"
 */
export function extendInitiativeCatalogue(terms: readonly (TermInput & { id: string })[]): Vocabulary<string> {
  return extendVocabulary<string, string>(initiativeCatalogue, terms);
}
