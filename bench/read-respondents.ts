// One benchmark job: read a respondents file with readRespondents; prints a JSON line.
import { statSync } from "node:fs";
import { readRespondents } from "@koe/core";

const path = process.argv[2]!;
const t0 = performance.now();
const r = await readRespondents(path);
const seconds = (performance.now() - t0) / 1000;
const mb = statSync(path).size / 1e6;
console.log(
  JSON.stringify({
    seconds: +seconds.toFixed(3),
    mbPerSecond: +(mb / seconds).toFixed(1),
    rowsRead: r.summary.rowsRead,
    rowsAccepted: r.summary.rowsAccepted,
    columns: r.table.numCols(),
    maxRssKB: process.resourceUsage().maxRSS,
  }),
);
