// The pipeline's "welch" task alone (bench/pipeline-job.ts), split into its two parts:
// `tsx bench/welch-bootstrap-job.ts <respondents.csv>` reads and scores the file (not timed),
// then times welchTest on the table and the 1,000-resample stratified bootstrapWeighted of the
// DiD of change scores (as written there), and prints the seconds, the bootstrap's CPU seconds, the
// seconds spent inside the statistic itself (the part no bootstrap can speed up),
// the answers and a checksum of the replicates (the same before and after a speed-up).
import { createHash } from "node:crypto";
import { bootstrapWeighted, careerSurveyInstrument, readCsv, scoreScales } from "@koe/core";
import { changeScoreComparison } from "./welch-task.js";

const path = process.argv[2] ?? ".bench-data/respondents-1000000.csv";
const repeats = Number(process.argv[3] ?? 1);
const { table } = await readCsv(path);
const scored = scoreScales(table, careerSurveyInstrument);

for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  const { welch, welchDone: t1, c, treated, did } = changeScoreComparison(scored.table);
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
