// The numbers of truth.json as the Markdown block of data/README.md (between the markers below),
// so that the README never states a number the data does not have: the CLI rewrites the block and
// a test checks it.
import { codebook } from "./codebook.js";
import { careerLayers, generations, initiativeCatalogue, initiativeOutcomeTypes, jobTypes, penetrationSteps, type Generation, type InitiativeId, type JobType } from "@koe/core";
import type { DatasetTruth } from "./dataset.js";

export const TRUTH_BEGIN = "<!-- truth:begin (written by data/generate.ts from truth.json; do not edit) -->";
export const TRUTH_END = "<!-- truth:end -->";

const f3 = (x: number) => x.toFixed(3);
const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ja = (id: string) => initiativeCatalogue.label(id as InitiativeId, "ja");
const codeJa = (id: string) => codebook.codes.find((c) => c.id === id)?.ja ?? id;

/** The block (markers included). */
export function truthMarkdown(truth: DatasetTruth): string {
  const r = truth.respondents;
  const e = r.engagement;
  const i = r.innovation;
  const row = (label: string, a: string, b: string) => `| ${label} | ${a} | ${b} |`;
  const lines: string[] = [TRUTH_BEGIN, ""];
  lines.push(
    `Seed ${truth.generator.seed}, generator version ${truth.generator.version}: ${r.respondents.toLocaleString("en")} respondents, ` +
      `${r.participants} cross-boundary participants (${pct(r.participantShare)}; ${r.participantsByKind.internal} internal, ${r.participantsByKind.external} external; ` +
      `${r.participantsBySelection.self_nominated} self-nominated, ${r.participantsBySelection.appointed} appointed), ${pct(r.missingAnswerShare)} of answers blank.`,
    "",
    "| on the observed scale score (mean of items, reverse keys applied) | engagement | innovation |",
    "|---|---|---|",
    row("mean before: participants / non-participants", `${f3(e.meanPre.participants)} / ${f3(e.meanPre.nonParticipants)}`, `${f3(i.meanPre.participants)} / ${f3(i.meanPre.nonParticipants)}`),
    row("**baseline gap** of participants (SD of the pre score)", `**${f3(e.baselineGapSd)}**`, `**${f3(i.baselineGapSd)}**`),
    row("… self-nominated / appointed", `${f3(e.baselineGapSdBySelection.self_nominated)} / ${f3(e.baselineGapSdBySelection.appointed)}`, `${f3(i.baselineGapSdBySelection.self_nominated)} / ${f3(i.baselineGapSdBySelection.appointed)}`),
    row("**true effect on the participants (ATT)**", `**${f3(e.trueAtt)}**`, `**${f3(i.trueAtt)}**`),
    row("… internal / external", `${f3(e.trueAttByKind.internal)} / ${f3(e.trueAttByKind.external)}`, `${f3(i.trueAttByKind.internal)} / ${f3(i.trueAttByKind.external)}`),
    row("… self-nominated / appointed", `${f3(e.trueAttBySelection.self_nominated)} / ${f3(e.trueAttBySelection.appointed)}`, `${f3(i.trueAttBySelection.self_nominated)} / ${f3(i.trueAttBySelection.appointed)}`),
    row("naive: difference of post means (biased upward)", f3(e.naiveDifferencePost), f3(i.naiveDifferencePost)),
    row("naive: participants' before → after change (includes the common trend)", f3(e.naivePrePostChange), f3(i.naivePrePostChange)),
    row("difference-in-differences of the raw means", f3(e.naiveDid), f3(i.naiveDid)),
    "",
  );
  const ini = truth.initiatives;
  lines.push(
    `Initiative ratings: ${ini.rows.toLocaleString("en")} rows (wave 1: ${ini.rowsByWave[1]}, wave 2: ${ini.rowsByWave[2]}, of which ${ini.newlyTriedInWave2} newly tried). ` +
      "Each cell: the true top 3, best first, with the number of the 25 companies rating it effective in wave 1 (the observed top 3 by that count is the same set in every cell).",
    "",
    `| 世代 \\ 浸透ステップ | ${penetrationSteps.ids.map((s) => penetrationSteps.label(s)).join(" | ")} |`,
    `|---|${penetrationSteps.ids.map(() => "---").join("|")}|`,
  );
  for (const g of generations.ids) {
    const cells = penetrationSteps.ids.map((s) => {
      const cell = ini.cells[`${g}|${s}`] as { trueTop3: string[]; effectiveCompanies: Record<string, number> };
      return cell.trueTop3.map((id) => `${ja(id)} (${cell.effectiveCompanies[id]})`).join(", ");
    });
    lines.push(`| ${generations.label(g)} | ${cells.join(" | ")} |`);
  }
  const m = ini.mandatoryTrainingTried;
  const tr = ini.transitions;
  lines.push(
    "",
    `強制的な研修 was tried in ${pct(m.mid!)} of company × step pairs for 中堅 (若手 ${pct(m.young!)}, シニア ${pct(m.senior!)}). ` +
      `Wave 1 → wave 2: of ${Object.values(tr.not_practised!).reduce((a, b) => a + b, 0)} not practised, ${tr.not_practised!.practised_no_effect! + tr.not_practised!.practised_effective!} were practised in wave 2; ` +
      `of ${Object.values(tr.practised_no_effect!).reduce((a, b) => a + b, 0)} practised without effect, ${tr.practised_no_effect!.practised_effective} became effective. ` +
      `Outcomes in wave 1: ${initiativeOutcomeTypes.ids.map((o) => `${initiativeOutcomeTypes.label(o)} ${ini.outcomesByWave[1][o]}`).join(", ")}.`,
    "",
  );
  const c = truth.comments;
  const shown = ["work_motivation", "idea_use", "no_mutual_understanding", "no_opportunity", "hr_led_transfers", "career_unclear", "gave_up"];
  const segs = Object.keys(c.bySegment);
  lines.push(
    `Comments: ${c.rows} rows from ${c.respondents} respondents. Share of each segment's comments voicing a code:`,
    "",
    `| code | ${segs.map((s) => `${s} (${c.bySegment[s]!.comments})`).join(" | ")} |`,
    `|---|${segs.map(() => "---").join("|")}|`,
    ...shown.map((code) => `| ${codeJa(code)} \`${code}\` | ${segs.map((s) => pct((c.bySegment[s]!.share as Record<string, number>)[code] ?? 0)).join(" | ")} |`),
    "",
    ...careerMarkdown(truth),
    TRUTH_END,
  );
  return lines.join("\n");
}

