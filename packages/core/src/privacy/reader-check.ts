// The reader the suppression rule must defeat: one who sees every published number and which ones
// are hidden, knows the rule (./suppress-blocks.ts), and keeps only the whole-number tables on which
// the rule would hide exactly the same numbers. The check below proves, for a publication, that such
// a reader learns nothing below the minimum:
//   (a) every hidden number — and every total that is not published — can be ≥ minSize (or is 0,
//       which reveals nobody) in some table the reader must keep, so no small group is told apart;
//   (b) no hidden non-zero number takes one value in all of them (nothing is pinned) — except a
//       number the published numbers fix by themselves at minSize or more, which was never secret.
//
// Which tables must the reader keep? Those the rule maps to the same publication. The rule first
// hides the blocks of the small groups (V), then hides more blocks while this check fails. Call a
// table W a witness if it agrees with every shown number and V(W) = the hidden set H, i.e. every
// hidden block has a small group in W that makes V hide it (and no small group whose block is not
// hidden). This check reads nothing but the publication, so it gives the same answer on W as on the
// true table; the rule therefore stops at H on W too: every witness is a table the reader must keep.
// So if witnesses reach minSize and take two values for every hidden number, the reader — however he
// reasons about the rule — cannot do better. (How the rule came to H, including any extension it
// made, does not matter: the argument only uses witnesses.)
//
// Witnesses are found by integer programming (./solver.ts): whole-number unknowns for every number
// not shown, the published sums as equations, and either/or conditions for "small" (1…minSize−1, or
// 0…minSize−1 with suppressZeros) and "not small" (0 or ≥ minSize). The unknowns split into
// independent parts (linked by a sum or a block); each part is one small program.
import type { CountStructure } from "./count-structure.js";
import { solveInteger, type IntegerProgram, type Term } from "./solver.js";

export interface RuleOptions {
  minSize: number;
  suppressZeros: boolean;
}

/** What a reader sees: which published numbers are hidden, and the value of each one shown (null for hidden or unpublished). */
export interface Publication {
  hidden: readonly boolean[];
  shown: readonly (number | null)[];
}

/** The publication of `structure` with the numbers in `hidden` hidden. */
export function publicationOf(structure: CountStructure, hidden: readonly boolean[]): Publication {
  return { hidden, shown: structure.nodes.map((node, k) => (node.published && !hidden[k] ? node.value : null)) };
}

/** The outcome: `ok` when neither list has anything. Node ids in increasing order. */
export interface ReaderCheck {
  ok: boolean;
  /** Hidden or unpublished numbers a rule-aware reader knows to be below minSize (and not 0). */
  narrowed: number[];
  /** Hidden non-zero numbers such a reader knows exactly (not counting those the published numbers fix by themselves at minSize or more). */
  pinned: number[];
}

/** The smallest and largest value (Infinity when unbounded) of every number not shown, over the witnesses; null when there is no witness. */
export type WitnessRange = Map<number, readonly [low: number, high: number]> | null;

interface Part {
  nodes: number[];
  base: IntegerProgram;
  /** The published sums alone (what a reader knows without the rule). */
  sums: IntegerProgram;
  /** Hidden numbers of the part (published), and numbers not published. */
  hidden: number[];
  unpublished: number[];
  /** Some hidden number lies in no block that could have been hidden: no table gives this publication. */
  impossible: boolean;
  /** The bound put on every unknown; a number that can reach it is unbounded. */
  big: number;
}

const w = (k: number) => `w${k}`;

