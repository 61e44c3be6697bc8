import { join } from "node:path";
import { ChartError, compileSpec, layerTransitionChart, renderSvg } from "@koe/charts";
import { KoeArgumentError, KoeError, layerTransitions, proportionInterval, readRespondents, type StudyReport } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "./code-fixtures.js";
import { svgText } from "./helpers.js";

type Datum = Record<string, unknown>;
/** The SVG's text, the lines of multi-line texts (<tspan>) included. */
const texts = (svg: string) => [...svgText(svg), ...[...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!)];
const values = (spec: unknown) => (spec as { data: { values: Datum[] } }).data.values;

const LAYERS = ["traditional", "interested", "practising"] as const;
/** Counts of a 3 × 3 matrix, wave-1 layer down, wave-2 layer across (200 people). */
const counts = [
  [39, 6, 5],
  [5, 64, 11],
  [0, 6, 64],
];
const cell = (group: string | null, b: number, a: number, n = counts[b]![a]!) => {
  const rowN = counts[b]!.reduce((s, x) => s + x, 0);
  const ci = proportionInterval(n, rowN);
  return { generation: group, before: LAYERS[b], after: LAYERS[a], n, share: n / rowN, share_low: ci.ciLow, share_high: ci.ciHigh, row_n: rowN, suppressed: false };
};
const matrix = (group: string | null) => LAYERS.flatMap((_, b) => LAYERS.map((_, a) => cell(group, b, a)));
/** Rows in no useful order (practising first), as a report's transitions table without a segment. */
const whole = {
  columns: ["before", "after", "n", "share", "share_low", "share_high", "row_n", "suppressed"],
  rows: matrix(null).reverse().map(({ generation: _, ...r }) => r),
  privacy: { code: "report.ruleGroups", params: { minGroupSize: 5, counts: ["transitions"] } },
};
/** By generation: everyone, young (all shown) and senior with two cells hidden (their counts would be 3 and 2: 3 appears nowhere else). */
const hide = (r: ReturnType<typeof cell>) => ({ ...r, n: null, share: null, share_low: null, share_high: null, row_n: null, suppressed: true });
const bySegment = {
  columns: ["generation", "before", "after", "n", "share", "share_low", "share_high", "row_n", "suppressed"],
  rows: [...matrix("senior").map((r, k) => (k === 1 || k === 2 ? hide(r) : r)), ...matrix(null), ...matrix("young")],
  privacy: { code: "report.ruleGroups", params: { minGroupSize: 5, counts: ["transitions"] } },
};
const leaky = { ...bySegment, rows: bySegment.rows.map((r) => (r.suppressed ? { ...r, n: r.after === "interested" ? 3 : 2, share: 0.5, row_n: 50 } : r)) };

describe("layerTransitionChart: the matrix of row shares", () => {
  const spec = layerTransitionChart(whole);

  it("compiles in Japanese and English, as a matrix and as flows, by segment or not, and with nothing to show", () => {
    for (const s of [spec, layerTransitionChart(whole, { lang: "en" }), layerTransitionChart(whole, { mode: "flow" }), layerTransitionChart(bySegment), layerTransitionChart(bySegment, { mode: "flow", lang: "en" }), layerTransitionChart({ rows: [] })]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same table, same spec; the table untouched", () => {
    const copy = structuredClone(bySegment);
    expect(layerTransitionChart(bySegment)).toEqual(layerTransitionChart(bySegment));
    expect(bySegment).toEqual(copy);
  });

  it("runs the layers traditional → practising down and across, whatever the rows' order; each cell prints its row share and people", () => {
    const v = values(spec);
    expect(v.map((d) => `${d.before}→${d.after}`)).toEqual(LAYERS.flatMap((b) => LAYERS.map((a) => `${label[b]}→${label[a]}`)));
    // Row shares worked out from the counts: 39 of 50, 64 of 80, 64 of 70.
    expect(v.map((d) => (d.text as string[])[0])).toEqual(["78%", "12%", "10%", "6%", "80%", "14%", "0%", "9%", "91%"]);
    expect(v.map((d) => (d.text as string[])[1])).toEqual(counts.flat().map((n) => `${n}人`));
    expect(v.filter((d) => d.stayed).map((d) => d.before)).toEqual(Object.values(label));
  });

  it("draws one panel per segment value, everyone (全体) first; hidden cells are grey, say 秘匿 and carry no figure", async () => {
    const s = layerTransitionChart(bySegment);
    expect((s as { facet: { sort: string[] } }).facet.sort).toEqual(["全体", "若手", "シニア"]);
    const hidden = values(s).filter((d) => d.suppressed);
    expect(hidden.map((d) => [d.group, d.before, d.after, d.text, d.n, d.share])).toEqual([
      ["シニア", label.traditional, label.interested, ["秘匿"], null, null],
      ["シニア", label.traditional, label.practising, ["秘匿"], null, null],
    ]);
    expect(layerTransitionChart(leaky)).toEqual(s);
    const drawn = texts(await renderSvg(layerTransitionChart(leaky)));
    expect(drawn).toContain("秘匿");
    expect(drawn).toContain("6人");
    expect(drawn.some((t) => /^[32]人$/.test(t))).toBe(false);
    expect((s as { title: { subtitle: string[] } }).title.subtitle).toContain("秘匿: 5人未満のグループと、差し引きで分かるグループ");
  });

  it("renders in Japanese, and in English without a Japanese character", async () => {
    const drawn = texts(await renderSvg(spec));
    for (const t of ["キャリア意識層の移動", "1回目の層", "2回目の層", "伝統的なキャリア意識層", "理解/関心層", "実践層", "78%", "39人"]) expect(drawn).toContain(t);
    expect(await renderSvg(layerTransitionChart(bySegment, { lang: "en" }))).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(layerTransitionChart(bySegment))).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/layer-transition.svg");
  });
});

