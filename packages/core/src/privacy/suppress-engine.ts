// Small-cell suppression on a table of counts published with its totals. Cells and totals are
// nodes; each published sum (a row, a column, the margins) is a line "members add up to total".

export type SuppressionReason = "primary" | "complementary";

/** A published sum: the members add up to the total. */
export interface Line {
  members: number[];
  total: number;
}

/**
 * Marks nodes to hide. Primary: 0 < n < minSize (and zeros when `suppressZeros`). Complementary,
 * repeated to a fixed point: in every line, a hidden node must not be alone (else it is the total
 * minus the rest), and the hidden members must not add up to fewer than minSize while the total
 * shows (else their sum, a small group, is revealed). The next node hidden is the line's smallest
 * non-zero visible member (ties: the first), else its total. This is the standard heuristic, not an
 * optimal (fewest-cells) solution.
 */
export function suppressNodes(values: readonly number[], lines: readonly Line[], minSize: number, suppressZeros: boolean): (SuppressionReason | null)[] {
  const reason: (SuppressionReason | null)[] = values.map((v) => ((v > 0 || (suppressZeros && v === 0)) && v < minSize ? "primary" : null));
  for (;;) {
    shieldLines(reason, values, lines, minSize);
    // Lines can be safe one by one yet pin a cell together (a cycle of hidden cells with one
    // link missing): hide one more cell beside the first recoverable node, and repeat.
    const exposed = recoverableNodes(reason.map((r) => r !== null), lines);
    if (exposed.length === 0) return reason;
    const k = exposed[0]!;
    let pick = -1;
    for (const line of lines) {
      if (line.total !== k && !line.members.includes(k)) continue;
      for (const m of [...line.members, line.total]) {
        if (reason[m] === null && values[m]! > 0 && (pick < 0 || values[m]! < values[pick]!)) pick = m;
      }
    }
    if (pick < 0) return reason; // every neighbour hidden already: cannot happen for a recoverable node
    reason[pick] = "complementary";
  }
}

/** Hides, line by line, until no hidden node is alone in a line and no line reveals a small hidden sum. */
function shieldLines(reason: (SuppressionReason | null)[], values: readonly number[], lines: readonly Line[], minSize: number): void {
  const hidden = (i: number) => reason[i] !== null;
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      let hiddenCount = hidden(line.total) ? 1 : 0;
      let hiddenSum = 0;
      for (const m of line.members) {
        if (hidden(m)) {
          hiddenCount++;
          hiddenSum += values[m]!;
        }
      }
      if (hiddenCount === 0) continue;
      const alone = hiddenCount === 1;
      const smallSum = !hidden(line.total) && hiddenSum > 0 && hiddenSum < minSize;
      if (!alone && !smallSum) continue;
      let pick = -1;
      for (const m of line.members) {
        if (!hidden(m) && values[m]! > 0 && (pick < 0 || values[m]! < values[pick]!)) pick = m;
      }
      if (pick < 0 && !hidden(line.total)) pick = line.total;
      if (pick < 0) pick = line.members.find((m) => !hidden(m)) ?? -1;
      if (pick < 0) continue;
      reason[pick] = "complementary";
      changed = true;
    }
  }
}

/**
 * Hidden nodes whose value follows exactly from the published sums: their unit vector lies in the
 * row space of the lines' equations restricted to hidden nodes (Gaussian elimination).
 */
export function recoverableNodes(hidden: readonly boolean[], lines: readonly Line[]): number[] {
  const hiddenIdx = hidden.map((h, k) => (h ? k : -1)).filter((k) => k >= 0);
  const col = new Map(hiddenIdx.map((k, i) => [k, i]));
  const equations: number[][] = [];
  for (const line of lines) {
    const eq = new Array<number>(hiddenIdx.length).fill(0);
    let any = false;
    for (const m of line.members) if (hidden[m]) { eq[col.get(m)!] = 1; any = true; }
    if (hidden[line.total]) { eq[col.get(line.total)!] = -1; any = true; }
    if (any) equations.push(eq);
  }
  if (equations.length === 0) return [];
  const reduced = rowEchelon(equations);
  return hiddenIdx.filter((_, i) => {
    const unit = new Array<number>(hiddenIdx.length).fill(0);
    unit[i] = 1;
    return inRowSpace(reduced, unit);
  });
}

/** Reduced row echelon form (pivot rows only) of small integer matrices; exact enough for 0/±1 entries. */
function rowEchelon(matrix: number[][]): { rows: number[][]; pivots: number[] } {
  const m = matrix.map((r) => r.slice());
  const cols = m[0]!.length;
  const pivots: number[] = [];
  let rk = 0;
  for (let c = 0; c < cols && rk < m.length; c++) {
    let p = -1;
    for (let i = rk; i < m.length; i++) if (Math.abs(m[i]![c]!) > 1e-9 && (p < 0 || Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!))) p = i;
    if (p < 0) continue;
    [m[rk], m[p]] = [m[p]!, m[rk]!];
    const pv = m[rk]![c]!;
    for (let j = c; j < cols; j++) m[rk]![j]! /= pv;
    for (let i = 0; i < m.length; i++) {
      if (i === rk) continue;
      const f = m[i]![c]!;
      if (f !== 0) for (let j = c; j < cols; j++) m[i]![j]! -= f * m[rk]![j]!;
    }
    pivots.push(c);
    rk++;
  }
  return { rows: m.slice(0, rk), pivots };
}

function inRowSpace({ rows, pivots }: { rows: number[][]; pivots: number[] }, v: number[]): boolean {
  const r = v.slice();
  pivots.forEach((c, i) => {
    const f = r[c]!;
    if (f !== 0) for (let j = 0; j < r.length; j++) r[j]! -= f * rows[i]![j]!;
  });
  return r.every((x) => Math.abs(x) < 1e-9);
}