/** The independent parts of a publication's unknowns, each with the program its witnesses satisfy. */
function partsOf(structure: CountStructure, pub: Publication, { minSize, suppressZeros }: RuleOptions, scale = 1): Part[] {
  const { nodes, equations, units } = structure;
  const unknown = (k: number) => pub.shown[k] === null;
  const H = (k: number) => pub.hidden[k] === true;
  // A hidden node can be the small group behind its block only if its whole block is hidden.
  const canTrigger = nodes.map((_, k) => H(k) && units[k]!.length > 0 && units[k]!.every(H));
  const parent = nodes.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (const e of equations) {
    const open = [...(e.total === null ? [] : [e.total]), ...e.members].filter(unknown);
    for (const k of open.slice(1)) union(open[0]!, k);
  }
  nodes.forEach((_, k) => {
    if (canTrigger[k]) for (const u of units[k]!) union(k, u);
  });
  const groups = new Map<number, number[]>();
  nodes.forEach((_, k) => {
    if (unknown(k)) (groups.get(find(k)) ?? groups.set(find(k), []).get(find(k))!).push(k);
  });

  // Bounds: large enough for any witness worth finding, from shown numbers only.
  const shownSum = pub.shown.reduce<number>((a, v) => a + (v ?? 0), 0);
  const parts: Part[] = [];
  for (const members of groups.values()) {
    const hidden = members.filter(H);
    if (hidden.length === 0) continue; // only unpublished totals of shown numbers: each is 0 or ≥ minSize
    const inPart = new Set(members);
    const big = scale * (2 * shownSum + 2 * (members.length + 1) * minSize + 10);
    const constraints: IntegerProgram["constraints"][number][] = [];
    for (const e of equations) {
      const touched = [...(e.total === null ? [] : [e.total]), ...e.members].some((k) => inPart.has(k));
      if (!touched) continue;
      const terms: Term[] = [];
      let rhs = 0;
      for (const m of e.members) {
        if (unknown(m)) terms.push([w(m), 1]);
        else rhs -= pub.shown[m]!;
      }
      if (e.total !== null) {
        if (unknown(e.total)) terms.push([w(e.total), -1]);
        else rhs += pub.shown[e.total]!;
      }
      constraints.push({ terms, op: "=", rhs });
    }
    const integers = new Map<string, readonly [number, number]>(members.map((k) => [w(k), [0, big] as const]));
    const sums: IntegerProgram = { sense: "max", objective: [], constraints: [...constraints], integers, binaries: [] };
    const binaries: string[] = [];
    const small = suppressZeros ? 0 : 1;
    for (const k of hidden) {
      if (canTrigger[k]) {
        // s = 1: small (small … minSize − 1); s = 0: anything.
        binaries.push(`s${k}`);
        constraints.push({ terms: [[w(k), 1], [`s${k}`, -small]], op: ">=", rhs: 0 });
        constraints.push({ terms: [[w(k), 1], [`s${k}`, big - (minSize - 1)]], op: "<=", rhs: big });
      } else if (suppressZeros) {
        constraints.push({ terms: [[w(k), 1]], op: ">=", rhs: minSize });
      } else {
        // Not small: 0 (z = 0) or ≥ minSize (z = 1).
        binaries.push(`z${k}`);
        constraints.push({ terms: [[w(k), 1], [`z${k}`, -big]], op: "<=", rhs: 0 });
        constraints.push({ terms: [[w(k), 1], [`z${k}`, -minSize]], op: ">=", rhs: 0 });
      }
    }
    // Every hidden number's block is hidden because of a small group in a block that holds it.
    let impossible = false;
    for (const u of hidden) {
      const triggers = hidden.filter((k) => canTrigger[k] && units[k]!.includes(u));
      if (triggers.length === 0) impossible = true;
      else constraints.push({ terms: triggers.map((k): Term => [`s${k}`, 1]), op: ">=", rhs: 1 });
    }
    const unpublished = members.filter((k) => !nodes[k]!.published);
    parts.push({ nodes: members, base: { sense: "max", objective: [], constraints, integers, binaries }, sums, hidden, unpublished, impossible, big });
  }
  return parts;
}

const withExtra = (
  p: IntegerProgram,
  extra: Partial<Pick<IntegerProgram, "sense" | "objective">> & { constraints?: IntegerProgram["constraints"]; continuous?: (readonly [string, readonly [number, number]])[] },
): IntegerProgram => ({
  sense: extra.sense ?? p.sense,
  objective: extra.objective ?? p.objective,
  constraints: [...p.constraints, ...(extra.constraints ?? [])],
  integers: p.integers,
  binaries: p.binaries,
  ...(extra.continuous ? { continuous: new Map(extra.continuous) } : {}),
});

