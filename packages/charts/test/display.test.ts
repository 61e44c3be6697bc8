// display() and show() (the mime bundles a notebook shows) and formatResult (a result as R prints a
// test). R's own printout is the reference: test/r/format-result.R prints the same tests on the same
// data, and format-result.Rout.txt holds what it printed (R 4.2).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import {
  chiSquareTest, countsReport, formatNumbers, formatPValue, formatResult, KoeArgumentError, kruskalWallis, mannWhitneyU, oneSampleTTest,
  oneWayAnova, pairedTTest, pearson, readRespondents, studentTTest, testPower, welchAnova, welchTTest, type StudyReport,
} from "@koe/core";
import { display, segmentHeatmapChart, show, VEGALITE_MIME } from "@koe/charts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

const rOut = readFileSync(join(import.meta.dirname, "r", "format-result.Rout.txt"), "utf8");
/** R's printed tests, one block each: the lines after the method's line (which starts with a tab). */
const rBlocks = rOut.split(/\n(?=\t)/).filter((b) => b.startsWith("\t")).map((b) => b.split("\n").filter((l) => l !== "" && !l.startsWith("data:")).map((l) => l.replace(/^\t/, "")));

// The data of format-result.R.
const x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
const v = [...x, ...y];
const g = v.map((_, i) => ["a", "b", "c"][i % 3]!);
const groups = ["a", "b", "c"].map((k) => v.filter((_, i) => g[i] === k));
const big = [...x.map((a) => a + 10), ...x.map((a) => a + 10.5)];
/** The same tests as format-result.R, in its order. */
const results = () => [
  welchTTest(x, y), studentTTest(x, y), pairedTTest(x, y), oneSampleTTest(x, { mu: 1, alternative: "less" }), mannWhitneyU(x, y, { exact: false }),
  pearson(x, y), chiSquareTest([[12, 7], [5, 15]]), welchAnova(groups), oneWayAnova(groups), kruskalWallis(groups), welchTTest(big, y),
];

/** koe names the equal-variance one-way ANOVA as R's aov() does; oneway.test(var.equal = TRUE) names the same test so. */
const SAME_TEST_OTHER_NAME: Record<string, string> = { "One-way analysis of means": "One-way analysis of variance" };

/** A line of R's block and the line after it, or nothing. */
const after = (lines: readonly string[], head: RegExp, count: number) => {
  const i = lines.findIndex((l) => head.test(l));
  return i < 0 ? [] : lines.slice(i, i + 1 + count);
};

describe("formatResult", () => {
  it("prints each test's method, statistic line and interval exactly as R does", () => {
    const ours = results();
    expect(rBlocks).toHaveLength(ours.length);
    ours.forEach((result, k) => {
      const r = rBlocks[k]!;
      const lines = formatResult(result, "en").split("\n");
      expect(lines[0], r[0]).toBe(SAME_TEST_OTHER_NAME[r[0]!] ?? r[0]);
      const statLine = r.find((l) => /p-value/.test(l))!;
      expect(lines, r[0]).toContain(statLine);
      const interval = after(r, /percent confidence interval:$/, 1);
      if (interval.length > 0) expect(lines.slice(lines.indexOf(interval[0]!), lines.indexOf(interval[0]!) + 2), r[0]).toEqual(interval);
      else expect(lines.some((l) => /confidence interval/.test(l)), r[0]).toBe(false);
    });
  });

  it("prints R's sample estimates for one-sample, paired and correlation results", () => {
    const ours = results();
    for (const k of [2, 3, 5]) {
      const estimates = after(rBlocks[k]!, /^sample estimates:$/, 2);
      const lines = formatResult(ours[k]!, "en").split("\n");
      const at = lines.indexOf("sample estimates:");
      expect(lines.slice(at, at + 3), rBlocks[k]![0]).toEqual(estimates);
    }
  });

  it("puts both group means first and the difference after them, under the groups' labels when the result names them", () => {
    const lines = formatResult(welchTTest(x, y), "en").split("\n");
    const at = lines.indexOf("sample estimates:");
    expect(lines[at + 1]!.trim().split(/\s{1,}(?=mean|difference)/)).toEqual(["mean of x", "mean of y", "difference"]);
    expect(lines[at + 2]!.trim().split(/\s+/).map(Number)).toEqual([0.75, 2.33, -1.58]);
    expect(lines.at(-1)).toBe("n = 20, missing = 0");
  });

  it("says the same in Japanese: the same numbers, Japanese labels, and the method's Japanese name beside R's", () => {
    const en = formatResult(welchTTest(x, y), "en").split("\n");
    const ja = formatResult(welchTTest(x, y), "ja").split("\n");
    expect(ja[0]).toBe("Welch の2標本 t 検定（Welch Two Sample t-test）");
    expect(ja[2]).toBe("t = -1.8608、自由度 = 17.776、p値 = 0.07939");
    expect(ja).toContain("対立仮説: 両側");
    expect(ja).toContain("95% 信頼区間:");
    expect(ja).toContain(en[en.indexOf("95 percent confidence interval:") + 1]);
    expect(ja.at(-1)).toBe("n = 20、欠測 = 0");
  });

  it("prints a table's comparison with its groups' labels and sizes, and rows dropped as missing", async () => {
    const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"));
    const rows = table.objects() as { cross_boundary: boolean; eng_01_post: number | null }[];
    const { welchTest } = await import("@koe/core");
    const text = formatResult(welchTest(table, { outcome: "eng_01_post", group: "cross_boundary", order: [true, false] }), "en");
    const present = (b: boolean) => rows.filter((r) => r.cross_boundary === b && typeof r.eng_01_post === "number" && !Number.isNaN(r.eng_01_post)).length;
    expect(text).toContain("mean in group true mean in group false difference");
    expect(text).toContain(`n = ${present(true) + present(false)} (true ${present(true)}, false ${present(false)}), missing = ${rows.length - present(true) - present(false)}`);
  });

  it("prints a power calculation's fields, the power as R gives it", () => {
    const text = formatResult(testPower({ n1: 20, n2: 20, delta: 1, sd: 1 }), "en");
    const rPower = /\[1\] ([\d.]+)/.exec(rOut)![1]!;
    expect(text.split("\n")[0]).toMatch(/power/i);
    expect(text).toMatch(new RegExp(`^\\s*power = ${rPower.replace(".", "\\.")}$`, "m"));
  });

  it("refuses what is not a result, naming what it got", () => {
    expect(() => formatResult({ n: 3 } as never)).toThrow(KoeArgumentError);
    expect(() => formatResult({ n: 3 } as never, "en")).toThrow(/formatResult: expected a result of a koe estimator .* got \{ n \}/);
    expect(() => formatResult(null as never)).toThrow(/got null/);
  });
});

