// What the generator built into the issue-11 data, measured on the data it wrote: the layers at
// both waves and how people moved between them, how far career ownership has spread (penetration
// steps), how the immobile items relate to the sub-types, and the reskilling cycle.
import { generations, jobTypes, type CareerLayer, type ImmobileType } from "@koe/core";
import { CAREER_MODEL, modelStuckShare, STEP_IDS, stepProbabilities, transitionRows } from "./career.js";
import { round6 } from "./draw.js";
import { PILOT_MODEL, type PilotRow } from "./pilot.js";
import { LEARNING_MODEL, LEARNING_STAGES, trueCompletion, type LearningCompany, type LearningRow, type LearningSource } from "./learning.js";
import { RESPONDENT_MODEL, type GeneratedRespondent } from "./respondents.js";
import { countBy, mean } from "./truth.js";

const LAYERS: readonly CareerLayer[] = ["traditional", "interested", "practising"];
const IMMOBILE: readonly ImmobileType[] = ["unaware", "never_positive", "gave_up"];
const rank = (l: CareerLayer) => LAYERS.indexOf(l);

/** Mean of the answered items at positions `from … from + count` of the career answers (0 = blank). */
function itemScore(a: Int8Array, from: number, count: number): number {
  let s = 0;
  let n = 0;
  for (let k = from; k < from + count; k++) {
    if (a[k] !== 0) (s += a[k]!), n++;
  }
  return n === 0 ? Number.NaN : s / n;
}

/** Shares of the layers (and the count) in a group, at wave 1 and at wave 2. */
function layerShares(group: readonly GeneratedRespondent[]) {
  const share = (key: (p: GeneratedRespondent) => CareerLayer) => {
    const counts = countBy(group, key, LAYERS);
    return Object.fromEntries(LAYERS.map((l) => [l, round6(counts[l]! / group.length)]));
  };
  return { n: group.length, wave1: share((p) => p.layer), wave2: share((p) => p.career.layerPost) };
}

/** By segment value: generation, job type, manager. */
function bySegments<T>(people: readonly GeneratedRespondent[], f: (g: readonly GeneratedRespondent[]) => T) {
  return {
    generation: Object.fromEntries(generations.ids.map((g) => [g, f(people.filter((p) => p.generation === g))])),
    job_type: Object.fromEntries(jobTypes.ids.map((j) => [j, f(people.filter((p) => p.jobType === j))])),
    manager: { 1: f(people.filter((p) => p.manager)), 0: f(people.filter((p) => !p.manager)) },
  };
}

