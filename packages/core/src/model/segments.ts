import { z } from "zod";
import { parseOptions } from "../boundary/options.js";
import { KoeArgumentError } from "../errors/errors.js";
import { modelMessages } from "../errors/model-messages.js";
import { defineVocabulary } from "./vocabulary.js";

/** 世代 — generation bands. Cut-offs differ by company: see {@link generationOfAge}. */
export const generations = defineVocabulary("generation", [
  { id: "young", ja: "若手", en: "Young", aliases: ["若年層", "若手層", "junior", "youth"] },
  { id: "mid", ja: "中堅", en: "Mid-career", aliases: ["中堅層", "ミドル", "middle", "mid career", "midcareer"] },
  { id: "senior", ja: "シニア", en: "Senior", aliases: ["ベテラン", "シニア層", "veteran", "シニア(ベテラン)"] },
]);
export type Generation = (typeof generations.ids)[number];

/** 職種 — job type. */
export const jobTypes = defineVocabulary("job type", [
  { id: "technical", ja: "技術系", en: "Technical", aliases: ["技術", "技術職", "engineering", "engineer"] },
  { id: "clerical", ja: "事務系", en: "Clerical", aliases: ["事務", "事務職", "office", "administrative"] },
  { id: "frontline", ja: "現場", en: "Frontline", aliases: ["現場系", "現場職", "郵便局", "製造現場", "field"] },
]);
export type JobType = (typeof jobTypes.ids)[number];

/** 管理職 / 非管理職 — as a vocabulary so that the Japanese words resolve to a boolean. */
export const managerStatus = defineVocabulary("manager status", [
  { id: "manager", ja: "管理職", en: "Manager", aliases: ["true", "yes", "y", "1", "はい", "manager", "mgr"] },
  { id: "non_manager", ja: "非管理職", en: "Non-manager", aliases: ["false", "no", "n", "0", "いいえ", "一般", "一般職", "nonmanager"] },
]);

/** 浸透ステップ — penetration steps of career ownership, in order. */
export const penetrationSteps = defineVocabulary("penetration step", [
  { id: "know", ja: "知る", en: "Know", aliases: ["認知", "step1"] },
  { id: "understand", ja: "理解を深める", en: "Understand", aliases: ["理解", "step2"] },
  { id: "deepen", ja: "さらに理解を深める", en: "Deepen", aliases: ["さらに理解", "深める", "step3"] },
  { id: "practice", ja: "実践を支援する", en: "Support practice", aliases: ["実践", "実践支援", "practise", "step4"] },
]);
export type PenetrationStep = (typeof penetrationSteps.ids)[number];

/** キャリアオーナーシップの層 — drawn as a gradient from traditional to practising. */
export const careerLayers = defineVocabulary("career-ownership layer", [
  { id: "traditional", ja: "伝統的なキャリア意識層", en: "Traditional", aliases: ["伝統的", "伝統層", "伝統的層"] },
  { id: "interested", ja: "理解/関心層", en: "Interested / understanding", aliases: ["理解層", "関心層", "理解・関心層", "understanding"] },
  { id: "practising", ja: "実践層", en: "Practising", aliases: ["実践", "practicing"] },
]);
export type CareerLayer = (typeof careerLayers.ids)[number];

/** 不動層のタイプ — why initiatives do not move someone. */
export const immobileTypes = defineVocabulary("immobile sub-type", [
  { id: "unaware", ja: "キャリアがわからない", en: "Does not know what a career is", aliases: ["わからない", "不明層"] },
  { id: "never_positive", ja: "最初から前向きになれない", en: "Never positive", aliases: ["前向きになれない"] },
  { id: "gave_up", ja: "一度前向きになったが諦めた", en: "Was positive once and gave up", aliases: ["諦めた", "あきらめた"] },
]);
export type ImmobileType = (typeof immobileTypes.ids)[number];

/** 施策の結果 — the three ends of an initiative a company tried. */
export const initiativeOutcomeTypes = defineVocabulary("initiative outcome", [
  { id: "not_practised", ja: "実践しなかった", en: "Not practised", aliases: ["未実施", "実施せず", "not practiced"] },
  { id: "practised_no_effect", ja: "実践したが効果が出なかった", en: "Practised, no effect", aliases: ["効果なし", "practiced no effect"] },
  { id: "practised_effective", ja: "実践して効果が出た", en: "Practised, effective", aliases: ["効果あり", "practiced effective"] },
]);
export type InitiativeOutcome = (typeof initiativeOutcomeTypes.ids)[number];

/** 越境の種類 — internal (another department) or external (another company or region). */
export const crossBoundaryKinds = defineVocabulary("cross-boundary kind", [
  { id: "internal", ja: "社内", en: "Internal", aliases: ["社内越境", "内部"] },
  { id: "external", ja: "社外", en: "External", aliases: ["社外越境", "外部"] },
]);
export type CrossBoundaryKind = (typeof crossBoundaryKinds.ids)[number];

/** 越境の選ばれ方 — self-nominated (手挙げ) or appointed by HR (人事の指名). */
export const crossBoundarySelections = defineVocabulary("cross-boundary selection", [
  { id: "self_nominated", ja: "手挙げ", en: "Self-nominated", aliases: ["公募", "自己推薦", "self"] },
  { id: "appointed", ja: "人事の指名", en: "Appointed by HR", aliases: ["指名", "人事指名", "appointment"] },
]);
export type CrossBoundarySelection = (typeof crossBoundarySelections.ids)[number];

/** Generation band cut-offs: the first age of "mid" and of "senior". */
export const GenerationCutoffs = z
  .object({ mid: z.number().int().positive().default(35), senior: z.number().int().positive().default(50) })
  .refine((c) => c.mid < c.senior, { message: "mid cut-off must be below senior cut-off" });
export type GenerationCutoffs = z.input<typeof GenerationCutoffs>;

/**
 * The generation band of an age (default: under 35 young, 35–49 mid, 50 and over senior).
 * @example
 * generationOfAge(34) // => "young"
 * generationOfAge(35, { mid: 30, senior: 45 }) // => "mid"
 */
export function generationOfAge(age: number, cutoffs: GenerationCutoffs = {}): Generation | null {
  if (!Number.isFinite(age)) return null;
  const c = cutoffsOf("generationOfAge", cutoffs);
  return age < c.mid ? "young" : age < c.senior ? "mid" : "senior";
}

/**
 * Generation cut-offs checked once: unknown keys (with the closest valid one), values that are not
 * positive whole numbers and a mid cut-off not below the senior one are {@link KoeArgumentError}s in
 * Japanese and English, never a ZodError.
 * @example
 * cutoffsOf("generationOfAge", { mid: 30 }) // => { mid: 30, senior: 50 }
 */
export function cutoffsOf(fn: string, cutoffs: unknown): z.output<typeof GenerationCutoffs> {
  const parsed = GenerationCutoffs.safeParse(cutoffs ?? {});
  const plain = cutoffs !== null && typeof cutoffs === "object" && !Array.isArray(cutoffs);
  if (parsed.success && plain && Object.keys(cutoffs).every((k) => k === "mid" || k === "senior")) return parsed.data;
  if (!parsed.success && plain && parsed.error.issues.every((i) => i.code === "custom")) {
    const { mid = 35, senior = 50 } = cutoffs as { mid?: number; senior?: number };
    throw KoeArgumentError.of(modelMessages.cutoffOrder, { fn, mid, senior });
  }
  return parseOptions(fn, GenerationCutoffs, cutoffs); // throws the boundary's message (unknown key, not a whole number…)
}
