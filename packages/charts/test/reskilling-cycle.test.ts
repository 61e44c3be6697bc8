import { join } from "node:path";
import { ChartError, compileSpec, renderPng, renderSvg, reskillingCycleChart } from "@koe/charts";
import { KoeArgumentError, KoeError, LearningRecord, readCsv, reskillingCycle, type StudyReport } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "./code-fixtures.js";
import { ink, readPng, svgText } from "./helpers.js";

type Datum = Record<string, unknown> & { kind: string };
type Spec = { title: { subtitle: string[] }; vconcat: { title?: { subtitle: string[] }; data: { values: Datum[] } }[] };
const of = (spec: unknown) => spec as Spec;
const cycle = (spec: unknown, kind: string) => of(spec).vconcat[0]!.data.values.filter((v) => v.kind === kind);
const autonomy = (spec: unknown, kind: string) => of(spec).vconcat[1]!.data.values.filter((v) => v.kind === kind);
/** The SVG's text, the lines of multi-line texts (<tspan>) included. */
const texts = (svg: string) => [...svgText(svg), ...[...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!)];

const ok = { suppressed: false };
const hide = (r: Record<string, unknown>, figures: string[]) => ({ ...r, ...Object.fromEntries(figures.map((f) => [f, null])), suppressed: true });
/**
 * A report of two periods and 200 people, made by hand with reskillingCycle's columns. Company B's
 * second period is hidden (its share, had it leaked, 0.77: a figure nothing else has), and so is
 * the self-initiated completion of period 2.
 */
const tables = {
  stages: {
    columns: ["period", "stage", "n", "reached", "share_reached", "share_low", "share_high", "suppressed"],
    rows: [1, 2].flatMap((period) =>
      (["none", "trigger", "place", "success"] as const).map((stage, k) => {
        const reached = period === 1 ? [200, 80, 50, 30][k]! : [200, 90, 60, 40][k]!;
        return { period, stage, n: 10, reached, share_reached: reached / 200, share_low: null, share_high: null, ...ok };
      }),
    ),
  },
  flows: {
    columns: ["period", "from", "to", "n", "rate", "suppressed"],
    rows: [
      { period: 1, from: "start", to: "trigger", n: 80, rate: 0.4, ...ok },
      { period: 1, from: "trigger", to: "place", n: 50, rate: 50 / 80, ...ok },
      { period: 1, from: "place", to: "success", n: 30, rate: 30 / 50, ...ok },
      { period: 2, from: "trigger", to: "place", n: 60, rate: 60 / 90, ...ok },
      { period: 2, from: "place", to: "success", n: 40, rate: 40 / 60, ...ok },
    ],
  },
  completion: {
    columns: ["period", "source", "triggered", "success", "rate", "suppressed"],
    rows: [
      { period: 1, source: "all", triggered: 80, success: 30, rate: 30 / 80, ...ok },
      { period: 1, source: "company", triggered: 50, success: 15, rate: 0.3, ...ok },
      { period: 1, source: "self", triggered: 30, success: 15, rate: 0.5, ...ok },
      { period: 2, source: "all", triggered: 90, success: 40, rate: 40 / 90, ...ok },
      { period: 2, source: "company", triggered: 60, success: 20, rate: 1 / 3, ...ok },
      hide({ period: 2, source: "self", triggered: 30, success: 20, rate: 2 / 3 }, ["triggered", "success", "rate"]),
    ],
  },
  cycle: {
    columns: ["from_period", "to_period", "after", "people", "trigger_next", "share", "suppressed"],
    rows: [
      { from_period: 1, to_period: 2, after: "success", people: 30, trigger_next: 18, share: 0.6, ...ok },
      { from_period: 1, to_period: 2, after: "no_success", people: 170, trigger_next: 72, share: 72 / 170, ...ok },
    ],
  },
  autonomy: {
    columns: ["company", "period", "people", "autonomous", "share", "suppressed"],
    rows: [
      { company: "A", period: 1, people: 120, autonomous: 24, share: 0.2, ...ok },
      { company: "A", period: 2, people: 120, autonomous: 36, share: 0.3, ...ok },
      { company: "B", period: 1, people: 80, autonomous: 20, share: 0.25, ...ok },
      hide({ company: "B", period: 2, people: 80, autonomous: 62, share: 0.77 }, ["people", "autonomous", "share"]),
    ],
  },
  autonomyOverall: {
    columns: ["period", "people", "autonomous", "share", "suppressed"],
    rows: [{ period: 1, people: 200, autonomous: 44, share: 0.22, ...ok }, { period: 2, people: 200, autonomous: 60, share: 0.3, ...ok }],
  },
  trend: { columns: ["method", "slope", "std_error", "ci_low", "ci_high", "p_value", "clusters", "n"], rows: [{ method: "linear probability trend on period with company fixed effects; cluster-robust (HC1) by company", slope: 0.07, std_error: 0.01, ci_low: 0.05, ci_high: 0.09, p_value: 0.001, clusters: 2, n: 400 }] },
};
/** As a careless caller might pass it: the hidden figures left in. */
const leaky = {
  ...tables,
  completion: { ...tables.completion, rows: tables.completion.rows.map((r) => (r.suppressed ? { ...r, triggered: 30, success: 20, rate: 2 / 3 } : r)) },
  autonomy: { ...tables.autonomy, rows: tables.autonomy.rows.map((r) => (r.suppressed ? { ...r, people: 80, autonomous: 62, share: 0.77 } : r)) },
};

