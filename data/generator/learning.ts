// learning.csv: the reskilling cycle (issue 11) — per respondent and half-year, the furthest stage
// of trigger (きっかけ) → place to learn (学びの場) → success experience (成功体験), who provided the
// learning (the company, or the person on their own), and whether the person learns autonomously.
// The autonomous share rises over the periods around a common slope, each company on its own
// trend; success in one period raises the chance of a trigger in the next (the cycle).
import { createRandom, type CareerLayer } from "@koe/core";
import { companyIds } from "./companies.js";
import { logistic, logit } from "./draw.js";

export const LEARNING_MODEL = {
  periods: 4,
  /**
   * log-odds of learning autonomously in period t: `base` + layer + company intercept (SD
   * `companyInterceptSd`) + (`commonSlope` + company slope (SD `companySlopeSd`)) × (t − 1) + the
   * person's own level (SD `personSd`, the same in every period).
   */
  autonomous: {
    base: logit(0.2),
    layer: { traditional: -0.7, interested: 0, practising: 0.9 },
    commonSlope: 0.35,
    companyInterceptSd: 0.4,
    companySlopeSd: 0.12,
    personSd: 0.8,
  },
  /** log-odds of a trigger: `base` + `autonomous` if learning autonomously + `afterSuccess` after a success experience in the period before. */
  trigger: { base: logit(0.3), autonomous: 1.2, afterSuccess: 0.9 },
  /** P(the learning is self-initiated | trigger), by whether the person learns autonomously; otherwise the company provided it. */
  selfInitiated: { autonomous: 0.75, notAutonomous: 0.15 },
  /** P(a place to learn | trigger), by source. */
  place: { company: 0.75, self: 0.6 },
  /** P(success experience | place), by source, in period 1; + `perPeriod` each later period. */
  success: { company: 0.42, self: 0.75, perPeriod: 0.03 },
} as const;

export const learningColumns = ["respondent_id", "company", "period", "stage", "source", "autonomous"] as const;
export const LEARNING_STAGES = ["none", "trigger", "place", "success"] as const;
export type LearningStage = (typeof LEARNING_STAGES)[number];
export type LearningSource = "company" | "self";

export interface LearningRow {
  respondentId: string;
  company: string;
  period: number;
  stage: LearningStage;
  source: LearningSource | null;
  autonomous: boolean;
  /** The true probability of learning autonomously in this period (for truth.json). */
  pAutonomous: number;
}

export interface LearningCompany {
  id: string;
  intercept: number;
  /** The company's own slope: the common slope plus its deviation. */
  slope: number;
}

/** The companies' trends in autonomous learning (fixed by the seed). */
export function learningCompanies(seed: number): LearningCompany[] {
  const r = createRandom(`${seed}:learning-companies`);
  const A = LEARNING_MODEL.autonomous;
  return companyIds.map((id) => ({ id, intercept: A.companyInterceptSd * r.normal(), slope: A.commonSlope + A.companySlopeSd * r.normal() }));
}

/** The true completion rate (success ÷ trigger or beyond) of a source in a period (1-based). */
export function trueCompletion(source: LearningSource, period: number): number {
  const L = LEARNING_MODEL;
  return L.place[source] * (L.success[source] + L.success.perPeriod * (period - 1));
}

/** The rows of learning.csv: every respondent, periods 1–4, in file order. */
export function generateLearning(people: readonly { id: string; company: string; layer: CareerLayer }[], seed: number): LearningRow[] {
  const L = LEARNING_MODEL;
  const A = L.autonomous;
  const companies = new Map(learningCompanies(seed).map((c) => [c.id, c]));
  const r = createRandom(`${seed}:learning`);
  const rows: LearningRow[] = [];
  for (const p of people) {
    const c = companies.get(p.company)!;
    const own = A.personSd * r.normal();
    let succeededBefore = false;
    for (let period = 1; period <= L.periods; period++) {
      const pAutonomous = logistic(A.base + A.layer[p.layer] + c.intercept + c.slope * (period - 1) + own);
      const autonomous = r.next() < pAutonomous;
      const trigger = r.next() < logistic(L.trigger.base + (autonomous ? L.trigger.autonomous : 0) + (succeededBefore ? L.trigger.afterSuccess : 0));
      let stage: LearningStage = "none";
      let source: LearningSource | null = null;
      if (trigger) {
        source = r.next() < (autonomous ? L.selfInitiated.autonomous : L.selfInitiated.notAutonomous) ? "self" : "company";
        stage = "trigger";
        if (r.next() < L.place[source]) {
          stage = "place";
          if (r.next() < L.success[source] + L.success.perPeriod * (period - 1)) stage = "success";
        }
      }
      succeededBefore = stage === "success";
      rows.push({ respondentId: p.id, company: p.company, period, stage, source, autonomous, pAutonomous });
    }
  }
  return rows;
}

/** The cells of a row of learning.csv. */
export const learningCells = (x: LearningRow): (string | number | null)[] => [x.respondentId, x.company, x.period, x.stage, x.source, x.autonomous ? 1 : 0];
