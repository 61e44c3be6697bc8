// The career-ownership part of respondents.csv (issue 11): career awareness and action items and the
// traditional career view at both waves, the layer at wave 2 (a true transition matrix), the
// immobile layer's sub-type items with who would move (浮動層), and the penetration steps reached.
// Every value comes from its own named streams, never from the respondents' stream, so the
// columns written before (and everything drawn from them) keep their exact values.
import { createRandom, type CareerLayer, type Generation, type ImmobileType, type JobType, type Random } from "@koe/core";
import { logistic, logit, pick } from "./draw.js";

/**
 * The model behind the career-ownership columns. Latents are in SD-like units; an answer is the
 * latent minus the item's difficulty plus noise (SD `itemNoiseSd`), cut at `thresholds` into 1–5,
 * as for the engagement items.
 */
export const CAREER_MODEL = {
  /**
   * Mean career awareness and career action by layer (wave 1): traditional low / low, interested
   * high-ish / low, practising high / high — the gradient from lower left to upper right.
   */
  layerMeans: {
    traditional: { awareness: -0.9, action: -0.9, tradView: 0.9 },
    interested: { awareness: 0.4, action: -0.45, tradView: -0.3 },
    practising: { awareness: 1.0, action: 1.0, tradView: -0.8 },
  },
  /** Shift of the awareness and action latents for the immobile sub-types (on top of the traditional layer). */
  immobileShift: {
    unaware: { awareness: -0.4, action: 0 },
    never_positive: { awareness: 0, action: -0.3 },
    gave_up: { awareness: 0.25, action: 0 },
  },
  /** SD of a person's awareness and action around the layer mean; action = ρ·(awareness's own part) + …, ρ below. */
  personSd: 0.45,
  awarenessActionCorrelation: 0.5,
  tradViewSd: 0.5,
  /** Item difficulties: aware_01…03, action_01…03, trad_view. */
  difficulty: { aware: [-0.2, 0.1, 0.2], action: [0.1, 0.3, 0.4], tradView: 0 },
  itemNoiseSd: 0.6,
  thresholds: [-1.5, -0.5, 0.5, 1.5],
  /** From wave 1 to wave 2 a person's latents move by the change of layer mean plus own change (SD). */
  changeSd: 0.3,
  /**
   * The true transition matrix between the layers, wave 1 (row) → wave 2 (column), for each layer
   * as a whole. Moving down is "positive once, then gave up".
   */
  transitions: {
    traditional: { traditional: 0.86, interested: 0.12, practising: 0.02 },
    interested: { traditional: 0.05, interested: 0.8, practising: 0.15 },
    practising: { traditional: 0.02, interested: 0.08, practising: 0.9 },
  },
  /**
   * The immobile who are not movable barely move (this row); the rest of the traditional layer
   * moves correspondingly more, so that the layer as a whole follows `transitions.traditional`.
   */
  stuckTransitions: { traditional: 0.97, interested: 0.03, practising: 0 },
  /** Share of each immobile sub-type that would move given a trigger (浮動層): about half overall. */
  movableShare: { unaware: 0.6, never_positive: 0.35, gave_up: 0.5 },
  /**
   * The immobile items (imm_unaware, imm_never, imm_gave_up): latent = base by layer + `ownType`
   * for the item of the person's own sub-type + `otherImmobile` for the other two + person noise.
   */
  immobileItems: {
    base: { traditional: -0.4, interested: -1.0, practising: -1.5 },
    ownType: 1.9,
    otherImmobile: 0.3,
    personSd: 0.4,
    difficulty: [0, 0, 0.1],
  },
  /** imm_open 「きっかけがあれば考えてみてもいい」: latent by group (the movable immobile high, the others low). */
  openItem: { movable: 1.1, stuck: -1.1, traditional: 0.2, interested: 0.6, practising: 0.8, personSd: 0.4 },
  /** Each item answer is blank with this probability (missing completely at random); the steps are never blank. */
  missingRate: 0.02,
  /**
   * Penetration steps: the log-odds of reaching a step given the one before (know: of everyone) is
   * `base[step]` + shifts for generation, job type, manager and non-manager seniors (every step).
   * Frontline staff and non-manager seniors are lowest.
   */
  steps: {
    base: { know: logit(0.85), understand: logit(0.7), deepen: logit(0.5), practice: logit(0.4) },
    generation: { young: 0, mid: 0.2, senior: -0.2 },
    jobType: { technical: 0.2, clerical: 0.1, frontline: -0.55 },
    manager: 0.6,
    seniorNonManager: -0.35,
  },
  /** Share of respondents who answer the steps non-cumulatively (a step below the highest left 0, or one above ticked). */
  nonCumulativeRate: 0.015,
} as const;

export const STEP_IDS = ["know", "understand", "deepen", "practice"] as const;
export type StepId = (typeof STEP_IDS)[number];
const LAYERS: readonly CareerLayer[] = ["traditional", "interested", "practising"];
const C = CAREER_MODEL;

