// The analyst's whole pipeline in koe, written with the public API as a user would:
// `tsx bench/pipeline-job.ts <respondents.csv> <ratings.csv>`; prints one JSON line as measure.ts expects.
// Five tasks, each timed (wall clock): read the CSV without a schema; scale scores (2 scales × 2
// waves) with alpha and omega; the top-3 matrix of initiative ratings; Welch + DiD of the change
// in engagement between participants and the others, with a 1,000-resample bootstrap stratified by
// group; logistic propensity + 1:1 nearest-neighbour matching (ATT) on six covariates.
// bench/pipeline_pandas.py does the same five tasks; run.ts compares the answers.
import { bootstrapWeighted, careerSurveyInstrument, estimateEffect, extendInitiativeCatalogue, readCsv, scoreScales, topInitiatives } from "@koe/core";
import { changeScoreComparison } from "./welch-task.js";

const [path, ratingsPath] = process.argv.slice(2) as [string, string];
const times: Record<string, number> = {};
const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await f();
  times[name] = +((performance.now() - t0) / 1000).toFixed(3);
  return r;
};
const start = performance.now();

const { table } = await time("read", () => readCsv(path));

const scored = await time("scales", () => scoreScales(table, careerSurveyInstrument));

const top = await time("top3", async () => {
  const { table: ratings } = await readCsv(ratingsPath);
  const extra = [...new Set(ratings.array("initiative") as string[])].filter((id) => id.startsWith("extra_"));
  return topInitiatives(ratings, { catalogue: extendInitiativeCatalogue(extra.map((id) => ({ id, ja: id, en: id }))) });
});

const compare = await time("welch", () => {
  const { welch, c, treated, did } = changeScoreComparison(scored.table);
  const boot = bootstrapWeighted(c.length, did, { resamples: 1000, seed: 1, strata: treated });
  return { welch, boot };
});

const matching = await time("matching", () =>
  estimateEffect(scored.table, {
    outcome: "engagement_post",
    treatment: "cross_boundary",
    covariates: ["engagement_pre", "innovation_pre", "age", "generation", "job_type", "manager"],
    method: "matching",
  }),
);

// The five tasks end here; what follows only gathers the answers run.ts compares (pandas' script stops its clock at the same point).
const seconds = +((performance.now() - start) / 1000).toFixed(3);
const means = Object.fromEntries(scored.scores.map((s) => {
  const v = scored.table.column(s.column) as unknown as ArrayLike<number>;
  let sum = 0, k = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x === x) {
      sum += x;
      k++;
    }
  }
  return [s.column, sum / k];
}));
console.log(JSON.stringify({
  seconds,
  times,
  rows: table.numRows(),
  results: {
    scaleMeans: means,
    alpha: Object.fromEntries(scored.reliability.map((r) => [`${r.scale}_${r.wave}`, r.alpha])),
    omega: Object.fromEntries(scored.reliability.map((r) => [`${r.scale}_${r.wave}`, r.omega])),
    top3: Object.fromEntries(top.cells.map((cell) => [`${cell.row}|${cell.column}|${cell.rank}|${cell.initiative}`, cell.companies])),
    welchT: compare.welch.statistic,
    welchDf: compare.welch.df,
    did: compare.boot.estimate,
    didBootSe: compare.boot.stdError,
    matchingAtt: matching.estimate,
    matchedPairs: matching.nMatched,
  },
  maxRssKB: process.resourceUsage().maxRSS,
}));
