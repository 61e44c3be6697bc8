// Respondents of the consortium survey: segments, latent traits, cross-boundary participation
// (with selection on engagement) and the item answers before and after, with a known true effect.
import {
  careerSurveyInstrument,
  createRandom,
  generationOfAge,
  type CareerLayer,
  type CrossBoundaryKind,
  type CrossBoundarySelection,
  type Generation,
  type ImmobileType,
  type JobType,
  type Random,
} from "@koe/core";
import { careerCells, careerColumns, careerStreams, drawCareer, modelStuckShare, transitionRows, writeCareerCells, type CareerAnswers, type CareerStreams } from "./career.js";
import { companyProfiles, JOB_TYPES, type CompanyProfile } from "./companies.js";
import { logistic, logit, pick } from "./draw.js";

/**
 * The model behind respondents.csv. Latent traits are in SD-like units; answers are the latent
 * trait minus the item's difficulty plus noise, cut at `thresholds` into 1–5.
 */
export const RESPONDENT_MODEL = {
  ageRange: [22, 64],
  /** Share of managers by generation: managers are mostly mid-career and senior. */
  managerRate: { young: 0.02, mid: 0.25, senior: 0.42 },
  /**
   * Multinomial log-odds of the three layers: a base, plus shifts for generation, job type and
   * managers, plus the company's engagement effect × `companyOnPractising` on the practising layer.
   */
  layerLogits: {
    base: { traditional: 0, interested: 0.5, practising: -0.45 },
    senior: { traditional: 0.6 },
    young: { interested: 0.3 },
    frontline: { traditional: 0.3 },
    manager: { practising: 0.7 },
    companyOnPractising: 1.5,
  },
  /** Shift of latent engagement by layer (the layer effect). */
  layerEffect: { traditional: -0.6, interested: 0, practising: 0.7 },
  /** Share of the traditional layer that is immobile (不動層), and the mix of sub-types. */
  immobileShare: 0.5,
  immobileMix: { unaware: 0.4, never_positive: 0.35, gave_up: 0.25 },
  /** Further shift of latent engagement for the immobile sub-types. */
  immobileEffect: { unaware: -0.2, never_positive: -0.3, gave_up: -0.15 },
  managerEffect: 0.15,
  /** SD of the person's own engagement (beyond company, layer and manager). */
  engagementSd: 0.75,
  /** Innovation = `innovationOnEngagement` × engagement + N(0, `innovationSd`²): correlated traits. */
  innovationOnEngagement: 0.55,
  innovationSd: 0.8,
  /**
   * Two routes into a cross-boundary assignment. People raise their hands (self-nomination) with
   * log-odds logit(`base`) + `slope` × latent engagement; of the rest, HR appoints some with a much
   * weaker preference for the engaged. Both routes add the company's participation effect and
   * `frontlineParticipation` for frontline staff. The selection bias: participants start higher, the
   * self-nominated far more than the appointed.
   */
  selfNomination: { base: 0.03, slope: 0.5 },
  appointment: { base: 0.022, slope: 0.15 },
  frontlineParticipation: -0.4,
  /** Share of assignments outside the company (independent of everything else). */
  externalShare: 0.4,
  /** Change of the latent traits from pre to post for everyone. */
  commonTrend: 0.05,
  /** SD of the person's own change from pre to post. */
  changeSd: 0.35,
  /** True effect of taking part on the latent traits after the assignment, by kind. */
  effect: { engagement: { internal: 0.25, external: 0.45 }, innovation: { internal: 0.3, external: 0.55 } },
  itemNoiseSd: 0.6,
  thresholds: [-1.5, -0.5, 0.5, 1.5],
  /** Each answer is blank with this probability, independently (missing completely at random). */
  missingRate: 0.02,
} as const;

type Scale = "engagement" | "innovation";
const SCALES: readonly Scale[] = ["engagement", "innovation"];
const items = careerSurveyInstrument.items;
const waves = careerSurveyInstrument.waves.map((w) => w.id);
const ITEM_COUNT = items.length;
const itemScale = items.map((item) => {
  const s = SCALES.indexOf(item.scale as Scale);
  if (s < 0) throw new Error(`the generator knows no scale "${item.scale}" (item ${item.id})`);
  return s;
});
const itemReverse = items.map((item) => item.reverse);
/** Item difficulties: spread over −0.5 … 0.2, so that items differ and answers lean a little above 3. */
export const itemDifficulty: readonly number[] = items.map((_, k) => ((k * 37) % 8) / 10 - 0.5);

/** The column ids of respondents.csv, in order. */
export const respondentColumns: readonly string[] = [
  "respondent_id", "company", "age", "generation", "job_type", "manager", "layer", "immobile_type", "cross_boundary", "cb_kind", "cb_selection",
  ...waves.flatMap((w) => items.map((i) => `${i.id}_${w}`)),
  ...careerColumns,
];

/** Observed scale scores (mean of the answered items, reverse keys applied). */
export interface ScaleScores {
  pre: number;
  /** The post score observed. */
  post: number;
  /** The post score had the person not taken part (equals `post` for non-participants). */
  postUntreated: number;
  /** The post score had the person taken part (participants only; NaN for others). */
  postTreated: number;
}

