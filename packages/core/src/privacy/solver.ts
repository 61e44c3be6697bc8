// Integer programs for the privacy engine, solved by HiGHS (the University of Edinburgh's LP/MIP
// solver, compiled to WebAssembly: npm "highs"). Why an integer-programming solver: what a reader
// can work out from several linked tables (respondents = participants + non-participants, margins
// beside cross-tables) is a set of whole-number tables satisfying linear sums; for one 2-D table the
// sums are a network and max-flow is exact (./intervals.ts), but linked tables are not a network,
// their LP relaxation can have fractional corners, and "the rule would hide exactly these numbers"
// is a set of either/or conditions. HiGHS solves these exactly (branch and cut), deterministically
// (single-threaded, no time limit), and ships inside the npm package (no download at run time).
//
// HiGHS is loaded on the first solve, not when koe is imported (its WebAssembly takes ~0.1 s to
// load, and a process that publishes no linked tables never needs it). Its loader is asynchronous
// and solveInteger is not: so HiGHS runs in a worker thread, and each solve waits for the worker's
// answer (Atomics.wait on a shared flag, the answer read with receiveMessageOnPort). The same HiGHS build solves the same
// programs with the same options, so the answers are the same as when it ran in the main thread.
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** What HiGHS answers (the part used here). */
interface HighsAnswer {
  Status: string;
  Columns: Record<string, { Primal?: number }>;
}

/** The worker: loads HiGHS (its CommonJS build), then solves each program posted to it and raises the flag. */
const WORKER = `
const { workerData } = require("node:worker_threads");
const { flag, port, highs } = workerData;
const answer = (message) => { port.postMessage(message); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
process.on("exit", () => { Atomics.store(flag, 0, 2); Atomics.notify(flag, 0); });
const load = require(highs);
(load.default ?? load)().then(
  (solver) => {
    port.on("message", ({ text, options }) => {
      try { answer({ result: solver.solve(text, options) }); }
      catch (e) { answer({ error: String(e && e.message ? e.message : e) }); }
    });
    answer({ ready: true });
  },
  (e) => answer({ error: "HiGHS could not be loaded: " + String(e && e.message ? e.message : e) }),
);
`;

let solver: ((text: string, options: Record<string, unknown>) => HighsAnswer) | undefined;

/** Waits for the worker's answer (the flag lowered before the question was put). */
function answerOf(flag: Int32Array, port: MessagePort): { result?: HighsAnswer; ready?: boolean } {
  Atomics.wait(flag, 0, 0);
  const reply = receiveMessageOnPort(port)?.message as { result?: HighsAnswer; ready?: boolean; error?: string } | undefined;
  if (reply === undefined) throw new Error("the HiGHS worker stopped without answering");
  if (reply.error !== undefined) throw new Error(reply.error);
  return reply;
}

/** HiGHS's solve, its worker started on first use. */
function highsSolve(): (text: string, options: Record<string, unknown>) => HighsAnswer {
  if (solver !== undefined) return solver;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const highs = createRequire(import.meta.url).resolve("highs");
  new Worker(WORKER, { eval: true, execArgv: [], workerData: { flag, port: port2, highs }, transferList: [port2] }).unref();
  answerOf(flag, port1);
  solver = (text, options) => {
    Atomics.store(flag, 0, 0);
    port1.postMessage({ text, options });
    return answerOf(flag, port1).result!;
  };
  return solver;
}

/** A linear term: variable name and coefficient. */
export type Term = readonly [name: string, coefficient: number];

/** A mixed-integer program: whole-number variables within their bounds (binaries 0/1), and optionally continuous ones. */
export interface IntegerProgram {
  sense: "max" | "min";
  objective: readonly Term[];
  constraints: readonly { terms: readonly Term[]; op: "=" | "<=" | ">="; rhs: number }[];
  /** Integer variables and their bounds. */
  integers: ReadonlyMap<string, readonly [low: number, high: number]>;
  binaries: readonly string[];
  /** Continuous variables and their bounds (optional). */
  continuous?: ReadonlyMap<string, readonly [low: number, high: number]>;
}

/** The solution's values (whole numbers), or null when no whole-number solution exists. */
export type Solution = ReadonlyMap<string, number> | null;

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(17));

function sum(terms: readonly Term[]): string {
  const merged = new Map<string, number>();
  for (const [name, c] of terms) merged.set(name, (merged.get(name) ?? 0) + c);
  const parts = [...merged].filter(([, c]) => c !== 0).map(([name, c], i) => `${c < 0 ? "- " : i === 0 ? "" : "+ "}${Math.abs(c) === 1 ? "" : `${num(Math.abs(c))} `}${name}`);
  return parts.join(" ");
}

/** The program in CPLEX LP format (the text also keys the cache). */
export function lpText(p: IntegerProgram): string {
  const anyVar = p.integers.keys().next().value ?? p.binaries[0] ?? "x";
  const objective = sum(p.objective) || `0 ${anyVar}`;
  const lines = [p.sense === "max" ? "Maximize" : "Minimize", ` obj: ${objective}`, "Subject To"];
  p.constraints.forEach((c, i) => {
    const lhs = sum(c.terms);
    if (lhs === "") return;
    lines.push(` c${i}: ${lhs} ${c.op} ${num(c.rhs)}`);
  });
  lines.push("Bounds");
  for (const [name, [lo, hi]] of [...p.integers, ...(p.continuous ?? [])]) lines.push(` ${num(lo)} <= ${name} <= ${num(hi)}`);
  if (p.integers.size > 0) lines.push("Generals", ` ${[...p.integers.keys()].join(" ")}`);
  if (p.binaries.length > 0) lines.push("Binaries", ` ${p.binaries.join(" ")}`);
  lines.push("End", "");
  return lines.join("\n");
}

const cache = new Map<string, Solution>();
/** The cache is emptied when the programs it keys on reach this many characters in all. */
const CACHE_CHARS = 32_000_000;
let cached = 0;

/**
 * Solves an integer program to optimality; null when it has no solution. Deterministic: the same
 * program gives the same answer (results are cached by the program's text).
 */
export function solveInteger(p: IntegerProgram): Solution {
  const text = lpText(p);
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const r = highsSolve()(text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
  let out: Solution = null;
  if (r.Status === "Optimal") {
    const values = new Map<string, number>();
    for (const [name, col] of Object.entries(r.Columns)) values.set(name, Math.round(col.Primal ?? 0) || 0);
    for (const [name, [lo]] of p.integers) if (!values.has(name)) values.set(name, lo);
    for (const name of p.binaries) if (!values.has(name)) values.set(name, 0);
    out = values;
  }
  if (cached + text.length > CACHE_CHARS) {
    cache.clear();
    cached = 0;
  }
  cache.set(text, out);
  cached += text.length;
  return out;
}
