import { join } from "node:path";
import { ChartError, compileSpec, penetrationFunnelChart, renderPng, renderSvg } from "@koe/charts";
import { KoeError, penetrationFunnel, proportionInterval, readRespondents, type StudyReport } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "./code-fixtures.js";
import { ink, readPng, svgText } from "./helpers.js";

type Datum = Record<string, unknown>;
const values = (spec: unknown) => (spec as { data: { values: Datum[] } }).data.values;
const rowsOf = (spec: unknown) => (spec as { spec: { encoding: { y: { sort: string[] } } } }).spec.encoding.y.sort;

const STEPS = ["know", "understand", "deepen", "practice"] as const;
/** A funnel row as penetrationFunnel publishes it, the share and interval worked out from the counts. */
const row = (generation: string, manager: boolean, n: number, reached: number[], biggest: number) =>
  STEPS.map((step, k) => {
    const ci = proportionInterval(reached[k]!, n);
    return {
      generation, manager, step, n, reached: reached[k]!, share: reached[k]! / n, share_low: ci.ciLow, share_high: ci.ciHigh,
      drop: k === 0 ? null : (reached[k - 1]! - reached[k]!) / n, biggest_drop: k === biggest, suppressed: false,
    };
  });
const hidden = (generation: string, manager: boolean) => STEPS.map((step) => ({ generation, manager, step, n: null, reached: null, share: null, share_low: null, share_high: null, drop: null, biggest_drop: null, suppressed: true }));
/** Senior managers hidden (had they leaked: 6 people, 2 reached, 33% — figures no shown row has). */
const funnel = {
  columns: ["generation", "manager", "step", "n", "reached", "share", "share_low", "share_high", "drop", "biggest_drop", "suppressed"],
  rows: [...row("young", false, 40, [36, 30, 14, 8], 2), ...row("young", true, 20, [19, 18, 15, 6], 3), ...row("senior", false, 50, [40, 20, 15, 10], 1), ...hidden("senior", true)],
  privacy: { code: "report.ruleGroups", params: { minGroupSize: 5, counts: ["segments"] } },
};
const overall = { columns: funnel.columns.slice(2), rows: row("", false, 114, [98, 71, 46, 25], 2).map(({ generation: _g, manager: _m, ...r }) => r), privacy: funnel.privacy };
const leaky = { ...funnel, rows: funnel.rows.map((r) => (r.suppressed ? { ...r, n: 6, reached: 2, share: 1 / 3 } : r)) };

describe("penetrationFunnelChart: the spec", () => {
  const spec = penetrationFunnelChart(funnel, { overall });

  it("compiles in Japanese and English, with and without everyone's row, and with nothing to show", () => {
    for (const s of [spec, penetrationFunnelChart(funnel, { lang: "en" }), penetrationFunnelChart(overall), penetrationFunnelChart({ rows: [] }), penetrationFunnelChart({ rows: hidden("young", false) })]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same table, same spec; the table untouched", () => {
    const copy = structuredClone(funnel);
    expect(penetrationFunnelChart(funnel, { overall })).toEqual(spec);
    expect(funnel).toEqual(copy);
  });

  it("one row per segment in the table's order, everyone first, labelled by their values and size; the steps in the model's order", () => {
    expect(rowsOf(spec)).toEqual(["全体（n=114）", "若手・非管理職（n=40）", "若手・管理職（n=20）", "シニア・非管理職（n=50）", "シニア・管理職"]);
    expect((spec as { facet: { column: { sort: string[] } } }).facet.column.sort).toEqual(["知る", "理解を深める", "さらに理解を深める", "実践を支援する"]);
    expect(rowsOf(penetrationFunnelChart(funnel, { lang: "en" }))).toEqual(["Young · Non-manager (n=40)", "Young · Manager (n=20)", "Senior · Non-manager (n=50)", "Senior · Manager"]);
  });

  it("draws each step's cumulative share with its interval, and marks the biggest drop with how far it fell", () => {
    const young = values(spec).filter((d) => d.segment === "若手・非管理職（n=40）");
    expect(young.map((d) => d.share)).toEqual([36 / 40, 30 / 40, 14 / 40, 8 / 40]);
    // The interval drawn is the table's, as it is.
    const deepen = young[2]!;
    const source = funnel.rows.find((r) => r.generation === "young" && !r.manager && r.step === "deepen")!;
    expect([deepen.low, deepen.high]).toEqual([source.share_low, source.share_high]);
    expect(young.map((d) => d.text)).toEqual(["90%", "75%", "35% ▼40pt", "20%"]);
    expect(young.map((d) => d.biggest)).toEqual([false, false, true, false]);
    // Everyone's, from the overall table: the biggest drop at deepen (71 → 46 of 114).
    expect(values(spec).filter((d) => d.segment === "全体（n=114）").map((d) => d.text)).toEqual(["86%", "62%", "40% ▼22pt", "22%"]);
  });

  it("prints a share inside its bar only where it fits left of the interval", () => {
    for (const d of values(spec).filter((v) => !v.suppressed)) {
      if (d.inside) expect(d.share as number).toBeGreaterThanOrEqual(0.5);
    }
    expect(values(spec).find((d) => d.segment === "若手・非管理職（n=40）" && d.step === "知る")!.inside).toBe(true);
    expect(values(spec).find((d) => d.segment === "若手・非管理職（n=40）" && d.step === "さらに理解を深める")!.inside).toBe(false);
  });

  it("says 秘匿 for a hidden segment in every step, with no figure, even when the caller left them in", async () => {
    expect(penetrationFunnelChart(leaky, { overall })).toEqual(spec);
    const hiddenRows = values(spec).filter((d) => d.suppressed);
    expect(hiddenRows.map((d) => [d.segment, d.text, d.share, d.n])).toEqual(STEPS.map(() => ["シニア・管理職", "秘匿", null, null]));
    const texts = svgText(await renderSvg(penetrationFunnelChart(leaky)));
    expect(texts).toContain("秘匿");
    expect(texts.some((t) => /n=6\b|33%/.test(t))).toBe(false);
  });

  it("renders in Japanese inside the picture, and in English without a Japanese character", async () => {
    const texts = svgText(await renderSvg(spec));
    for (const t of ["浸透ステップの到達率", "知る", "実践を支援する", "全体（n=114）", "35% ▼40pt"]) expect(texts).toContain(t);
    const png = readPng(await renderPng(spec, { scale: 1 }));
    expect(ink(png).maxX).toBeLessThan(png.width - 1);
    expect(await renderSvg(penetrationFunnelChart(funnel, { lang: "en", overall }))).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(spec)).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/penetration-funnel.svg");
  });
});