export interface GeneratedRespondent {
  id: string;
  company: string;
  age: number;
  generation: Generation;
  jobType: JobType;
  manager: boolean;
  layer: CareerLayer;
  immobile: ImmobileType | null;
  participant: boolean;
  kind: CrossBoundaryKind | null;
  selection: CrossBoundarySelection | null;
  /** Latent traits before the assignment. */
  latent: Record<Scale, number>;
  /** Answers as written: pre items then post items, 1–5, 0 = blank. */
  answers: Int8Array;
  scores: Record<Scale, ScaleScores>;
  /** The career-ownership columns (drawn from their own streams: see career.ts). */
  career: CareerAnswers;
}

const LAYERS: readonly CareerLayer[] = ["traditional", "interested", "practising"];
const IMMOBILE: readonly ImmobileType[] = ["unaware", "never_positive", "gave_up"];
const M = RESPONDENT_MODEL;
const immobileWeights = IMMOBILE.map((t) => M.immobileMix[t]);
const [T1, T2, T3, T4] = M.thresholds;

/** The default generation cut-offs (under 35, 35–49, 50 and over), checked against @koe/core's once. */
const MID_FROM = 35;
const SENIOR_FROM = 50;
for (const [age, band] of [[MID_FROM - 1, "young"], [MID_FROM, "mid"], [SENIOR_FROM - 1, "mid"], [SENIOR_FROM, "senior"]] as const) {
  if (generationOfAge(age) !== band) throw new Error(`the generator's generation cut-offs no longer match @koe/core's at age ${age}`);
}
const generationOf = (age: number): Generation => (age < MID_FROM ? "young" : age < SENIOR_FROM ? "mid" : "senior");

/** The answer 1–5 as written (reverse-keyed items reversed). */
function answer(latent: number, k: number, noise: number): number {
  const y = latent - itemDifficulty[k]! + noise;
  const v = y > T4 ? 5 : y > T3 ? 4 : y > T2 ? 3 : y > T1 ? 2 : 1;
  return itemReverse[k] ? 6 - v : v;
}

function layerOf(u: number, company: CompanyProfile, generation: Generation, jobType: JobType, manager: boolean): CareerLayer {
  const L = M.layerLogits;
  const wt = Math.exp(L.base.traditional + (generation === "senior" ? L.senior.traditional : 0) + (jobType === "frontline" ? L.frontline.traditional : 0));
  const wi = Math.exp(L.base.interested + (generation === "young" ? L.young.interested : 0));
  const wp = Math.exp(L.base.practising + (manager ? L.manager.practising : 0) + L.companyOnPractising * company.engagementEffect);
  const x = u * (wt + wi + wp);
  return x < wt ? LAYERS[0]! : x < wt + wi ? LAYERS[1]! : LAYERS[2]!;
}

/** The transition rows of the career layers under this model (see career.ts). */
const CAREER_ROWS = transitionRows(modelStuckShare(M.immobileShare, M.immobileMix));

/**
 * Draws respondent number `index` (0-based) from the stream `r`, and the career-ownership columns
 * from the streams `cs` (never from `r`, so the columns before them do not depend on them). Both
 * potential post answers of every item are drawn with the same noise, so the effect of taking part
 * on the observed score is known exactly for each participant. (No closures in here: it runs a
 * million times.)
 */
