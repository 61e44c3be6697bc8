// One benchmark job: read a CSV file with readCsv (no schema: types inferred); prints a JSON line.
// `tsx bench/read-csv-job.ts <file.csv> [repeats] [threads]`: with repeats > 1, each read is timed
// (the first includes module loading and compilation, the later ones show the steady cost).
// A file of 16 MB or more is read on two threads where there are two cores; `threads` 1 reads it
// on one (to compare in the same minute), 2 on two whatever its size. `rowsByWorker`: the records
// the second thread read.
import { statSync } from "node:fs";
import { readCsv } from "@koe/core";
// Internal (not exported by @koe/core): the same module instance, as @koe/core resolves to the sources here.
import { rowsReadByWorker, setParallelReading } from "../packages/core/src/ingest/parallel.js";

const path = process.argv[2]!;
const repeats = Number(process.argv[3] ?? 1);
const threads = process.argv[4];
if (threads !== undefined) setParallelReading(threads === "1" ? "off" : "always");
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
    rowsByWorker: rowsReadByWorker,
    maxRssKB: process.resourceUsage().maxRSS,
  }),
);
