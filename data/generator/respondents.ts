import { careerSurveyInstrument, createRandom, generationOfAge, type Random } from "@koe/core";
import { logistic, pick } from "./csv.js";

/** The selection and effects built into the respondents (latent SD units unless stated). */
export const RESPONDENT_MODEL = {
  participationRate: 0.05,
  /** Log-odds of taking part rise by this much per SD of pre-period engagement: the selection bias. */
  selectionSlope: 0.35,
  /** Among participants, self-nomination rises with engagement (appointed people are picked by HR). */
  selfNominationSlope: 0.8,
  externalShare: 0.4,
  commonTrend: 0.05,
  /** True effect of taking part on the latent traits, by kind. */
  effect: { engagement: { internal: 0.25, external: 0.4 }, innovation: { internal: 0.3, external: 0.5 } },
  changeNoiseSd: 0.35,
  itemNoiseSd: 0.6,
  missingRate: 0.02,
} as const;

export const COMPANY_COUNT = 25;
export const companyIds = Array.from({ length: COMPANY_COUNT }, (_, i) => `C${String(i + 1).padStart(2, "0")}`);

/** Unequal company sizes: a few large, many small (weights fixed by the seed). */
export function companyWeights(seed: number): number[] {
  const r = createRandom(`${seed}:companies`);
  return companyIds.map((_, i) => (i < 3 ? 6 + r.next() * 2 : 0.8 + r.next() * 1.6));
}

export const respondentColumns = [
  "respondent_id", "company", "age", "generation", "job_type", "manager", "layer", "immobile_type", "cross_boundary", "cb_kind", "cb_selection",
  ...["pre", "post"].flatMap((w) => careerSurveyInstrument.items.map((i) => `${i.id}_${w}`)),
];

export interface GeneratedRespondent {
  cells: (string | number | null)[];
  participant: boolean;
  kind: "internal" | "external" | null;
  selection: "self_nominated" | "appointed" | null;
  /** Observed scale scores (mean of answered items, reverse keys applied), pre / post / post had they not taken part. */
  scores: { engagement: [number, number, number]; innovation: [number, number, number] };
  layer: string;
  immobile: string | null;
  generation: string;
  company: string;
}

const THRESHOLDS = [-1.5, -0.5, 0.5, 1.5];
const items = careerSurveyInstrument.items;
const difficulty = items.map((_, k) => ((k * 37) % 7) / 10 - 0.3);

function answer(latent: number, k: number, noise: number): number {
  const y = latent - difficulty[k]! + noise;
  let v = 1;
  for (const t of THRESHOLDS) if (y > t) v++;
  return items[k]!.reverse ? 6 - v : v;
}

function scaleMeans(answers: (number | null)[]): { engagement: number; innovation: number } {
  const sum = { engagement: 0, innovation: 0 };
  const n = { engagement: 0, innovation: 0 };
  answers.forEach((a, k) => {
    if (a === null) return;
    const scale = items[k]!.scale as "engagement" | "innovation";
    sum[scale] += items[k]!.reverse ? 6 - a : a;
    n[scale]++;
  });
  return { engagement: sum.engagement / n.engagement, innovation: sum.innovation / n.innovation };
}

/** Draws respondent `index` (0-based); the company is drawn from the weights. Same seed, same person. */
export function drawRespondent(r: Random, index: number, weights: readonly number[], companyEffects: readonly number[]): GeneratedRespondent {
  const m = RESPONDENT_MODEL;
  const c = pick(weights, r.next());
  const age = 22 + Math.floor(r.next() * 43);
  const generation = generationOfAge(age)!;
  const jobType = ["technical", "clerical", "frontline"][pick([0.4, 0.35, 0.25], r.next())]!;
  const manager = r.next() < (generation === "young" ? 0.02 : generation === "mid" ? 0.25 : 0.45);
  const eng = companyEffects[c]! + (manager ? 0.2 : 0) + r.normal();
  const inn = 0.5 * eng + Math.sqrt(0.75) * r.normal();
  const layerScore = eng + 0.5 * r.normal();
  const layer = layerScore < -0.45 ? "traditional" : layerScore > 0.65 ? "practising" : "interested";
  const immobile = layer === "traditional" && r.next() < 0.5 ? ["unaware", "never_positive", "gave_up"][pick([0.4, 0.35, 0.25], r.next())]! : null;
  const participant = r.next() < logistic(Math.log(m.participationRate / (1 - m.participationRate)) - 0.1 + m.selectionSlope * eng);
  const kind = participant ? (r.next() < m.externalShare ? "external" : "internal") : null;
  const selection = participant ? (r.next() < logistic(0.2 + m.selfNominationSlope * eng) ? "self_nominated" : "appointed") : null;
  const engPost0 = eng + m.commonTrend + m.changeNoiseSd * r.normal();
  const innPost0 = inn + m.commonTrend + m.changeNoiseSd * r.normal();
  const engPost1 = engPost0 + (kind ? m.effect.engagement[kind] : 0);
  const innPost1 = innPost0 + (kind ? m.effect.innovation[kind] : 0);
  const pre: (number | null)[] = [];
  const post: (number | null)[] = [];
  const post0: (number | null)[] = [];
  items.forEach((item, k) => {
    const missPre = r.next() < m.missingRate;
    const missPost = r.next() < m.missingRate;
    const e1 = m.itemNoiseSd * r.normal();
    const e2 = m.itemNoiseSd * r.normal();
    const isEng = item.scale === "engagement";
    pre.push(missPre ? null : answer(isEng ? eng : inn, k, e1));
    // Both potential post answers share the person's noise: the true effect is exact, not estimated.
    const treatedAnswer = answer(isEng ? engPost1 : innPost1, k, e2);
    const controlAnswer = answer(isEng ? engPost0 : innPost0, k, e2);
    post.push(missPost ? null : participant ? treatedAnswer : controlAnswer);
    post0.push(missPost ? null : controlAnswer);
  });
  const sPre = scaleMeans(pre);
  const sPost = scaleMeans(post);
  const sPost0 = scaleMeans(post0);
  const company = companyIds[c]!;
  return {
    cells: [
      `R${String(index + 1).padStart(7, "0")}`, company, age, generation, jobType, manager ? 1 : 0, layer, immobile,
      participant ? 1 : 0, kind, selection, ...pre, ...post,
    ],
    participant,
    kind,
    selection,
    scores: { engagement: [sPre.engagement, sPost.engagement, sPost0.engagement], innovation: [sPre.innovation, sPost.innovation, sPost0.innovation] },
    layer,
    immobile,
    generation,
    company,
  };
}

/** Iterates the respondents of a dataset, one at a time (nothing is held for a million rows). */
export function* respondents(n: number, seed: number): Generator<GeneratedRespondent> {
  const weights = companyWeights(seed);
  const er = createRandom(`${seed}:company-effects`);
  const effects = companyIds.map(() => 0.3 * er.normal());
  const r = createRandom(`${seed}:respondents`);
  for (let i = 0; i < n; i++) yield drawRespondent(r, i, weights, effects);
}
