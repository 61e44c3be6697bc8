// What a reader can work out about a hidden number: its feasible interval given every published
// number (visible cells and totals), the sums that tie them together, and that counts are ≥ 0.
//
// Method. Take the true table as a starting point; any other table the reader must consider differs
// from it by a circulation δ that is 0 on every visible arc and keeps every hidden arc ≥ 0. Raising
// hidden arc k = (u → v) by t therefore means sending t units from v back to u through the other
// hidden arcs, each of which may grow without limit (forward) or shrink by at most its value
// (backward). So
//     high(k) = value(k) + maxflow(v → u),     low(k) = value(k) − min(value(k), maxflow(u → v)),
// in the residual network without arc k. The network's constraint matrix is totally unimodular
// (a circulation), so these LP bounds are reached by whole-number tables and every whole number in
// between is feasible too: the interval is exact, not an approximation. (Checked against brute-force
// enumeration in test/privacy-audit.test.ts.) A reader who knows more than the sums — e.g. that the
// rule never hides a zero, so every hidden cell is ≥ 1 — is a lower bound per arc (`low`): an arc
// can then shrink by its value minus its bound, and the same argument holds (bounds keep the matrix
// totally unimodular).
import type { TableNetwork } from "./table-network.js";

/** The values a hidden node can take given what is published; `high` is `Infinity` when unbounded. */
export interface Interval {
  low: number;
  high: number;
}

interface FlowResult {
  /** Maximum flow (or the first amount ≥ `limit` found); `Infinity` when unbounded. */
  flow: number;
  /** Vertices reachable from the source in the final residual network (the source side of a minimum cut). */
  reachable: boolean[];
}

/**
 * Edmonds–Karp maximum flow from `source` to `sink` through the hidden arcs other than `skip`:
 * forward capacity unbounded, backward capacity the arc's value plus the flow already pushed on it.
 */
function maxFlow(net: TableNetwork, hidden: readonly boolean[], skip: number, source: number, sink: number, limit: number, low?: readonly number[]): FlowResult {
  const floor = (e: number) => low?.[e] ?? 0;
  const delta = new Array<number>(net.values.length).fill(0);
  let flow = 0;
  for (;;) {
    // Breadth-first search for an augmenting path; via[x] = [arc, forward?] used to reach x.
    const via: ([number, boolean] | null)[] = new Array(net.vertices).fill(null);
    const reachable = new Array<boolean>(net.vertices).fill(false);
    reachable[source] = true;
    const queue = [source];
    for (let head = 0; head < queue.length && !reachable[sink]; head++) {
      const x = queue[head]!;
      for (const e of net.incident[x]!) {
        if (e === skip || !hidden[e]) continue;
        if (net.from[e] === x && !reachable[net.to[e]!]) {
          reachable[net.to[e]!] = true;
          via[net.to[e]!] = [e, true];
          queue.push(net.to[e]!);
        } else if (net.to[e] === x && !reachable[net.from[e]!] && net.values[e]! + delta[e]! > floor(e)) {
          reachable[net.from[e]!] = true;
          via[net.from[e]!] = [e, false];
          queue.push(net.from[e]!);
        }
      }
    }
    if (!reachable[sink]) return { flow, reachable };
    let bottleneck = Infinity;
    for (let x = sink; x !== source; ) {
      const [e, forward] = via[x]!;
      if (!forward) bottleneck = Math.min(bottleneck, net.values[e]! + delta[e]! - floor(e));
      x = forward ? net.from[e]! : net.to[e]!;
    }
    if (bottleneck === Infinity) return { flow: Infinity, reachable };
    for (let x = sink; x !== source; ) {
      const [e, forward] = via[x]!;
      delta[e]! += forward ? bottleneck : -bottleneck;
      x = forward ? net.from[e]! : net.to[e]!;
    }
    flow += bottleneck;
    if (flow >= limit) return { flow, reachable };
  }
}

/**
 * The exact feasible interval of hidden arc `k` (whole numbers), given that the arcs marked in
 * `hidden` are unknown to the reader and all others are published; `low` (optional) is what the
 * reader knows each hidden arc is at least (default 0). The true table must respect `low`.
 */
export function feasibleInterval(net: TableNetwork, hidden: readonly boolean[], k: number, low?: readonly number[]): Interval {
  const value = net.values[k]!;
  const floor = low?.[k] ?? 0;
  const up = riseOf(net, hidden, k, Infinity, low).flow;
  const down = fallOf(net, hidden, k, value - floor, low);
  return { low: value - Math.min(value - floor, down), high: value + up };
}

/**
 * How far hidden arc `k` could rise, searched only up to `value + limit`; with the source side of
 * the minimum cut that stops it from rising further (meaningful when the rise is below `limit`).
 */
export function riseOf(net: TableNetwork, hidden: readonly boolean[], k: number, limit = Infinity, low?: readonly number[]): FlowResult {
  return maxFlow(net, hidden, k, net.to[k]!, net.from[k]!, limit, low);
}

/** How far hidden arc `k` could fall (before the floor at 0), searched only up to `limit`. */
export function fallOf(net: TableNetwork, hidden: readonly boolean[], k: number, limit = Infinity, low?: readonly number[]): number {
  return maxFlow(net, hidden, k, net.from[k]!, net.to[k]!, limit, low).flow;
}
