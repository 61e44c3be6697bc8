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
import { checkRuleReader, publicationOf, type ReaderCheck, type RuleOptions } from "./reader-check.js";

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

/** How many blocks next to a failing number are tried before one is hidden anyway. */
const TRIES = 4;

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
      const r = check(trial);
      if (!r.narrowed.includes(target) && !r.pinned.includes(target)) {
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
 * Blocks that could free number `target`: those of shown numbers that share a sum with the unknowns
 * tied to it, and failing that those of any shown number; cells before totals, then the smaller sum
 * of what they would newly hide, then position.
 */
function blocksNear(structure: CountStructure, hidden: readonly boolean[], target: number): number[][] {
  const { nodes, equations, units } = structure;
  const unknown = (k: number) => hidden[k] || !nodes[k]!.published;
  const hideable = (k: number) => nodes[k]!.published && nodes[k]!.hideable && !hidden[k];
  // The unknowns linked to target through sums.
  const linked = new Set<number>([target]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of equations) {
      const all = [...(e.total === null ? [] : [e.total]), ...e.members];
      if (!all.some((k) => linked.has(k))) continue;
      for (const k of all) if (unknown(k) && !linked.has(k)) {
        linked.add(k);
        grew = true;
      }
    }
  }
  const near = new Set<number>();
  for (const e of equations) {
    const all = [...(e.total === null ? [] : [e.total]), ...e.members];
    if (all.some((k) => linked.has(k))) for (const k of all) if (hideable(k)) near.add(k);
  }
  const pool = near.size > 0 ? [...near] : nodes.map((_, k) => k).filter(hideable);
  const seen = new Set<string>();
  const out: { unit: number[]; cell: number; sum: number; first: number }[] = [];
  for (const k of pool) {
    const unit = units[k]!.filter((u) => !hidden[u]);
    if (unit.length === 0) continue;
    const sig = unit.join(",");
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push({ unit, cell: nodes[k]!.kind === "cell" ? 0 : 1, sum: unit.reduce((a, u) => a + nodes[u]!.value, 0), first: Math.min(...unit) });
  }
  out.sort((a, b) => a.cell - b.cell || a.sum - b.sum || a.first - b.first);
  return out.map((o) => o.unit);
}
