// Benchmark job: the top-3 matrix with 1,000 stability resamples on a synthetic rating table.
// `tsx bench/initiatives-job.ts <companies>`: companies × 3 generations × 4 steps × 20 initiatives rows.
import * as aq from "arquero";
import { createRandom, extendInitiativeCatalogue, generations, initiativeCatalogue, penetrationSteps, topInitiatives } from "@koe/core";

const companies = Number(process.argv[2] ?? 25);
const extra = ["extra_1", "extra_2", "extra_3", "extra_4"];
const catalogue = extendInitiativeCatalogue(extra.map((id) => ({ id, ja: id, en: id })));
const initiatives = [...initiativeCatalogue.ids, ...extra].slice(0, 20);
const r = createRandom("bench-initiatives");
const n = companies * 3 * 4 * initiatives.length;
const company = new Array<string>(n);
const generation = new Array<string>(n);
const step = new Array<string>(n);
const initiative = new Array<string>(n);
const effective = new Array<boolean>(n);
let i = 0;
for (let c = 0; c < companies; c++) for (const g of generations.ids) for (const s of penetrationSteps.ids) for (let k = 0; k < initiatives.length; k++) {
  company[i] = `C${c}`;
  generation[i] = g;
  step[i] = s;
  initiative[i] = initiatives[k]!;
  effective[i++] = r.next() < 0.2 + 0.6 * (k < 3 ? 1 : 0);
}
const table = aq.table({ company, generation, step, initiative, effective });
const t0 = performance.now();
const result = topInitiatives(table, { catalogue, stability: { resamples: 1000, seed: 1 } });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds: +seconds.toFixed(3), rows: n, cells: result.cells.length, maxRssKB: process.resourceUsage().maxRSS }));
