// Attack #6 of the privacy issue: tables cut from the same people — respondents, participants and
// non-participants by company × generation — published side by side. Suppressed one by one, every
// hidden participant count is respondents − non-participants. Suppressed together, no subtraction,
// no integer program over all the published sums, and no reader who re-runs the rule recovers or
// narrows a hidden small group. The attacker's programs are written here, against the published
// numbers only (HiGHS directly, not the engine's own code).
import { join } from "node:path";
import highsModule from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { readRespondents } from "../../src/index.js";
import { groupKey, suppressSmallGroups, suppressTogether, type CountTable } from "../../src/privacy/index.js";

type Highs = { solve(lp: string, o?: object): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> } };
const highs = await ((highsModule as unknown as { default?: () => Promise<Highs> }).default ?? (highsModule as unknown as () => Promise<Highs>))();

const GENS = ["young", "mid", "senior"] as const;
type Row = { company: string; generation: string; n: number };
const MIN = 5;

let companies: string[] = [];
let R: Row[] = [];
let P: Row[] = [];
let N: Row[] = [];

beforeAll(async () => {
  const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "..", "data", "respondents.csv"));
  const rows = table.objects() as { company: string; generation: string; cross_boundary: boolean }[];
  companies = [...new Set(rows.map((r) => r.company))].sort();
  const count = (keep: (r: (typeof rows)[number]) => boolean) =>
    companies.flatMap((company) => GENS.map((generation) => ({ company, generation, n: rows.filter((r) => r.company === company && r.generation === generation && keep(r)).length })));
  R = count(() => true);
  P = count((r) => r.cross_boundary);
  N = count((r) => !r.cross_boundary);
});

const tables = (r: Row[], p: Row[], n: Row[]): CountTable[] => [
  { name: "respondents", dims: ["company", "generation"], rows: r, complete: true },
  { name: "participants", dims: ["company", "generation"], rows: p, complete: true },
  { name: "non-participants", dims: ["company", "generation"], rows: n, complete: true },
];
const relations = [{ whole: "respondents", parts: ["participants", "non-participants"] }];

/** Every number a table publishes: cells, company totals, generation totals, grand total; keyed by groupKey. */
function numbers(rows: Row[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: Record<string, string>, n: number) => out.set(groupKey(key), (out.get(groupKey(key)) ?? 0) + n);
  for (const r of rows) {
    add({ company: r.company, generation: r.generation }, r.n);
    add({ company: r.company }, r.n);
    add({ generation: r.generation }, r.n);
    add({}, r.n);
  }
  return out;
}

/** The attacker's view: for each table and number, its value if shown, null if hidden. */
function published(hidden: Map<string, Set<string>>, data: Record<string, Row[]>): Map<string, Map<string, number | null>> {
  return new Map(Object.entries(data).map(([t, rows]) => [t, new Map([...numbers(rows)].map(([k, v]) => [k, hidden.get(t)!.has(k) ? null : v]))]));
}

describe("attack #6: linked tables suppressed one by one", () => {
  it("gives every hidden participant count away as respondents − non-participants", () => {
    // Each table suppressed alone (even with the blocks rule): respondents and non-participants have
    // no small group, so they are shown whole.
    const alone = new Map<string, Set<string>>();
    for (const [name, rows] of [["respondents", R], ["participants", P], ["non-participants", N]] as const) {
      const s = suppressSmallGroups(rows, { row: "company", column: "generation", complete: true });
      alone.set(name, new Set(s.rows.filter((x) => x.suppressed).map((x) => groupKey({ company: x.company, generation: x.generation }))));
    }
    const view = published(alone, { respondents: R, participants: P, "non-participants": N });
    const hiddenP = [...alone.get("participants")!];
    expect(hiddenP.length).toBeGreaterThan(40);
    const recovered = hiddenP.filter((k) => view.get("respondents")!.get(k) !== null && view.get("non-participants")!.get(k) !== null);
    expect(recovered).toHaveLength(hiddenP.length);
    const truth = numbers(P);
    for (const k of recovered) expect(view.get("respondents")!.get(k)! - view.get("non-participants")!.get(k)!).toBe(truth.get(k));
  });
});