/** The truth about the layers at both waves and the moves between them. */
export function layerTruth(people: readonly GeneratedRespondent[]) {
  const counts = Object.fromEntries(LAYERS.map((from) => [from, Object.fromEntries(LAYERS.map((to) => [to, 0]))])) as Record<CareerLayer, Record<CareerLayer, number>>;
  for (const p of people) counts[p.layer][p.career.layerPost]++;
  const rowTotal = (from: CareerLayer) => LAYERS.reduce((s, to) => s + counts[from][to], 0);
  const realisedShares = Object.fromEntries(LAYERS.map((from) => [from, Object.fromEntries(LAYERS.map((to) => [to, round6(counts[from][to] / rowTotal(from))]))]));
  let up = 0;
  let down = 0;
  let expectedNet = 0;
  for (const from of LAYERS) {
    for (const to of LAYERS) {
      if (rank(to) > rank(from)) (up += counts[from][to]), (expectedNet += rowTotal(from) * CAREER_MODEL.transitions[from][to]);
      if (rank(to) < rank(from)) (down += counts[from][to]), (expectedNet -= rowTotal(from) * CAREER_MODEL.transitions[from][to]);
    }
  }
  const positive = rowTotal("interested") + rowTotal("practising");
  const stuckShare = modelStuckShare(RESPONDENT_MODEL.immobileShare, RESPONDENT_MODEL.immobileMix);
  const rows = transitionRows(stuckShare);
  const scores = (g: readonly GeneratedRespondent[], wave: 0 | 1) => {
    const o = wave * 7;
    return {
      awareness: round6(mean(g.map((p) => itemScore(p.career.answers, o, 3)))),
      action: round6(mean(g.map((p) => itemScore(p.career.answers, o + 3, 3)))),
      tradView: round6(mean(g.map((p) => itemScore(p.career.answers, o + 6, 1)))),
    };
  };
  return {
    /** Shares of the three layers at wave 1 (`layer`) and wave 2 (`layer_post`), overall and by segment. */
    shares: { overall: layerShares(people), ...bySegments(people, layerShares) },
    /** The true transition matrix (row: wave 1, column: wave 2) of each layer as a whole. */
    trueMatrix: CAREER_MODEL.transitions,
    /** Within the traditional layer: the row of the immobile who are not movable, and of everyone else. */
    trueRowsWithinTraditional: { stuck: rows.stuck, others: Object.fromEntries(LAYERS.map((l) => [l, round6(rows.mobileTraditional[l])])), stuckShareModel: round6(stuckShare) },
    realisedCounts: counts,
    realisedShares,
    /** People who moved up a layer or more, and down (positive once, then gave up). */
    movedUp: up,
    movedBack: down,
    /** (moved up − moved back) ÷ everyone: realised, and expected from the true matrix given the wave-1 layers. */
    netFlowTowardPractice: { realised: round6((up - down) / people.length), expected: round6(expectedNet / people.length) },
    /** Moved back ÷ everyone, and ÷ those who could (interested or practising at wave 1). */
    movedBackShare: round6(down / people.length),
    movedBackShareOfPositive: round6(down / positive),
    /** Mean observed scores (mean of answered items) by layer at wave 1 — the gradient from lower left to upper right. */
    meanScoresWave1: Object.fromEntries(LAYERS.map((l) => [l, scores(people.filter((p) => p.layer === l), 0)])),
    meanScoresWave2: Object.fromEntries(LAYERS.map((l) => [l, scores(people.filter((p) => p.career.layerPost === l), 1)])),
  };
}

/** The truth about the penetration steps: per generation × job type × manager cell, true and realised cumulative shares. */
export function penetrationTruth(people: readonly GeneratedRespondent[]) {
  const cells: Record<string, unknown> = {};
  for (const g of generations.ids) {
    for (const j of jobTypes.ids) {
      for (const m of [false, true]) {
        const here = people.filter((p) => p.generation === g && p.jobType === j && p.manager === m);
        const answered = STEP_IDS.map((_, k) => round6(here.filter((p) => p.career.steps[k] === 1).length / Math.max(here.length, 1)));
        const reached = STEP_IDS.map((_, k) => round6(here.filter((p) => p.career.reached > k).length / Math.max(here.length, 1)));
        cells[`${g}|${j}|${m ? 1 : 0}`] = {
          n: here.length,
          trueCumulative: stepProbabilities(g, j, m).map(round6),
          /** Shares reached (the true level, before non-cumulative answering). */
          reachedCumulative: reached,
          /** Shares ticking each step in the file. */
          answered,
        };
      }
    }
  }
  const nonCumulative = people.filter((p) => p.career.steps.some((v, k) => k < 3 && v === 0 && p.career.steps[k + 1] === 1)).length;
  return {
    steps: STEP_IDS,
    /** Cell key: `generation|job_type|manager` (manager 1/0). */
    cells,
    overallAnswered: Object.fromEntries(STEP_IDS.map((s, k) => [s, round6(people.filter((p) => p.career.steps[k] === 1).length / people.length)])),
    /** Respondents whose answers in the file are not cumulative (a step ticked after one left blank). */
    nonCumulativeAnswers: nonCumulative,
    nonCumulativeShare: round6(nonCumulative / people.length),
  };
}

