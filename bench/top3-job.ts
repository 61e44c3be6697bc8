// The pipeline's top-3 task alone, in the pipeline's situation: a large respondents file read first
// (the reader warm, the heap full), then the ratings read and topInitiatives once each, cold.
// `tsx bench/top3-job.ts [respondents.csv] [ratings.csv]` (defaults: the 100k file and the
// pipeline's ratings under .bench-data); prints one JSON line with the seconds of each step.
import { extendInitiativeCatalogue, readCsv, topInitiatives } from "@koe/core";

const [path = ".bench-data/respondents-100000.csv", ratingsPath = ".bench-data/initiative-ratings-25.csv"] = process.argv.slice(2);
const seconds = (t0: number) => +((performance.now() - t0) / 1000).toFixed(4);

let t0 = performance.now();
const { table } = await readCsv(path);
const warm = seconds(t0);

t0 = performance.now();
const { table: ratings } = await readCsv(ratingsPath);
const read = seconds(t0);

t0 = performance.now();
const extra = [...new Set(ratings.array("initiative") as string[])].filter((id) => id.startsWith("extra_"));
const catalogue = extendInitiativeCatalogue(extra.map((id) => ({ id, ja: id, en: id })));
const extend = seconds(t0);

t0 = performance.now();
const top = topInitiatives(ratings, { catalogue });
const topSeconds = seconds(t0);

console.log(JSON.stringify({
  rows: table.numRows(),
  warmRead: warm,
  ratingsRead: read,
  catalogue: extend,
  topInitiatives: topSeconds,
  top3: read + extend + topSeconds,
  cells: top.cells.length,
  maxRssKB: process.resourceUsage().maxRSS,
}));