describe("reskillingCycleChart: the cycle", () => {
  const spec = reskillingCycleChart(tables);

  it("compiles in Japanese and English, from a report or its tables, and with nothing to show", () => {
    for (const s of [spec, reskillingCycleChart(tables, { lang: "en" }), reskillingCycleChart({ study: "reskillingCycle", tables }), reskillingCycleChart({ ...tables, stages: { rows: [] } })]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same tables, same spec; the tables untouched", () => {
    const copy = structuredClone(tables);
    expect(reskillingCycleChart(tables)).toEqual(spec);
    expect(tables).toEqual(copy);
  });

  it("draws per period the people reaching trigger, place and success, with their share of the period", () => {
    expect(cycle(spec, "node").map((d) => [d.period, d.stage, d.text])).toEqual([
      [1, "きっかけ", ["80人", "40%"]], [1, "学びの場", ["50人", "25%"]], [1, "成功体験", ["30人", "15%"]],
      [2, "きっかけ", ["90人", "45%"]], [2, "学びの場", ["60人", "30%"]], [2, "成功体験", ["40人", "20%"]],
    ]);
  });

  it("labels the arrows with the share who went on, and the turn with the share who found a trigger after a success, against those without", () => {
    expect(cycle(spec, "arrow").map((d) => d.text)).toEqual(["63%", "60%", "67%", "67%"]);
    expect(cycle(spec, "turn").map((d) => d.text)).toEqual(["成功体験の後 60%（なし 42%）"]);
    // The turn runs from period 1's success down to period 2's trigger.
    const turn = cycle(spec, "turn")[0]!;
    expect((turn.x as number) > (turn.x2 as number) && (turn.y as number) < (turn.y2 as number)).toBe(true);
  });

  it("gives the cycle's completion for all, company-provided and self-initiated learning side by side; a hidden one says 秘匿", () => {
    expect(cycle(spec, "completion").map((d) => d.text)).toEqual([["38%", "会社提供 30%・自己啓発 50%"], ["44%", "会社提供 33%・自己啓発 秘匿"]]);
    expect(cycle(reskillingCycleChart(tables, { lang: "en" }), "completion").map((d) => d.text)).toEqual([["38%", "company 30% · self 50%"], ["44%", "company 33% · self suppressed"]]);
  });
});

describe("reskillingCycleChart: autonomous learning", () => {
  const spec = reskillingCycleChart(tables);

  it("draws each company's shown shares and everyone's, leaving the hidden period out", () => {
    expect(autonomy(spec, "company").map((d) => [d.company, d.period, d.share])).toEqual([["A", 1, 0.2], ["A", 2, 0.3], ["B", 1, 0.25]]);
    expect(autonomy(spec, "overall").map((d) => [d.period, d.text])).toEqual([[1, "22%"], [2, "30%"]]);
  });

  it("draws the common trend through everyone's mean with the report's slope, and gives it with its interval", () => {
    // Everyone's mean: period 1.5, share 0.26; the line at 1 and 2: 0.26 ∓ 0.07 / 2.
    expect(autonomy(spec, "trend").map((d) => [d.period, +(d.share as number).toFixed(4)])).toEqual([[1, 0.225], [2, 0.295]]);
    expect(of(spec).vconcat[1]!.title!.subtitle.at(-1)).toBe("傾き +7.0ポイント/期（95%信頼区間 +5.0〜+9.0）");
    const logistic = { ...tables, trend: { rows: [{ ...tables.trend.rows[0]!, method: "logistic trend on period with company fixed effects", slope: 0.4, ci_low: 0.2, ci_high: 0.6 }] } };
    const line = autonomy(reskillingCycleChart(logistic), "trend").map((d) => d.share as number);
    // logit(0.26) ∓ 0.4 / 2, back on the share scale.
    const logit = Math.log(0.26 / 0.74);
    expect(line[0]).toBeCloseTo(1 / (1 + Math.exp(-(logit - 0.2))), 12);
    expect(line[1]).toBeCloseTo(1 / (1 + Math.exp(-(logit + 0.2))), 12);
    expect(of(reskillingCycleChart(logistic, { lang: "en" })).vconcat[1]!.title!.subtitle.at(-1)).toBe("slope +0.40 (log-odds per period, 95% interval +0.20 to +0.60)");
  });

  it("never shows a hidden figure, even when the caller left it in", async () => {
    expect(reskillingCycleChart(leaky)).toEqual(spec);
    const drawn = texts(await renderSvg(reskillingCycleChart(leaky)));
    expect(drawn).toContain("会社提供 33%・自己啓発 秘匿");
    expect(drawn.some((t) => /77%|自己啓発 67%/.test(t))).toBe(false);
    expect(of(spec).title.subtitle).toContain("秘匿: 5人未満のグループと、差し引きで分かるグループ");
  });
});

describe("reskillingCycleChart on reskillingCycle's report (the bundled learning.csv)", () => {
  let report: StudyReport;
  beforeAll(async () => {
    const { table } = await readCsv(join(import.meta.dirname, "..", "..", "..", "data", "learning.csv"), { schema: LearningRecord });
    report = reskillingCycle(table);
  });

  it("draws the report's figures as they are", async () => {
    const spec = reskillingCycleChart(report);
    const reached = report.tables.stages!.rows.filter((r) => r.stage !== "none").map((r) => `${(r.reached as number).toLocaleString("en-US")}人`);
    expect(cycle(spec, "node").map((d) => (d.text as string[])[0])).toEqual(reached);
    const all = report.tables.completion!.rows.filter((r) => r.source === "all").map((r) => `${Math.round(100 * (r.rate as number))}%`);
    expect(cycle(spec, "completion").map((d) => (d.text as string[])[0])).toEqual(all);
    expect(cycle(spec, "turn")).toHaveLength(3);
    const slope = report.tables.trend!.rows[0]!.slope as number;
    expect(of(spec).vconcat[1]!.title!.subtitle.at(-1)).toContain(`傾き +${(100 * slope).toFixed(1)}ポイント/期`);
    expect(autonomy(spec, "company")).toHaveLength(report.tables.autonomy!.rows.filter((r) => !r.suppressed).length);
    const svg = await renderSvg(spec);
    for (const t of ["リスキリングのサイクルと自律的な学び", "きっかけ", "学びの場", "成功体験", "サイクル完了率", "1期", "4期", "自律的に学ぶ人の割合"]) expect(texts(svg)).toContain(t);
    const png = readPng(await renderPng(spec, { scale: 1 }));
    expect(ink(png).maxX).toBeLessThan(png.width - 1);
    expect(await renderSvg(reskillingCycleChart(report, { lang: "en" }))).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(reskillingCycleChart(tables))).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/reskilling-cycle.svg");
  });
});

