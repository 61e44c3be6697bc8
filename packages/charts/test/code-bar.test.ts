import { ChartError, codeBarChart, compileSpec, renderSvg } from "@koe/charts";
import { codeFrequencies, KoeArgumentError, KoeError, type StudyReport } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledCoded, codebook, frequencies, hiddenFigures, leakyFrequencies, overall, thrown } from "./code-fixtures.js";
import { svgText } from "./helpers.js";

type Bar = { code: string; share: number; low: number; high: number; withCode: number; texts: number };
type Spec = { title: { text: string; subtitle: string[] }; encoding: { y: { sort: string[] } }; layer: { data: { values: Record<string, unknown>[] } }[] };
const of = (spec: unknown) => spec as Spec;
const bars = (spec: unknown) => of(spec).layer[0]!.data.values as Bar[];
const ends = (spec: unknown) => of(spec).layer[2]!.data.values.map((v) => v.text);

const spec = codeBarChart(overall);

describe("codeBarChart: the spec", () => {
  it("compiles with vega-lite in Japanese and English, for one group of a table by segment, and for nothing to show", () => {
    for (const s of [spec, codeBarChart(overall, { lang: "en" }), codeBarChart(frequencies, { group: "young" }), codeBarChart({ rows: [] }), codeBarChart(frequencies, { group: "mid" })]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same table, same spec; the table untouched", () => {
    const copy = structuredClone(overall);
    expect(codeBarChart(overall)).toEqual(spec);
    expect(overall).toEqual(copy);
  });

  it("sorts by share, highest first, or keeps the codebook's order", () => {
    // 40, 29, 27, 22 of 78 texts.
    expect(of(spec).encoding.y.sort).toEqual(["上司の関与", "アイディア活用", "人脈・つながり", "業務意欲"]);
    expect(of(codeBarChart(overall, { sort: "codebook" })).encoding.y.sort).toEqual(codebook.map((c) => c.code_ja));
  });

  it("prints each share with the counts behind it, and draws the table's Wilson interval", () => {
    expect(ends(spec)).toEqual(["51%（40/78）", "37%（29/78）", "35%（27/78）", "28%（22/78）"]);
    expect(ends(codeBarChart(overall, { lang: "en" }))).toEqual(["51% (40/78)", "37% (29/78)", "35% (27/78)", "28% (22/78)"]);
    // R: prop.test(40, 78, correct = FALSE)$conf.int → 0.4039270 0.6205105 (the table's share_low / share_high).
    const top = bars(spec)[0]!;
    expect([top.low, top.high].map((x) => +x.toFixed(4))).toEqual([0.4039, 0.6205]);
    const rule = of(spec).layer[1] as unknown as { mark: { type: string }; encoding: { x: { field: string }; x2: { field: string } } };
    expect([rule.mark.type, rule.encoding.x.field, rule.encoding.x2.field]).toEqual(["rule", "low", "high"]);
  });

  it("draws one group of a table by segment, named by value, label or vocabulary", () => {
    const young = codeBarChart(frequencies, { by: "generation", group: "young" });
    expect(ends(young)).toEqual(["55%（22/40）", "43%（17/40）", "35%（14/40）", "15%（6/40）"]);
    expect(of(young).title.text).toBe("コードの出現割合：若手");
    for (const group of ["若手", "Young"]) expect(codeBarChart(frequencies, { group })).toEqual(young);
    expect(of(codeBarChart(frequencies, { group: "senior", lang: "en" })).title.text).toBe("Share of texts with each code: Senior");
  });

  it("puts a hidden code last, saying 秘匿, with none of its figures", async () => {
    const rows = overall.rows.map((r) => (r.code === "manager_support" ? { ...r, people: null, texts: null, with_code: null, share: null, share_low: null, share_high: null, suppressed: true } : r));
    const s = codeBarChart({ ...overall, rows });
    expect(of(s).encoding.y.sort).toEqual(["アイディア活用", "人脈・つながり", "業務意欲", "上司の関与"]);
    expect(of(s).layer[3]!.data.values).toEqual([{ code: "上司の関与", text: "秘匿" }]);
    expect(JSON.stringify(s)).not.toContain("40/78");
    expect(of(s).title.subtitle).toContain("秘匿: 10人未満のグループと、差し引きで分かるグループ");
    expect(svgText(await renderSvg(s))).toContain("秘匿");
  });

  it("never shows a hidden group's figures, even when the caller left them in", async () => {
    expect(codeBarChart(leakyFrequencies, { group: "young" })).toEqual(codeBarChart(frequencies, { group: "young" }));
    const hidden = codeBarChart(leakyFrequencies, { group: "mid" });
    const texts = svgText(await renderSvg(hidden));
    expect(texts).toContain("すべてのグループが10人未満（または差し引きで分かる）ため、表示できる数値がありません");
    for (const figure of hiddenFigures) expect(texts.some((t) => t.includes(figure))).toBe(false);
  });

  it("renders Japanese and English text", async () => {
    const texts = svgText(await renderSvg(spec));
    for (const t of ["コードの出現割合", "上司の関与", "業務意欲", "51%（40/78）", "割合", "50%"]) expect(texts).toContain(t);
    const svg = await renderSvg(codeBarChart(overall, { lang: "en" }));
    for (const t of ["Share of texts with each code", "Manager involvement", "51% (40/78)"]) expect(svgText(svg)).toContain(t);
    expect(svg).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("draws a note when there is nothing to show, in both languages", async () => {
    expect(svgText(await renderSvg(codeBarChart({ rows: [] })))).toContain("データがありません");
    expect(svgText(await renderSvg(codeBarChart({ rows: [] }, { lang: "en" })))).toContain("No data");
    expect(svgText(await renderSvg(codeBarChart(frequencies, { group: "mid", lang: "en" })))).toContain("Every group is under 10 (or would be revealed by subtraction): nothing can be shown");
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(spec)).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/code-bar.svg");
  });
});

describe("codeBarChart: what it refuses", () => {
  it("a table by segment without the group to draw, or a group it does not have", () => {
    const plain = thrown(() => codeBarChart(frequencies));
    expect(plain).toBeInstanceOf(ChartError);
    expect(plain.message).toBe('codeBarChart: the code "work_motivation" appears more than once; to draw one group of a table by segment, pass the options "by" and "group"');
    expect(thrown(() => codeBarChart(frequencies, { by: "generation" })).message).toBe('codeBarChart: the table is by "generation"; say which group to draw with the option "group" (one of "young", "mid", "senior")');
    const unknown = thrown(() => codeBarChart(frequencies, { group: "yuong" }));
    expect(unknown).toBeInstanceOf(KoeArgumentError);
    expect(unknown.message).toBe('codeBarChart: the column "generation" has no group "yuong"; did you mean "young"? (its groups: "young", "mid", "senior")');
    expect(unknown.localized.ja).toBe("codeBarChart: 列「generation」にグループ「yuong」がありません。「young」の誤りではありませんか？（あるグループ: 「young」、「mid」、「senior」）");
  });

  it("a group under the free-text minimum that is not marked suppressed", () => {
    const rows = overall.rows.map((r) => ({ ...r, people: 7, texts: 7, with_code: 1, share: 1 / 7 }));
    const e = thrown(() => codeBarChart({ rows }));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toContain('codeBarChart: row 1 (code "work_motivation") shows people = 7, under the minimum of 10 for free texts, but is not marked suppressed');
  });

  it("a missing column, shares outside 0–1, options it does not know", () => {
    const rows = overall.rows.map(({ share_high, ...r }) => ({ ...r, share_hi: share_high }));
    expect(thrown(() => codeBarChart({ rows })).message).toMatch(/^codeBarChart: the table has no column "share_high"; did you mean "share_hi"\?/);
    expect(thrown(() => codeBarChart({ rows: [{ ...overall.rows[0]!, share_low: -0.1 }] })).message).toBe('codeBarChart: row 1 (code "work_motivation") has share_low -0.1 (expected a number from 0 to 1)');
    expect(thrown(() => codeBarChart(overall, { sort: "alphabetical" } as never)).message).toBe('codeBarChart: option "sort" must be one of "share", "codebook" (got "alphabetical")');
    expect(thrown(() => codeBarChart(overall, { srot: "share" } as never)).message).toContain('unknown option "srot"; did you mean "sort"?');
    for (const garbage of [undefined, null, 42, "x", [], {}, { rows: null }, { rows: [null] }, { rows: [{}] }]) expect(thrown(() => codeBarChart(garbage as never))).toBeInstanceOf(KoeError);
  });
});

describe("codeBarChart takes codeFrequencies' tables as they are (the bundled comments)", () => {
  let report: StudyReport;
  beforeAll(async () => {
    report = codeFrequencies((await bundledCoded()).coded, { by: "cross_boundary" });
  });

  it("overall: every code, highest share first, each with its counts and the report's interval", () => {
    const s = codeBarChart(report.tables.overall!);
    expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    const rows = [...report.tables.overall!.rows].sort((a, b) => (b.share as number) - (a.share as number));
    expect(of(s).encoding.y.sort).toEqual(rows.map((r) => r.code_ja));
    expect(ends(s)).toEqual(rows.map((r) => `${Math.round(100 * (r.share as number))}%（${r.with_code}/${r.texts}）`));
    expect(bars(s).map((b) => [b.low, b.high])).toEqual(rows.map((r) => [r.share_low, r.share_high]));
  });

  it("one group of the table by participation: participants, named あり or true", () => {
    const frequencies = report.tables.frequencies!;
    const participants = frequencies.rows.filter((r) => r.cross_boundary === true);
    const s = codeBarChart(frequencies, { group: "true", sort: "codebook" });
    expect(of(s).title.text).toBe("コードの出現割合：あり");
    expect(codeBarChart(frequencies, { group: true, sort: "codebook" })).toEqual(s);
    expect(codeBarChart(frequencies, { group: "あり", sort: "codebook" })).toEqual(s);
    expect(ends(s)).toEqual(participants.map((r) => `${Math.round(100 * (r.share as number))}%（${r.with_code}/${r.texts}）`));
  });
});
