import { KoeArgumentError } from "../errors/errors.js";
import { counted, statsMessages as m } from "../errors/stats-messages.js";
import { dropMissing, insufficientData, type NumericInput } from "./clean.js";
import { ALTERNATIVES, choice, confLevelOf, kernelOptions, wholeOf } from "./options.js";
import { normalCdf, normalQuantile } from "./distributions.js";
import { countInts, createRandom, drawInts, generatorState, type Random } from "./random.js";
import { drawCounterModule, makeDrawCounter, type CounterModule } from "./count-draws.js";
import { makeResult, type Result } from "./result.js";
import { workerThreads, type EvalWorker } from "../runtime/worker-threads.js";

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Seed or an injected random source: same seed, same result. */
  seed?: number | string;
  random?: Random;
  confLevel?: number;
  /** Resample within each stratum, keeping its size (e.g. participants and non-participants). */
  strata?: ArrayLike<unknown>;
  /** Resample whole clusters (e.g. companies) instead of units. */
  cluster?: ArrayLike<unknown>;
  /** Which interval fills ciLow/ciHigh: "percentile" (default) or "bca"; both are always returned. */
  interval?: "percentile" | "bca";
}

const JACKKNIFE_GROUPS = 50;

export type BootstrapResult = Result<{
  replicates: Float64Array;
  bias: number;
  percentile: [number, number];
  bca: [number, number];
  resamples: number;
  clusters: number | null;
}>;

function groupIndex(values: ArrayLike<unknown>, n: number, what: string, fn = "bootstrap"): { groups: Int32Array[]; } {
  if (values.length !== n) throw KoeArgumentError.of(m.lengthForUnits, { fn, argument: what, length: values.length, n });
  // Groups by the label's text (1 and "1" are one group), in order of first appearance; each value
  // is turned into text once, not once per unit.
  const map = new Map<string, number[]>();
  const byValue = new Map<unknown, number[]>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let g = byValue.get(v);
    if (!g) {
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) throw KoeArgumentError.of(m.missingLabel, { fn, argument: what, position: i + 1 });
      const k = String(v);
      g = map.get(k);
      if (!g) map.set(k, (g = []));
      byValue.set(v, g);
    }
    g.push(i);
  }
  return { groups: [...map.values()].map((g) => Int32Array.from(g)) };
}

