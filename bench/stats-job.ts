// One statistics benchmark job in koe: `tsx bench/stats-job.ts <dir> welch|ols|bootstrap`; prints a JSON line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { bootstrapWeighted, ols, welchTTest } from "@koe/core";
import { STATS_N } from "./stats-data.js";

const [dir, job] = process.argv.slice(2) as [string, string];
const load = (name: string) => {
  const b = readFileSync(join(dir, `${name}.f64`));
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};
let seconds = 0;
let result: unknown;
if (job === "welch") {
  const x = load("welch_x");
  const y = load("welch_y");
  const t0 = performance.now();
  const r = welchTTest(x, y);
  seconds = (performance.now() - t0) / 1000;
  result = { t: r.statistic, df: r.df, p: r.pValue };
} else if (job === "ols") {
  const x = load("ols_x");
  const y = load("ols_y");
  const cl = load("ols_cluster");
  const p = STATS_N.olsCovariates;
  const cols: Record<string, Float64Array> = { y, company: cl };
  for (let j = 0; j < p; j++) cols[`x${j + 1}`] = Float64Array.from({ length: y.length }, (_, i) => x[i * p + j]!);
  const table = aq.table(cols);
  const predictors = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  // CR1, as statsmodels' cluster errors, so that both sides compute the same thing; koe's default
  // with a cluster (CR2 + Satterthwaite, which statsmodels does not offer) is timed beside it.
  const t0 = performance.now();
  const r = ols(table, { outcome: "y", predictors, cluster: "company", vcov: "CR1" });
  seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const cr2 = ols(table, { outcome: "y", predictors, cluster: "company" });
  result = { b1: r.coefficients[1]!.estimate, se1: r.coefficients[1]!.stdError, cr2Seconds: +((performance.now() - t1) / 1000).toFixed(3), cr2Se1: cr2.coefficients[1]!.stdError, cr2Df1: cr2.coefficients[1]!.df };
} else if (job === "bootstrap") {
  const treat = load("did_treat");
  const pre = load("did_pre");
  const post = load("did_post");
  const change = new Float64Array(treat.length);
  for (let i = 0; i < change.length; i++) change[i] = post[i]! - pre[i]!;
  const t0 = performance.now();
  // Difference-in-differences: mean change of the treated minus mean change of the others,
  // as a weighted statistic (one sequential pass per resample).
  const did = (w: Uint16Array) => {
    let st = 0;
    let nt = 0;
    let sc = 0;
    let nc = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]!;
      if (treat[i] === 1) {
        st += wi * change[i]!;
        nt += wi;
      } else {
        sc += wi * change[i]!;
        nc += wi;
      }
    }
    return st / nt - sc / nc;
  };
  const r = bootstrapWeighted(treat.length, did, { resamples: 1000, seed: 1 });
  seconds = (performance.now() - t0) / 1000;
  result = { did: r.estimate, se: r.stdError, ci: r.percentile };
}
console.log(JSON.stringify({ seconds: +seconds.toFixed(3), job, result, maxRssKB: process.resourceUsage().maxRSS }));
