// `pnpm bench [suite…]`: measured speed and memory, never asserted in unit tests. Each job runs in
// its own process so its peak memory is its own. Results: printed, and written to bench/out/.
import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeRespondentsCsv } from "../data/generator/index.js";
import { measureCommand, type Measurement } from "./measure.js";
import { ensureStatsData } from "./stats-data.js";
import { compareCodings, ensureCodingData } from "./coding-data.js";
import { DEFAULT_SEGMENT_RULES, careerSurveyInstrument, createRandom, generations, initiativeCatalogue, penetrationSteps } from "@koe/core";

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

/** The first `k` columns of a generated file (which quotes nothing), beside it; written once. */
async function ensureFirstColumns(path: string, k: number): Promise<string> {
  const out = path.replace(/\.csv$/, `-${k}cols.csv`);
  if (existsSync(out)) return out;
  const { createReadStream, createWriteStream } = await import("node:fs");
  const { createInterface } = await import("node:readline");
  const sink = createWriteStream(out);
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line.includes('"')) throw new Error(`${path}: a quoted field; cannot cut columns by commas`);
    const cut = line.split(",", k).join(",") + "\n";
    if (!sink.write(cut)) await new Promise<void>((resolve) => sink.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => sink.end(() => resolve()));
  return out;
}

const PYTHON = "/usr/bin/python3"; // Debian's, with python3-pandas

type Result = Measurement | { name: string; skipped: string };

/** A cached respondents file written before the generator had `columns` (its header lacks one) is written again. */
async function ensureRespondentsWith(n: number, columns: readonly string[]): Promise<string> {
  const path = join(dataDir, `respondents-${n}.csv`);
  if (existsSync(path)) {
    const header = readFileSync(path, { encoding: "latin1" }).slice(0, 4096).split("\n")[0]!.split(",");
    if (columns.some((c) => !header.includes(c))) unlinkSync(path);
  }
  return ensureRespondents(n);
}

/**
 * The segments suite's verdict: koe and pandas must print the same counts (layers per wave, immobile
 * sub-types, transitions, funnel per segment and step); koe's result gets the verdict and its time
 * (wall clock and CPU, whole and per phase) and peak memory over pandas'. Disagreement, or a job
 * skipped, sets a non-zero exit code.
 */
function compareSegments(koe: Result, pandas: Result): string {
  if (!("seconds" in koe) || !("seconds" in pandas)) {
    process.exitCode = 1;
    return "counts not compared: a job was skipped";
  }
  const a = (koe.extra?.counts ?? {}) as Record<string, number>;
  const b = (pandas.extra?.counts ?? {}) as Record<string, number>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differ = keys.length === 0 ? ["(no counts)"] : keys.filter((k) => a[k] !== b[k]);
  const ratio = (x: number, y: number) => +(x / y).toFixed(2);
  const phaseRatios = (of: "phases" | "cpuPhases") => {
    const pk = (koe.extra?.[of] ?? {}) as Record<string, number>;
    const pp = (pandas.extra?.[of] ?? {}) as Record<string, number>;
    return Object.fromEntries(Object.keys(pk).filter((p) => pp[p]! > 0).map((p) => [p, { koe: pk[p]!, pandas: pp[p]!, ratio: ratio(pk[p]!, pp[p]!) }]));
  };
  const wall = phaseRatios("phases");
  const cpu = phaseRatios("cpuPhases");
  koe.extra = {
    ...koe.extra,
    countsAgreeWithPandas: differ.length === 0,
    countsCompared: keys.length,
    ...(differ.length > 0 ? { disagreeing: Object.fromEntries(differ.slice(0, 20).map((k) => [k, { koe: a[k] ?? null, pandas: b[k] ?? null }])) } : {}),
    timeVsPandas: ratio(koe.seconds, pandas.seconds),
    cpuVsPandas: ratio(koe.extra?.cpuSeconds as number, pandas.extra?.cpuSeconds as number),
    phaseTimeVsPandas: Object.fromEntries(Object.entries(wall).map(([p, r]) => [p, r.ratio])),
    phaseCpuVsPandas: Object.fromEntries(Object.entries(cpu).map(([p, r]) => [p, r.ratio])),
    peakVsPandas: ratio(koe.peakMB, pandas.peakMB),
  };
  if (differ.length > 0) process.exitCode = 1;
  const verdict = differ.length === 0 ? `counts agree: all ${keys.length} (layers per wave, immobile sub-types, transitions, funnel per segment and step)` : `COUNTS DIFFER on ${differ.length} of ${keys.length}: ${differ.slice(0, 10).join(", ")}`;
  const line = (rs: typeof wall) => Object.entries(rs).map(([p, r]) => `${p} ${r.koe.toFixed(2)} vs ${r.pandas.toFixed(2)} s (${r.ratio}×)`).join("; ");
  return [
    verdict,
    `koe ${koe.seconds.toFixed(2)} s / ${koe.peakMB} MB, pandas ${pandas.seconds.toFixed(2)} s / ${pandas.peakMB} MB: koe takes ${koe.extra.timeVsPandas}× pandas' time (CPU ${koe.extra.cpuVsPandas}×), ${koe.extra.peakVsPandas}× its peak memory`,
    `per phase, wall (koe vs pandas): ${line(wall)}`,
    `per phase, CPU  (koe vs pandas): ${line(cpu)}`,
  ].join("\n");
}