/** Quantile of sorted replicates at probability q (R's type 7). */
function sortedQuantile(s: Float64Array, q: number): number {
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/**
 * The nonparametric bootstrap of any statistic of n units: `statistic(indices)` gets the units of
 * one resample (a reused Int32Array view — nothing is allocated per resample) and returns a number.
 * Plain, stratified (`strata`) or cluster (`cluster`) resampling; percentile and BCa intervals
 * (BCa's acceleration from the jackknife over units, over clusters, or over 50 seeded groups of
 * units when n > 2,000). Same seed, same replicates.
 * @example
 * const y = [3, 5, 4, 6, 7, 5];
 * bootstrap(y.length, (idx) => idx.reduce((s, i) => s + y[i], 0) / idx.length, { seed: 1 }).ciLow // => 4
 */
export function bootstrap(n: number, statistic: (indices: Int32Array) => number, options: BootstrapOptions = {}): BootstrapResult {
  const { resamples, confLevel, interval } = checkArguments("bootstrap", n, statistic, options);
  const random = options.random ?? createRandom(options.seed ?? 1);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const estimate = statistic(all);
  const replicates = new Float64Array(resamples);
  let clusters: number | null = null;
  if (options.cluster) {
    const { groups } = groupIndex(options.cluster, n, "cluster");
    clusters = groups.length;
    if (clusters < 2) throw insufficientData("bootstrap", 2, clusters, { what: counted.clusters });
    const maxSize = Math.max(...groups.map((g) => g.length));
    const buffer = new Int32Array(clusters * maxSize);
    for (let b = 0; b < resamples; b++) {
      let len = 0;
      for (let g = 0; g < clusters; g++) {
        const members = groups[random.int(clusters)]!;
        buffer.set(members, len);
        len += members.length;
      }
      replicates[b] = statistic(buffer.subarray(0, len));
    }
  } else {
    const strata = options.strata ? groupIndex(options.strata, n, "strata").groups : [all];
    const buffer = new Int32Array(n);
    const plain = strata.length === 1;
    for (let b = 0; b < resamples; b++) {
      if (plain) random.fillInts(buffer, n);
      else {
        let o = 0;
        for (const s of strata) {
          const m = s.length;
          random.fillInts(buffer, m, o, m);
          for (let k = o; k < o + m; k++) buffer[k] = s[buffer[k]!]!;
          o += m;
        }
      }
      replicates[b] = statistic(buffer);
    }
  }
  const leaveOut = jackknifeGroups(n, options, random.seed);
  const keep = new Int32Array(n);
  const out = new Uint8Array(n);
  const jack = leaveOut.map((drop) => {
    for (const i of drop) out[i] = 1;
    let len = 0;
    for (let i = 0; i < n; i++) if (!out[i]) keep[len++] = i;
    for (const i of drop) out[i] = 0;
    return statistic(keep.subarray(0, len));
  });
  return summarize(estimate, replicates, jack, { n, confLevel, interval, clusters, kind: options.cluster ? "cluster" : options.strata ? "stratified" : "nonparametric" });
}

/** Leave-out groups of the jackknife behind BCa's acceleration: clusters, units (n ≤ 2,000), or 50 seeded groups of units. */
function jackknifeGroups(n: number, options: BootstrapOptions, seed: number): Int32Array[] {
  if (options.cluster) return groupIndex(options.cluster, n, "cluster").groups;
  if (n <= 2000) return Array.from({ length: n }, (_, i) => Int32Array.of(i));
  const groupOf = new Int32Array(n);
  createRandom(`${seed}:jackknife`).fillInts(groupOf, JACKKNIFE_GROUPS);
  return groupIndex(groupOf, n, "jackknife groups").groups;
}

/** Percentile and BCa intervals, standard error and bias from the replicates and the jackknife values. */
function summarize(
  estimate: number,
  replicates: Float64Array,
  jack: ArrayLike<number>,
  { n, confLevel, interval, clusters, kind }: { n: number; confLevel: number; interval: "percentile" | "bca"; clusters: number | null; kind: string },
): BootstrapResult {
  const resamples = replicates.length;
  const sorted = replicates.slice().sort();
  const alpha = 1 - confLevel;
  const percentile: [number, number] = [sortedQuantile(sorted, alpha / 2), sortedQuantile(sorted, 1 - alpha / 2)];
  let below = 0;
  for (const r of replicates) if (r < estimate) below++;
  const z0 = normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, below / resamples)));
  let jm = 0;
  for (let j = 0; j < jack.length; j++) jm += jack[j]!;
  jm /= jack.length;
  let num = 0;
  let den = 0;
  for (let j = 0; j < jack.length; j++) {
    num += (jm - jack[j]!) ** 3;
    den += (jm - jack[j]!) ** 2;
  }
  const a = den === 0 ? 0 : num / (6 * den ** 1.5);
  const adjusted = (q: number) => {
    const z = normalQuantile(q);
    return normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  };
  const bca: [number, number] = [sortedQuantile(sorted, adjusted(alpha / 2)), sortedQuantile(sorted, adjusted(1 - alpha / 2))];
  let mean = 0;
  for (const r of replicates) mean += r;
  mean /= resamples;
  let ss = 0;
  for (const r of replicates) ss += (r - mean) ** 2;
  const [ciLow, ciHigh] = interval === "bca" ? bca : percentile;
  return makeResult({
    method: `Bootstrap (${kind}, ${resamples} resamples, ${interval} interval)`,
    alternative: null,
    estimate,
    stdError: Math.sqrt(ss / (resamples - 1)),
    statistic: null,
    df: null,
    pValue: null,
    ciLow,
    ciHigh,
    confLevel,
    n,
    nMissing: 0,
    replicates,
    bias: mean - estimate,
    percentile,
    bca,
    resamples,
    clusters,
  });
}

