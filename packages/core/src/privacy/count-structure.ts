// Everything a set of published count tables says, as numbers and the sums that tie them: each
// table's cells and totals are nodes; each "these add up to that" — a row, a column, the totals,
// and the relations between tables (respondents = participants + non-participants, a 1-D table that
// is the margin of a 2-D one) — is an equation. A number published twice (a 1-D table of margins
// beside the 2-D table) is one node. The suppression rule (./suppress-blocks.ts) and the reader it
// must defeat (./reader-check.ts) both work on this structure.
//
// Blocks. Along every dimension the values, in their natural order, are cut into consecutive pairs
// (the last three together when there is an odd number, a lone value alone). The block of a node is
// the product of its values' pairs — a 2 × 2 (2 × 3, 3 × 3) rectangle of cells, two (or three)
// neighbouring totals — at the same level of the same table, and the same rectangle in every table
// it is added to or shares a sum with (parts of a relation hide together; the whole of a relation
// keeps its numbers unless they are small themselves). A block depends only on the tables' shapes,
// never on a count.
import { compareNatural } from "../model/segment-order.js";

/** Where a node is published: a table and the dimension values it is the count of (all of them for a cell, fewer for a total). */
export interface NodeRef {
  table: string;
  key: Readonly<Record<string, unknown>>;
}

export interface CountNode {
  /** Every place the number is published (a total of one table can be a cell of another). */
  refs: NodeRef[];
  value: number;
  /** A cell (of some table), or a total only. */
  kind: "cell" | "total";
  /** Published at all (a total of a table published without totals is not). */
  published: boolean;
  /** May be hidden (false for a cell absent from the input rows: no row shows it, and a reader who knows the population knows it is 0). */
  hideable: boolean;
}

/** `total` is the sum of `members` (node ids; a member may repeat); a null total is 0. */
export interface Equation {
  total: number | null;
  members: readonly number[];
}

export interface CountStructure {
  nodes: readonly CountNode[];
  equations: readonly Equation[];
  /** The block of each node: the published, hideable nodes hidden together with it (itself included when it is). */
  units: readonly (readonly number[])[];
  /** Node id of a table's key (`keyOf`), per table name. */
  index: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** A table as the structure takes it: its dimensions, and the count of each group present. */
export interface StructureTable {
  name: string;
  dims: readonly string[];
  /** Count per group, keyed by {@link keyOf} of the group's dimension values. */
  counts: ReadonlyMap<string, number>;
  /** Dimension values of each present group (same keys as `counts`). */
  groups: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** Whether the totals are published. */
  totals: boolean;
  /** Whether groups absent from `counts` are published as rows (count 0) — then they may be hidden too. */
  complete: boolean;
}

/** Whole = sum of parts, number by number, over the whole's dimensions (each part has them all). */
export interface StructureRelation {
  whole: string;
  parts: readonly string[];
}

/** A Map key for one dimension value: primitives as they are, anything else by its text. */
export const valueKey = (v: unknown): unknown => (v !== null && typeof v === "object" ? String(v) : v);

/** The key of a group: its dimension values, order-independent. */
export function keyOf(key: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(key).sort().map((k) => [k, valueKey(key[k] ?? null)]));
}

/** Problems the structure cannot be built with; the caller words them. */
export type StructureProblem =
  | { kind: "relationDims"; whole: string; part: string; missing: string }
  | { kind: "relationSum"; whole: string; key: Readonly<Record<string, unknown>>; whole_n: number; parts_n: number };

export class StructureError extends Error {
  constructor(readonly problem: StructureProblem) {
    super(problem.kind);
  }
}

/** The values of a dimension in natural order, and the block (index range) each one is in. */
interface Axis {
  values: unknown[];
  position: Map<unknown, number>;
  block: number[][]; // block[i] = positions in the block of position i
}

