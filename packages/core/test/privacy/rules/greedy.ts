// The suppression rules koe used before the block rule, kept here (not in src/) so that the reader
// tests can show what a rule-aware reader got out of them, and how much each later fix helped.
//
// "greedy": primary cells, then line by line the smallest non-zero shown member, then an exact
// check of the intervals (max-flow) hiding one more cell on the blocking cut while a hidden small
// group cannot reach minSize or a hidden number is determined. Options:
// - zerosShown: the exact check also uses "hidden cells are ≥ 1" (the rule never hides a zero);
// - byPosition: complementary cells are chosen by position (row-major), not by size.
import { riseOf, fallOf } from "../../../src/privacy/intervals.js";
import { matrixNetwork, type TableNetwork } from "../../../src/privacy/table-network.js";
import type { Pattern } from "../reader.js";

export interface GreedyOptions {
  minSize: number;
  suppressZeros?: boolean;
  zerosShown?: boolean;
  byPosition?: boolean;
}

type Status = "primary" | "complementary" | null;

export function greedyRule(counts: number[][], options: GreedyOptions): Pattern {
  const { minSize, suppressZeros = false, zerosShown = false, byPosition = false } = options;
  const net = matrixNetwork(counts);
  const n = net.values.length;
  const sensitive = net.values.map((v) => (v > 0 || (suppressZeros && v === 0)) && v < minSize);
  const status: Status[] = net.values.map((_, k) => (sensitive[k] ? "primary" : null));
  const rank = (e: number) => (byPosition ? e : net.values[e]!);
  const low = () => net.values.map((v, k) => (zerosShown && !suppressZeros && status[k] !== null && net.kind[k] === "cell" && v > 0 ? 1 : 0));
  const stuck = new Set<number>();
  for (;;) {
    shieldLines(net, status, sensitive, minSize, rank);
    const hidden = status.map((s) => s !== null);
    const floor = low();
    let fixed = false;
    for (let k = 0; k < n && !fixed; k++) {
      if (!hidden[k] || stuck.has(k) || !exposed(net, hidden, sensitive, k, minSize, floor)) continue;
      const pick = cutCandidate(net, hidden, k, rank, floor);
      if (pick < 0) {
        stuck.add(k);
        continue;
      }
      status[pick] = "complementary";
      fixed = true;
    }
    if (!fixed) break;
  }
  const r = counts.length;
  const c = counts[0]?.length ?? 0;
  const h = (k: number) => status[k] !== null;
  return {
    cells: counts.map((row, i) => row.map((_, j) => h(i * c + j))),
    rowTotals: Array.from({ length: r }, (_, i) => h(r * c + i)),
    columnTotals: Array.from({ length: c }, (_, j) => h(r * c + r + j)),
    grandTotal: h(r * c + r + c),
  };
}

function shieldLines(net: TableNetwork, status: Status[], sensitive: readonly boolean[], minSize: number, rank: (e: number) => number): void {
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
        if (!(members.length === 1 || (sum < minSize && members.some((m) => sensitive[m])))) break;
        let pick = -1;
        for (const m of line.members) if (!hidden(m) && values[m]! > 0 && (pick < 0 || rank(m) < rank(pick))) pick = m;
        if (pick < 0) pick = values[line.total]! > 0 ? line.total : (line.members.find((m) => !hidden(m)) ?? line.total);
        status[pick] = "complementary";
        changed = true;
      }
    }
  }
}

function exposed(net: TableNetwork, hidden: readonly boolean[], sensitive: readonly boolean[], k: number, minSize: number, low: readonly number[]): boolean {
  const value = net.values[k]!;
  const need = sensitive[k] ? Math.max(1, minSize - value) : 1;
  if (riseOf(net, hidden, k, need, low).flow >= need) return false;
  if (sensitive[k]) return true;
  return value - (low[k] ?? 0) === 0 ? true : fallOf(net, hidden, k, 1, low) < 1;
}

function cutCandidate(net: TableNetwork, hidden: readonly boolean[], k: number, rank: (e: number) => number, low: readonly number[]): number {
  const side = riseOf(net, hidden, k, Infinity, low).reachable;
  let best = -1;
  const key = (e: number) => [net.values[e]! > 0 ? 0 : 1, net.kind[e] === "cell" ? 0 : 1, rank(e), e] as const;
  const better = (a: number, b: number) => {
    const ra = key(a);
    const rb = key(b);
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