/**
 * The bootstrap by frequency weights: `statistic(weights)` gets how many times each unit was drawn
 * (a Uint16Array the bootstrap reuses — keep no reference to it after the call; 0 = not drawn) and
 * computes a weighted statistic in one sequential pass.
 * Same resampling (plain, stratified, cluster), same intervals as {@link bootstrap}, but no
 * random reads over large arrays: the fast way for means, differences and DiD over millions of rows.
 * Each resample's draws are counted a byte per unit within its stratum (in WebAssembly where it
 * runs: count-draws.wat, the same stream as the JavaScript loop), then gathered to the units
 * in unit order; with 5 million draws or more in all (units × resamples) and a generator made by
 * `createRandom` (a seed), a worker thread draws the next resamples' counts into a few shared slots
 * while the statistic runs on this thread, which is handed a slot's weights as they lie (Node with
 * two cores or more; elsewhere, or if the worker cannot start, this thread draws them). Either way
 * the draws are the same stream in the same order: the replicates are byte-identical for a seed,
 * with or without the worker, on any machine. The statistic is called on this thread only (with
 * the worker, BCa's 50 jackknife calls are made while the worker draws, between the resamples'
 * instead of after them: a statistic must not depend on call order).
 * @example
 * const y = [3, 5, 4, 6, 7, 5];
 * bootstrapWeighted(y.length, (w) => { let s = 0, k = 0; for (let i = 0; i < w.length; i++) { s += w[i] * y[i]; k += w[i]; } return s / k; }, { seed: 1 }).ciLow // => 4
 */
export function bootstrapWeighted(n: number, statistic: (weights: Uint16Array) => number, options: BootstrapOptions = {}): BootstrapResult {
  const { resamples, confLevel, interval } = checkArguments("bootstrapWeighted", n, statistic, options);
  const random = options.random ?? createRandom(options.seed ?? 1);
  const weights = new Uint16Array(n).fill(1);
  const estimate = statistic(weights);
  const replicates = new Float64Array(resamples);
  let clusters: number | null = null;
  // BCa's jackknife: one statistic per leave-out group (made when first needed), `jackStep` computing the next.
  let leaveOut: Int32Array[] | undefined;
  const jack: number[] = [];
  const jackDone = () => (leaveOut ??= jackknifeGroups(n, options, random.seed)).length === jack.length;
  const jackStep = () => {
    const drop = leaveOut![jack.length]!;
    weights.fill(1);
    for (let k = 0; k < drop.length; k++) weights[drop[k]!] = 0;
    jack.push(statistic(weights));
  };
  if (options.cluster) {
    const { groups } = groupIndex(options.cluster, n, "cluster", "bootstrapWeighted");
    clusters = groups.length;
    if (clusters < 2) throw insufficientData("bootstrapWeighted", 2, clusters, { what: counted.clusters });
    const draws = new Int32Array(clusters);
    const counts = new Int32Array(clusters);
    for (let b = 0; b < resamples; b++) {
      random.fillInts(draws, clusters, 0, clusters);
      counts.fill(0);
      for (let g = 0; g < clusters; g++) counts[draws[g]!]!++;
      for (let g = 0; g < clusters; g++) for (const i of groups[g]!) weights[i] = counts[g]!;
      replicates[b] = statistic(weights);
    }
  } else {
    const strata = options.strata ? groupIndex(options.strata, n, "strata").groups : null;
    // Counts are made stratum after stratum in one buffer; `order` names the unit at each position,
    // `rank` the position of each unit's count.
    const sizes = strata === null ? [n] : strata.map((s) => s.length);
    const order = strata === null ? null : new Int32Array(n);
    if (order) strata!.reduce((o, s) => (order.set(s, o), o + s.length), 0);
    const rank = order === null ? null : new Int32Array(n);
    if (order) for (let o = 0; o < n; o++) rank![order[o]!] = o;
    const st = generatorState(random);
    // The draws are counted in WebAssembly where it runs (the same stream, 3× faster), else by countInts.
    const module = st ? drawCounterModule() : null;
    const carries: number[] = [];
    let b = 0;
    const helper = st && parallelCounting && n * resamples >= PARALLEL_MIN_DRAWS ? startCounting(st, sizes, rank, order, n, resamples, module) : null;
    if (helper) {
      try {
        for (let w: Uint16Array | null; b < resamples; b++) {
          // Rather than wait for the worker, this thread computes the jackknife's statistics.
          while (!helper.ready(b) && !jackDone()) jackStep();
          if ((w = helper.take(b)) === null) break;
          countedByWorker++;
          if (helper.inWasm()) countedInWasmByWorker++;
          replicates[b] = statistic(w);
          helper.release(b);
        }
      } finally {
        helper.stop();
      }
    }
    // This thread draws what no worker drew (all of it without a worker, or the rest after a worker failed).
    const counter = b < resamples && module ? makeDrawCounter(module, n) : null;
    const counts = counter ? counter.counts : new Uint8Array(n);
    const draws = st ? null : new Int32Array(n);
    const draw: typeof countInts = counter ? counter.draw : st ? countInts : (_, m, count, c, carried) => {
      random.fillInts(draws!, m, 0, count);
      for (let k = 0; k < count; k++) if (++c[draws![k]!]! === 256) carried.push(draws![k]!);
    };
    const state = st ?? new Int32Array(4); // unused by the injected generator's draw
    for (; b < resamples; b++) {
      drawResample(draw, state, sizes, counts, carries);
      gatherCounts(counts, rank, weights, 0, n);
      addCarries(carries, order, weights);
      replicates[b] = statistic(weights);
    }
  }
  while (!jackDone()) jackStep();
  return summarize(estimate, replicates, jack, { n, confLevel, interval, clusters, kind: options.cluster ? "cluster" : options.strata ? "stratified" : "nonparametric" });
}

