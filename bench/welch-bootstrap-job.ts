// The pipeline's "welch" task alone (bench/pipeline-job.ts), split into its two parts:
// `tsx bench/welch-bootstrap-job.ts <respondents.csv>` reads and scores the file (not timed),
// then times welchTest on the table and the 1,000-resample stratified bootstrapWeighted of the
// DiD of change scores (as written there), and prints the seconds, the bootstrap's CPU seconds, the
// seconds spent inside the statistic itself (the part no bootstrap can speed up),
// the answers and a checksum of the replicates (the same before and after a speed-up).
import { createHash } from "node:crypto";
import * as aq from "arquero";
import { bootstrapWeighted, careerSurveyInstrument, readCsv, scoreScales, welchTest } from "@koe/core";

const path = process.argv[2] ?? ".bench-data/respondents-1000000.csv";
const repeats = Number(process.argv[3] ?? 1);
const { table } = await readCsv(path);
const scored = scoreScales(table, careerSurveyInstrument);

for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  const pre = scored.table.array("engagement_pre") as Float64Array;
  const post = scored.table.array("engagement_post") as Float64Array;
  const change = Float64Array.from(post, (v, i) => v - pre[i]!);
  const welch = welchTest(scored.table.assign(aq.table({ engagement_change: change })), { outcome: "engagement_change", group: "cross_boundary" });
  const t1 = performance.now();
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
  let inStatistic = 0;
  const timedDid = (w: Uint16Array) => {
    const s = performance.now();
    const v = did(w);
    inStatistic += performance.now() - s;
    return v;
  };
  const t2 = performance.now();
  const cpu0 = process.cpuUsage();
  const boot = bootstrapWeighted(c.length, timedDid, { resamples: 1000, seed: 1, strata: treated });
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const hash = createHash("sha256").update(new Uint8Array(boot.replicates.buffer)).digest("hex").slice(0, 16);
  console.log(JSON.stringify({
    welchSeconds: +((t1 - t0) / 1000).toFixed(3),
    prepareSeconds: +((t2 - t1) / 1000).toFixed(3),
    bootstrapSeconds: +((t3 - t2) / 1000).toFixed(3),
    seconds: +((t3 - t0) / 1000).toFixed(3),
    // CPU seconds of the bootstrap, all threads (on a busy machine the wall clock says little).
    bootstrapCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
    // of which in the statistic (1,000 resamples, the estimate and 50 jackknife calls).
    statisticSeconds: +(inStatistic / 1000).toFixed(3),
    welchT: welch.statistic,
    welchDf: welch.df,
    did: boot.estimate,
    se: boot.stdError,
    ci: [boot.ciLow, boot.ciHigh],
    bca: boot.bca,
    replicates: hash,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
}
