// Attacks #1 and #2 of the privacy issue, on what suppressSmallGroups returns for publishing:
// #1 a published `suppressionReason` told which hidden cells are the small groups (with the totals,
//    an LP put all of them in 1–4);
// #2 rows came in the input's order with filled zeros last, so position told sizes: hidden rows after
//    the input's last row were zeros, the rest ≥ 1, and first appearance tracked size.
import { join } from "node:path";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { readRespondents } from "../../src/index.js";
import { explainSuppression, suppressSmallGroups } from "../../src/privacy/index.js";

type Count = { company: string; generation: string; n: number };
let participants: Count[] = []; // as groupby().count() gives them: first appearance in the file, no zero rows

beforeAll(async () => {
  const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "..", "data", "respondents.csv"));
  participants = table
    .params({ yes: true })
    .filter((d: { cross_boundary: boolean }, $: { yes: boolean }) => d.cross_boundary === $.yes)
    .groupby("company", "generation")
    .count({ as: "n" })
    .objects() as Count[];
});

const options = { row: "company", column: "generation", complete: true } as const;
const natural = (rows: readonly { company: unknown; generation: unknown }[]) =>
  rows.map((r) => `${String(r.company)}/${String(r.generation)}`);
const gen = (g: unknown) => ["young", "mid", "senior"].indexOf(String(g));

describe("attack #1: reasons published next to the counts", () => {
  it("what the analyst sees tells the small groups apart: every 'primary' row is a group of 1–4", () => {
    const explained = explainSuppression(participants, options);
    const primary = explained.rows.filter((r) => r.suppressionReason === "primary");
    expect(primary.length).toBeGreaterThan(40);
    expect(primary.every((r) => (r.n as number) >= 1 && (r.n as number) <= 4)).toBe(true);
  });

  it("what is published carries no reason and no count of small groups, in rows, table, totals or summary", () => {
    const s = suppressSmallGroups(participants, options);
    const text = JSON.stringify([s.rows, s.table.objects(), s.totals, s.summary]);
    expect(text).not.toMatch(/primary|complementary|reason/i);
    expect(s.table.columnNames()).toEqual(["company", "generation", "n", "suppressed"]);
    expect(Object.keys(s.summary)).toEqual(["cells", "hiddenCells", "hiddenTotals"]);
    // Hidden rows are all alike: dimensions, then nulls.
    for (const r of s.rows.filter((x) => x.suppressed)) expect(r).toEqual({ company: r.company, generation: r.generation, n: null, suppressed: true });
  });
});

describe("attack #2: row order", () => {
  it("rows come in the dimensions' natural order, whatever the input's order", () => {
    const s = suppressSmallGroups(participants, options);
    const expected = [...s.rows].sort((a, b) => String(a.company).localeCompare(String(b.company)) || gen(a.generation) - gen(b.generation));
    expect(natural(s.rows)).toEqual(natural(expected));
    const bySize = [...participants].sort((a, b) => b.n - a.n);
    const reversed = [...participants].reverse();
    for (const input of [bySize, reversed, aq.from(participants).orderby("n")]) {
      expect(suppressSmallGroups(input as never, options).rows).toEqual(s.rows);
    }
  });

  it("filled zeros sit in their natural place, not after the input's rows", () => {
    const s = suppressSmallGroups(participants, options);
    const present = new Set(natural(participants));
    const filled = s.rows.map((r, i) => [i, present.has(natural([r])[0]!)] as const).filter(([, p]) => !p).map(([i]) => i);
    expect(filled.length).toBeGreaterThan(0);
    // The attack read every hidden row after the input's last row as 0 and every one before as ≥ 1.
    expect(Math.min(...filled)).toBeLessThan(participants.length);
    expect(filled.some((i) => s.rows.slice(i + 1).some((r) => present.has(natural([r])[0]!)))).toBe(true);
  });

  it("position says nothing about size: hidden rows of the same data in any input order are at the same places", () => {
    const positions = (input: readonly Count[]) =>
      suppressSmallGroups(input, { ...options, suppressZeros: true })
        .rows.map((r, i) => (r.suppressed ? i : -1))
        .filter((i) => i >= 0);
    const a = positions(participants);
    expect(positions([...participants].sort((x, y) => x.n - y.n))).toEqual(a);
    expect(positions([...participants].sort((x, y) => y.n - x.n))).toEqual(a);
    // With zeros protected, a hidden zero is where its group belongs, not last.
    const s = suppressSmallGroups(participants, { ...options, suppressZeros: true });
    const last = s.rows[s.rows.length - 1]!;
    expect(natural([last])).toEqual(["C25/senior"]);
  });
});
