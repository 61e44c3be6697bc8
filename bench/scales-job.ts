// Scale scores + reliability alone: `tsx bench/scales-job.ts <respondents.csv> [repeats]`; reads the
// file with readCsv (no schema, as the pipeline does), then times scoreScales(table,
// careerSurveyInstrument) `repeats` times (default 3) and prints one JSON line with each time (wall
// and this process's CPU; the first run is the one a pipeline pays: code not yet optimised),
// the peak memory, and the answers (scale means, alpha, omega) for comparing before and after.
import { careerSurveyInstrument, readCsv, scoreScales } from "@koe/core";

const [path, repeats = "3"] = process.argv.slice(2) as [string, string?];
const { table } = await readCsv(path);
const seconds: number[] = [];
const cpuSeconds: number[] = []; // this process's CPU time per run: steadier than the wall clock on a busy machine
let scored: ReturnType<typeof scoreScales> | null = null;
for (let i = 0; i < Number(repeats); i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  scored = scoreScales(table, careerSurveyInstrument);
  const c = process.cpuUsage(c0);
  seconds.push(+((performance.now() - t0) / 1000).toFixed(3));
  cpuSeconds.push(+((c.user + c.system) / 1e6).toFixed(3));
}
const s = scored!;
const means = Object.fromEntries(s.scores.map((c) => {
  const v = s.table.array(c.column) as Float64Array;
  let sum = 0, k = 0;
  for (const x of v) if (x === x) {
    sum += x;
    k++;
  }
  return [c.column, sum / k];
}));
console.log(JSON.stringify({
  rows: table.numRows(),
  seconds,
  cpuSeconds,
  means,
  reliability: s.reliability,
  warnings: s.warnings.length,
  maxRssKB: process.resourceUsage().maxRSS,
}));