/** The item columns with a wave (pre, then post), then the immobile items and the steps. */
export const careerItemIds = ["aware_01", "aware_02", "aware_03", "action_01", "action_02", "action_03", "trad_view"] as const;
export const immobileItemColumns = ["imm_unaware", "imm_never", "imm_gave_up", "imm_open"] as const;
export const stepColumns: readonly string[] = STEP_IDS.map((s) => `step_${s}`);

/** The columns appended to respondents.csv, in order. */
export const careerColumns: readonly string[] = [
  ...careerItemIds.map((i) => `${i}_pre`),
  ...careerItemIds.map((i) => `${i}_post`),
  "layer_post",
  ...immobileItemColumns,
  ...stepColumns,
];

const ITEMS = careerItemIds.length;

/** What the career-ownership columns hold for one respondent, and the latents behind them. */
export interface CareerAnswers {
  /** Latent awareness, action and traditional view at wave 1 and 2. */
  latent: { awareness: [number, number]; action: [number, number]; tradView: [number, number] };
  layerPost: CareerLayer;
  /** For the immobile: would move given a trigger (浮動層). False for everyone else. */
  movable: boolean;
  /** The 7 items pre, then the 7 post, then the 4 immobile items: 1–5, 0 = blank. */
  answers: Int8Array;
  /** The steps as answered, 1/0. */
  steps: Uint8Array;
  /** The number of steps truly reached (0–4), cumulatively. */
  reached: number;
  /** Whether the answer was written non-cumulatively. */
  nonCumulative: boolean;
}

/** The streams the career-ownership columns draw from: one per concept, none shared with the other files. */
export interface CareerStreams {
  layers: Random;
  immobile: Random;
  steps: Random;
}

export function careerStreams(seed: number): CareerStreams {
  return { layers: createRandom(`${seed}:layers`), immobile: createRandom(`${seed}:immobile`), steps: createRandom(`${seed}:steps`) };
}

/** P(not movable) among the immobile, from the sub-type mix and the movable shares. */
function stuckShareOfImmobile(mix: Record<ImmobileType, number>): number {
  let s = 0;
  for (const t of Object.keys(mix) as ImmobileType[]) s += mix[t] * (1 - C.movableShare[t]);
  return s;
}

/**
 * The transition rows each person follows: the layer's row, except that within the traditional
 * layer the stuck immobile follow `stuckTransitions` and everyone else a row chosen so that the
 * layer as a whole follows `transitions.traditional` (`stuckShare` = share of the traditional
 * layer that is immobile and not movable).
 */
export function transitionRows(stuckShare: number): { mobileTraditional: Record<CareerLayer, number>; stuck: Record<CareerLayer, number> } {
  const row = C.transitions.traditional;
  const stuck = C.stuckTransitions;
  const mobile = (l: CareerLayer) => (row[l] - stuckShare * stuck[l]) / (1 - stuckShare);
  return { mobileTraditional: { traditional: mobile("traditional"), interested: mobile("interested"), practising: mobile("practising") }, stuck: { ...stuck } };
}

/** The model's share of the traditional layer that is immobile and not movable. */
export function modelStuckShare(immobileShare: number, mix: Record<ImmobileType, number>): number {
  return immobileShare * stuckShareOfImmobile(mix);
}

/** The true cumulative probability of reaching each step (know … practice) in a cell. */
export function stepProbabilities(generation: Generation, jobType: JobType, manager: boolean): number[] {
  const s = C.steps;
  const shift = s.generation[generation] + s.jobType[jobType] + (manager ? s.manager : 0) + (generation === "senior" && !manager ? s.seniorNonManager : 0);
  let p = 1;
  return STEP_IDS.map((step) => (p *= logistic(s.base[step] + shift)));
}

const [T1, T2, T3, T4] = C.thresholds;
const cut = (y: number): number => (y > T4 ? 5 : y > T3 ? 4 : y > T2 ? 3 : y > T1 ? 2 : 1);

/** An item answer: cut latent − difficulty + noise into 1–5, blank (0) with the missing rate. */
function item(r: Random, latent: number, difficulty: number): number {
  const a = cut(latent - difficulty + C.itemNoiseSd * r.normal());
  return r.next() < C.missingRate ? 0 : a;
}

/** stepProbabilities of every cell, computed once (the draw runs a million times). */
const stepCache = new Map<string, number[]>();
function cachedStepProbabilities(generation: Generation, jobType: JobType, manager: boolean): number[] {
  const key = `${generation}|${jobType}|${manager}`;
  let p = stepCache.get(key);
  if (p === undefined) stepCache.set(key, (p = stepProbabilities(generation, jobType, manager)));
  return p;
}
const NO_SHIFT = { awareness: 0, action: 0 } as const;
const IMMOBILE_TYPES: readonly ImmobileType[] = ["unaware", "never_positive", "gave_up"];

/** The person's inputs from the respondents' draw. */
export interface CareerPerson {
  generation: Generation;
  jobType: JobType;
  manager: boolean;
  layer: CareerLayer;
  immobile: ImmobileType | null;
}

/**
 * Draws the career-ownership answers of one respondent from the streams `s` (one call per
 * respondent, in file order, so row i is the same for any number of rows).
 */
