// The suppression rule ("blocks"): which published numbers to hide so that no group smaller than
// the minimum can be read, worked out by subtraction, or told apart by a reader who knows this rule.
//
// 1. Primary: every published number n with 0 < n < minSize (also 0 with suppressZeros) is small.
// 2. Blocks: hide the block of every small number (./count-structure.ts): the 2 × 2 (or 2 × 3,
//    3 × 3) rectangle of neighbouring cells in the dimensions' natural order, the pair (or three) of
//    neighbouring totals, and the same rectangle in the tables that share its sums. Blocks are fixed
//    by the tables' shapes, so which cells are hidden beside a small one says nothing about their
//    sizes; and any number of a hidden block could be the small one behind it.
// 3. Check: the rule-aware reader (./reader-check.ts) must learn nothing below the minimum. While it
//    could, hide one more block next to what it could narrow or pin (the block whose hiding clears it
//    if one does, else the first; cells before totals, smaller counts first) and check again. Hiding
//    everything is always safe, so this ends.
// The check reads only what is published, so every table the check's witnesses describe would be
// suppressed the same way: see ./reader-check.ts for why that makes the result safe against a reader
// who re-runs this rule on every candidate table.
import type { CountStructure } from "./count-structure.js";
import { checkRuleReader, passesRuleReader, publicationOf, type ReaderCheck, type RuleOptions } from "./reader-check.js";

export type { RuleOptions } from "./reader-check.js";

/** The name of this rule; patterns made by it carry it, and the audit reads them with its reader. */
export const SUPPRESSION_RULE = "blocks";

/** A count the rule protects: 0 < n < minSize, or n = 0 when zeros are sensitive too. */
export function isSensitive(value: number, { minSize, suppressZeros }: RuleOptions): boolean {
  return (value > 0 || (suppressZeros && value === 0)) && value < minSize;
}

/** Which nodes the rule hides, and which of them are small groups themselves (for the analyst only). */
export interface BlockSuppression {
  hidden: boolean[];
  primary: boolean[];
}

/** How many blocks, nearest first, are tried for a failing number before the nearest is hidden anyway. */
const TRIES = 60;

/** Applies the rule to a structure. Deterministic. */
export function suppressBlocks(structure: CountStructure, options: RuleOptions): BlockSuppression {
  const { nodes, units } = structure;
  const primary = nodes.map((node) => node.published && node.hideable && isSensitive(node.value, options));
  const hidden = nodes.map(() => false);
  primary.forEach((p, k) => {
    if (p) for (const u of units[k]!) hidden[u] = true;
  });
  if (!hidden.some(Boolean)) return { hidden, primary };
  const check = (h: readonly boolean[]): ReaderCheck => checkRuleReader(structure, publicationOf(structure, h), options);
  let result = check(hidden);
  while (!result.ok) {
    const target = Math.min(...result.narrowed, ...result.pinned);
    const candidates = blocksNear(structure, hidden, target);
    if (candidates.length === 0) {
      // Nothing shown is tied to it any more: hide everything that can be hidden.
      nodes.forEach((node, k) => {
        if (node.published && node.hideable) hidden[k] = true;
      });
      return { hidden, primary };
    }
    let pick = candidates[0]!;
    for (const c of candidates.slice(0, TRIES)) {
      const trial = hidden.map((h, k) => h || c.includes(k));
      if (passesRuleReader(structure, publicationOf(structure, trial), options, target)) {
        pick = c;
        break;
      }
    }
    for (const k of pick) hidden[k] = true;
    result = check(hidden);
  }
  return { hidden, primary };
}

/**
 * Blocks that could free number `target`, nearest first: distance is the number of sums between a
 * block and `target` (its own block counts as 0); then cells before totals, then the smaller sum of
 * what they would newly hide, then position.
 */
function blocksNear(structure: CountStructure, hidden: readonly boolean[], target: number): number[][] {
  const { nodes, equations, units } = structure;
  const hideable = (k: number) => nodes[k]!.published && nodes[k]!.hideable && !hidden[k];
  // Breadth-first over the sums, from target and its block.
  const byNode: number[][] = nodes.map(() => []);
  equations.forEach((e, i) => {
    for (const k of [...(e.total === null ? [] : [e.total]), ...e.members]) byNode[k]!.push(i);
  });
  const distance = nodes.map(() => Infinity);
  let frontier = [target, ...units[target]!];
  for (const k of frontier) distance[k] = 0;
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const k of frontier) {
      for (const i of byNode[k]!) {
        const e = equations[i]!;
        for (const m of [...(e.total === null ? [] : [e.total]), ...e.members]) {
          if (distance[m]! <= d) continue;
          distance[m] = d;
          next.push(m);
        }
      }
    }
    frontier = next;
  }
  const seen = new Set<string>();
  const out: { unit: number[]; near: number; cell: number; sum: number; first: number }[] = [];
  nodes.forEach((_, k) => {
    if (!hideable(k)) return;
    const unit = units[k]!.filter((u) => !hidden[u]);
    if (unit.length === 0) return;
    const sig = unit.join(",");
    if (seen.has(sig)) return;
    seen.add(sig);
    out.push({
      unit,
      near: Math.min(...unit.map((u) => distance[u]!)),
      cell: nodes[k]!.kind === "cell" ? 0 : 1,
      sum: unit.reduce((a, u) => a + nodes[u]!.value, 0),
      first: Math.min(...unit),
    });
  });
  out.sort((a, b) => a.near - b.near || a.cell - b.cell || a.sum - b.sum || a.first - b.first);
  return out.map((o) => o.unit);
}
