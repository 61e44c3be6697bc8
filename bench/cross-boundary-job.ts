// Benchmark job: the cross-boundary analyses on a large respondents file (5% participants,
// 25 companies): scoring, balance, matching, weighting, DiD with 999 wild-bootstrap draws.
// `tsx bench/cross-boundary-job.ts <respondents.csv> <scores.csv>`; prints one JSON line.
import { balanceTable, careerSurveyInstrument, differenceInDifferences, estimateEffect, readRespondents, scoreScales, writeCsv } from "@koe/core";

const [path, scoresOut] = process.argv.slice(2) as [string, string];
const times: Record<string, number> = {};
const time = <T>(name: string, f: () => T): T => {
  const t0 = performance.now();
  const r = f();
  times[name] = +((performance.now() - t0) / 1000).toFixed(3);
  return r;
};
const t0 = performance.now();
const { table } = await readRespondents(path);
times.read = +((performance.now() - t0) / 1000).toFixed(3);
const scored = time("score scales", () => scoreScales(table, careerSurveyInstrument, { reliability: false }).table);
const data = scored.select("respondent_id", "company", "generation", "manager", "cross_boundary", "engagement_pre", "engagement_post").reify();
await writeCsv(data, scoresOut, { excel: false });
const covariates = ["engagement_pre", "generation", "manager"];
const opts = { outcome: "engagement_post", treatment: "cross_boundary", covariates, cluster: "company" };
const balance = time("balance", () => balanceTable(data, { treatment: "cross_boundary", covariates }));
const matching = time("matching", () => estimateEffect(data, { ...opts, method: "matching" }));
const weighting = time("weighting", () => estimateEffect(data, { ...opts, method: "weighting" }));
const did = time("did + 999 wild draws", () => differenceInDifferences(data, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", cluster: "company", bootstrap: { draws: 999, seed: 1, weights: "webb" } }));
console.log(JSON.stringify({
  seconds: +((performance.now() - t0) / 1000).toFixed(3),
  times,
  results: { smdPre: balance.rows[0]!.smd, matching: matching.estimate, pairs: matching.nMatched, weighting: weighting.estimate, did: did.estimate, didSe: did.stdError, wild: did.wildBootstrap },
  maxRssKB: process.resourceUsage().maxRSS,
}));
