// Initiative ratings: which initiatives each company tried for each generation at each
// penetration step, how each ended and why, in a first survey and a second one after the
// consortium recommended each cell's top 3.
import {
  createRandom,
  generations,
  initiativeCatalogue,
  initiativeOutcomeTypes,
  penetrationSteps,
  type Generation,
  type InitiativeId,
  type InitiativeOutcome,
  type PenetrationStep,
  type Random,
} from "@koe/core";
import { companyIds } from "./companies.js";
import { choice, pick } from "./draw.js";
import { reasonsFor } from "./rating-reasons.js";

export type Cell = `${Generation}|${PenetrationStep}`;

/**
 * The built-in truth: in each generation × step cell, the three initiatives most companies find
 * effective, best first. キャリア1on1 leads every cell.
 */
export const TRUE_TOP3: Record<Cell, readonly [InitiativeId, InitiativeId, InitiativeId]> = {
  "young|know": ["one_on_one", "career_training", "business_introductions"],
  "young|understand": ["one_on_one", "career_training", "mentoring"],
  "young|deepen": ["one_on_one", "career_sheet_dialogue", "mentoring"],
  "young|practice": ["one_on_one", "job_posting", "cross_boundary_internal"],
  "mid|know": ["one_on_one", "e_learning", "career_training"],
  "mid|understand": ["one_on_one", "career_sheet_dialogue", "e_learning"],
  "mid|deepen": ["one_on_one", "career_sheet_dialogue", "inhouse_instructors"],
  "mid|practice": ["one_on_one", "cross_boundary_external", "job_posting"],
  "senior|know": ["one_on_one", "career_training", "hr_system_reform"],
  "senior|understand": ["one_on_one", "career_training", "career_sheet_dialogue"],
  "senior|deepen": ["one_on_one", "inhouse_instructors", "career_sheet_dialogue"],
  "senior|practice": ["one_on_one", "side_jobs", "cross_boundary_external"],
};

/**
 * The model behind initiative_ratings.csv. `effective` is the probability that a company which
 * tried the initiative ends with 実践して効果が出た; otherwise it was not practised with
 * probability `notPractisedShare` (for mandatory training `notPractisedShareMandatory`), else
 * practised without effect.
 */
export const RATING_MODEL = {
  /** P(tried) and P(effective) of the top 3, by rank. */
  top: { tried: [0.97, 0.9, 0.85], effective: [0.92, 0.75, 0.6] },
  /** P(tried) of the other initiatives; their P(effective) is their step affinity, at most `otherMaxEffective`. */
  otherTried: 0.4,
  otherMaxEffective: 0.32,
  /** Mandatory training is rarely tried for the mid generation (the meeting's finding). */
  mandatoryTriedMid: 0.04,
  mandatoryTried: 0.35,
  notPractisedShare: 0.4,
  notPractisedShareMandatory: 0.25,
  /**
   * The second survey, after the consortium recommended each cell's top 3: not-practised
   * initiatives are taken up, some without effect become effective, and companies start
   * recommended initiatives they had not tried.
   */
  wave2: {
    recommended: { takenUp: 0.6, takenUpEffective: 0.7, becomesEffective: 0.4, losesEffect: 0.03, newlyTried: 0.5 },
    other: { takenUp: 0.2, takenUpEffective: 0.3, becomesEffective: 0.1, losesEffect: 0.08, newlyTried: 0 },
  },
} as const;

/** How well each initiative suits each step (know, understand, deepen, practice) outside the top 3. */
const AFFINITY: Record<InitiativeId, readonly [number, number, number, number]> = {
  one_on_one: [0.3, 0.3, 0.3, 0.3],
  career_training: [0.3, 0.3, 0.2, 0.1],
  career_sheet_dialogue: [0.15, 0.3, 0.3, 0.2],
  e_learning: [0.3, 0.25, 0.1, 0.05],
  inhouse_instructors: [0.1, 0.2, 0.3, 0.2],
  cross_boundary_internal: [0.05, 0.15, 0.25, 0.3],
  cross_boundary_external: [0.05, 0.1, 0.25, 0.3],
  job_posting: [0.1, 0.1, 0.2, 0.3],
  mentoring: [0.15, 0.3, 0.3, 0.2],
  business_introductions: [0.35, 0.2, 0.1, 0.05],
  hr_system_reform: [0.2, 0.15, 0.15, 0.25],
  mandatory_training: [0.15, 0.1, 0.05, 0.05],
  career_consultation: [0.15, 0.25, 0.25, 0.15],
  self_assessment: [0.3, 0.25, 0.1, 0.05],
  side_jobs: [0.02, 0.05, 0.15, 0.3],
  study_groups: [0.1, 0.2, 0.3, 0.2],
};

