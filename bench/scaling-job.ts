// Linearity of the study functions: `tsx bench/scaling-job.ts <respondents.csv> <repeats>` runs each
// study on the respondents file (and on the bundled learning and pilot tables tiled to as many rows)
// `repeats` times and prints one JSON line as measure.ts expects: the fastest wall-clock seconds of
// each study (steady state, not the first run's compilation) and the rows it read. run.ts's
// `scaling` suite runs it at 10^4, 10^5 and 10^6 rows and fits time ∝ n^b per study.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  careerSurveyInstrument, countsReport, crossBoundaryReport, DialoguePilotRecord, estimateEffect, immobileProfile, layerDistribution, layerTransitions, LearningRecord,
  moderatedEffectReport, penetrationFunnel, readCsv, readRespondents, reskillingCycle, scoreScales, segmentProfile, segmentRespondents, type Table,
} from "@koe/core";

const [path, repeatsArg] = process.argv.slice(2) as [string, string];
const repeats = Number(repeatsArg ?? 1);
const data = (file: string) => fileURLToPath(new URL(`../data/${file}`, import.meta.url));

const { table } = await readRespondents(path);
const rows = table.numRows();

/** The bundled table repeated until it has `n` rows; each copy's ids get a suffix so that people stay distinct. */
async function tiled(file: string, schema: typeof LearningRecord | typeof DialoguePilotRecord, idColumn: string, n: number): Promise<Table> {
  const base = (await readCsv(data(file), { schema })).table;
  const copies = Math.max(1, Math.round(n / base.numRows()));
  const ids = base.array(idColumn) as string[];
  const parts = Array.from({ length: copies }, (_, k) => base.assign({ [idColumn]: ids.map((id) => `${id}-${k}`) }));
  return parts.slice(1).reduce((all, part) => all.concat(part), parts[0]!);
}
const learning = await tiled("learning.csv", LearningRecord, "respondent_id", rows);
const pilot = await tiled("dialogue_pilot.csv", DialoguePilotRecord, "pilot_id", rows);
const scored = scoreScales(table, careerSurveyInstrument).table;

const studies: Record<string, () => unknown> = {
  scoreScales: () => scoreScales(table, careerSurveyInstrument),
  countsReport: () => countsReport(table, { row: "company", column: "generation", split: "cross_boundary" }),
  crossBoundaryReport: () => crossBoundaryReport(table, { seed: 1 }),
  "estimateEffect (matching)": () => estimateEffect(scored, { outcome: "engagement_post", treatment: "cross_boundary", covariates: ["engagement_pre", "innovation_pre", "age", "generation", "job_type", "manager"], method: "matching" }),
  segmentRespondents: () => segmentRespondents(table),
  segmentProfile: () => segmentProfile(scored, { segment: "layer", by: "generation", scores: ["engagement_pre", "innovation_pre"] }),
  layerDistribution: () => layerDistribution(table, { layer: "layer", by: "generation" }),
  layerTransitions: () => layerTransitions(table, { before: "layer", after: "layer_post" }),
  penetrationFunnel: () => penetrationFunnel(table, { by: ["generation", "job_type", "manager"] }),
  immobileProfile: () => immobileProfile(table, { by: "generation" }),
  moderatedEffectReport: () => moderatedEffectReport(pilot, { pre: "engagement_pre", post: "engagement_post", treatment: "dialogue", moderator: "sheet_quality", cluster: "company" }),
  reskillingCycle: () => reskillingCycle(learning),
};

const seconds: Record<string, number> = {};
const tableRows: Record<string, number> = {};
for (const [name, run] of Object.entries(studies)) {
  let best = Infinity;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  seconds[name] = +best.toFixed(4);
  tableRows[name] = name === "moderatedEffectReport" ? pilot.numRows() : name === "reskillingCycle" ? learning.numRows() : rows;
}
console.log(JSON.stringify({ rows, seconds, tableRows, maxRssKB: process.resourceUsage().maxRSS }));
