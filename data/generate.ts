// Regenerates the bundled dataset: `pnpm generate-data [--seed N] [--respondents N] [--out DIR]`.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, generateDataset } from "./generator/index.js";

const { values } = parseArgs({
  options: { seed: { type: "string" }, respondents: { type: "string" }, comments: { type: "string" }, out: { type: "string" } },
});
const t0 = performance.now();
const truth = generateDataset({
  seed: values.seed ? Number(values.seed) : DEFAULT_SEED,
  respondents: values.respondents ? Number(values.respondents) : 5000,
  comments: values.comments ? Number(values.comments) : 500,
  outDir: values.out ?? dirname(fileURLToPath(import.meta.url)),
});
console.log(`generated ${truth.respondents.respondents} respondents (${truth.respondents.participants} participants), ${truth.initiatives.rows} ratings, ${truth.comments.rows} comments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
