import { z } from "zod";
import { field } from "./field.js";
import { defineVocabulary } from "./vocabulary.js";

/** リスキリングのサイクル — the furthest stage of the reskilling cycle a person reached in a period, in order. */
export const learningStages = defineVocabulary("learning stage", [
  { id: "none", ja: "なし", en: "None", aliases: ["未到達", "no stage"] },
  { id: "trigger", ja: "きっかけ", en: "Trigger", aliases: ["契機", "気づき"] },
  { id: "place", ja: "学びの場", en: "Place to learn", aliases: ["学びの機会", "learning place", "place to learn"] },
  { id: "success", ja: "成功体験", en: "Success experience", aliases: ["成功", "success experience"] },
]);
export type LearningStage = (typeof learningStages.ids)[number];

/** 学びの提供元 — learning the company provided, or that the person took up on their own. */
export const learningSources = defineVocabulary("learning source", [
  { id: "company", ja: "会社提供", en: "Company-provided", aliases: ["会社", "会社主導", "company provided"] },
  { id: "self", ja: "自己啓発", en: "Self-initiated", aliases: ["自発", "自分で", "self initiated"] },
]);
export type LearningSource = (typeof learningSources.ids)[number];

/**
 * One respondent in one period of the reskilling cycle (the bundled `learning.csv`): the furthest
 * stage reached, who provided the learning (blank when the stage is `none`), and whether the person
 * learns autonomously (自律的に学ぶ) in that period. Headers may be the Japanese labels.
 */
export const learningFields = {
  respondent_id: field(z.string().min(1), { ja: "回答者ID", en: "Respondent ID", aliases: ["id", "社員ID"] }),
  company: field(z.string().min(1), { ja: "会社", en: "Company", aliases: ["会社名", "企業"] }),
  period: field(z.number().int().min(1), { ja: "期", en: "Period", aliases: ["期間", "半期", "時期"] }),
  stage: field(learningStages.schema, { ja: "到達段階", en: "Stage", aliases: ["段階", "サイクルの段階"], vocabulary: learningStages }),
  source: field(learningSources.schema.nullable(), { ja: "提供元", en: "Source", aliases: ["学びの提供元", "主体"], vocabulary: learningSources }),
  autonomous: field(z.boolean().nullable(), { ja: "自律的に学ぶ", en: "Learns autonomously", aliases: ["自律学習", "自律"] }),
};

/**
 * The schema of a row of the reskilling panel; read the bundled file with `readCsv` and this schema.
 * @example
 * const { table, summary } = await readCsv("data/learning.csv", { schema: LearningRecord, unique: [["respondent_id", "period"]] });
 * summary.rowsAccepted // => 20000
 * table.column("stage").at(0) // => "none"
 */
export const LearningRecord = z.object(learningFields);
export type LearningRecord = z.infer<typeof LearningRecord>;