/**
 * One resample's counts: within each stratum (sizes in order) as many draws as units, counted in
 * the stratum's own stretch of `counts` (sequential memory, a byte per unit, which the core's cache
 * holds); counts passing 255 leave their positions in `carries`, one per 256. The same draws, in
 * the same order, as drawing unit indices and incrementing their weights. Self-contained: the
 * counting worker runs its source.
 */
function drawResample(draw: typeof countInts, st: Int32Array, sizes: ArrayLike<number>, counts: Uint8Array, carries: number[]): void {
  counts.fill(0);
  carries.length = 0;
  let offset = 0;
  for (let g = 0; g < sizes.length; g++) {
    const m = sizes[g]!;
    const before = carries.length;
    draw(st, m, m, offset === 0 ? counts : counts.subarray(offset, offset + m), carries);
    for (let k = before; k < carries.length; k++) carries[k] = carries[k]! + offset;
    offset += m;
  }
}

/**
 * Units from…to of one resample's weights, each its count (a byte): unit i's count is at
 * counts[rank[i]] (rank null: at counts[i]). Written in unit order (sequential writes; the reads
 * follow one stream per stratum). Counts past 255 are added after, by {@link addCarries}.
 * Self-contained: the counting worker runs its source.
 */
function gatherCounts(counts: Uint8Array, rank: Int32Array | null, weights: Uint16Array, from: number, to: number): void {
  if (rank === null) {
    weights.set(counts.subarray(from, to), from);
    return;
  }
  for (let i = from; i < to; i++) weights[i] = counts[rank[i]!]!;
}

/** Adds 256 to the weight of the unit at each carried position (`order` names each position's unit; null: the units in order). */
function addCarries(carries: ArrayLike<number>, order: Int32Array | null, weights: Uint16Array, from = 0, to = carries.length): void {
  for (let k = from; k < to; k++) {
    const unit = order === null ? carries[k]! : order[carries[k]!]!;
    weights[unit] = weights[unit]! + 256;
  }
}

/** Below this many draws in all (units × resamples) the bootstrap draws in its own thread: a worker costs tens of milliseconds to start. */
const PARALLEL_MIN_DRAWS = 5_000_000;
/** Resamples the counting worker may be ahead of the statistic (4 to 64; 32 MB of slots at most, 3 bytes a unit: counts and weights). */
const slotsFor = (n: number) => Math.max(4, Math.min(64, Math.floor(32_000_000 / (3 * n))));
/** Carries (counts passing 255) one resample may hold in a slot; more (never seen: it takes a unit drawn 256 times) and this thread draws instead. */
const SLOT_CARRIES = 1024;
/** The control words shared with the worker: resamples produced, consumed, worker failed, stop, how many units (from the first) the worker gathers itself, and whether it counts in WebAssembly. */
const PRODUCED = 0, CONSUMED = 1, FAILED = 2, STOP = 3, CUT = 4, WASM = 5;