const label = { traditional: "伝統的なキャリア意識層", interested: "理解/関心層", practising: "実践層" } as Record<string, string>;

describe("layerTransitionChart: the flows", () => {
  const spec = layerTransitionChart(whole, { mode: "flow" });
  const data = values(spec);
  const nodes = data.filter((d) => d.kind === "node");
  const bands = data.filter((d) => d.kind === "band");

  it("stacks each wave's layers, traditional at the bottom, as tall as their people", () => {
    const before = nodes.filter((d) => d.side === "before");
    const after = nodes.filter((d) => d.side === "after");
    expect(before.map((d) => [d.layer, d.n])).toEqual([[label.traditional, 50], [label.interested, 80], [label.practising, 70]]);
    expect(after.map((d) => [d.layer, d.n])).toEqual([[label.traditional, 44], [label.interested, 76], [label.practising, 80]]);
    for (const side of [before, after]) {
      for (const d of side) expect((d.y2 as number) - (d.y as number)).toBe(d.n);
      for (let k = 1; k < side.length; k++) expect(side[k]!.y as number).toBeGreaterThan(side[k - 1]!.y2 as number);
    }
    expect(before.map((d) => d.text)).toEqual(["伝統的なキャリア意識層 50", "理解/関心層 80", "実践層 70"]);
  });

  it("draws a band per non-empty cell as wide as its people, leaving each node without gap or overlap", () => {
    const ends = new Map<string, Datum[]>();
    for (const b of bands) ends.set(b.band as string, [...(ends.get(b.band as string) ?? []), b]);
    expect([...ends.keys()]).toEqual(LAYERS.flatMap((b, i) => LAYERS.filter((_, j) => counts[i]![j]! > 0).map((a) => `${b}→${a}`)));
    for (const points of ends.values()) for (const p of points) expect((p.y2 as number) - (p.y as number)).toBeCloseTo(p.n as number, 9);
    // At the wave-1 end, a node's bands tile it exactly (the same at the wave-2 end).
    for (const [side, at, node] of [["before", 0, "from"], ["after", -1, "to"]] as const) {
      for (const n of nodes.filter((d) => d.side === side)) {
        const own = [...ends.values()].map((p) => p.at(at)!).filter((p) => p[node] === n.layer).sort((a, b) => (a.y as number) - (b.y as number));
        expect(own[0]!.y).toBeCloseTo(n.y as number, 9);
        expect(own.at(-1)!.y2).toBeCloseTo(n.y2 as number, 9);
        for (let k = 1; k < own.length; k++) expect(own[k]!.y).toBeCloseTo(own[k - 1]!.y2 as number, 9);
      }
    }
  });

  it("draws no flows for a panel with a hidden cell, and says why", async () => {
    const s = layerTransitionChart(bySegment, { mode: "flow" }) as { concat: { title: { text: string }; data: { values: Datum[] } }[] };
    expect(s.concat.map((p) => p.title.text)).toEqual(["全体", "若手", "シニア"]);
    expect(s.concat[2]!.data.values).toEqual([{ note: "5人未満のセルがあるため流れを描けません（行割合の表で見てください）" }]);
    expect(JSON.stringify(layerTransitionChart(leaky, { mode: "flow" }))).toEqual(JSON.stringify(s));
    expect(svgText(await renderSvg(layerTransitionChart(bySegment, { mode: "flow" })))).toContain("5人未満のセルがあるため流れを描けません（行割合の表で見てください）");
  });
});