function axisOf(dim: string, values: unknown[]): Axis {
  const distinct = new Map<unknown, unknown>();
  for (const v of values) if (!distinct.has(valueKey(v))) distinct.set(valueKey(v), v);
  const sorted = [...distinct.values()].sort((a, b) => compareNatural(dim, a, b) || (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const n = sorted.length;
  const block: number[][] = [];
  for (let start = 0; start < n; ) {
    const size = n - start === 3 ? 3 : Math.min(2, n - start);
    const members = Array.from({ length: size }, (_, k) => start + k);
    for (let k = 0; k < size; k++) block.push(members);
    start += size;
  }
  return { values: sorted, position: new Map(sorted.map((v, i) => [valueKey(v), i])), block };
}

/** The levels of a table: its cells, then (2-D) the totals per first and per second dimension, then the grand total. */
function levelsOf(dims: readonly string[]): string[][] {
  if (dims.length === 1) return [[dims[0]!], []];
  return [[dims[0]!, dims[1]!], [dims[0]!], [dims[1]!], []];
}

/** Builds the structure; throws {@link StructureError} on a relation that does not fit or does not add up. */
export function buildStructure(tables: readonly StructureTable[], relations: readonly StructureRelation[] = []): CountStructure {
  // Axes: per dimension name, the union of its values over all tables, so that tables line up.
  const seen = new Map<string, unknown[]>();
  for (const t of tables) for (const g of t.groups.values()) for (const d of t.dims) (seen.get(d) ?? seen.set(d, []).get(d)!).push(g[d]);
  const axes = new Map<string, Axis>();
  for (const t of tables) for (const d of t.dims) if (!axes.has(d)) axes.set(d, axisOf(d, seen.get(d) ?? []));

  // Nodes, table by table: every level, keys in natural (row-major) order.
  const raw: CountNode[] = [];
  const index = new Map<string, Map<string, number>>();
  const byTable = new Map<string, StructureTable>();
  for (const t of tables) {
    byTable.set(t.name, t);
    const ids = new Map<string, number>();
    index.set(t.name, ids);
    // Sums per level, in one pass over the groups.
    const sums = new Map<string, number>();
    for (const [k, n] of t.counts) {
      const g = t.groups.get(k)!;
      for (const level of levelsOf(t.dims)) {
        const key = keyOf(Object.fromEntries(level.map((d) => [d, g[d]])));
        sums.set(key, (sums.get(key) ?? 0) + n);
      }
    }
    for (const level of levelsOf(t.dims)) {
      const grids = level.map((d) => axes.get(d)!.values);
      const combos: unknown[][] = grids.reduce<unknown[][]>((acc, vs) => acc.flatMap((a) => vs.map((v) => [...a, v])), [[]]);
      const isCell = level.length === t.dims.length;
      const published = isCell || t.totals;
      for (const combo of combos) {
        const key = Object.fromEntries(level.map((d, i) => [d, combo[i]]));
        const k = keyOf(key);
        const present = isCell && t.counts.has(k);
        ids.set(k, raw.length);
        raw.push({ refs: [{ table: t.name, key }], value: sums.get(k) ?? 0, kind: isCell ? "cell" : "total", published, hideable: published && (!isCell || present || t.complete) });
      }
    }
  }
  const nodeAt = (table: string, key: Readonly<Record<string, unknown>>) => index.get(table)!.get(keyOf(key))!;

  // Equations of each table: at every level, the total one level up is the sum over each dimension.
  const equations: { total: number; members: number[] }[] = [];
  for (const t of tables) {
    for (const level of levelsOf(t.dims)) {
      for (const d of level) {
        const up = level.filter((x) => x !== d);
        const sums = new Map<number, number[]>();
        for (const id of index.get(t.name)!.values()) {
          const key = raw[id]!.refs[0]!.key;
          if (Object.keys(key).length !== level.length || !level.every((x) => x in key)) continue;
          const total = nodeAt(t.name, Object.fromEntries(up.map((x) => [x, key[x]])));
          (sums.get(total) ?? sums.set(total, []).get(total)!).push(id);
        }
        for (const [total, members] of sums) equations.push({ total, members });
      }
    }
  }

  // Relations: one part is the same numbers (aliases); several parts add up (equations).
  const parent = raw.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (const rel of relations) {
    const whole = byTable.get(rel.whole)!;
    for (const p of rel.parts) {
      const part = byTable.get(p)!;
      const missing = whole.dims.find((d) => !part.dims.includes(d));
      if (missing !== undefined) throw new StructureError({ kind: "relationDims", whole: rel.whole, part: p, missing });
    }
    for (const [, id] of index.get(rel.whole)!) {
      const key = raw[id]!.refs[0]!.key;
      const partIds = rel.parts.map((p) => nodeAt(p, key));
      const sum = partIds.reduce((a, x) => a + raw[x]!.value, 0);
      if (sum !== raw[id]!.value) throw new StructureError({ kind: "relationSum", whole: rel.whole, key, whole_n: raw[id]!.value, parts_n: sum });
      if (partIds.length === 1) union(id, partIds[0]!);
      else equations.push({ total: id, members: partIds });
    }
  }
  // A sum of one number is that number.
  for (const e of equations) if (e.members.length === 1) union(e.total, e.members[0]!);

  // Merge aliases into one node each, numbered in order of first appearance. A merged node is
  // published if any of its places is, and hideable only if every place that shows it may hide it.
  const newId = new Map<number, number>();
  const nodes: CountNode[] = [];
  raw.forEach((node, i) => {
    const r = find(i);
    let k = newId.get(r);
    if (k === undefined) {
      k = nodes.length;
      newId.set(r, k);
      nodes.push({ refs: [], value: node.value, kind: "total", published: false, hideable: true });
    }
    const merged = nodes[k]!;
    merged.refs.push(...node.refs);
    if (node.kind === "cell") merged.kind = "cell";
    if (node.published) {
      merged.published = true;
      merged.hideable &&= node.hideable;
    }
  });
  for (const node of nodes) node.hideable &&= node.published;
  const id = (i: number) => newId.get(find(i))!;
  const finalEquations: Equation[] = [];
  const seenEq = new Set<string>();
  for (const e of equations) {
    let total: number | null = id(e.total);
    const members = e.members.map(id);
    const self = members.indexOf(id(e.total));
    if (self >= 0) {
      // The total is one of its own members: the others add up to 0.
      members.splice(self, 1);
      total = null;
    }
    if (members.length === 0) continue;
    const sig = `${String(total)}=${[...members].sort((a, b) => a - b).join("+")}`;
    if (seenEq.has(sig)) continue;
    seenEq.add(sig);
    finalEquations.push({ total, members });
  }
  const finalIndex = new Map<string, Map<string, number>>();
  for (const [t, ids] of index) finalIndex.set(t, new Map([...ids].map(([k, i]) => [k, id(i)])));

  // Blocks: the rectangle of pairs at the node's level, in its table and the tables it hides with.
  const family = familyOf(tables, relations);
  const units = nodes.map((node) => {
    const out = new Set<number>();
    for (const ref of node.refs) {
      const dims = Object.keys(ref.key);
      for (const t of family.get(ref.table)!) {
        const table = byTable.get(t)!;
        if (!dims.every((d) => table.dims.includes(d))) continue;
        const choices = dims.map((d) => {
          const axis = axes.get(d)!;
          return axis.block[axis.position.get(valueKey(ref.key[d]))!]!.map((p) => axis.values[p]);
        });
        const combos: unknown[][] = choices.reduce<unknown[][]>((acc, vs) => acc.flatMap((a) => vs.map((v) => [...a, v])), [[]]);
        for (const combo of combos) {
          const k = finalIndex.get(t)!.get(keyOf(Object.fromEntries(dims.map((d, i) => [d, combo[i]]))));
          if (k !== undefined) out.add(k);
        }
      }
    }
    return [...out].filter((k) => nodes[k]!.published && nodes[k]!.hideable).sort((a, b) => a - b);
  });
  return { nodes, equations: finalEquations, units, index: finalIndex };
}

/**
 * The tables whose blocks are hidden with a table's: itself; the other parts of every relation it is
 * a part of; the parts of every relation it is the whole of; and, in turn, their parts.
 */
function familyOf(tables: readonly StructureTable[], relations: readonly StructureRelation[]): Map<string, string[]> {
  const down = (t: string, acc: Set<string>) => {
    if (acc.has(t)) return;
    acc.add(t);
    for (const r of relations) if (r.whole === t) for (const p of r.parts) down(p, acc);
  };
  const out = new Map<string, string[]>();
  for (const t of tables) {
    const acc = new Set<string>();
    down(t.name, acc);
    for (const r of relations) if (r.parts.includes(t.name)) for (const p of r.parts) down(p, acc);
    out.set(t.name, [...acc]);
  }
  return out;
}