interface CountingHelper {
  /** Whether the worker counts in WebAssembly. */
  inWasm(): boolean;
  /** Whether resample b is drawn (take(b) would not wait). */
  ready(b: number): boolean;
  /** Waits for resample b and returns its weights (a view of its slot, valid until release(b)); null if the worker failed (this thread then draws from b on, the generator's state already set back to after b − 1). */
  take(b: number): Uint16Array | null;
  /** The statistic no longer needs resample b's slot. */
  release(b: number): void;
  /** Stops the worker (done, failed or the statistic threw). */
  stop(): void;
}

let countingSource: string | undefined;
let parallelCounting = true;
let firstCut = 1;
/**
 * Turns the counting worker off (or back on), and sets the share of units whose weights the worker
 * gathers at first (default all; it moves with the load): the tests compare the bytes with and
 * without it, with the gathering split anywhere. Not part of the public API.
 */
export function setParallelCounting(on: boolean, workerShare = 1): void {
  parallelCounting = on;
  firstCut = workerShare;
}
/** Resamples whose counts a worker drew, since the module loaded (for the tests: the worker path is really taken). */
export let countedByWorker = 0;
/** Of those, the resamples the worker counted in WebAssembly (for the tests: its counter really started there). */
export let countedInWasmByWorker = 0;

/**
 * A worker thread that draws the resamples' counts from a copy of the generator's state into
 * shared slots while this thread runs the statistic: the same stream, consumed in the same order,
 * so the replicates are byte-identical with or without it (and on any number of cores). Each slot
 * holds a resample's counts (a byte a unit, stratum after stratum) and its weights in unit order,
 * handed to the statistic as they are (no copy). The worker gathers the weights of the units before
 * a cut, this thread the rest and the carries; the cut moves each resample towards the thread that
 * waits (the stream is drawn by the worker alone, so where the cut lies changes no byte). The
 * generator's state follows each resample taken, so that it ends where drawing alone would leave it.
 */
function startCounting(st: Int32Array, sizes: number[], rank: Int32Array | null, order: Int32Array | null, n: number, resamples: number, module: CounterModule | null): CountingHelper | null {
  const Worker = workerThreads();
  if (!Worker) return null;
  const SLOTS = slotsFor(n);
  const control = new Int32Array(new SharedArrayBuffer(6 * 4));
  const slotBuffer = new SharedArrayBuffer(SLOTS * 3 * n);
  const carryBuffer = new SharedArrayBuffer(SLOTS * (SLOT_CARRIES + 1) * 4);
  const metaBuffer = new SharedArrayBuffer(SLOTS * 5 * 4); // the generator's state after the resample, and the cut it was gathered with
  const slotWeights = Array.from({ length: SLOTS }, (_, k) => new Uint16Array(slotBuffer, k * 2 * n, n));
  const slotCounts = Array.from({ length: SLOTS }, (_, k) => new Uint8Array(slotBuffer, SLOTS * 2 * n + k * n, n));
  const slotCarries = Array.from({ length: SLOTS }, (_, k) => new Int32Array(carryBuffer, k * (SLOT_CARRIES + 1) * 4, SLOT_CARRIES + 1));
  const slotMeta = Array.from({ length: SLOTS }, (_, k) => new Int32Array(metaBuffer, k * 20, 5));
  const step = Math.ceil(n / 32);
  let cut = Math.round(firstCut * n);
  control[CUT] = cut;
  // countInts calls drawInts by name: bound under the name it has here (a bundler may rename both);
  // __name is the helper a transpiler keeping function names (tsx) may call inside them.
  countingSource ??= `"use strict";\nconst __name = (f) => f;\nconst ${drawInts.name} = ${drawInts.toString()};\nconst countInts = ${countInts.toString()};\nconst drawResample = ${drawResample.toString()};\nconst gatherCounts = ${gatherCounts.toString()};\nconst makeDrawCounter = ${makeDrawCounter.toString()};\n(${countingWorker.toString()})(countInts, drawResample, gatherCounts, makeDrawCounter, require("node:worker_threads").workerData);`;
  let worker: EvalWorker;
  try {
    worker = new Worker(countingSource, { eval: true, workerData: { control, slotBuffer, carryBuffer, metaBuffer, n, sizes, rank, resamples, slots: SLOTS, slotCarries: SLOT_CARRIES, state: Int32Array.from(st), module } });
    worker.unref();
  } catch {
    return null;
  }
  let failed = false;
  return {
    inWasm: () => Atomics.load(control, WASM) === 1,
    ready: (b) => failed || Atomics.load(control, PRODUCED) > b || Atomics.load(control, FAILED) === 1,
    take(b) {
      if (failed) return null;
      let seen = Atomics.load(control, PRODUCED);
      // Balance the gathering: this thread waiting gives the worker less of it, the worker held up by full slots more.
      if (seen <= b) cut = Math.max(0, cut - step);
      else if (seen - b >= SLOTS) cut = Math.min(n, cut + step);
      Atomics.store(control, CUT, cut);
      let last = Date.now();
      for (; seen <= b; seen = Atomics.load(control, PRODUCED)) {
        // A worker that failed, or made no progress for a minute (never started, killed), hands back.
        if (Atomics.load(control, FAILED) === 1 || Date.now() - last > 60_000) {
          failed = true;
          return null;
        }
        if (Atomics.wait(control, PRODUCED, seen, 50) !== "timed-out") last = Date.now();
      }
      const slot = b % SLOTS;
      const meta = slotMeta[slot]!;
      const weights = slotWeights[slot]!;
      gatherCounts(slotCounts[slot]!, rank, weights, meta[4]!, n);
      const c = slotCarries[slot]!;
      addCarries(c.subarray(1), order, weights, 0, c[0]!);
      st.set(meta.subarray(0, 4));
      return weights;
    },
    release(b) {
      Atomics.store(control, CONSUMED, b + 1);
      Atomics.notify(control, CONSUMED);
    },
    stop() {
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, CONSUMED);
      void worker.terminate();
    },
  };
}