const LAYERS = ["traditional", "interested", "practising"] as const;

/** The issue-11 part of the block: layers and moves, penetration, the immobile items, the reskilling cycle. */
function careerMarkdown(truth: DatasetTruth): string[] {
  const L = truth.layers;
  const lines: string[] = [];
  const o = L.shares.overall;
  lines.push(
    `Career-ownership layers: wave 1 ${LAYERS.map((l) => `${careerLayers.label(l)} ${pct(o.wave1[l]!)}`).join(", ")}; wave 2 ${LAYERS.map((l) => `${pct(o.wave2[l]!)}`).join(" / ")}. ` +
      `Moves wave 1 → wave 2, realised (true) row shares:`,
    "",
    `| wave 1 \\ wave 2 | ${LAYERS.map((l) => careerLayers.label(l)).join(" | ")} | n |`,
    "|---|---|---|---|---|",
    ...LAYERS.map((from) => {
      const n = LAYERS.reduce((s, to) => s + L.realisedCounts[from][to], 0);
      return `| ${careerLayers.label(from)} | ${LAYERS.map((to) => `${pct(L.realisedShares[from]![to]!)} (${pct(L.trueMatrix[from][to])})`).join(" | ")} | ${n.toLocaleString("en")} |`;
    }),
    "",
    `Net flow toward practice ${pct(L.netFlowTowardPractice.realised)} of everyone (expected ${pct(L.netFlowTowardPractice.expected)}); ${L.movedUp} moved up, ${L.movedBack} moved back ` +
      `(${pct(L.movedBackShareOfPositive)} of the interested and practising). Mean scores at wave 1 (awareness / action / traditional view): ` +
      `${LAYERS.map((l) => `${careerLayers.label(l)} ${f2(L.meanScoresWave1[l]!.awareness)} / ${f2(L.meanScoresWave1[l]!.action)} / ${f2(L.meanScoresWave1[l]!.tradView)}`).join("; ")}.`,
    "",
  );
  const P = truth.penetration;
  const cells = P.cells as Record<string, { n: number; trueCumulative: number[]; answered: number[] }>;
  lines.push(
    `Penetration steps, share ticking each step (know / understand / deepen / practice) in the file, and the true cumulative share of practice; ${P.nonCumulativeAnswers} respondents (${pct(P.nonCumulativeShare)}) answered non-cumulatively:`,
    "",
    "| 世代 | 職種 | 管理職 | n | 知る / 理解 / 深化 / 実践 | true 実践 |",
    "|---|---|---|---|---|---|",
    ...Object.entries(cells).map(([key, c]) => {
      const [g, j, m] = key.split("|");
      return `| ${generations.label(g as Generation)} | ${jobTypes.label(j as JobType)} | ${m === "1" ? "管理職" : "非管理職"} | ${c.n} | ${c.answered.map(pct).join(" / ")} | ${pct(c.trueCumulative[3]!)} |`;
    }),
    "",
  );
  const I = truth.immobileItems;
  lines.push(
    `Immobile items: ${I.movable.unaware + I.movable.never_positive + I.movable.gave_up} of the immobile would move (${pct(I.movableShare)}; imm_open ${f2(I.openByMovable.movable.imm_open)} vs ${f2(I.openByMovable.notMovable.imm_open)}); ` +
      `the highest of the three sub-type items names the person's own sub-type for ${pct(I.highestItemIsOwnSubType)} of the ${I.immobileWithUniqueHighest} immobile with one highest item.`,
    "",
  );
  const R = truth.reskilling;
  lines.push(
    `Reskilling cycle (learning.csv), per period: autonomous share (expected), people reaching trigger / place / success, completion (success ÷ trigger or beyond) company-provided / self-initiated (true):`,
    "",
    "| period | autonomous | trigger / place / success | completion: company | self |",
    "|---|---|---|---|---|",
    ...R.byPeriod.map((b) => {
      const cs = b.completionBySource as Record<string, { rate: number; trueRate: number }>;
      return `| ${b.period} | ${pct(b.autonomousShare)} (${pct(b.expectedAutonomousShare)}) | ${b.reached.trigger} / ${b.reached.place} / ${b.reached.success} | ${pct(cs.company!.rate)} (${pct(cs.company!.trueRate)}) | ${pct(cs.self!.rate)} (${pct(cs.self!.trueRate)}) |`;
    }),
    "",
    `After a success experience ${pct(R.cycleCarryOver.afterSuccess.share)} had a trigger in the next period, after none ${pct(R.cycleCarryOver.afterNoSuccess.share)}. True common slope of the autonomous share: ${R.trueCommonSlope} log-odds per period.`,
    "",
  );
  const D = truth.pilot;
  const g = (k: "control" | "good" | "poor") => D.realised[k];
  lines.push(
    `Dialogue pilot (dialogue_pilot.csv): ${D.people} people in ${D.companies.length} companies (${D.companies.join(", ")}), ${D.dialogue} in a dialogue, ${pct(D.goodSheetShare)} of them with a good sheet.`,
    "",
    "| group | n | engagement before | after | change | true effect (on the written scores) | difference-in-differences |",
    "|---|---|---|---|---|---|---|",
    `| no dialogue | ${g("control").n} | ${f3(g("control").meanPre)} | ${f3(g("control").meanPost)} | ${f3(g("control").meanChange)} | — | — |`,
    `| dialogue, good sheet | ${g("good").n} | ${f3(g("good").meanPre)} | ${f3(g("good").meanPost)} | ${f3(g("good").meanChange)} | **${D.trueEffect.good.toFixed(2)}** (${f3(D.sampleEffect.good)}) | ${f3(D.did.good)} |`,
    `| dialogue, poor sheet | ${g("poor").n} | ${f3(g("poor").meanPre)} | ${f3(g("poor").meanPost)} | ${f3(g("poor").meanChange)} | **${D.trueEffect.poor.toFixed(2)}** (${f3(D.sampleEffect.poor)}) | ${f3(D.did.poor)} |`,
    `| dialogue, pooled | ${D.dialogue} | | | | (${f3(D.sampleEffect.pooled)}) | ${f3(D.did.pooled)} |`,
    "",
  );
  return lines;
}

/** `readme` with its truth block replaced by the block of `truth` (unchanged if it has no markers). */
export function withTruthBlock(readme: string, truth: DatasetTruth): string {
  const a = readme.indexOf(TRUTH_BEGIN);
  const b = readme.indexOf(TRUTH_END);
  if (a < 0 || b < a) return readme;
  return readme.slice(0, a) + truthMarkdown(truth) + readme.slice(b + TRUTH_END.length);
}
