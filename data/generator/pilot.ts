// dialogue_pilot.csv: working group 2's pilot of career-sheet dialogues with people of the immobile
// layer in 8 companies. Half took part in a dialogue; what it did depended on the career sheet
// used: a good sheet raised engagement, a poor one lowered it (the harm a pooled estimate hides).
import { createRandom, type Generation } from "@koe/core";
import { companyIds } from "./companies.js";
import { pick } from "./draw.js";

export const PILOT_MODEL = {
  people: 800,
  companies: 8,
  generationMix: { young: 0.3, mid: 0.35, senior: 0.35 },
  /** Each person takes part in a dialogue with this probability (randomised within the pilot). */
  dialogueShare: 0.5,
  /** P(good sheet) of a company: `goodSheetShare` + N(0, `goodSheetSd`²), kept within 0.3–0.9. */
  goodSheetShare: 0.6,
  goodSheetSd: 0.15,
  /**
   * Engagement (scale score 1–5): a true level `base` + generation + company (SD `companySd`) +
   * person (SD `personSd`); pre = level + error, post = level + `trend` + error + the effect of the
   * dialogue (errors SD `measurementSd`); both rounded to 2 decimals within 1–5.
   */
  engagement: { base: 2.6, generation: { young: 0.1, mid: 0, senior: -0.1 }, companySd: 0.15, personSd: 0.5, measurementSd: 0.25, trend: 0.03 },
  /** The true effect of a dialogue on post engagement, by the quality of the career sheet used. */
  effect: { good: 0.3, poor: -0.15 },
} as const;

export const pilotColumns = ["pilot_id", "company", "generation", "dialogue", "sheet_quality", "engagement_pre", "engagement_post"] as const;
export type SheetQuality = "good" | "poor";

export interface PilotRow {
  pilotId: string;
  company: string;
  generation: Generation;
  dialogue: boolean;
  sheetQuality: SheetQuality | null;
  pre: number;
  post: number;
  /** The post score had the person not taken part (equals `post` for the others); the same noise. */
  postUntreated: number;
}

const GENERATIONS: readonly Generation[] = ["young", "mid", "senior"];
const score = (x: number) => Math.round(Math.min(5, Math.max(1, x)) * 100) / 100;

/** The rows of dialogue_pilot.csv. */
export function generatePilot(seed: number): PilotRow[] {
  const P = PILOT_MODEL;
  const E = P.engagement;
  const r = createRandom(`${seed}:pilot`);
  // 8 of the 25 companies, in id order, each with its own level, size and share of good sheets.
  const ids = [...companyIds];
  for (let i = ids.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const companies = ids
    .slice(0, P.companies)
    .sort()
    .map((id) => ({ id, level: E.companySd * r.normal(), weight: 0.6 + 0.8 * r.next(), good: Math.min(0.9, Math.max(0.3, P.goodSheetShare + P.goodSheetSd * r.normal())) }));
  const weights = companies.map((c) => c.weight);
  const genWeights = GENERATIONS.map((g) => P.generationMix[g]);
  const rows: PilotRow[] = [];
  for (let i = 0; i < P.people; i++) {
    const c = companies[pick(weights, r.next())]!;
    const generation = GENERATIONS[pick(genWeights, r.next())]!;
    const dialogue = r.next() < P.dialogueShare;
    const quality: SheetQuality | null = dialogue ? (r.next() < c.good ? "good" : "poor") : null;
    const level = E.base + E.generation[generation] + c.level + E.personSd * r.normal();
    const pre = score(level + E.measurementSd * r.normal());
    const post0 = level + E.trend + E.measurementSd * r.normal();
    const postUntreated = score(post0);
    const post = quality ? score(post0 + P.effect[quality]) : postUntreated;
    rows.push({ pilotId: `P${String(i + 1).padStart(4, "0")}`, company: c.id, generation, dialogue, sheetQuality: quality, pre, post, postUntreated });
  }
  return rows;
}

/** The cells of a row of dialogue_pilot.csv. */
export const pilotCells = (x: PilotRow): (string | number | null)[] => [x.pilotId, x.company, x.generation, x.dialogue ? 1 : 0, x.sheetQuality, x.pre.toFixed(2), x.post.toFixed(2)];
