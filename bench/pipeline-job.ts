// The analyst's whole pipeline in koe, written with the public API as a user would:
// `tsx bench/pipeline-job.ts <respondents.csv> <ratings.csv>`; prints one JSON line as measure.ts expects.
// Five tasks, each timed (wall clock): read the CSV without a schema; scale scores (2 scales × 2
// waves) with alpha and omega; the top-3 matrix of initiative ratings; Welch + DiD of the change
// in engagement between participants and the others, with a 1,000-resample bootstrap stratified by
// group; logistic propensity + 1:1 nearest-neighbour matching (ATT) on six covariates.
// bench/pipeline_pandas.py does the same five tasks; run.ts compares the answers.
import * as aq from "arquero";
import { bootstrapWeighted, careerSurveyInstrument, estimateEffect, extendInitiativeCatalogue, readCsv, scoreScales, topInitiatives, welchTest } from "@koe/core";

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
  const pre = scored.table.array("engagement_pre") as Float64Array;
  const post = scored.table.array("engagement_post") as Float64Array;
  const change = Float64Array.from(post, (v, i) => v - pre[i]!);
  const welch = welchTest(scored.table.assign(aq.table({ engagement_change: change })), { outcome: "engagement_change", group: "cross_boundary" });
  // DiD of the change scores (participants − others), bootstrapped within each group.
  const group = scored.table.array("cross_boundary") as ArrayLike<unknown>;
  const keep: number[] = [];
  for (let i = 0; i < change.length; i++) if (change[i] === change[i] && group[i] !== null && group[i] !== undefined) keep.push(i);
  const c = Float64Array.from(keep, (i) => change[i]!);
  const treated = Uint8Array.from(keep, (i) => (Number(group[i]) === 1 ? 1 : 0));
  const did = (w: Uint16Array) => {
    let st = 0, nt = 0, sc = 0, nc = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]!;
      if (treated[i] === 1) {
        st += wi * c[i]!;
        nt += wi;
      } else {
        sc += wi * c[i]!;
        nc += wi;
      }
    }
    return st / nt - sc / nc;
  };
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

const means = Object.fromEntries(scored.scores.map((s) => {
  const v = scored.table.array(s.column) as Float64Array;
  let sum = 0, k = 0;
  for (const x of v) if (x === x) {
    sum += x;
    k++;
  }
  return [s.column, sum / k];
}));
console.log(JSON.stringify({
  seconds: +((performance.now() - start) / 1000).toFixed(3),
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