describe("suppressTogether on the demo's shape", () => {
  let hidden: Map<string, Set<string>>;
  let view: Map<string, Map<string, number | null>>;
  beforeAll(() => {
    hidden = suppressTogether(tables(R, P, N), { relations });
    view = published(hidden, { respondents: R, participants: P, "non-participants": N });
  });

  it("hides participants and non-participants together, block by block, and keeps every respondent count", () => {
    expect(hidden.get("respondents")!.size).toBe(0);
    const small = [...numbers(P)].filter(([, v]) => v > 0 && v < MIN).map(([k]) => k);
    expect(small.length).toBeGreaterThan(40);
    for (const k of small) expect(hidden.get("participants")!.has(k)).toBe(true);
    expect([...hidden.get("participants")!].sort()).toEqual([...hidden.get("non-participants")!].sort());
  });

  it("attack #6 fails: no hidden participant count is respondents − non-participants", () => {
    for (const k of hidden.get("participants")!) expect(view.get("non-participants")!.get(k)).toBeNull();
  });

  it("no integer program over all published sums pins a hidden number or bounds a small one below 5", () => {
    const truth = numbers(P);
    const small = [...hidden.get("participants")!].filter((k) => truth.get(k)! > 0 && truth.get(k)! < MIN);
    for (const k of small) {
      const high = optimum(view, "participants", k, "Maximize");
      const low = optimum(view, "participants", k, "Minimize");
      expect(high, k).toBeGreaterThanOrEqual(MIN);
      expect(low, k).toBeLessThan(high!);
    }
  });

  it("a reader who re-runs the rule keeps a table in which each of the smallest hidden groups is 5 or more", () => {
    const truth = numbers(P);
    const ones = [...hidden.get("participants")!].filter((k) => truth.get(k) === 1 && JSON.parse(k).length === 2).slice(0, 2);
    expect(ones.length).toBe(2);
    for (const k of ones) {
      const w = witness(view, k);
      expect(w, k).not.toBeNull();
      // The candidate agrees with everything published …
      for (const [t, shown] of view) for (const [key, v] of shown) if (v !== null) expect(w!.get(t)!.get(key)).toBe(v);
      expect(w!.get("participants")!.get(k)!).toBeGreaterThanOrEqual(MIN);
      // … and the rule, run on it, hides exactly the same numbers: the reader must keep it.
      const rows = (t: string) => companies.flatMap((company) => GENS.map((generation) => ({ company, generation, n: w!.get(t)!.get(groupKey({ company, generation }))! })));
      const again = suppressTogether(tables(rows("respondents"), rows("participants"), rows("non-participants")), { relations });
      for (const t of hidden.keys()) expect([...again.get(t)!].sort()).toEqual([...hidden.get(t)!].sort());
    }
  });

  it("also takes a 1-D table of margins beside the cross-table (participants by generation)", () => {
    const byGeneration = GENS.map((generation) => ({ generation, n: P.filter((r) => r.generation === generation).reduce((a, r) => a + r.n, 0) }));
    const h = suppressTogether([...tables(R, P, N), { name: "participants by generation", dims: ["generation"], rows: byGeneration }], {
      relations: [...relations, { whole: "participants by generation", parts: ["participants"] }],
    });
    // The margins are the cross-table's generation totals: hidden together or shown together.
    for (const g of GENS) expect(h.get("participants by generation")!.has(groupKey({ generation: g }))).toBe(h.get("participants")!.has(groupKey({ generation: g })));
    expect(() =>
      suppressTogether([...tables(R, P, N), { name: "wrong margins", dims: ["generation"], rows: byGeneration.map((x) => ({ ...x, n: x.n + 1 })) }], {
        relations: [...relations, { whole: "wrong margins", parts: ["participants"] }],
      }),
    ).toThrow(/the parts of "wrong margins" add up to \d+, not \d+, at generation "young"/);
  });
});

// ---- the attacker's integer programs ---------------------------------------------------------------

const v = (t: string, key: string) => `x_${["respondents", "participants", "non-participants"].indexOf(t)}_${Buffer.from(key).toString("hex")}`;