/** The counting worker's body (its source runs in the worker, beside drawInts, countInts, drawResample and gatherCounts). */
function countingWorker(
  draw: typeof countInts,
  resample: typeof drawResample,
  gather: typeof gatherCounts,
  counterOf: typeof makeDrawCounter,
  data: { control: Int32Array; slotBuffer: SharedArrayBuffer; carryBuffer: SharedArrayBuffer; metaBuffer: SharedArrayBuffer; n: number; sizes: number[]; rank: Int32Array | null; resamples: number; slots: number; slotCarries: number; state: Int32Array; module: CounterModule | null },
): void {
  // The control words (PRODUCED 0, CONSUMED 1, FAILED 2, STOP 3, CUT 4, WASM 5), by number: this source runs alone.
  const { control, n, sizes, rank, resamples, slots, slotCarries } = data;
  const st = Int32Array.from(data.state);
  const carries: number[] = [];
  try {
    // Counted in the WebAssembly counter's memory, then copied to the slot (1 byte a unit), where it can.
    const counter = data.module ? counterOf(data.module, n, rank) : null;
    if (counter) Atomics.store(control, 5, 1);
    for (let b = 0; b < resamples; b++) {
      for (let consumed = Atomics.load(control, 1); b - consumed >= slots; consumed = Atomics.load(control, 1)) {
        if (Atomics.load(control, 3) === 1) return;
        Atomics.wait(control, 1, consumed, 100);
      }
      if (Atomics.load(control, 3) === 1) return;
      const slot = b % slots;
      const counts = new Uint8Array(data.slotBuffer, slots * 2 * n + slot * n, n);
      if (counter) {
        resample(counter.draw, st, sizes, counter.counts, carries);
        counts.set(counter.counts);
      } else resample(draw, st, sizes, counts, carries);
      if (carries.length > slotCarries) throw new RangeError("carries");
      const cut = Atomics.load(control, 4);
      const weights = new Uint16Array(data.slotBuffer, slot * 2 * n, n);
      if (counter?.weights) {
        counter.gather(0, cut);
        weights.set(counter.weights.subarray(0, cut));
      } else gather(counts, rank, weights, 0, cut);
      const c = new Int32Array(data.carryBuffer, slot * (slotCarries + 1) * 4, slotCarries + 1);
      c[0] = carries.length;
      for (let k = 0; k < carries.length; k++) c[k + 1] = carries[k]!;
      const meta = new Int32Array(data.metaBuffer, slot * 20, 5);
      meta.set(st);
      meta[4] = cut;
      Atomics.store(control, 0, b + 1);
      Atomics.notify(control, 0);
    }
  } catch {
    Atomics.store(control, 2, 1);
    Atomics.notify(control, 0);
  }
}

