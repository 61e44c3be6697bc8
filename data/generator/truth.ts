// What the generator built in, measured on the data it wrote: the true effects of cross-boundary
// assignments on the observed scores, the selection gap, the naive comparisons an analysis must
// not be fooled by, the true top 3 of every initiative cell, and the codes of every comment.
import { generations, initiativeCatalogue, initiativeOutcomeTypes, penetrationSteps } from "@koe/core";
import { CAREER_MODEL } from "./career.js";
import { COMMENT_MODEL, type CommentRow } from "./comments.js";
import { COMPANY_MODEL, type CompanyProfile } from "./companies.js";
import { round3, round6 } from "./draw.js";
import { LEARNING_MODEL } from "./learning.js";
import { PILOT_MODEL } from "./pilot.js";
import { RATING_MODEL, ratingProbabilities, TRUE_TOP3, type Cell, type RatingRow } from "./ratings.js";
import { RESPONDENT_MODEL, type GeneratedRespondent } from "./respondents.js";
import type { TranscriptInfo, TranscriptRow } from "./transcripts.js";

export function mean(xs: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    s += x;
    n++;
  }
  return n === 0 ? Number.NaN : s / n;
}

function sd(xs: readonly number[]): number {
  const m = mean(xs);
  let ss = 0;
  let n = 0;
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    ss += (x - m) ** 2;
    n++;
  }
  return Math.sqrt(ss / (n - 1));
}

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dy = ys[i]! - my;
    sxy += (x - mx) * dy;
    sxx += (x - mx) ** 2;
    syy += dy * dy;
  });
  return sxy / Math.sqrt(sxx * syy);
}