/** The truth about the immobile items: their means by sub-type and layer, who is movable, and how well the highest item names the sub-type. */
export function immobileItemsTruth(people: readonly GeneratedRespondent[]) {
  const columns = ["imm_unaware", "imm_never", "imm_gave_up", "imm_open"] as const;
  const means = (g: readonly GeneratedRespondent[]) => ({
    n: g.length,
    ...(Object.fromEntries(columns.map((c, k) => [c, round6(mean(g.map((p) => (p.career.answers[14 + k] === 0 ? Number.NaN : p.career.answers[14 + k]!))))])) as Record<(typeof columns)[number], number>),
  });
  const immobile = people.filter((p) => p.immobile !== null);
  let ownHighest = 0;
  let uniqueHighest = 0;
  for (const p of immobile) {
    const a = [p.career.answers[14]!, p.career.answers[15]!, p.career.answers[16]!];
    const top = Math.max(...a);
    if (top === 0 || a.filter((v) => v === top).length > 1) continue;
    uniqueHighest++;
    if (IMMOBILE[a.indexOf(top)] === p.immobile) ownHighest++;
  }
  return {
    /** imm_unaware, imm_never, imm_gave_up go with the sub-types unaware, never_positive, gave_up; imm_open with being movable. */
    itemOfSubType: { unaware: "imm_unaware", never_positive: "imm_never", gave_up: "imm_gave_up" },
    meansBySubType: Object.fromEntries(IMMOBILE.map((t) => [t, means(people.filter((p) => p.immobile === t))])),
    meansOutsideImmobile: {
      traditional: means(people.filter((p) => p.layer === "traditional" && p.immobile === null)),
      interested: means(people.filter((p) => p.layer === "interested")),
      practising: means(people.filter((p) => p.layer === "practising")),
    },
    /** imm_open among the immobile who would move (浮動層) and who would not. */
    openByMovable: { movable: means(immobile.filter((p) => p.career.movable)), notMovable: means(immobile.filter((p) => !p.career.movable)) },
    movableShareModel: CAREER_MODEL.movableShare,
    movable: Object.fromEntries(IMMOBILE.map((t) => [t, immobile.filter((p) => p.immobile === t && p.career.movable).length])) as Record<ImmobileType, number>,
    movableShare: round6(immobile.filter((p) => p.career.movable).length / immobile.length),
    /** Of the immobile with one highest of the three sub-type items: the share whose highest item is their own sub-type's. */
    highestItemIsOwnSubType: round6(ownHighest / uniqueHighest),
    immobileWithUniqueHighest: uniqueHighest,
  };
}