describe("penetrationFunnelChart on penetrationFunnel's report (the bundled respondents)", () => {
  let report: StudyReport;
  beforeAll(async () => {
    const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"));
    report = penetrationFunnel(table, { by: ["generation", "job_type", "manager"] });
  });

  it("draws every generation × job type × role as the report has it, the report's biggest drops marked", () => {
    const spec = penetrationFunnelChart(report.tables.funnel!, { overall: report.tables.overall });
    const drawn = values(spec);
    expect(drawn).toHaveLength(report.tables.funnel!.rows.length + 4);
    expect(rowsOf(spec)[0]).toBe("全体（n=5000）");
    expect(rowsOf(spec)).toContain(`若手・技術系・非管理職（n=${report.tables.funnel!.rows.find((r) => r.generation === "young" && r.job_type === "technical" && r.manager === false)!.n}）`);
    const marked = drawn.filter((d) => d.biggest).length;
    expect(marked).toBe([...report.tables.funnel!.rows, ...report.tables.overall!.rows].filter((r) => r.biggest_drop === true).length);
    for (const d of drawn.filter((v) => !v.suppressed)) expect(d.text).toMatch(/^\d+%( ▼\d+pt)?$/);
  });
});

describe("penetrationFunnelChart: what it refuses", () => {
  it("a segment's step twice, a group under the minimum shown, more reached than answered", () => {
    expect(thrown(() => penetrationFunnelChart({ rows: [...funnel.rows, funnel.rows[0]!] })).message).toBe('penetrationFunnelChart: the cell for row "若手・非管理職", column "know" appears more than once');
    const small = { rows: row("young", false, 4, [4, 3, 2, 1], 1) };
    const e = thrown(() => penetrationFunnelChart(small));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toBe("penetrationFunnelChart: row 1 (young / false / know) describes 4 people, under the minimum group size of 5, but is not marked suppressed; publish the table through the study so that small groups are hidden");
    expect(thrown(() => penetrationFunnelChart({ rows: [{ ...funnel.rows[0]!, reached: 41, share: 1 }] })).message).toBe("penetrationFunnelChart: row 1 (young / false / know) has reached 41 (expected at most n (40))");
    expect(thrown(() => penetrationFunnelChart({ rows: [{ ...funnel.rows[0]!, biggest_drop: "yes" }] })).message).toContain("biggest_drop");
  });

  it("a missing column (with the closest), options it does not know", () => {
    expect(thrown(() => penetrationFunnelChart({ rows: funnel.rows.map(({ reached, ...r }) => ({ ...r, reachd: reached })) })).message).toMatch(/^penetrationFunnelChart: the table has no column "reached"; did you mean "reachd"\?/);
    expect(thrown(() => penetrationFunnelChart(funnel, { by: ["generaton"] })).message).toMatch(/did you mean "generation"\?/);
    expect(thrown(() => penetrationFunnelChart(funnel, { overal: overall } as never)).message).toContain('unknown option "overal"; did you mean "overall"?');
    for (const garbage of [undefined, null, 42, "x", [], {}, { rows: null }, { rows: [null] }]) expect(thrown(() => penetrationFunnelChart(garbage as never))).toBeInstanceOf(KoeError);
  });
});
