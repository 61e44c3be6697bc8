// Integer programs for the privacy engine, solved by HiGHS (the University of Edinburgh's LP/MIP
// solver, compiled to WebAssembly: npm "highs"). Why an integer-programming solver: what a reader
// can work out from several linked tables (respondents = participants + non-participants, margins
// beside cross-tables) is a set of whole-number tables satisfying linear sums; for one 2-D table the
// sums are a network and max-flow is exact (./intervals.ts), but linked tables are not a network,
// their LP relaxation can have fractional corners, and "the rule would hide exactly these numbers"
// is a set of either/or conditions. HiGHS solves these exactly (branch and cut), deterministically
// (single-threaded, no time limit), and ships inside the npm package (no download at run time).
import highsModule from "highs";

/** What this module uses of the package (its ESM build exports the loader as default; its types describe the CommonJS one). */
interface Highs {
  solve(problem: string, options?: Record<string, unknown>): { Status: string; Columns: Record<string, { Primal?: number }> };
}
const loader = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<Highs>;
const highs = await loader();

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
    const r = highs.solve(text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
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
