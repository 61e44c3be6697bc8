// One benchmark job: read a CSV file with readCsv (no schema: types inferred); prints a JSON line.
// `tsx bench/read-csv-job.ts <file.csv> [repeats]`: with repeats > 1, each read is timed
// (the first includes module loading and compilation, the later ones show the steady cost).
import { statSync } from "node:fs";
import { readCsv } from "@koe/core";

const path = process.argv[2]!;
const repeats = Number(process.argv[3] ?? 1);
const times: number[] = [];
let r: Awaited<ReturnType<typeof readCsv>> | undefined;
for (let k = 0; k < repeats; k++) {
  const t0 = performance.now();
  r = await readCsv(path);
  times.push(+((performance.now() - t0) / 1000).toFixed(4));
}
const seconds = times[0]!;
const mb = statSync(path).size / 1e6;
const numeric = r!.table.columnNames().filter((c) => (r!.table.column(c) as unknown) instanceof Float64Array).length;
console.log(
  JSON.stringify({
    seconds,
    times,
    mbPerSecond: +(mb / seconds).toFixed(1),
    rowsRead: r!.summary.rowsRead,
    rowsAccepted: r!.summary.rowsAccepted,
    columns: r!.table.numCols(),
    numericColumns: numeric,
    issues: r!.issues.length,
    maxRssKB: process.resourceUsage().maxRSS,
  }),
);
