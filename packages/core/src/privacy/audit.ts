import type { MatrixSuppression } from "./suppress.js";
import { recoverableNodes } from "./suppress-engine.js";
import { tableLines } from "./suppress.js";

export interface AuditFinding {
  kind: "small_visible" | "recoverable" | "small_sum";
  /** Node: "cell r,c" (1-based), "row total r", "column total c" or "grand total". */
  where: string;
  message: string;
}

/**
 * Checks a suppression against what a reader could compute from the published numbers:
 * no visible count in 0 < n < minSize; no hidden node exactly determined by the published sums
 * (its unit vector lies in the row space of the constraints on hidden nodes — Gaussian
 * elimination); no published line whose hidden members add up to 0 < sum < minSize.
 * Nonnegativity bounds are not audited (the interval of a hidden cell may still be narrow).
 */
export function auditSuppression(counts: readonly (readonly number[])[], result: MatrixSuppression, minSize = 5): AuditFinding[] {
  const { values, lines, r, c } = tableLines(counts);
  const hidden = [
    ...result.cells.flatMap((row) => row.map((m) => m.suppressed)),
    ...result.rowTotals.map((m) => m.suppressed),
    ...result.columnTotals.map((m) => m.suppressed),
    result.grandTotal.suppressed,
  ];
  const name = (k: number) =>
    k < r * c ? `cell ${Math.floor(k / c) + 1},${(k % c) + 1}` : k < r * c + r ? `row total ${k - r * c + 1}` : k < r * c + r + c ? `column total ${k - r * c - r + 1}` : "grand total";
  const findings: AuditFinding[] = [];
  values.forEach((v, k) => {
    if (!hidden[k] && v > 0 && v < minSize) findings.push({ kind: "small_visible", where: name(k), message: `${name(k)} shows ${v}` });
  });
  for (const line of lines) {
    let hiddenSum = 0;
    for (const m of line.members) if (hidden[m]) hiddenSum += values[m]!;
    if (!hidden[line.total] && hiddenSum > 0 && hiddenSum < minSize) {
      findings.push({ kind: "small_sum", where: name(line.total), message: `hidden members of the line of ${name(line.total)} add up to ${hiddenSum}` });
    }
  }
  for (const k of recoverableNodes(hidden, lines)) {
    findings.push({ kind: "recoverable", where: name(k), message: `${name(k)} (${values[k]}) follows from the published sums` });
  }
  return findings;
}