/** The exponent b of time ≈ a·n^b: least squares on log time against log n. */
function exponent(points: { n: number; seconds: number }[]): number {
  const x = points.map((p) => Math.log(p.n));
  const y = points.map((p) => Math.log(Math.max(p.seconds, 1e-4)));
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  const sxy = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0);
  const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  return +(sxy / sxx).toFixed(2);
}

/**
 * The pipeline suite's ratings: each company rates 20 initiatives in each generation × step (as
 * initiatives-job.ts builds them), effective more often for the first three; seeded.
 */
function pipelineRatingsCsv(companies: number): string {
  const initiatives = [...initiativeCatalogue.ids, "extra_1", "extra_2", "extra_3", "extra_4"].slice(0, 20);
  const r = createRandom("bench-initiatives");
  const lines = ["company,generation,step,initiative,effective"];
  for (let c = 0; c < companies; c++) for (const g of generations.ids) for (const s of penetrationSteps.ids) initiatives.forEach((id, k) => lines.push(`C${c},${g},${s},${id},${r.next() < 0.2 + 0.6 * (k < 3 ? 1 : 0) ? 1 : 0}`));
  return lines.join("\n") + "\n";
}

/**
 * The pipeline suite's table: each task and the whole, pandas and koe seconds and their ratio, peak
 * memory; and whether the answers agree (scale means, Welch t, the DiD estimate: relative 1e-9;
 * alpha, matching ATT and the top-3 matrix are shown, not required to agree). Sets the exit code on disagreement.
 */