export interface RatingProbability {
  generation: Generation;
  step: PenetrationStep;
  initiative: InitiativeId;
  /** 1–3 in the cell's true top 3, else null. */
  rank: number | null;
  tried: number;
  effective: number;
}

/** The true probabilities of every generation × step × initiative (the same for every seed). */
export function ratingProbabilities(): RatingProbability[] {
  const out: RatingProbability[] = [];
  for (const generation of generations.ids) {
    penetrationSteps.ids.forEach((step, s) => {
      const top = TRUE_TOP3[`${generation}|${step}`];
      for (const initiative of initiativeCatalogue.ids) {
        const k = top.indexOf(initiative);
        const rank = k >= 0 ? k + 1 : null;
        const mandatory = initiative === "mandatory_training";
        const tried =
          k >= 0 ? RATING_MODEL.top.tried[k]! : mandatory ? (generation === "mid" ? RATING_MODEL.mandatoryTriedMid : RATING_MODEL.mandatoryTried) : RATING_MODEL.otherTried;
        const effective = k >= 0 ? RATING_MODEL.top.effective[k]! : Math.min(AFFINITY[initiative][s]!, RATING_MODEL.otherMaxEffective);
        out.push({ generation, step, initiative, rank, tried, effective });
      }
    });
  }
  return out;
}

export const ratingColumnsJa = ["会社", "調査回", "世代", "浸透ステップ", "施策", "効果あり", "結果", "理由コード", "理由"];
/** The field ids the Japanese headers map to (`readInitiativeRatings`). */
export const ratingColumnIds = ["company", "wave", "generation", "step", "initiative", "effective", "outcome", "reason_code", "reason"];

export interface RatingRow {
  company: string;
  wave: 1 | 2;
  generation: Generation;
  step: PenetrationStep;
  initiative: InitiativeId;
  outcome: InitiativeOutcome;
  reasonCode: string;
  reason: string;
}

function firstOutcome(r: Random, p: RatingProbability): InitiativeOutcome {
  if (r.next() < p.effective) return "practised_effective";
  const share = p.initiative === "mandatory_training" ? RATING_MODEL.notPractisedShareMandatory : RATING_MODEL.notPractisedShare;
  return r.next() < share ? "not_practised" : "practised_no_effect";
}

function secondOutcome(r: Random, first: InitiativeOutcome, recommended: boolean): InitiativeOutcome {
  const w = recommended ? RATING_MODEL.wave2.recommended : RATING_MODEL.wave2.other;
  if (first === "not_practised") {
    if (r.next() >= w.takenUp) return first;
    return r.next() < w.takenUpEffective ? "practised_effective" : "practised_no_effect";
  }
  if (first === "practised_no_effect") return r.next() < w.becomesEffective ? "practised_effective" : first;
  return r.next() < w.losesEffect ? "practised_no_effect" : first;
}

function withReason(r: Random, row: Omit<RatingRow, "reasonCode" | "reason">): RatingRow {
  const options = reasonsFor(row.outcome, row.initiative);
  const reason = options[pick(options.map((o) => o.weight), r.next())]!;
  return { ...row, reasonCode: reason.code, reason: choice(r, reason.ja) };
}

/**
 * The ratings of both waves: wave 1 for every company, then wave 2. A company rates an initiative
 * in a cell only if it tried it there; in wave 2 it rates again what it tried, plus recommended
 * initiatives it started after the recommendation.
 */
export function generateRatings(seed: number): RatingRow[] {
  const r = createRandom(`${seed}:ratings`);
  const table = ratingProbabilities();
  const wave1: RatingRow[] = [];
  const wave2: RatingRow[] = [];
  for (const company of companyIds) {
    for (const p of table) {
      const recommended = p.rank !== null;
      const base = { company, generation: p.generation, step: p.step, initiative: p.initiative };
      if (r.next() < p.tried) {
        const first = withReason(r, { ...base, wave: 1, outcome: firstOutcome(r, p) });
        wave1.push(first);
        const outcome = secondOutcome(r, first.outcome, recommended);
        wave2.push(outcome === first.outcome ? { ...first, wave: 2 } : withReason(r, { ...base, wave: 2, outcome }));
      } else if (recommended && r.next() < RATING_MODEL.wave2.recommended.newlyTried) {
        wave2.push(withReason(r, { ...base, wave: 2, outcome: firstOutcome(r, p) }));
      }
    }
  }
  return [...wave1, ...wave2];
}

/** A rating as the Japanese export writes it: Japanese labels throughout. */
export function ratingCellsJa(row: RatingRow): (string | number)[] {
  return [
    row.company,
    row.wave,
    generations.label(row.generation),
    penetrationSteps.label(row.step),
    initiativeCatalogue.label(row.initiative),
    row.outcome === "practised_effective" ? "はい" : "いいえ",
    initiativeOutcomeTypes.label(row.outcome),
    row.reasonCode,
    row.reason,
  ];
}