describe("layerTransitionChart on layerTransitions' report (the bundled respondents)", () => {
  let report: StudyReport;
  let byGeneration: StudyReport;
  beforeAll(async () => {
    const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"));
    report = layerTransitions(table, { before: "layer", after: "layer_post" });
    byGeneration = layerTransitions(table, { before: "layer", after: "layer_post", by: "generation" });
  });

  it("prints each cell's share and people as the report has them, and everyone's net flow in the subtitle", () => {
    const spec = layerTransitionChart(report.tables.transitions!, { movement: report.tables.movement });
    const drawn = new Map(values(spec).map((d) => [`${d.before}|${d.after}`, d.text]));
    for (const r of report.tables.transitions!.rows) {
      expect(drawn.get(`${label[r.before as string]}|${label[r.after as string]}`)).toEqual([`${Math.round(100 * (r.share as number))}%`, `${(r.n as number).toLocaleString("en-US")}人`]);
    }
    const move = report.tables.movement!.rows[0]!;
    const line = (spec as { title: { subtitle: string[] } }).title.subtitle[1]!;
    expect(line).toBe(`実践へ向かう純移動 +${(100 * (move.net_flow as number)).toFixed(1)}%（95%信頼区間 +${(100 * (move.net_flow_low as number)).toFixed(1)}%〜+${(100 * (move.net_flow_high as number)).toFixed(1)}%）。後退（前向きになったが諦めた）${(100 * (move.share_back as number)).toFixed(1)}%`);
  });

  it("flows: the nodes are the report's margins", () => {
    const spec = layerTransitionChart(byGeneration.tables.transitions!, { mode: "flow" }) as { concat: { data: { values: Datum[] } }[] };
    expect(spec.concat).toHaveLength(4);
    const margins = byGeneration.tables.margins!.rows.filter((r) => r.generation === null);
    const nodes = spec.concat[0]!.data.values.filter((d) => d.kind === "node");
    for (const r of margins) expect(nodes.find((d) => d.side === r.wave && d.layer === label[r.layer as string])!.n).toBe(r.n);
  });
});

describe("layerTransitionChart: what it refuses", () => {
  it("a cell twice, a small cell shown, figures out of range", () => {
    expect(thrown(() => layerTransitionChart({ rows: [...whole.rows, whole.rows[0]!] })).message).toBe('layerTransitionChart: the cell for row "practising", column "practising" appears more than once');
    const small = { rows: whole.rows.map((r) => (r.before === "practising" && r.after === "interested" ? { ...r, n: 3, share: 3 / 70 } : r)) };
    const e = thrown(() => layerTransitionChart(small));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toBe("layerTransitionChart: row 2 (practising → interested) shows n = 3, between 1 and 4, but is not marked suppressed; publish the table through the study so that small cells are hidden");
    expect(thrown(() => layerTransitionChart({ rows: [{ ...whole.rows[0]!, share: 1.5 }] })).message).toContain("has share 1.5 (expected a number from 0 to 1)");
    expect(thrown(() => layerTransitionChart({ rows: [{ ...whole.rows[0]!, row_n: 4 }] })).message).toContain("describes 4 people, under the minimum group size of 5");
  });

  it("a missing column (with the closest), an unclear segment column, options it does not know", () => {
    expect(thrown(() => layerTransitionChart({ rows: whole.rows.map(({ after, ...r }) => ({ ...r, afetr: after })) })).message).toMatch(/^layerTransitionChart: the table has no column "after"; did you mean "afetr"\?/);
    expect(thrown(() => layerTransitionChart(bySegment, { by: "generaton" })).message).toMatch(/did you mean "generation"\?/);
    const two = { rows: bySegment.rows.map((r) => ({ ...r, company: "C01" })) };
    expect(thrown(() => layerTransitionChart(two)).message).toContain('cannot tell which column holds the segment (it could be "generation", "company")');
    expect(thrown(() => layerTransitionChart(whole, { mode: "sankey" } as never))).toBeInstanceOf(KoeArgumentError);
    expect(thrown(() => layerTransitionChart(whole, { movment: {} } as never)).message).toContain('unknown option "movment"; did you mean "movement"?');
    for (const garbage of [undefined, null, 42, "x", [], {}, { rows: null }, { rows: [null] }]) expect(thrown(() => layerTransitionChart(garbage as never))).toBeInstanceOf(KoeError);
  });
});
