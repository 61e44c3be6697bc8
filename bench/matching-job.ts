// The pipeline's matching task alone: `tsx bench/matching-job.ts <respondents.csv> [repeats]`; reads
// the file with readCsv (no schema), scores the scales, then times estimateEffect (logistic
// propensity + 1:1 nearest-neighbour matching on six covariates, as bench/pipeline-job.ts) `repeats`
// times (default 3) and prints one JSON line with each time (wall and CPU), the peak memory, and the answers
// (estimate, SE, pairs, a digest of the matched sets and the balance) for comparing before and after.
import { createHash } from "node:crypto";
import { careerSurveyInstrument, estimateEffect, readCsv, scoreScales } from "@koe/core";

const [path, repeats = "3"] = process.argv.slice(2) as [string, string?];
const { table } = await readCsv(path);
const scored = scoreScales(table, careerSurveyInstrument, { reliability: false }).table;
const seconds: number[] = [];
const cpu: number[] = [];
let r: ReturnType<typeof estimateEffect> | null = null;
for (let i = 0; i < Number(repeats); i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  r = estimateEffect(scored, {
    outcome: "engagement_post",
    treatment: "cross_boundary",
    covariates: ["engagement_pre", "innovation_pre", "age", "generation", "job_type", "manager"],
    method: "matching",
  });
  seconds.push(+((performance.now() - t0) / 1000).toFixed(3));
  const c1 = process.cpuUsage(c0);
  cpu.push(+((c1.user + c1.system) / 1e6).toFixed(3));
}
const e = r!;
const digest = (b: ArrayBufferView) => createHash("sha256").update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).digest("hex").slice(0, 16);
console.log(JSON.stringify({
  rows: table.numRows(),
  seconds,
  cpuSeconds: cpu,
  estimate: e.estimate,
  stdError: e.stdError,
  nMatched: e.nMatched,
  subclass: digest(e.matched!.subclass),
  propensity: digest(e.propensity!),
  balance: createHash("sha256").update(JSON.stringify(e.balance)).digest("hex").slice(0, 16),
  maxRssKB: process.resourceUsage().maxRSS,
}));