/** The truth about the reskilling cycle in learning.csv. */
export function reskillingTruth(rows: readonly LearningRow[], companies: readonly LearningCompany[]) {
  const periods = Array.from({ length: LEARNING_MODEL.periods }, (_, i) => i + 1);
  const sources: readonly LearningSource[] = ["company", "self"];
  const beyond = (r: LearningRow) => r.stage !== "none";
  const completion = (g: readonly LearningRow[]) => {
    const started = g.filter(beyond);
    return { triggered: started.length, success: started.filter((r) => r.stage === "success").length, rate: round6(started.filter((r) => r.stage === "success").length / started.length) };
  };
  const byPeriod = periods.map((t) => {
    const here = rows.filter((r) => r.period === t);
    return {
      period: t,
      rows: here.length,
      autonomousShare: round6(here.filter((r) => r.autonomous).length / here.length),
      /** The mean of the true probabilities: what the share would be on average over the draws. */
      expectedAutonomousShare: round6(mean(here.map((r) => r.pAutonomous))),
      stages: countBy(here, (r) => r.stage, LEARNING_STAGES),
      /** People reaching at least trigger, place, success (the flow). */
      reached: { trigger: here.filter(beyond).length, place: here.filter((r) => r.stage === "place" || r.stage === "success").length, success: here.filter((r) => r.stage === "success").length },
      completion: completion(here),
      completionBySource: Object.fromEntries(sources.map((s) => [s, { ...completion(here.filter((r) => r.source === s)), trueRate: round6(trueCompletion(s, t)) }])),
    };
  });
  // The cycle: trigger in period t + 1 after a success in t, or after none.
  const next = new Map(rows.map((r) => [`${r.respondentId}|${r.period}`, r]));
  const after = { success: { n: 0, trigger: 0 }, noSuccess: { n: 0, trigger: 0 } };
  for (const r of rows) {
    const n = next.get(`${r.respondentId}|${r.period + 1}`);
    if (!n) continue;
    const g = r.stage === "success" ? after.success : after.noSuccess;
    g.n++;
    if (beyond(n)) g.trigger++;
  }
  return {
    periods: LEARNING_MODEL.periods,
    /** The common slope of the autonomous share per period, on the log-odds scale (conditional on person and company). */
    trueCommonSlope: LEARNING_MODEL.autonomous.commonSlope,
    companies: companies.map((c) => ({
      id: c.id,
      intercept: round6(c.intercept),
      slope: round6(c.slope),
      autonomousShare: periods.map((t) => {
        const here = rows.filter((r) => r.company === c.id && r.period === t);
        return here.length === 0 ? null : round6(here.filter((r) => r.autonomous).length / here.length);
      }),
    })),
    byPeriod,
    completionBySource: Object.fromEntries(sources.map((s) => [s, completion(rows.filter((r) => r.source === s))])),
    /** P(trigger in t + 1) after a success experience in t and after none: realised (the true log-odds shift is `model.trigger.afterSuccess`). */
    cycleCarryOver: {
      afterSuccess: { ...after.success, share: round6(after.success.trigger / after.success.n) },
      afterNoSuccess: { ...after.noSuccess, share: round6(after.noSuccess.trigger / after.noSuccess.n) },
      trueLogOddsShift: LEARNING_MODEL.trigger.afterSuccess,
    },
  };
}

/** The truth about the career-sheet dialogue pilot: the true effects by sheet quality and what the file shows. */
export function pilotTruth(rows: readonly PilotRow[]) {
  const groups = { control: rows.filter((r) => !r.dialogue), good: rows.filter((r) => r.sheetQuality === "good"), poor: rows.filter((r) => r.sheetQuality === "poor") };
  const stats = (g: readonly PilotRow[]) => ({
    n: g.length,
    meanPre: round6(mean(g.map((r) => r.pre))),
    meanPost: round6(mean(g.map((r) => r.post))),
    meanChange: round6(mean(g.map((r) => r.post - r.pre))),
  });
  const change = (g: readonly PilotRow[]) => mean(g.map((r) => r.post - r.pre));
  const sampleEffect = (g: readonly PilotRow[]) => round6(mean(g.map((r) => r.post - r.postUntreated)));
  const treated = rows.filter((r) => r.dialogue);
  return {
    people: rows.length,
    companies: [...new Set(rows.map((r) => r.company))].sort(),
    generations: countBy(rows, (r) => r.generation, generations.ids),
    dialogue: treated.length,
    goodSheetShare: round6(groups.good.length / treated.length),
    /** The effect of a dialogue on post engagement built in, by sheet quality. */
    trueEffect: PILOT_MODEL.effect,
    /** The same on the written (rounded, within 1–5) scores: mean over the participants of post − post had they not taken part (same noise). */
    sampleEffect: { good: sampleEffect(groups.good), poor: sampleEffect(groups.poor), pooled: sampleEffect(treated) },
    realised: { control: stats(groups.control), good: stats(groups.good), poor: stats(groups.poor) },
    /** Difference-in-differences of the raw means against the people without a dialogue: per quality, and pooled (what hides the harm). */
    did: {
      good: round6(change(groups.good) - change(groups.control)),
      poor: round6(change(groups.poor) - change(groups.control)),
      pooled: round6(change(treated) - change(groups.control)),
    },
  };
}
