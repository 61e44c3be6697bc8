// Shared inputs of the statistics benchmarks, written once as raw little-endian float64 files so
// that koe and SciPy/statsmodels time the same numbers.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRandom } from "@koe/core";

export const STATS_N = { welch: 1_000_000, ols: 200_000, olsCovariates: 10, clusters: 25, did: 1_000_000 };

function write(dir: string, name: string, a: Float64Array): void {
  writeFileSync(join(dir, `${name}.f64`), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

export function ensureStatsData(dir: string): void {
  if (existsSync(join(dir, "done"))) return;
  mkdirSync(dir, { recursive: true });
  const r = createRandom("bench-stats");
  const n = STATS_N.welch;
  write(dir, "welch_x", Float64Array.from({ length: n / 2 }, () => 3.2 + r.normal()));
  write(dir, "welch_y", Float64Array.from({ length: n / 2 }, () => 3.0 + 1.3 * r.normal()));
  // OLS: y = X b + company effect + noise, 10 covariates, 25 companies.
  const m = STATS_N.ols;
  const p = STATS_N.olsCovariates;
  const x = new Float64Array(m * p);
  const cl = new Float64Array(m);
  const y = new Float64Array(m);
  const eff = Array.from({ length: STATS_N.clusters }, () => 0.5 * r.normal());
  for (let i = 0; i < m; i++) {
    const c = r.int(STATS_N.clusters);
    cl[i] = c;
    let v = 1 + eff[c]!;
    for (let j = 0; j < p; j++) {
      const xv = r.normal();
      x[i * p + j] = xv;
      v += (j + 1) * 0.1 * xv;
    }
    y[i] = v + r.normal();
  }
  write(dir, "ols_x", x);
  write(dir, "ols_cluster", cl);
  write(dir, "ols_y", y);
  // DiD: 1M respondents, 5% treated, pre and post scores.
  const d = STATS_N.did;
  const treat = new Float64Array(d);
  const pre = new Float64Array(d);
  const post = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const t = r.next() < 0.05 ? 1 : 0;
    const base = 3 + 0.3 * t + 0.8 * r.normal();
    treat[i] = t;
    pre[i] = base + 0.3 * r.normal();
    post[i] = base + 0.05 + 0.25 * t + 0.3 * r.normal();
  }
  write(dir, "did_treat", treat);
  write(dir, "did_pre", pre);
  write(dir, "did_post", post);
  writeFileSync(join(dir, "done"), "");
}