/** Checks one part: which of its numbers (all of them, or only `only`) a rule-aware reader narrows below minSize or pins. */
function checkPart(part: Part, { minSize, suppressZeros }: RuleOptions, only?: number): { narrowed: number[]; pinned: number[] } {
  if (part.impossible) return { narrowed: [...part.hidden, ...part.unpublished].sort((a, b) => a - b), pinned: [] };
  const seen = new Map<number, Set<number>>(part.nodes.map((k) => [k, new Set<number>()]));
  const record = (sol: ReadonlyMap<string, number>) => {
    for (const k of part.nodes) seen.get(k)!.add(sol.get(w(k)) ?? 0);
  };
  // (a) Rounds: a witness in which the open numbers get as close to minSize as they can (the sum
  // of min(value, minSize), a cheap relaxation of "as many as possible reach it"); then, for what is
  // still open, one program each that asks exactly whether it can reach minSize.
  let open = only === undefined ? [...part.hidden, ...part.unpublished] : [only];
  const reach = (sol: ReadonlyMap<string, number>) => {
    record(sol);
    const reached = open.filter((k) => (sol.get(w(k)) ?? 0) >= minSize);
    open = open.filter((k) => !reached.includes(k));
    return reached.length;
  };
  for (;;) {
    const sol = solveInteger(
      withExtra(part.base, {
        objective: open.map((k): Term => [`y${k}`, 1]),
        constraints: open.map((k) => ({ terms: [[`y${k}`, 1], [w(k), -1]] as Term[], op: "<=" as const, rhs: 0 })),
        continuous: open.map((k) => [`y${k}`, [0, minSize]] as const),
      }),
    );
    if (sol === null) return { narrowed: [...part.hidden, ...part.unpublished].sort((a, b) => a - b), pinned: [] };
    if (reach(sol) === 0 || open.length === 0) break;
  }
  for (const k of [...open]) {
    if (!open.includes(k)) continue;
    const sol = solveInteger(withExtra(part.base, { constraints: [{ terms: [[w(k), 1]], op: ">=", rhs: minSize }] }));
    if (sol) reach(sol);
  }
  const narrowed: number[] = [];
  const zeroOnly = new Set<number>();
  for (const k of open) {
    // Cannot reach minSize. Fine only if it is 0 in every witness (0 reveals nobody).
    const always0 = !suppressZeros && [...seen.get(k)!].every((v) => v === 0) && solveInteger(withExtra(part.base, { constraints: [{ terms: [[w(k), 1]], op: ">=", rhs: 1 }] })) === null;
    if (always0) zeroOnly.add(k);
    else narrowed.push(k);
  }
  // (b) Every hidden non-zero number takes a second value in some witness — unless the published
  // numbers alone fix it at minSize or more (non-participants = respondents − participants where
  // the participants are a published 0): then it was never a secret, and it is no small group.
  const pinned: number[] = [];
  for (const k of only === undefined ? part.hidden : part.hidden.filter((h) => h === only)) {
    if (zeroOnly.has(k) || narrowed.includes(k)) continue;
    const values = seen.get(k)!;
    if (values.size >= 2) continue;
    const v = [...values][0]!;
    const other =
      (v > 0 && solveInteger(withExtra(part.base, { constraints: [{ terms: [[w(k), 1]], op: "<=", rhs: v - 1 }] }))) ||
      solveInteger(withExtra(part.base, { constraints: [{ terms: [[w(k), 1]], op: ">=", rhs: v + 1 }] }));
    if (other) {
      record(other);
      continue;
    }
    const bySums =
      v >= minSize &&
      solveInteger(withExtra(part.sums, { constraints: [{ terms: [[w(k), 1]], op: "<=", rhs: v - 1 }] })) === null &&
      solveInteger(withExtra(part.sums, { constraints: [{ terms: [[w(k), 1]], op: ">=", rhs: v + 1 }] })) === null;
    if (!bySums) pinned.push(k);
  }
  return { narrowed, pinned };
}

/**
 * Whether a rule-aware reader of `pub` learns nothing below the minimum: see the file comment.
 * Reads only the publication (never a hidden value), so it answers the same for every table that
 * publishes the same.
 */
export function checkRuleReader(structure: CountStructure, pub: Publication, options: RuleOptions): ReaderCheck {
  const narrowed: number[] = [];
  const pinned: number[] = [];
  for (const part of partsOf(structure, pub, options)) {
    const r = checkPart(part, options);
    narrowed.push(...r.narrowed);
    pinned.push(...r.pinned);
  }
  narrowed.sort((a, b) => a - b);
  pinned.sort((a, b) => a - b);
  return { ok: narrowed.length === 0 && pinned.length === 0, narrowed, pinned };
}

/** Whether number `k` alone passes the check (for trying which block to hide next: one part, one number). */
export function passesRuleReader(structure: CountStructure, pub: Publication, options: RuleOptions, k: number): boolean {
  const part = partsOf(structure, pub, options).find((p) => p.nodes.includes(k));
  if (part === undefined) return true;
  const r = checkPart(part, options, k);
  return r.narrowed.length === 0 && r.pinned.length === 0;
}

/**
 * The range of every number not shown over the witnesses (tables a rule-aware reader must keep):
 * smallest and largest value (Infinity when nothing published bounds it), by two integer programs
 * per number. Null when there is no witness (the rule could not have produced this publication from
 * any table).
 */
export function witnessRanges(structure: CountStructure, pub: Publication, options: RuleOptions): WitnessRange {
  try {
    return ranges(structure, pub, options);
  } catch (e) {
    if (e instanceof NoWitness) return null;
    throw e;
  }
}

class NoWitness extends Error {}

function ranges(structure: CountStructure, pub: Publication, options: RuleOptions): Map<number, readonly [number, number]> {
  const out = new Map<number, readonly [number, number]>();
  // The same parts with every bound doubled: a number whose largest value grows with them is unbounded.
  const wider = partsOf(structure, pub, options, 2);
  partsOf(structure, pub, options).forEach((part, p) => {
    if (part.impossible) throw new NoWitness();
    for (const k of [...part.hidden, ...part.unpublished]) {
      const lo = solveInteger(withExtra(part.base, { sense: "min", objective: [[w(k), 1]] }));
      const hi = solveInteger(withExtra(part.base, { sense: "max", objective: [[w(k), 1]] }));
      if (lo === null || hi === null) throw new NoWitness();
      const high = hi.get(w(k))!;
      const higher = solveInteger(withExtra(wider[p]!.base, { sense: "max", objective: [[w(k), 1]] }))?.get(w(k)) ?? high;
      out.set(k, [lo.get(w(k))!, higher > high ? Infinity : high]);
    }
  });
  return out;
}
