// The segments benchmark in koe: `tsx bench/segments-job.ts <respondents.csv> [repeats]`. Reads the
// respondents, derives the segments with the default rules (segmentRespondents), the transitions
// between the two waves' rule-derived layers (layerTransitions) and the penetration funnel per
// generation × job type × manager (penetrationFunnel); prints one JSON line as measure.ts expects:
// seconds per phase (wall clock, and CPU time of the process: steadier on a busy machine), the
// counts segments_pandas.py prints too (flat "what:value" keys), maxRssKB.
// With repeats > 1 the three analyses run that many times on the table read once, and each phase
// reports its fastest run (for the linearity fit: steady state, not the first run's compilation).
import { layerTransitions, penetrationFunnel, readRespondents, segmentRespondents, type Table } from "@koe/core";

const [path, repeatsArg] = process.argv.slice(2) as [string, string | undefined];
const repeats = Number(repeatsArg ?? 1);
const BY = ["generation", "job_type", "manager"] as const;

/** Milliseconds of wall clock and of CPU (user + system, all threads) since `from`. */
const clock = () => ({ wall: performance.now(), cpu: (({ user, system }) => (user + system) / 1000)(process.cpuUsage()) });
const since = (from: ReturnType<typeof clock>) => {
  const now = clock();
  return { wall: now.wall - from.wall, cpu: now.cpu - from.cpu };
};

const start = clock();
const { table } = await readRespondents(path);
const read = since(start);

const analyse = () => {
  let t = clock();
  const step = () => {
    const d = since(t);
    t = clock();
    return d;
  };
  const segmented = segmentRespondents(table);
  const segment = step();
  const transitions = layerTransitions(segmented, { before: "layer_pre", after: "layer_post" });
  const transition = step();
  const funnel = penetrationFunnel(table, { by: [...BY] });
  return { segmented, transitions, funnel, ms: { segment, transitions: transition, funnel: step() } };
};
// Only the last run's tables are kept (earlier ones would hold memory the next run's collector sees).
const runs: ReturnType<typeof analyse>["ms"][] = [];
let last = analyse();
runs.push(last.ms);
while (runs.length < repeats) {
  last = analyse();
  runs.push(last.ms);
}
const { segmented, transitions, funnel } = last;
const whole = since(start);

// The counts both sides print: the layer of each wave, the immobile sub-type, the transition
// matrix, and per segment of the funnel its respondents and those who reached each step.
const counts: Record<string, number> = {};
const tally = (t: Table, column: string, prefix: string) => {
  const byValue = new Map<unknown, number>();
  for (const v of t.array(column) as unknown[]) byValue.set(v, (byValue.get(v) ?? 0) + 1);
  for (const [v, n] of byValue) counts[`${prefix}:${String(v)}`] = n;
};
tally(segmented, "layer_pre", "layer_pre");
tally(segmented, "layer_post", "layer_post");
tally(segmented, "immobile_subtype", "immobile");
for (const r of transitions.tables.transitions!.rows) counts[`transition:${String(r.before)}>${String(r.after)}`] = r.n as number;
// The funnel's segment values as in the file: manager true/false was 1/0.
const value = (v: unknown) => (typeof v === "boolean" ? String(Number(v)) : String(v));
for (const r of funnel.tables.funnel!.rows) {
  const seg = BY.map((b) => value(r[b])).join("|");
  counts[`funnel:${seg}:n`] = r.n as number;
  counts[`funnel:${seg}:step_${String(r.step)}`] = r.reached as number;
}

const s = (ms: number) => +(ms / 1000).toFixed(3);
const PHASES = ["segment", "transitions", "funnel"] as const;
const fastest = (phase: (typeof PHASES)[number], of: "wall" | "cpu") => Math.min(...runs.map((r) => r[phase][of]));
const phases = (of: "wall" | "cpu") => ({ read: s(read[of]), ...Object.fromEntries(PHASES.map((p) => [p, s(fastest(p, of))])) });
const analysisMs = (of: "wall" | "cpu") => PHASES.reduce((sum, p) => sum + fastest(p, of), 0);
const movement = transitions.tables.movement!.rows[0]!;
console.log(
  JSON.stringify({
    seconds: repeats === 1 ? s(whole.wall) : s(read.wall + analysisMs("wall")),
    phases: phases("wall"),
    cpuSeconds: repeats === 1 ? s(whole.cpu) : s(read.cpu + analysisMs("cpu")),
    cpuPhases: phases("cpu"),
    analysisSeconds: s(analysisMs("wall")),
    analysisCpuSeconds: s(analysisMs("cpu")),
    repeats,
    ...(repeats > 1 ? { runs: runs.map((r) => Object.fromEntries(PHASES.map((p) => [p, s(r[p].wall)]))) } : {}),
    rows: table.numRows(),
    movement: { netFlow: movement.net_flow, shareBack: movement.share_back },
    counts,
    maxRssKB: process.resourceUsage().maxRSS,
  }),
);