export function drawRespondent(r: Random, index: number, companies: readonly CompanyProfile[], weights: readonly number[], cs: CareerStreams): GeneratedRespondent {
  const company = companies[pick(weights, r.next())]!;
  const age = M.ageRange[0] + r.int(M.ageRange[1] - M.ageRange[0] + 1);
  const generation = generationOf(age);
  const jobType = JOB_TYPES[pick(company.jobMix, r.next())]!;
  const manager = r.next() < M.managerRate[generation];
  const layer = layerOf(r.next(), company, generation, jobType, manager);
  const immobile = layer === "traditional" && r.next() < M.immobileShare ? IMMOBILE[pick(immobileWeights, r.next())]! : null;
  const eng =
    company.engagementEffect + M.layerEffect[layer] + (immobile ? M.immobileEffect[immobile] : 0) + (manager ? M.managerEffect : 0) + M.engagementSd * r.normal();
  const inn = M.innovationOnEngagement * eng + M.innovationSd * r.normal();
  const shift = company.participationEffect + (jobType === "frontline" ? M.frontlineParticipation : 0);
  const selfNominated = r.next() < logistic(logit(M.selfNomination.base) + M.selfNomination.slope * eng + shift);
  const appointed = !selfNominated && r.next() < logistic(logit(M.appointment.base) + M.appointment.slope * eng + shift);
  const participant = selfNominated || appointed;
  const selection: CrossBoundarySelection | null = selfNominated ? "self_nominated" : appointed ? "appointed" : null;
  const kind: CrossBoundaryKind | null = participant ? (r.next() < M.externalShare ? "external" : "internal") : null;
  const engPost0 = eng + M.commonTrend + M.changeSd * r.normal();
  const innPost0 = inn + M.commonTrend + M.changeSd * r.normal();
  const engEffect = kind ? M.effect.engagement[kind] : 0;
  const innEffect = kind ? M.effect.innovation[kind] : 0;

  const answers = new Int8Array(2 * ITEM_COUNT);
  // Scale sums (reverse keys applied): pre, post observed, post untreated, post treated; e = engagement, i = innovation.
  let ePre = 0, ePost = 0, ePost0 = 0, ePost1 = 0, eN = 0, eNPost = 0;
  let iPre = 0, iPost = 0, iPost0 = 0, iPost1 = 0, iN = 0, iNPost = 0;
  for (let k = 0; k < ITEM_COUNT; k++) {
    const isEng = itemScale[k] === 0;
    const reverse = itemReverse[k]!;
    const missPre = r.next() < M.missingRate;
    const missPost = r.next() < M.missingRate;
    const noisePre = M.itemNoiseSd * r.normal();
    const noisePost = M.itemNoiseSd * r.normal();
    const aPre = answer(isEng ? eng : inn, k, noisePre);
    const aPost0 = answer(isEng ? engPost0 : innPost0, k, noisePost);
    const aPost1 = participant ? answer(isEng ? engPost0 + engEffect : innPost0 + innEffect, k, noisePost) : aPost0;
    const aPost = participant ? aPost1 : aPost0;
    answers[k] = missPre ? 0 : aPre;
    answers[ITEM_COUNT + k] = missPost ? 0 : aPost;
    const sPre = reverse ? 6 - aPre : aPre;
    const sPost = reverse ? 6 - aPost : aPost;
    const sPost0 = reverse ? 6 - aPost0 : aPost0;
    const sPost1 = reverse ? 6 - aPost1 : aPost1;
    if (isEng) {
      if (!missPre) (ePre += sPre), eN++;
      if (!missPost) (ePost += sPost), (ePost0 += sPost0), (ePost1 += sPost1), eNPost++;
    } else {
      if (!missPre) (iPre += sPre), iN++;
      if (!missPost) (iPost += sPost), (iPost0 += sPost0), (iPost1 += sPost1), iNPost++;
    }
  }
  return {
    id: `R${String(index + 1).padStart(7, "0")}`,
    company: company.id,
    age,
    generation,
    jobType,
    manager,
    layer,
    immobile,
    participant,
    kind,
    selection,
    latent: { engagement: eng, innovation: inn },
    answers,
    scores: {
      engagement: { pre: ePre / eN, post: ePost / eNPost, postUntreated: ePost0 / eNPost, postTreated: participant ? ePost1 / eNPost : Number.NaN },
      innovation: { pre: iPre / iN, post: iPost / iNPost, postUntreated: iPost0 / iNPost, postTreated: participant ? iPost1 / iNPost : Number.NaN },
    },
    career: drawCareer(cs, { generation, jobType, manager, layer, immobile }, CAREER_ROWS),
  };
}

const ANSWER_TEXT = [",", ",1", ",2", ",3", ",4", ",5"];

function linePrefix(p: GeneratedRespondent): string {
  return `${p.id},${p.company},${p.age},${p.generation},${p.jobType},${p.manager ? 1 : 0},${p.layer},${p.immobile ?? ""},${p.participant ? 1 : 0},${p.kind ?? ""},${p.selection ?? ""}`;
}

/** The respondent's line of respondents.csv (no value needs quoting, so it is built directly). */
export function respondentLine(p: GeneratedRespondent): string {
  let line = linePrefix(p);
  const a = p.answers;
  for (let k = 0; k < a.length; k++) line += ANSWER_TEXT[a[k]!]!;
  return line + careerCells(p.career) + "\n";
}

/** An upper bound of a line's length in bytes (every value is ASCII). */
export const MAX_LINE_BYTES = 64 + respondentColumns.length * 16;

/**
 * Writes the same line as {@link respondentLine} as ASCII bytes into `buf` at `offset` and returns
 * the new offset: the streaming writer's path, without building strings per answer.
 */
export function writeRespondentLine(p: GeneratedRespondent, buf: Buffer, offset: number): number {
  let o = offset + buf.write(linePrefix(p), offset, "latin1");
  const a = p.answers;
  for (let k = 0; k < a.length; k++) {
    buf[o++] = 44; // ","
    const v = a[k]!;
    if (v !== 0) buf[o++] = 48 + v;
  }
  o = writeCareerCells(p.career, buf, o);
  buf[o++] = 10; // "\n"
  return o;
}

/** The header line of respondents.csv. */
export const respondentHeader = respondentColumns.join(",") + "\n";

/**
 * The respondents of a dataset, one at a time: nothing is held, so a million rows need no more
 * memory than ten. Respondent i is the same for any n ≥ i and the same seed.
 */
export function* respondents(n: number, seed: number): Generator<GeneratedRespondent> {
  const companies = companyProfiles(seed);
  const weights = companies.map((c) => c.weight);
  const r = createRandom(`${seed}:respondents`);
  const cs = careerStreams(seed);
  for (let i = 0; i < n; i++) yield drawRespondent(r, i, companies, weights, cs);
}