export function drawCareer(s: CareerStreams, p: CareerPerson, rows: ReturnType<typeof transitionRows>): CareerAnswers {
  const answers = new Int8Array(2 * ITEMS + immobileItemColumns.length);
  // Layers: latents, wave-2 layer, items of both waves.
  const r = s.layers;
  const m = C.layerMeans[p.layer];
  const shift = p.immobile ? C.immobileShift[p.immobile] : NO_SHIFT;
  const z1 = r.normal();
  const z2 = r.normal();
  const rho = C.awarenessActionCorrelation;
  const aware0 = m.awareness + shift.awareness + C.personSd * z1;
  const action0 = m.action + shift.action + C.personSd * (rho * z1 + Math.sqrt(1 - rho * rho) * z2);
  const trad0 = m.tradView + C.tradViewSd * r.normal();
  const movable = p.immobile !== null && s.immobile.next() < C.movableShare[p.immobile];
  const row = p.layer !== "traditional" ? C.transitions[p.layer] : p.immobile !== null && !movable ? rows.stuck : rows.mobileTraditional;
  const layerPost = LAYERS[pick([row.traditional, row.interested, row.practising], r.next())]!;
  const m2 = C.layerMeans[layerPost];
  const aware1 = aware0 + (m2.awareness - m.awareness) + C.changeSd * r.normal();
  const action1 = action0 + (m2.action - m.action) + C.changeSd * r.normal();
  const trad1 = trad0 + (m2.tradView - m.tradView) + C.changeSd * r.normal();
  const d = C.difficulty;
  for (let wave = 0; wave < 2; wave++) {
    const a = wave === 0 ? aware0 : aware1;
    const b = wave === 0 ? action0 : action1;
    const t = wave === 0 ? trad0 : trad1;
    const o = wave * ITEMS;
    for (let k = 0; k < 3; k++) answers[o + k] = item(r, a, d.aware[k]!);
    for (let k = 0; k < 3; k++) answers[o + 3 + k] = item(r, b, d.action[k]!);
    answers[o + 6] = item(r, t, d.tradView);
  }
  // The immobile items: the own sub-type's item high; imm_open high for the movable.
  const q = s.immobile;
  const I = C.immobileItems;
  const person = I.personSd * q.normal();
  for (let k = 0; k < 3; k++) {
    const own = p.immobile === IMMOBILE_TYPES[k] ? I.ownType : p.immobile !== null ? I.otherImmobile : 0;
    answers[2 * ITEMS + k] = item(q, I.base[p.layer] + own + person + I.personSd * q.normal(), I.difficulty[k]!);
  }
  const O = C.openItem;
  const open = p.immobile !== null ? (movable ? O.movable : O.stuck) : O[p.layer];
  answers[2 * ITEMS + 3] = item(q, open + O.personSd * q.normal(), 0);
  // Penetration steps: reached cumulatively; a few answer non-cumulatively.
  const st = s.steps;
  const probs = cachedStepProbabilities(p.generation, p.jobType, p.manager);
  const v = st.next();
  let reached = 0;
  while (reached < 4 && v < probs[reached]!) reached++;
  const steps = new Uint8Array(4);
  for (let k = 0; k < reached; k++) steps[k] = 1;
  const nonCumulative = st.next() < C.nonCumulativeRate;
  if (nonCumulative) {
    if (reached >= 2) steps[st.int(reached - 1)] = 0; // a step below the highest left unticked
    else steps[reached + 1 + st.int(3 - reached)] = 1; // a step above the next one ticked
  }
  return { latent: { awareness: [aware0, aware1], action: [action0, action1], tradView: [trad0, trad1] }, layerPost, movable, answers, steps, reached, nonCumulative };
}

const ANSWER_TEXT = [",", ",1", ",2", ",3", ",4", ",5"];

/** The appended cells of a respondent's line, each with its leading comma. */
export function careerCells(c: CareerAnswers): string {
  let out = "";
  const a = c.answers;
  for (let k = 0; k < 2 * ITEMS; k++) out += ANSWER_TEXT[a[k]!]!;
  out += `,${c.layerPost}`;
  for (let k = 2 * ITEMS; k < a.length; k++) out += ANSWER_TEXT[a[k]!]!;
  for (let k = 0; k < 4; k++) out += c.steps[k] === 1 ? ",1" : ",0";
  return out;
}

const LAYER_BYTES = new Map(LAYERS.map((l) => [l, Buffer.from(`,${l}`, "latin1")]));

/** Writes the same cells as {@link careerCells} as ASCII bytes into `buf` at `o`; returns the new offset (the streaming path). */
export function writeCareerCells(c: CareerAnswers, buf: Buffer, o: number): number {
  const a = c.answers;
  for (let k = 0; k < a.length; k++) {
    if (k === 2 * ITEMS) o += LAYER_BYTES.get(c.layerPost)!.copy(buf, o);
    buf[o++] = 44; // ","
    if (a[k] !== 0) buf[o++] = 48 + a[k]!;
  }
  for (let k = 0; k < 4; k++) {
    buf[o++] = 44;
    buf[o++] = 48 + c.steps[k]!;
  }
  return o;
}
