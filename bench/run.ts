// `pnpm bench [suite…]`: measured speed and memory, never asserted in unit tests. Each job runs in
// its own process so its peak memory is its own. Results: printed, and written to bench/out/.
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeRespondentsCsv } from "../data/generator/index.js";
import { measureCommand, type Measurement } from "./measure.js";
import { ensureStatsData } from "./stats-data.js";
import { compareCodings, ensureCodingData } from "./coding-data.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const dataDir = join(here, "..", ".bench-data");
const outDir = join(here, "out");
mkdirSync(dataDir, { recursive: true });
mkdirSync(outDir, { recursive: true });

async function ensureRespondents(n: number): Promise<string> {
  const path = join(dataDir, `respondents-${n}.csv`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    await writeRespondentsCsv(path, { n });
    console.log(`generated ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return path;
}

const PYTHON = "/usr/bin/python3"; // Debian's, with python3-pandas

const suites: Record<string, () => Promise<(Measurement | { name: string; skipped: string })[]>> = {
  async "cross-boundary"() {
    const file = await ensureRespondents(1_000_000);
    const scores = join(dataDir, "scores-1000000.csv");
    const koe = measureCommand("koe: read, score, balance, matching, weighting, DiD + 999 wild draws (1M)", process.execPath, ["--import", "tsx", join(here, "cross-boundary-job.ts"), file, scores]);
    const py = measureCommand("pandas/statsmodels: the same on koe's scores (1M)", PYTHON, [join(here, "cross_boundary_python.py"), scores]);
    return [koe, py];
  },
  async initiatives() {
    return [
      measureCommand("top-3 matrix + 1,000 stability resamples, 25 companies × 3 × 4 × 20", process.execPath, ["--import", "tsx", join(here, "initiatives-job.ts"), "25"]),
      measureCommand("top-3 matrix + 1,000 stability resamples, 1,000,080 rating rows", process.execPath, ["--import", "tsx", join(here, "initiatives-job.ts"), "4167"]),
    ];
  },
  async stats() {
    const dir = join(dataDir, "stats");
    ensureStatsData(dir);
    const results: (Measurement | { name: string; skipped: string })[] = [];
    for (const [job, label] of [
      ["welch", "Welch t-test, 1,000,000 rows"],
      ["ols", "OLS, 200,000 rows × 10 covariates, 25 clusters (cluster-robust)"],
      ["bootstrap", "bootstrap of a DiD, 1,000 resamples × 1,000,000 respondents"],
    ] as const) {
      results.push(measureCommand(`koe: ${label}`, process.execPath, ["--import", "tsx", join(here, "stats-job.ts"), dir, job]));
      results.push(measureCommand(`scipy/statsmodels: ${label}`, PYTHON, [join(here, "stats_scipy.py"), dir, job]));
    }
    return results;
  },
  async coding() {
    const { comments, codebook, withWords } = ensureCodingData(join(dataDir, "coding"));
    const koe = measureCommand("koe: readComments + codeTexts, 100,000 comments × 20 codes", process.execPath, ["--import", "tsx", join(here, "coding-job.ts"), comments, codebook]);
    const py = measureCommand("pandas: read_csv + str.contains / re, the same 20 codes", PYTHON, [join(here, "coding_pandas.py"), comments, codebook]);
    console.log(compareCodings(koe, py));
    const words = measureCommand("koe only: the 20 codes + 2 word() codes", process.execPath, ["--import", "tsx", join(here, "coding-job.ts"), comments, withWords]);
    return [koe, py, words];
  },
  async read() {
    const file = await ensureRespondents(1_000_000);
    const mb = statSync(file).size / 1e6;
    const results = [
      measureCommand("cat file > /dev/null (floor)", "sh", ["-c", `cat '${file}' > /dev/null; echo '{"maxRssKB":0}'`]),
      measureCommand("node stream counting newlines (floor)", process.execPath, [join(here, "count-newlines.mjs"), file]),
      measureCommand("koe readRespondents", process.execPath, ["--import", "tsx", join(here, "read-respondents.ts"), file]),
      measureCommand("pandas read_csv", PYTHON, [join(here, "pandas_read.py"), file]),
    ];
    for (const r of results) if ("seconds" in r) r.extra = { ...r.extra, mbPerSecond: +(mb / r.seconds).toFixed(1), fileMB: +mb.toFixed(1) };
    return results;
  },
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(suites);
for (const name of names) {
  const suite = suites[name];
  if (!suite) throw new Error(`unknown bench suite "${name}" (suites: ${Object.keys(suites).join(", ")})`);
  const results = await suite();
  console.log(`\n== ${name} ==`);
  for (const r of results) {
    if ("skipped" in r) console.log(`${r.name.padEnd(40)} skipped: ${r.skipped}`);
    else console.log(`${r.name.padEnd(40)} ${r.seconds.toFixed(2).padStart(7)} s ${String(r.peakMB).padStart(6)} MB peak  ${JSON.stringify(r.extra)}`);
  }
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + "\n");
}
