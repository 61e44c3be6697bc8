// Chooses which numbers of a count table to hide. Works on the table's network (./table-network.ts):
// cells and totals alike are arcs, every published sum is a line.
import { fallOf, riseOf } from "./intervals.js";
import type { TableNetwork } from "./table-network.js";

/** Why a number is hidden: it is a small group itself, or it shields one from subtraction. */
export type SuppressionReason = "primary" | "complementary";
/** Status of one number: hidden (and why), not published by choice (`showTotals: false`), or shown (`null`). */
export type NodeStatus = SuppressionReason | "unpublished" | null;

export interface RuleOptions {
  minSize: number;
  suppressZeros: boolean;
}

/** A count the rule protects: 0 < n < minSize, or n = 0 when zeros are sensitive too. */
export function isSensitive(value: number, { minSize, suppressZeros }: RuleOptions): boolean {
  return (value > 0 || (suppressZeros && value === 0)) && value < minSize;
}

/**
 * Marks every arc of `net` as shown, hidden (primary or complementary) or unpublished.
 *
 * 1. Primary: every sensitive number (cells and totals alike).
 * 2. Complementary, line by line (the standard heuristic): in a line whose total is shown, hidden
 *    members must be at least two (one alone is the total minus the rest) and, if any of them is
 *    sensitive, must add up to at least `minSize` (their sum is revealed, and a sum under minSize is
 *    a small group). The next member hidden is the smallest non-zero shown member (ties: the first
 *    in row-major order), else the line's total, else a shown zero. Repeated over rows, columns and
 *    the lines of totals until nothing changes.
 * 3. Exact check, repeated with step 2 to a fixed point: lines can each be safe and still pin a cell
 *    together (e.g. a cycle of hidden cells through a tiny one). For each hidden number the
 *    feasible interval is computed exactly (./intervals.ts); if a sensitive one could not reach
 *    minSize, or any hidden one is determined, one more number is hidden: the smallest non-zero shown
 *    cell (else total) on the minimum cut that blocks it. Each round hides one more number, so this
 *    ends; hiding everything is always safe.
 */
export function chooseSuppression(net: TableNetwork, unpublished: readonly boolean[], options: RuleOptions, exactCheck = true): NodeStatus[] {
  const n = net.values.length;
  const sensitive = net.values.map((v) => isSensitive(v, options));
  const status: NodeStatus[] = net.values.map((_, k) => (unpublished[k] ? "unpublished" : sensitive[k] ? "primary" : null));
  const stuck = new Set<number>();
  for (;;) {
    shieldLines(net, status, sensitive, options.minSize);
    if (!exactCheck) return status; // line rules only: for tests that show what step 3 adds
    const hidden = status.map((s) => s !== null);
    let fixed = false;
    for (let k = 0; k < n && !fixed; k++) {
      if (!hidden[k] || stuck.has(k) || exposure(net, hidden, sensitive, status, k, options.minSize) === null) continue;
      const pick = cutCandidate(net, hidden, k);
      if (pick < 0) {
        stuck.add(k); // structurally fixed (e.g. a table without columns): nothing can shield it
        continue;
      }
      status[pick] = "complementary";
      fixed = true;
    }
    if (!fixed) return status;
  }
}

/** Step 2: hide until every line with a shown total has 0 or ≥ 2 hidden members and no small hidden sum. */
function shieldLines(net: TableNetwork, status: NodeStatus[], sensitive: readonly boolean[], minSize: number): void {
  const hidden = (k: number) => status[k] !== null;
  const values = net.values;
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of net.lines) {
      while (!hidden(line.total)) {
        const members = line.members.filter(hidden);
        if (members.length === 0) break;
        const sum = members.reduce((a, m) => a + values[m]!, 0);
        const violated = members.length === 1 || (sum < minSize && members.some((m) => sensitive[m]));
        if (!violated) break;
        let pick = -1;
        for (const m of line.members) if (!hidden(m) && values[m]! > 0 && (pick < 0 || values[m]! < values[pick]!)) pick = m;
        if (pick < 0) pick = values[line.total]! > 0 ? line.total : (line.members.find((m) => !hidden(m)) ?? line.total);
        status[pick] = "complementary";
        changed = true;
      }
    }
  }
}

/**
 * Whether hidden arc `k` is exposed: "small" when it is sensitive and its value could not reach
 * `minSize`; "determined" when its exact value follows from what is published; otherwise null.
 * Unpublished totals are never "determined" (they were not hidden to protect anything).
 */
export function exposure(
  net: TableNetwork,
  hidden: readonly boolean[],
  sensitive: readonly boolean[],
  status: readonly NodeStatus[],
  k: number,
  minSize: number,
): "small" | "determined" | null {
  const value = net.values[k]!;
  const need = sensitive[k] ? Math.max(1, minSize - value) : 1;
  const rise = riseOf(net, hidden, k, need).flow;
  if (rise >= need) return null;
  if (sensitive[k]) return "small";
  if (status[k] === "unpublished") return null;
  // Not sensitive and cannot rise: determined unless it can fall.
  const fall = value === 0 ? 0 : fallOf(net, hidden, k, 1);
  return fall >= 1 ? null : "determined";
}

/**
 * The shown arc to hide so that `k` can rise: one crossing the minimum cut that blocks the rise.
 * Preference: non-zero before zero, cells before totals, smaller before larger, then position.
 */
function cutCandidate(net: TableNetwork, hidden: readonly boolean[], k: number): number {
  const side = riseOf(net, hidden, k).reachable; // the rise is finite here, so this is a minimum cut
  let best = -1;
  const rank = (e: number) => [net.values[e]! > 0 ? 0 : 1, net.kind[e] === "cell" ? 0 : 1, net.values[e]!, e] as const;
  const better = (a: number, b: number) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! < rb[i]!;
    return false;
  };
  for (let e = 0; e < net.values.length; e++) {
    if (hidden[e] || e === k) continue;
    const forward = side[net.from[e]!]! && !side[net.to[e]!]!;
    const backward = side[net.to[e]!]! && !side[net.from[e]!]! && net.values[e]! > 0;
    if ((forward || backward) && (best < 0 || better(e, best))) best = e;
  }
  return best;
}
