// Why an initiative ended as it did: reason codes with the Japanese a company writes, which
// initiatives each reason can apply to, and how often it is given.
import type { InitiativeId, InitiativeOutcome } from "@koe/core";

export interface Reason {
  code: string;
  /** Ways a company words it (one is drawn). */
  ja: readonly string[];
  /** The initiatives it can apply to (all when absent). */
  only?: readonly InitiativeId[];
  /** Relative frequency among the reasons that apply. */
  weight: number;
}

const DIALOGUE: readonly InitiativeId[] = ["one_on_one", "career_sheet_dialogue", "mentoring", "career_consultation"];
const TRAINING: readonly InitiativeId[] = ["career_training", "e_learning", "mandatory_training", "inhouse_instructors"];
const VOLUNTARY: readonly InitiativeId[] = ["e_learning", "study_groups", "career_consultation", "job_posting", "business_introductions", "self_assessment", "side_jobs"];
const OUTSIDE: readonly InitiativeId[] = ["cross_boundary_internal", "cross_boundary_external", "side_jobs", "business_introductions", "job_posting"];

/** The reasons by outcome. 1on1 and career-sheet dialogues hinge on the manager and the season; sheets on their quality. */
export const REASONS: Record<InitiativeOutcome, readonly Reason[]> = {
  not_practised: [
    { code: "busy_season", ja: ["繁忙期と重なり実施できなかった", "繁忙期で現場の時間が確保できなかった"], weight: 3 },
    { code: "no_budget", ja: ["予算が確保できなかった", "今年度は予算がつかなかった"], weight: 1 },
    { code: "low_priority", ja: ["他の施策を優先した", "優先度が下がり見送った"], weight: 1.5 },
    { code: "no_owner", ja: ["推進する担当者が決まらなかった", "担当部署が決まらず立ち消えになった"], weight: 1 },
    { code: "manager_resistance", ja: ["管理職の理解が得られなかった", "現場の管理職から反対があった"], only: [...DIALOGUE, ...OUTSIDE], weight: 1.5 },
  ],
  practised_no_effect: [
    { code: "no_followup", ja: ["実施後のフォローがなかった", "やりっぱなしで振り返りの場がなかった"], weight: 2 },
    { code: "manager_not_engaged", ja: ["上司が部下のキャリアに関心を持っていなかった", "上司が形式的にこなすだけだった"], only: DIALOGUE, weight: 3 },
    { code: "busy_season", ja: ["繁忙期に実施したため形だけになった", "繁忙期で面談時間が短くなった"], only: DIALOGUE, weight: 2 },
    { code: "sheet_quality", ja: ["キャリアシートの質が低く対話が深まらなかった", "シートの記入が浅く、かえって逆効果になった"], only: ["career_sheet_dialogue"], weight: 4 },
    { code: "mandatory_resistance", ja: ["強制感があり前向きに受け止められなかった", "やらされ感が強く参加者の反発を招いた"], only: TRAINING, weight: 2 },
    { code: "low_participation", ja: ["参加者・利用者が少なかった", "手を挙げる人がほとんどいなかった"], only: VOLUNTARY, weight: 2 },
    { code: "no_placement", ja: ["戻った後に経験を活かす場がなかった", "経験を活かせる配置にならなかった"], only: OUTSIDE, weight: 2 },
  ],
  practised_effective: [
    { code: "manager_engaged", ja: ["上司が本人のキャリアに関心を持って関わった", "上司が親身に話を聞いてくれた"], only: DIALOGUE, weight: 3 },
    { code: "peer_dialogue", ja: ["普段話さない同僚との対話で気づきがあった", "他部署の人との対話が刺激になった"], only: ["career_sheet_dialogue", "study_groups", "inhouse_instructors", "cross_boundary_internal", "cross_boundary_external", "mentoring"], weight: 2 },
    { code: "clear_goal", ja: ["目的がはっきりしていて参加者が納得していた", "狙いを事前に共有できた"], weight: 1.5 },
    { code: "off_peak_timing", ja: ["繁忙期を避けて実施した", "閑散期に時間を取って実施できた"], weight: 1 },
    { code: "new_perspective", ja: ["社外・他部署の視点に触れて視野が広がった", "自社の事業を外から見直すきっかけになった"], only: OUTSIDE, weight: 2 },
    { code: "role_models", ja: ["身近なロールモデルに出会えた", "先輩の経験談が具体的で参考になった"], only: ["inhouse_instructors", "mentoring", "career_training", "business_introductions"], weight: 1.5 },
  ],
};

/** The reasons that can explain `outcome` for `initiative`, with their weights. */
export function reasonsFor(outcome: InitiativeOutcome, initiative: InitiativeId): readonly Reason[] {
  return REASONS[outcome].filter((r) => r.only === undefined || r.only.includes(initiative));
}