describe("formatNumbers and formatPValue", () => {
  it("format numbers together as R's format() does", () => {
    const inputs: [(number | null)[], number][] = [
      [[-3.36548324, 0.20548324], 7], [[2, 11.138], 5], [[123456789, 0.5], 7], [[1e-20, 3], 7], [[1.5, -Infinity, null], 7],
      [[0.000123456, 0.5], 3], [[1234567.891, 2], 7], [[99999.95, 1], 6], [[0.1 + 0.2, 1 / 3], 7], [[-0.000001234, 1e10], 4],
    ];
    const expected = [...rOut.matchAll(/^format: (.*) $/gm)].map((m) => m[1]!.split("|"));
    expect(expected).toHaveLength(inputs.length);
    inputs.forEach(([values, digits], i) => expect(formatNumbers(values, digits), String(values)).toEqual(expected[i]));
  });

  it("format p-values as R's format.pval", () => {
    const expected = /^pval:\|(.*)$/m.exec(rOut)![1]!.split("|");
    expect([0.0793941, 2.9021e-9, 1e-300, 0.5].map((p) => formatPValue(p))).toEqual(expected);
  });
});

describe("display", () => {
  const cells = [{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }];

  it("gives a chart as vega-lite v5 with koe's theme, an SVG fallback and its title as text, leaving the spec as it was", async () => {
    const spec = segmentHeatmapChart(cells, { title: "会社×世代の回答者数" });
    const before = structuredClone(spec);
    const bundle = await display(spec, { lang: "ja" });
    expect(Object.keys(bundle)).toEqual(["text/plain", VEGALITE_MIME, "image/svg+xml"]);
    const v5 = bundle[VEGALITE_MIME]! as unknown as Record<string, unknown> & { config: { font: string } };
    expect(v5.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(v5.config.font).toBe("Noto Sans JP");
    expect(v5.data).toEqual(spec.data);
    expect(bundle["image/svg+xml"]).toMatch(/^<svg[\s\S]*会社×世代の回答者数[\s\S]*<\/svg>$/);
    expect(bundle["text/plain"]).toBe("図: 会社×世代の回答者数（データ2行）");
    expect(spec).toEqual(before);
    expect(Object.keys(await display(spec, { svg: false }))).toEqual(["text/plain", VEGALITE_MIME]);
  });

  describe("reports and their tables", () => {
    let report: StudyReport;
    beforeAll(async () => {
      const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"));
      report = countsReport(table, { row: "company", column: "generation", split: "cross_boundary" });
    });

    it("shows a hidden figure as 秘匿 (suppressed in English), in every hidden row and nowhere else", async () => {
      const t = report.tables.yes!;
      const hidden = t.rows.filter((r) => r.suppressed === true).length;
      expect(hidden).toBeGreaterThan(0);
      const ja = await display(t, { lang: "ja", rows: 1000 });
      expect(ja["text/html"]!.match(/class="koe-hidden"[^>]*>秘匿</g)).toHaveLength(hidden);
      expect(ja["text/plain"]!.split("\n").filter((l) => / 秘匿 /.test(`${l} `))).toHaveLength(hidden);
      const en = await display(t, { lang: "en", rows: 1000 });
      expect(en["text/html"]!.match(/class="koe-hidden"[^>]*>suppressed</g)).toHaveLength(hidden);
      // Each hidden row's text line holds no number but the identifying columns'.
      for (const line of ja["text/plain"]!.split("\n").filter((l) => l.includes("秘匿"))) expect(line).toMatch(/^C\d\d\s+\S+\s+秘匿\s+true$/);
    });

    it("shows the first rows of a table and counts the rest, with the privacy rule in words", async () => {
      const t = report.tables.all!;
      const bundle = await display(t, { lang: "en", rows: 3 });
      const lines = bundle["text/plain"]!.split("\n");
      expect(lines[0]).toMatch(/^company\s+generation\s+n\s+suppressed$/);
      expect(lines.slice(1, 4).map((l) => l.split(/\s+/).slice(0, 2))).toEqual(t.rows.slice(0, 3).map((r) => [r.company, r.generation]));
      expect(lines[4]).toBe(`… ${t.rows.length - 3} more rows`);
      expect(lines[5]).toMatch(/^Rows describing a group of fewer than 5/);
      expect(bundle["text/html"]!.match(/<tr>/g)).toHaveLength(4);
    });

    it("shows a report: provenance, findings and warnings in words, every table folded", async () => {
      const bundle = await display(report, { lang: "ja" });
      const plain = bundle["text/plain"]!;
      expect(plain.split("\n")[0]).toMatch(/^counts — .*koe \d+\.\d+\.\d+$/);
      expect(plain).toContain("注意:\n! 5人未満のグループと、そこから逆算できる数値は表示していません。");
      const names = Object.keys(report.tables);
      expect(bundle["text/html"]!.match(/<details><summary>[^<]+<\/summary>/g)!.map((s) => /<summary>(\S+)/.exec(s)![1])).toEqual(names);
    });
  });

  it("shows an arquero table aligned, wide characters counted twice", async () => {
    const bundle = await display(aq.table({ a: [1, 2.5], b: ["若手", "x"] }), { lang: "en" });
    expect(bundle["text/plain"]).toBe(["a    b", "  1  若手", "2.5  x"].join("\n"));
    expect(bundle["text/html"]).toContain('<tr><td style="text-align:right">1</td><td>若手</td></tr>');
  });

  it("shows a result as formatResult prints it, escaped in HTML", async () => {
    const result = welchTTest(big, y.map((b) => b - 30));
    const bundle = await display(result, { lang: "en" });
    expect(bundle["text/plain"]).toBe(formatResult(result, "en"));
    expect(bundle["text/plain"]).toContain("p-value < 2.2e-16");
    expect(bundle["text/html"]).toContain("p-value &#60; 2.2e-16");
  });

  it("shows itself as a cell's value in Deno's kernel (the Jupyter.display symbol)", async () => {
    const bundle = await display(aq.table({ a: [1] }));
    const shown = (bundle as unknown as Record<symbol, () => unknown>)[Symbol.for("Jupyter.display")]!();
    expect(shown).toEqual({ ...bundle });
    expect(Object.keys(bundle)).toEqual(["text/plain", "text/html"]);
  });

  it("refuses what it cannot show and unknown options, in both languages", async () => {
    await expect(display(3)).rejects.toThrow(/^display cannot show the number 3: it shows a study's report/);
    await expect(display([1, 2])).rejects.toThrow(/cannot show a list of 2 items/);
    await expect(display({ foo: 1 })).rejects.toThrow(/cannot show an object with fields foo/);
    await expect(display(aq.table({ a: [1] }), { row: 3 } as never)).rejects.toThrow(/unknown option "row"; did you mean "rows"\?/);
    await expect(display(aq.table({ a: [1] }), { rows: 0 })).rejects.toThrow(KoeArgumentError);
    const error = await display(3).catch((e: KoeArgumentError) => e);
    expect((error as KoeArgumentError).localized.ja).toMatch(/^display は数 3を表示できません/);
  });
});

describe("show", () => {
  const g = globalThis as { Deno?: unknown };
  afterEach(() => {
    delete g.Deno;
  });

  it("returns the bundle outside a notebook", async () => {
    const bundle = await show(aq.table({ a: [1] }));
    expect(bundle!["text/plain"]).toBe("a\n1");
  });

  it("returns the bundle under Deno outside its kernel (where reading Deno.jupyter throws)", async () => {
    g.Deno = Object.defineProperty({}, "jupyter", { get: () => { throw new Error("Deno.jupyter is only available in `deno jupyter` subcommand"); } });
    expect((await show(aq.table({ a: [1] })))!["text/plain"]).toBe("a\n1");
  });

  it("hands the bundle to Deno.jupyter.display in the kernel, raw, and returns nothing", async () => {
    const calls: unknown[][] = [];
    g.Deno = { jupyter: { display: async (...args: unknown[]) => void calls.push(args) } };
    expect(await show(aq.table({ a: [1] }), { lang: "ja" })).toBeUndefined();
    expect(calls).toEqual([[{ "text/plain": "a\n1", "text/html": expect.stringContaining("<table") }, { raw: true }]]);
  });

  it("checks its input before anything is shown", async () => {
    const calls: unknown[] = [];
    g.Deno = { jupyter: { display: (b: unknown) => void calls.push(b) } };
    await expect(show("x")).rejects.toThrow(/^show cannot show the text "x"/);
    expect(calls).toEqual([]);
  });
});