/** Every sum the three tables publish, over the attacker's view: [terms (+1 each), total] as variables or numbers. */
function sums(view: Map<string, Map<string, number | null>>): string[] {
  const term = (t: string, key: Record<string, string>) => {
    const k = groupKey(key);
    const x = view.get(t)!.get(k);
    return x === null ? v(t, k) : String(x);
  };
  const lines: string[] = [];
  const eq = (total: string, members: string[]) => {
    const vars = members.filter((m) => !/^\d+$/.test(m));
    const constant = members.filter((m) => /^\d+$/.test(m)).reduce((a, m) => a + Number(m), 0);
    const lhs = [...vars.map((m) => `+ ${m}`), ...(/^\d+$/.test(total) ? [] : [`- ${total}`])];
    const rhs = (/^\d+$/.test(total) ? Number(total) : 0) - constant;
    if (lhs.length > 0) lines.push(`${lhs.join(" ")} = ${rhs}`);
  };
  for (const t of view.keys()) {
    for (const c of companies) eq(term(t, { company: c }), GENS.map((g) => term(t, { company: c, generation: g })));
    for (const g of GENS) eq(term(t, { generation: g }), companies.map((c) => term(t, { company: c, generation: g })));
    eq(term(t, {}), companies.map((c) => term(t, { company: c })));
  }
  const keys = [...companies.flatMap((c) => GENS.map((g) => ({ company: c, generation: g }))), ...companies.map((c) => ({ company: c })), ...GENS.map((g) => ({ generation: g })), {}];
  for (const key of keys) eq(term("respondents", key), [term("participants", key), term("non-participants", key)]);
  return lines;
}

function program(view: Map<string, Map<string, number | null>>, objective: string, sense: "Maximize" | "Minimize", extra: string[] = [], binaries: string[] = []): string {
  const vars = [...view].flatMap(([t, m]) => [...m].filter(([, x]) => x === null).map(([k]) => v(t, k)));
  return [sense, ` obj: ${objective}`, "Subject To", ...[...sums(view), ...extra].map((l, i) => ` c${i}: ${l}`), "Bounds", ...vars.map((x) => ` 0 <= ${x} <= 100000`), "Generals", ` ${vars.join(" ")}`, ...(binaries.length ? ["Binaries", ` ${binaries.join(" ")}`] : []), "End", ""].join("\n");
}

/** The largest or smallest value of a hidden number over all whole-number tables with the published sums. */
function optimum(view: Map<string, Map<string, number | null>>, t: string, key: string, sense: "Maximize" | "Minimize"): number | null {
  const r = highs.solve(program(view, v(t, key), sense), { output_flag: false });
  return r.Status === "Optimal" ? Math.round(r.ObjectiveValue) : null;
}

/**
 * A table a rule-aware reader must consider: the published sums, the target ≥ 5, and in every hidden
 * block a small group (1–4) — the only thing hiding a block says. Blocks as the rule documents them:
 * companies in pairs in natural order (the last three together), the three generations together;
 * participants and non-participants hide together.
 */
function witness(view: Map<string, Map<string, number | null>>, target: string): Map<string, Map<string, number>> | null {
  const pairs: string[][] = [];
  for (let i = 0; i < companies.length; ) {
    const size = companies.length - i === 3 ? 3 : 2;
    pairs.push(companies.slice(i, i + size));
    i += size;
  }
  const blocks: { t: string; key: string }[][] = [];
  const parts = ["participants", "non-participants"];
  for (const pair of pairs) {
    blocks.push(parts.flatMap((t) => pair.flatMap((c) => GENS.map((g) => ({ t, key: groupKey({ company: c, generation: g }) })))));
    blocks.push(parts.flatMap((t) => pair.map((c) => ({ t, key: groupKey({ company: c }) }))));
  }
  blocks.push(parts.flatMap((t) => GENS.map((g) => ({ t, key: groupKey({ generation: g }) }))));
  blocks.push(parts.map((t) => ({ t, key: groupKey({}) })));
  const extra: string[] = [`${v("participants", target)} >= ${MIN}`];
  const binaries: string[] = [];
  for (const block of blocks) {
    const inside = block.filter(({ t, key }) => view.get(t)!.get(key) === null);
    if (inside.length === 0) continue;
    const s = inside.map(({ t, key }) => `s${v(t, key).slice(1)}`);
    binaries.push(...s);
    extra.push(`${s.join(" + ")} >= 1`);
    inside.forEach(({ t, key }, i) => {
      extra.push(`${v(t, key)} - ${s[i]} >= 0`, `${v(t, key)} + 99996 ${s[i]} <= 100000`);
    });
  }
  const r = highs.solve(program(view, "0 " + v("participants", target), "Maximize", extra, binaries), { output_flag: false });
  if (r.Status !== "Optimal") return null;
  return new Map([...view].map(([t, m]) => [t, new Map([...m].map(([k, x]) => [k, x ?? Math.round(r.Columns[v(t, k)]!.Primal)]))]));
}
