import { createRandom, initiativeCatalogue, initiativeOutcomes, penetrationSteps, generations } from "@koe/core";
import { companyIds } from "./respondents.js";

type Cell = `${string}|${string}`;

/**
 * The built-in truth: in each generation × step cell, three initiatives most companies find
 * effective (1on1 first everywhere), in this order.
 */
export const TRUE_TOP3: Record<Cell, [string, string, string]> = {
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
const TOP_EFFECTIVE = [0.9, 0.76, 0.62];
const OTHER_EFFECTIVE = 0.22;
const TOP_TRIED = 0.95;
const OTHER_TRIED = 0.45;
/** Mandatory training is rarely tried for the mid generation (the meeting's finding). */
const MANDATORY_MID_TRIED = 0.04;

export const REASONS: Record<string, { code: string; ja: string }[]> = {
  not_practised: [
    { code: "busy_season", ja: "繁忙期と重なり実施できなかった" },
    { code: "no_budget", ja: "予算が確保できなかった" },
    { code: "low_priority", ja: "他の施策を優先した" },
  ],
  practised_no_effect: [
    { code: "no_followup", ja: "実施後のフォローがなかった" },
    { code: "manager_not_engaged", ja: "上司が関心を持っていなかった" },
    { code: "sheet_quality", ja: "キャリアシートの質が低く対話が深まらなかった" },
    { code: "mandatory_resistance", ja: "強制感があり前向きに受け止められなかった" },
  ],
  practised_effective: [
    { code: "manager_engaged", ja: "上司が本人のキャリアに関心を持って関わった" },
    { code: "peer_dialogue", ja: "普段話さない同僚との対話で気づきがあった" },
    { code: "clear_goal", ja: "目的がはっきりしていて参加者が納得していた" },
  ],
};

export const ratingColumnsJa = ["会社", "調査回", "世代", "浸透ステップ", "施策", "効果あり", "結果", "理由コード", "理由"];

export interface RatingRow {
  company: string;
  wave: number;
  generation: string;
  step: string;
  initiative: string;
  effective: boolean;
  outcome: string;
  reasonCode: string;
  reason: string;
}

function outcomeOf(effective: boolean, u: number, mandatory: boolean): string {
  if (effective) return "practised_effective";
  return u < (mandatory ? 0.3 : 0.45) ? "not_practised" : "practised_no_effect";
}

/** Ratings of two waves: wave 2 follows the recommendations (some not-practised become practised, some no-effect become effective). */
export function generateRatings(seed: number): RatingRow[] {
  const r = createRandom(`${seed}:ratings`);
  const rows: RatingRow[] = [];
  const reason = (outcome: string) => {
    const options = REASONS[outcome]!;
    return options[r.int(options.length)]!;
  };
  for (const company of companyIds) {
    for (const generation of generations.ids) {
      for (const step of penetrationSteps.ids) {
        const top = TRUE_TOP3[`${generation}|${step}`]!;
        for (const initiative of initiativeCatalogue.ids) {
          const rank = top.indexOf(initiative);
          const mandatory = initiative === "mandatory_training";
          const tried = rank >= 0 ? TOP_TRIED : mandatory && generation === "mid" ? MANDATORY_MID_TRIED : OTHER_TRIED;
          if (r.next() >= tried) continue;
          const pEffective = rank >= 0 ? TOP_EFFECTIVE[rank]! : OTHER_EFFECTIVE;
          const effective = r.next() < pEffective;
          const outcome = outcomeOf(effective, r.next(), mandatory);
          const why = reason(outcome);
          rows.push({ company, wave: 1, generation, step, initiative, effective, outcome, reasonCode: why.code, reason: why.ja });
          // Wave 2: after the recommendation, recommended (top-3) initiatives are taken up more.
          let outcome2 = outcome;
          const push = rank >= 0 ? 0.6 : 0.25;
          if (outcome === "not_practised" && r.next() < push) outcome2 = r.next() < pEffective ? "practised_effective" : "practised_no_effect";
          else if (outcome === "practised_no_effect" && r.next() < push * 0.6) outcome2 = "practised_effective";
          else if (outcome === "practised_effective" && r.next() < 0.05) outcome2 = "practised_no_effect";
          const why2 = outcome2 === outcome ? why : reason(outcome2);
          rows.push({ company, wave: 2, generation, step, initiative, effective: outcome2 === "practised_effective", outcome: outcome2, reasonCode: why2.code, reason: why2.ja });
        }
      }
    }
  }
  return rows;
}

/** A rating as the Japanese export writes it: Japanese labels throughout. */
export function ratingCellsJa(row: RatingRow): (string | number)[] {
  return [
    row.company,
    row.wave,
    generations.label(row.generation as "young"),
    penetrationSteps.label(row.step as "know"),
    initiativeCatalogue.label(row.initiative as "one_on_one"),
    row.effective ? "はい" : "いいえ",
    initiativeOutcomes.label(row.outcome as "not_practised"),
    row.reasonCode,
    row.reason,
  ];
}