describe("reskillingCycleChart: what it refuses", () => {
  it("a shown count of 1 to 4, a row twice, a share out of range", () => {
    const small = { ...tables, autonomy: { rows: [{ company: "A", period: 1, people: 120, autonomous: 3, share: 0.025 }] } };
    const e = thrown(() => reskillingCycleChart(small));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toBe("reskillingCycleChart: row 1 (autonomy: A / 1) shows autonomous = 3, between 1 and 4, but is not marked suppressed; publish the table through the study so that small cells are hidden");
    expect(thrown(() => reskillingCycleChart({ ...tables, stages: { rows: [...tables.stages.rows, tables.stages.rows[0]!] } })).message).toBe('reskillingCycleChart: the cell for row "stages", column "1 / none" appears more than once');
    expect(thrown(() => reskillingCycleChart({ ...tables, flows: { rows: [{ ...tables.flows.rows[0]!, rate: 1.4 }] } })).message).toContain("has rate 1.4 (expected a number from 0 to 1)");
  });

  it("a table or column it needs (with the closest), options it does not know", () => {
    const { autonomy: _, ...rest } = tables;
    const e = thrown(() => reskillingCycleChart({ ...rest, autonomy_: tables.autonomy }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(/^reskillingCycleChart: the report has no table "autonomy"; did you mean "autonomy_"\?/);
    expect(thrown(() => reskillingCycleChart({ ...tables, flows: { rows: [{ period: 1, from: "trigger", too: "place", n: 50, rate: 0.6 }] } })).message).toMatch(/no column "to"; did you mean "too"\?/);
    expect(thrown(() => reskillingCycleChart(tables, { lables: {} } as never)).message).toContain('unknown option "lables"; did you mean "labels"?');
    for (const garbage of [undefined, null, 42, "x", [], {}, { tables: {} }]) expect(thrown(() => reskillingCycleChart(garbage as never))).toBeInstanceOf(KoeError);
  });
});