export function countBy<T>(xs: readonly T[], key: (x: T) => string | null, order?: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of order ?? []) out[k] = 0;
  for (const x of xs) {
    const k = key(x);
    if (k !== null) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

type Scale = "engagement" | "innovation";

/** The effects and gaps of one scale (observed scale scores: mean of answered items, reverse keys applied). */
function scaleTruth(people: readonly GeneratedRespondent[], scale: Scale) {
  const t = people.filter((p) => p.participant);
  const c = people.filter((p) => !p.participant);
  const pre = (g: readonly GeneratedRespondent[]) => mean(g.map((p) => p.scores[scale].pre));
  const post = (g: readonly GeneratedRespondent[]) => mean(g.map((p) => p.scores[scale].post));
  const att = (g: readonly GeneratedRespondent[]) => round6(mean(g.map((p) => p.scores[scale].postTreated - p.scores[scale].postUntreated)));
  const preSd = sd(people.map((p) => p.scores[scale].pre));
  const gap = (g: readonly GeneratedRespondent[]) => round6((pre(g) - pre(c)) / preSd);
  return {
    meanPre: { participants: round6(pre(t)), nonParticipants: round6(pre(c)) },
    meanPost: { participants: round6(post(t)), nonParticipants: round6(post(c)) },
    preSd: round6(preSd),
    /** (mean pre of participants − mean pre of non-participants) / SD of pre over everyone. */
    baselineGapSd: gap(t),
    baselineGapSdBySelection: { self_nominated: gap(t.filter((p) => p.selection === "self_nominated")), appointed: gap(t.filter((p) => p.selection === "appointed")) },
    /** The true average effect on the treated: mean over participants of post(took part) − post(had not), same noise. */
    trueAtt: att(t),
    trueAttByKind: { internal: att(t.filter((p) => p.kind === "internal")), external: att(t.filter((p) => p.kind === "external")) },
    trueAttBySelection: { self_nominated: att(t.filter((p) => p.selection === "self_nominated")), appointed: att(t.filter((p) => p.selection === "appointed")) },
    /** Naive estimates an analysis should beat: post-period difference of means, participants' before-after change, and the difference-in-differences. */
    naiveDifferencePost: round6(post(t) - post(c)),
    naivePrePostChange: round6(post(t) - pre(t)),
    naiveDid: round6(post(t) - pre(t) - (post(c) - pre(c))),
  };
}

/** The truth about the respondents. */
export function respondentTruth(people: readonly GeneratedRespondent[], companies: readonly CompanyProfile[]) {
  const t = people.filter((p) => p.participant);
  let missing = 0;
  let cells = 0;
  for (const p of people) {
    for (const a of p.answers) {
      cells++;
      if (a === 0) missing++;
    }
  }
  return {
    respondents: people.length,
    companies: companies.map((c) => {
      const own = people.filter((p) => p.company === c.id);
      return {
        id: c.id,
        kind: c.kind,
        respondents: own.length,
        participants: own.filter((p) => p.participant).length,
        engagementEffect: round3(c.engagementEffect),
        participationEffect: round3(c.participationEffect),
      };
    }),
    generations: countBy(people, (p) => p.generation, generations.ids),
    managersByGeneration: countBy(people.filter((p) => p.manager), (p) => p.generation, generations.ids),
    layers: countBy(people, (p) => p.layer, ["traditional", "interested", "practising"]),
    immobileTypes: countBy(people, (p) => p.immobile, ["unaware", "never_positive", "gave_up"]),
    jobTypes: countBy(people, (p) => p.jobType, ["technical", "clerical", "frontline"]),
    missingAnswerShare: round6(missing / cells),
    latentCorrelation: round6(correlation(people.map((p) => p.latent.engagement), people.map((p) => p.latent.innovation))),
    participants: t.length,
    participantShare: round6(t.length / people.length),
    participantsByKind: countBy(t, (p) => p.kind, ["internal", "external"]),
    participantsBySelection: countBy(t, (p) => p.selection, ["self_nominated", "appointed"]),
    engagement: scaleTruth(people, "engagement"),
    innovation: scaleTruth(people, "innovation"),
  };
}

/** The truth about the initiative ratings: the true table, the true and observed top 3, and the wave-2 changes. */
export function ratingTruth(rows: readonly RatingRow[]) {
  const cells: Record<string, unknown> = {};
  const probabilities = ratingProbabilities();
  const wave1 = rows.filter((r) => r.wave === 1);
  const wave2 = rows.filter((r) => r.wave === 2);
  for (const generation of generations.ids) {
    for (const step of penetrationSteps.ids) {
      const cell: Cell = `${generation}|${step}`;
      const here = wave1.filter((r) => r.generation === generation && r.step === step);
      const effective = countBy(here.filter((r) => r.outcome === "practised_effective"), (r) => r.initiative);
      const tried = countBy(here, (r) => r.initiative);
      const ranked = initiativeCatalogue.ids
        .map((id) => ({ id, n: effective[id] ?? 0 }))
        .sort((a, b) => b.n - a.n || initiativeCatalogue.ids.indexOf(a.id) - initiativeCatalogue.ids.indexOf(b.id));
      cells[cell] = {
        trueTop3: TRUE_TOP3[cell],
        /** Wave 1: companies (of 25) that tried each initiative and that rated it effective, best first. */
        observedTop3: ranked.slice(0, 3).map((x) => x.id),
        effectiveCompanies: Object.fromEntries(ranked.map((x) => [x.id, x.n])),
        triedCompanies: Object.fromEntries(initiativeCatalogue.ids.map((id) => [id, tried[id] ?? 0])),
        /** [P(tried), P(effective | tried)] of every initiative. */
        probabilities: Object.fromEntries(
          probabilities.filter((p) => p.generation === generation && p.step === step).map((p) => [p.initiative, [p.tried, p.effective]]),
        ),
      };
    }
  }
  const key = (r: RatingRow) => `${r.company}|${r.generation}|${r.step}|${r.initiative}`;
  const first = new Map(wave1.map((r) => [key(r), r.outcome]));
  const transitions: Record<string, Record<string, number>> = {};
  for (const from of initiativeOutcomeTypes.ids) transitions[from] = Object.fromEntries(initiativeOutcomeTypes.ids.map((to) => [to, 0]));
  let newlyTried = 0;
  for (const r of wave2) {
    const from = first.get(key(r));
    if (from === undefined) newlyTried++;
    else transitions[from]![r.outcome]!++;
  }
  const mandatory = (g: string) => wave1.filter((r) => r.initiative === "mandatory_training" && r.generation === g).length / (25 * penetrationSteps.ids.length);
  return {
    rows: rows.length,
    rowsByWave: { 1: wave1.length, 2: wave2.length },
    cells,
    /** Wave 1 → wave 2 outcomes of the same company × generation × step × initiative. */
    transitions,
    newlyTriedInWave2: newlyTried,
    /** Share of company × step pairs in which mandatory training was tried (wave 1), by generation. */
    mandatoryTrainingTried: Object.fromEntries(generations.ids.map((g) => [g, round3(mandatory(g))])),
    outcomesByWave: { 1: countBy(wave1, (r) => r.outcome, initiativeOutcomeTypes.ids), 2: countBy(wave2, (r) => r.outcome, initiativeOutcomeTypes.ids) },
    reasonCodes: Object.fromEntries(initiativeOutcomeTypes.ids.map((o) => [o, countBy(rows.filter((r) => r.outcome === o), (r) => r.reasonCode)])),
  };
}

/** The truth about the comments: the codes of every row and how the themes tilt by segment. */
export function commentTruth(rows: readonly CommentRow[]) {
  const segments = ["participant", "unaware", "never_positive", "gave_up", "other"];
  const bySegment = Object.fromEntries(
    segments.map((s) => {
      const here = rows.filter((r) => r.segment === s);
      const counts = countBy(here.flatMap((r) => r.codes), (c) => c);
      return [s, { comments: here.length, share: Object.fromEntries(Object.entries(counts).sort().map(([c, n]) => [c, round3(n / Math.max(here.length, 1))])) }];
    }),
  );
  return {
    rows: rows.length,
    respondents: new Set(rows.map((r) => r.respondentId)).size,
    questions: countBy(rows, (r) => r.question),
    codeCounts: countBy(rows.flatMap((r) => r.codes), (c) => c),
    /** Per segment: comments, and the share of its comments voicing each code. */
    bySegment,
    /** The codes each row of comments.csv was written to voice, in file order. */
    codesByRow: rows.map((r) => r.codes),
  };
}

/** The truth about the interviews: who was interviewed and the codes of every turn. */
export function transcriptTruth(rows: readonly TranscriptRow[], interviews: readonly TranscriptInfo[]) {
  return interviews.map((i) => {
    const turns = rows.filter((r) => r.transcriptId === i.transcriptId);
    return {
      ...i,
      turns: turns.length,
      codesBySegment: Object.fromEntries(turns.filter((t) => t.codes.length > 0).map((t) => [String(t.segment), t.codes])),
    };
  });
}

/** The model parameters of every file, as written in truth.json → model. */
export const MODEL = {
  companies: COMPANY_MODEL,
  respondents: RESPONDENT_MODEL,
  ratings: RATING_MODEL,
  comments: COMMENT_MODEL,
  career: CAREER_MODEL,
  learning: LEARNING_MODEL,
  pilot: PILOT_MODEL,
};