function comparePipeline(koe: Result, pandas: Result): string {
  if (!("seconds" in koe) || !("seconds" in pandas)) {
    process.exitCode = 1;
    return `not compared: a job was skipped (${"skipped" in koe ? koe.skipped : ""} ${"skipped" in pandas ? pandas.skipped : ""})`;
  }
  const tk = koe.extra!.times as Record<string, number>;
  const tp = pandas.extra!.times as Record<string, number>;
  const ratio = (a: number, b: number) => +(a / b).toFixed(2);
  const tasks = [["read", "read the CSV"], ["scales", "scale scores (2 × 2) + reliability"], ["top3", "top-3 matrix"], ["welch", "Welch + DiD + 1,000-resample bootstrap"], ["matching", "propensity + 1:1 matching, ATT"]] as const;
  const rows = tasks.map(([k, label]) => `| ${label} | ${tp[k]!.toFixed(2)} s | ${tk[k]!.toFixed(2)} s | ${ratio(tk[k]!, tp[k]!)}× |`);
  rows.push(`| **the five tasks, wall** | ${pandas.seconds.toFixed(2)} s | ${koe.seconds.toFixed(2)} s | ${ratio(koe.seconds, pandas.seconds)}× |`);
  const pk = koe.extra!.processSeconds as number;
  const pp = pandas.extra!.processSeconds as number;
  rows.push(`| whole process with start-up (imports), wall | ${pp.toFixed(2)} s | ${pk.toFixed(2)} s | ${ratio(pk, pp)}× |`);
  rows.push(`| peak memory | ${pandas.peakMB} MB | ${koe.peakMB} MB | ${ratio(koe.peakMB, pandas.peakMB)}× |`);
  const a = koe.extra!.results as Record<string, unknown>;
  const b = pandas.extra!.results as Record<string, unknown>;
  const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
  const checks: Record<string, [number, number]> = {};
  for (const [c, v] of Object.entries(b.scaleMeans as Record<string, number>)) checks[`mean ${c}`] = [(a.scaleMeans as Record<string, number>)[c]!, v];
  checks["Welch t"] = [a.welchT as number, b.welchT as number];
  checks["DiD estimate"] = [a.did as number, b.did as number];
  const agree = Object.entries(checks).map(([k, [x, y]]) => ({ k, x, y, ok: rel(x, y) < 1e-9 }));
  if (agree.some((c) => !c.ok)) process.exitCode = 1;
  const topA = a.top3 as Record<string, number>;
  const topB = b.top3 as Record<string, number>;
  const topKeys = [...new Set([...Object.keys(topA), ...Object.keys(topB)])];
  const topSame = topKeys.filter((k) => topA[k] === topB[k]).length;
  koe.extra = { ...koe.extra, timeVsPandas: ratio(koe.seconds, pandas.seconds), processTimeVsPandas: ratio(pk, pp), peakVsPandas: ratio(koe.peakMB, pandas.peakMB), taskTimeVsPandas: Object.fromEntries(tasks.map(([k]) => [k, ratio(tk[k]!, tp[k]!)])), answersAgree: agree.every((c) => c.ok) };
  const show = (x: unknown) => (typeof x === "number" ? x.toPrecision(8) : String(x));
  return [
    "| task | pandas & co. | koe | ratio |",
    "|---|---|---|---|",
    ...rows,
    ...agree.map((c) => `${c.ok ? "agree" : "DIFFER"}: ${c.k} koe ${show(c.x)} pandas ${show(c.y)} (relative ${rel(c.x, c.y).toExponential(1)})`),
    ...Object.keys(b.alpha as object).map((k) => `alpha ${k}: koe ${show((a.alpha as Record<string, unknown>)[k])} pandas ${show((b.alpha as Record<string, unknown>)[k])}; omega koe ${show((a.omega as Record<string, unknown>)[k])} pandas ${show((b.omega as Record<string, unknown>)[k])}`),
    `Welch df: koe ${show(a.welchDf)} pandas ${show(b.welchDf)}; DiD bootstrap SE (different generators): koe ${show(a.didBootSe)} pandas ${show(b.didBootSe)}`,
    `matching ATT: koe ${show(a.matchingAtt)} (${a.matchedPairs} pairs) pandas ${show(b.matchingAtt)} (${b.matchedPairs} pairs)`,
    `top-3 matrix: ${topSame} of ${topKeys.length} entries the same`,
  ].join("\n");
}

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
  async segments() {
    const columns = ["aware_01_post", "action_03_post", "trad_view_post", "layer_post", "imm_gave_up", "step_practice"];
    const file = await ensureRespondentsWith(1_000_000, columns);
    // pandas reads the thresholds and columns of koe's default rules from this file.
    const rules = join(dataDir, "segment-rules.json");
    writeFileSync(rules, JSON.stringify(DEFAULT_SEGMENT_RULES, null, 2) + "\n");
    const job = join(here, "segments-job.ts");
    // The machine's load (1-minute average) before and after: other processes slow the wall clock; CPU times are steadier.
    const load = () => +loadavg()[0]!.toFixed(1);
    const loadBefore = load();
    const koe = measureCommand("koe: readRespondents + segmentRespondents + layerTransitions + penetrationFunnel (1M)", process.execPath, ["--import", "tsx", job, file]);
    const py = measureCommand("pandas: read_csv + the same rules, crosstab, groupby funnel (1M)", PYTHON, [join(here, "segments_pandas.py"), file, rules]);
    console.log(compareSegments(koe, py));
    if ("seconds" in koe) koe.extra = { ...koe.extra, loadAverage: { before: loadBefore, after: load() } };
    console.log(`load average (1 min) ${loadBefore} before, ${load()} after, on ${availableParallelism()} CPUs`);
    // Linearity: koe's three analyses at 10^4, 10^5, 10^6 rows, the table read once and each analysis
    // run several times (more at the small sizes, where a run takes milliseconds), the fastest kept.
    const scale: Result[] = [];
    for (const [n, repeats] of [[10_000, 20], [100_000, 10], [1_000_000, 5]] as const) {
      const f = await ensureRespondentsWith(n, columns);
      scale.push(measureCommand(`koe: the three analyses, ${n.toLocaleString("en")} rows, fastest of ${repeats}`, process.execPath, ["--import", "tsx", job, f, String(repeats)]));
    }
    const measured = scale.filter((r): r is Measurement => "seconds" in r);
    if (measured.length === scale.length) {
      const fit = (of: "phases" | "cpuPhases") => {
        const points = (phase: string | null) => measured.map((r) => {
          const p = r.extra![of] as Record<string, number>;
          return { n: r.extra!.rows as number, seconds: phase === null ? p.segment! + p.transitions! + p.funnel! : p[phase]! };
        });
        return { analyses: exponent(points(null)), segment: exponent(points("segment")), transitions: exponent(points("transitions")), funnel: exponent(points("funnel")) };
      };
      const exponents = { wall: fit("phases"), cpu: fit("cpuPhases") };
      for (const r of measured) delete r.extra!.counts; // the same counts as above at 10^6; not repeated in the output
      measured[measured.length - 1]!.extra!.timeExponents = exponents;
      const show = (e: Record<string, number>) => Object.entries(e).map(([k, b]) => `${k} ${b}`).join(", ");
      console.log(`linearity, time ∝ n^b (log-log fit over 10^4, 10^5, 10^6 rows): wall ${show(exponents.wall)}; CPU ${show(exponents.cpu)}`);
    } else process.exitCode = 1;
    return [koe, py, ...scale];
  },
  async pipeline() {
    // The analyst's whole pipeline (issue 13): koe and pandas, the same five tasks on the same files, in one run.
    const file = await ensureRespondents(1_000_000);
    const ratings = join(dataDir, "initiative-ratings-25.csv");
    if (!existsSync(ratings)) writeFileSync(ratings, pipelineRatingsCsv(25));
    const instrument = join(dataDir, "instrument.json");
    writeFileSync(instrument, JSON.stringify(careerSurveyInstrument, null, 2) + "\n");
    const koe = measureCommand("koe: the whole pipeline (1M)", process.execPath, ["--import", "tsx", join(here, "pipeline-job.ts"), file, ratings]);
    const py = measureCommand("pandas & co.: the same five tasks (1M)", PYTHON, [join(here, "pipeline_pandas.py"), file, ratings, instrument]);
    console.log(comparePipeline(koe, py));
    // The same on a file shaped like the (its first 43 columns: identifiers, segments and
    // the 32 Likert items; 116 MB): reading is a smaller share of pandas' time there.
    const narrow = await ensureFirstColumns(file, 43);
    const koeNarrow = measureCommand("koe: the whole pipeline (1M, 43 columns)", process.execPath, ["--import", "tsx", join(here, "pipeline-job.ts"), narrow, ratings]);
    const pyNarrow = measureCommand("pandas & co.: the same five tasks (1M, 43 columns)", PYTHON, [join(here, "pipeline_pandas.py"), narrow, ratings, instrument]);
    console.log(comparePipeline(koeNarrow, pyNarrow));
    return [koe, py, koeNarrow, pyNarrow];
  },
  async scaling() {
    // Linearity of the study functions (issue 13): each at 10^4, 10^5 and 10^6 respondents, the
    // fastest of a few runs (more at the small sizes, where a run takes milliseconds); time ∝ n^b fitted per study.
    const scale: Result[] = [];
    for (const [n, repeats] of [[10_000, 5], [100_000, 2], [1_000_000, 1]] as const) {
      const f = await ensureRespondents(n);
      scale.push(measureCommand(`koe: each study function, ${n.toLocaleString("en")} rows, fastest of ${repeats}`, process.execPath, ["--import", "tsx", join(here, "scaling-job.ts"), f, String(repeats)]));
    }
    const measured = scale.filter((r): r is Measurement => "seconds" in r);
    if (measured.length < scale.length) {
      process.exitCode = 1;
      return scale;
    }
    const studies = Object.keys(measured[0]!.extra!.seconds as Record<string, number>);
    const exponents = Object.fromEntries(studies.map((name) => [name, exponent(measured.map((r) => ({ n: (r.extra!.tableRows as Record<string, number>)[name]!, seconds: (r.extra!.seconds as Record<string, number>)[name]! })))]));
    measured[measured.length - 1]!.extra!.timeExponents = exponents;
    console.log("| study | 10^4 s | 10^5 s | 10^6 s | b in time ∝ n^b |\n|---|---|---|---|---|");
    for (const name of studies) console.log(`| ${name} | ${measured.map((r) => (r.extra!.seconds as Record<string, number>)[name]!.toFixed(3)).join(" | ")} | ${exponents[name]} |`);
    return scale;
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