export const BOOTSTRAP_OPTIONS = ["resamples", "seed", "random", "confLevel", "strata", "cluster", "interval"] as const;

function checkArguments(fn: string, n: number, statistic: unknown, options: BootstrapOptions): { resamples: number; confLevel: number; interval: "percentile" | "bca" } {
  const o = kernelOptions(fn, options, BOOTSTRAP_OPTIONS);
  if (typeof n !== "number" || !Number.isInteger(n)) throw KoeArgumentError.of(m.badWholeNumber, { fn, option: "n", value: n, min: 2 });
  if (n < 2) throw insufficientData(fn, 2, n, { what: counted.units });
  if (typeof statistic !== "function") throw KoeArgumentError.of(m.notAFunction, { fn, argument: "statistic", got: typeof statistic });
  const resamples = wholeOf(fn, "resamples", o.resamples ?? 1000, 10);
  if (o.strata && o.cluster) throw KoeArgumentError.of(m.strataAndCluster, { fn });
  return { resamples, confLevel: confLevelOf(fn, o.confLevel ?? 0.95), interval: choice(fn, "interval", o.interval ?? "percentile", ["percentile", "bca"]) };
}

/**
 * Two-sample permutation test of a statistic (default: difference of means x − y): the group
 * labels are shuffled `resamples` times; p = (1 + #{as or more extreme}) / (resamples + 1).
 * Missing values (null, NaN) are dropped and counted in `nMissing`, never read as 0.
 * @example
 * permutationTest([5, 6, 7, 8], [1, 2, 3, 4], { seed: 1 }).pValue // => 0.0274  (exact: 2/70 = 0.0286)
 * permutationTest([5, 6, null, 8], [1, 2, 3, 4], { seed: 1 }).nMissing // => 1
 */
export function permutationTest(
  x: NumericInput,
  y: NumericInput,
  options: { resamples?: number; seed?: number | string; random?: Random; alternative?: "two-sided" | "less" | "greater"; statistic?: (a: Float64Array, b: Float64Array) => number } = {},
): Result<{ resamples: number }> {
  const fn = "permutationTest";
  const o = kernelOptions(fn, options, ["resamples", "seed", "random", "alternative", "statistic"]);
  const resamples = wholeOf(fn, "resamples", o.resamples ?? 9999, 1);
  const alternative = choice(fn, "alternative", o.alternative ?? "two-sided", ALTERNATIVES);
  const { seed = 1, random, statistic } = o;
  if (statistic !== undefined && typeof statistic !== "function") throw KoeArgumentError.of(m.notAFunction, { fn, argument: "statistic", got: typeof statistic });
  const cx = dropMissing(x, fn, "x");
  const cy = dropMissing(y, fn, "y");
  const a = cx.values;
  const b = cy.values;
  if (a.length < 1) throw insufficientData(fn, 1, 0, { column: "x" });
  if (b.length < 1) throw insufficientData(fn, 1, 0, { column: "y" });
  const meanDiff = (p: Float64Array, q: Float64Array) => p.reduce((s, v) => s + v, 0) / p.length - q.reduce((s, v) => s + v, 0) / q.length;
  const stat = statistic ?? meanDiff;
  const observed = stat(a, b);
  const pool = new Float64Array(a.length + b.length);
  pool.set(a);
  pool.set(b, a.length);
  const rng = random ?? createRandom(seed);
  let extreme = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = pool.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = t;
    }
    const s = stat(pool.subarray(0, a.length), pool.subarray(a.length));
    if (alternative === "greater" ? s >= observed - 1e-12 : alternative === "less" ? s <= observed + 1e-12 : Math.abs(s) >= Math.abs(observed) - 1e-12) extreme++;
  }
  return makeResult({
    method: `Permutation test (${resamples} permutations)`,
    alternative,
    estimate: observed,
    stdError: null,
    statistic: observed,
    df: null,
    pValue: (1 + extreme) / (resamples + 1),
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: a.length + b.length,
    nMissing: cx.nMissing + cy.nMissing,
    resamples,
  });
}
