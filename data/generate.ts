// Regenerates the bundled dataset:
//   tsx data/generate.ts [--seed 20261125] [--respondents 5000] [--comments 500] [--out data]
// (also `pnpm generate-data`). With --respondents above 100,000 only respondents.csv is written,
// streamed (for benchmarks); otherwise every file of the dataset and truth.json, and the numbers
// block of README.md in the output directory if it has one.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, generateDataset, withTruthBlock, writeRespondentsCsv } from "./generator/index.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    respondents: { type: "string" },
    comments: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log("tsx data/generate.ts [--seed 20261125] [--respondents 5000] [--comments 500] [--out data]");
  process.exit(0);
}
const integer = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const v = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(v)) {
    console.error(`--${name} must be a whole number (got "${text}")`);
    process.exit(2);
  }
  return v;
};
const seed = integer("seed", values.seed, DEFAULT_SEED);
const n = integer("respondents", values.respondents, 5000);
const comments = integer("comments", values.comments, 500);
const outDir = values.out ?? dirname(fileURLToPath(import.meta.url));
const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);

if (n > 100_000) {
  const path = join(outDir, "respondents.csv");
  await writeRespondentsCsv(path, { n, seed });
  console.log(`streamed ${n.toLocaleString("en")} respondents to ${path} (${(statSync(path).size / 1e6).toFixed(1)} MB) in ${seconds()} s`);
} else {
  const truth = generateDataset({ seed, respondents: n, comments, outDir });
  // The README's numbers come from truth.json: rewrite its truth block where there is one.
  const readme = join(outDir, "README.md");
  if (existsSync(readme)) writeFileSync(readme, withTruthBlock(readFileSync(readme, "utf8"), truth));
  const r = truth.respondents;
  console.log(
    `wrote ${outDir}: ${r.respondents} respondents (${r.participants} participants), ${truth.initiatives.rows} ratings, ` +
      `${truth.comments.rows} comments, ${truth.transcripts.length} interviews in ${seconds()} s (seed ${seed})`,
  );
  console.log(`true ATT engagement ${r.engagement.trueAtt}, innovation ${r.innovation.trueAtt}; baseline gap ${r.engagement.baselineGapSd} SD; naive post difference ${r.engagement.naiveDifferencePost}`);
}
