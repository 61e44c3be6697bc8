// Charts refuse what they cannot draw out loud: options are parsed strictly (unknown keys with the
// closest valid one, enums exact), inputs of the wrong shape are KoeArgumentErrors naming what was
// expected, everything else a ChartError (a KoeError), and every message exists in both languages.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  balanceChart, ChartError, chartMessages, compileSpec, effectForestChart, estimateTextWidth, initiativeMatrixChart, measureTextWidth, outcomeFunnelChart,
  prePostChart, renderHtml, renderPng, renderSvg, segmentHeatmapChart, writeChart, type InitiativeMatrixTable,
} from "@koe/charts";
import { KoeArgumentError, KoeError, localize, setLanguage } from "@koe/core";
import * as aq from "arquero";
import type { TopLevelSpec } from "vega-lite";
import { afterEach, describe, expect, it } from "vitest";
import { cells } from "./fixtures.js";

const matrix: InitiativeMatrixTable = {
  rows: [{ row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: 24, share: 20 / 24, tied: false, stability: null, suppressed: false }],
};
const funnel = { rows: [{ initiative: "one_on_one", n: 20, notPractised: 2, practisedNoEffect: 6, practisedEffective: 12, effectRate: 0.6, suppressed: false }] };
const prePost = { rows: [{ scale: "engagement", group: "participants" as const, wave: "pre" as const, mean: 3.4, ciLow: 3.3, ciHigh: 3.5, n: 250, suppressed: false }] };
const balance = { rows: [{ covariate: "age", level: null, smd: 0.3, smdAdjusted: 0.01 }] };
const forest = { rows: [{ kind: "all", method: "did", estimate: 0.24, ciLow: 0.2, ciHigh: 0.28, suppressed: false }] };
const spec = segmentHeatmapChart(cells);

/** Every builder, called with its valid input and the given options. */
const builders: Record<string, (options: never) => unknown> = {
  segmentHeatmapChart: (o) => segmentHeatmapChart(cells, o),
  initiativeMatrixChart: (o) => initiativeMatrixChart(matrix, o),
  outcomeFunnelChart: (o) => outcomeFunnelChart(funnel, o),
  prePostChart: (o) => prePostChart(prePost, o),
  balanceChart: (o) => balanceChart(balance, o),
  effectForestChart: (o) => effectForestChart(forest, o),
};

/** The error a call throws (sync or async), or a failure if it throws none. */
async function thrown(call: () => unknown): Promise<Error> {
  try {
    await call();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, got none");
}

afterEach(() => setLanguage("en"));

describe("chart options are parsed strictly", () => {
  it.each(Object.keys(builders))('%s: lang "jp" is a KoeArgumentError suggesting "ja", in both languages', async (name) => {
    const e = await thrown(() => builders[name]!({ lang: "jp" } as never));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toBe(`${name}: option "lang" must be one of "ja", "en" (got "jp"); did you mean "ja"?`);
    const { localized } = e as KoeArgumentError;
    expect(localized.ja).toContain(`${name}: オプション「lang」`);
    expect(localized.ja).toContain("「ja」の誤りではありませんか？");
  });

  it.each(Object.keys(builders))("%s: an unknown option is an error naming the closest valid one", async (name) => {
    const e = await thrown(() => builders[name]!({ titel: "x" } as never));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(new RegExp(`^${name}: unknown option "titel"; did you mean "title"\\? \\(options: .*"lang"`));
  });

  it("each builder's own options: misspelt keys, lists where lists are meant, labels as text", async () => {
    expect((await thrown(() => initiativeMatrixChart(matrix, { showStabilty: true } as never))).message).toContain('unknown option "showStabilty"; did you mean "showStability"?');
    expect((await thrown(() => segmentHeatmapChart(cells, { roworder: ["young"] } as never))).message).toContain('did you mean "rowOrder"?');
    expect((await thrown(() => segmentHeatmapChart(cells, { rowOrder: "young" } as never))).message).toBe('segmentHeatmapChart: option "rowOrder" takes a list, e.g. ["young"] (got "young")');
    expect(await thrown(() => outcomeFunnelChart(funnel, { labels: { one_on_one: 1 } } as never))).toBeInstanceOf(KoeArgumentError);
    expect(await thrown(() => initiativeMatrixChart(matrix, { showStability: "yes" } as never))).toBeInstanceOf(KoeArgumentError);
    expect(await thrown(() => segmentHeatmapChart(cells, "en" as never))).toBeInstanceOf(KoeArgumentError);
    // minGroupSize: the boundary's check, with the chart's own words.
    const small = await thrown(() => segmentHeatmapChart(cells, { minGroupSize: 2.5 }));
    expect(small).toBeInstanceOf(KoeArgumentError);
    expect(small.message).toBe("segmentHeatmapChart: minGroupSize must be a positive integer (got 2.5)");
  });

  it("render and write functions take only their own options", async () => {
    expect((await thrown(() => renderPng(spec, { scal: 1 } as never))).message).toContain('renderPng: unknown option "scal"; did you mean "scale"?');
    expect((await thrown(() => writeChart(spec, join(tmpdir(), "never"), { sacle: 1 } as never))).message).toContain('writeChart: unknown option "sacle"; did you mean "scale"?');
    expect((await thrown(() => renderHtml([{ title: "t", spec }], { lnag: "en" } as never))).message).toContain('renderHtml: unknown option "lnag"; did you mean "lang"?');
    expect((await thrown(() => renderHtml([{ title: "t", spec }], { lang: "jp" } as never))).message).toContain('option "lang" must be one of "ja", "en" (got "jp")');
    const scale = await thrown(() => writeChart(spec, join(tmpdir(), "never"), { scale: -1 }));
    expect(scale).toBeInstanceOf(KoeArgumentError);
    expect(scale.message).toBe("writeChart needs a positive, finite scale (got -1)");
  });
});

describe("chart inputs of the wrong shape are KoeArgumentErrors naming what was expected", () => {
  it("a table where a list of cells is meant", async () => {
    const e = await thrown(() => segmentHeatmapChart(aq.table({ row: ["young"], column: ["C01"], n: [3], suppressed: [false] }) as never));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toBe("segmentHeatmapChart: cells must be a list of { row, column, n, suppressed } (got an arquero table (pass its rows: table.objects()))");
  });

  it("a field missing (with the closest one the item has) or of the wrong kind", async () => {
    const missing = await thrown(() => segmentHeatmapChart([{ Row: "young", column: "C01", n: 3, suppressed: false }] as never));
    expect(missing.message).toBe('segmentHeatmapChart: cells[0] has no field "row" (expected text); did you mean "Row"? (its fields: "Row", "column", "n", "suppressed")');
    expect((missing as KoeArgumentError).localized.ja).toBe("segmentHeatmapChart: cells[0]（1番目）に「row」（文字列）がありません。「Row」の誤りではありませんか？（あるフィールド: 「Row」、「column」、「n」、「suppressed」）");
    const wrong = await thrown(() => segmentHeatmapChart([cells[0]!, { ...cells[1]!, suppressed: "no" }] as never));
    expect(wrong.message).toBe('segmentHeatmapChart: cells[1]: suppressed must be true or false (got "no")');
    const rank = await thrown(() => initiativeMatrixChart({ rows: [{ ...matrix.rows[0]!, rank: "1" }] } as never));
    expect(rank.message).toBe('initiativeMatrixChart: table.rows[0]: rank must be a finite number or null (got "1")');
  });

  it("a list where an object { rows } is meant, or nothing at all", async () => {
    const e = await thrown(() => outcomeFunnelChart(funnel.rows as never));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toBe("outcomeFunnelChart: result must be an object { rows, privacy? } (got a list of 1 item)");
    expect((await thrown(() => initiativeMatrixChart(undefined as never))).message).toBe(
      "initiativeMatrixChart: table must be an object { rows, privacy? } (got nothing (undefined))",
    );
    expect((await thrown(() => balanceChart(balance, { threshold: "0.1" } as never))).message).toMatch(/^balanceChart: option "threshold": .*\(got "0\.1"\)$/);
    expect((await thrown(() => effectForestChart({ rows: [{ ...forest.rows[0]!, status: 1 }] } as never))).message).toBe("effectForestChart: input.rows[0]: status must be text or null (got 1)");
  });

  it("values outside a closed list (a wave that is not pre or post)", async () => {
    const e = await thrown(() => prePostChart({ rows: [{ ...prePost.rows[0]!, wave: "before" }] } as never));
    expect(e.message).toBe('prePostChart: input.rows[0]: wave must be one of "pre", "post" (got "before")');
    expect((e as KoeArgumentError).localized.ja).toBe("prePostChart: input.rows[0]（1番目）の wave は「pre」、「post」のいずれかで指定してください（渡された値: \"before\"）");
  });

  it("specs, paths and chart lists for the renderers", async () => {
    for (const call of [() => compileSpec(null as never), () => renderSvg("chart" as never), () => renderPng([] as never)]) {
      const e = await thrown(call);
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.message).toMatch(/^(compileSpec|renderSvg|renderPng): spec must be an object \(a vega-lite spec/);
    }
    expect((await thrown(() => writeChart(spec, 42 as never))).message).toBe('writeChart: the second argument is the path to write to, without extension, e.g. "out/heatmap" (got the number 42)');
    expect((await thrown(() => renderHtml(spec as never))).message).toMatch(/^renderHtml: charts must be a list of \{ title, spec \}/);
    expect((await thrown(() => renderHtml([{ title: "t" }] as never))).message).toBe('renderHtml: charts[0] has no field "spec" (expected an object { … }) (its fields: "title")');
  });

  it("text measuring checks its arguments (vega's own hook takes the fast path)", async () => {
    expect((await thrown(() => measureTextWidth("人数", { fontsize: 12 } as never))).message).toBe('measureTextWidth: unknown option "fontsize"; did you mean "fontSize"? (options: "fontSize", "fontWeight")');
    expect((await thrown(() => measureTextWidth(42 as never))).message).toBe("measureTextWidth: argument: text must be text (got 42)");
    expect((await thrown(() => estimateTextWidth("人数", Number.NaN))).message).toBe("estimateTextWidth: argument: fontSize must be a finite number ≥ 0 (got NaN)");
    expect(measureTextWidth("人数", { fontSize: 12 })).toBe(24);
  });

  it("garbage in any builder is a KoeError, never a raw TypeError", async () => {
    const garbage: unknown[] = [undefined, null, 42, "x", {}, [null], [{}], [42], aq.table({ a: [1] }), { rows: null }, { rows: [null] }, { rows: [{}] }];
    const calls: ((x: unknown) => unknown)[] = [
      (x) => segmentHeatmapChart(x as never), (x) => initiativeMatrixChart(x as never), (x) => outcomeFunnelChart(x as never),
      (x) => prePostChart(x as never), (x) => balanceChart(x as never), (x) => effectForestChart(x as never),
      (x) => segmentHeatmapChart(cells, x as never), (x) => renderSvg(x as never), (x) => renderHtml(x as never), (x) => renderHtml([], x as never),
    ];
    let errors = 0;
    for (const call of calls) {
      for (const x of garbage) {
        try {
          await call(x);
        } catch (e) {
          errors++;
          expect(e, `${String(call)} on ${JSON.stringify(x)}`).toBeInstanceOf(KoeError);
        }
      }
    }
    expect(errors).toBeGreaterThan(100);
  });
});

describe("ChartError", () => {
  it("is a KoeError with a chart.* code, params as data and both languages", async () => {
    const e = await thrown(() => segmentHeatmapChart([cells[0]!, cells[0]!]));
    expect(e).toBeInstanceOf(ChartError);
    expect(e).toBeInstanceOf(KoeError);
    expect(e.name).toBe("ChartError");
    const c = e as ChartError;
    expect(c.code).toBe("chart.duplicateCell");
    expect(c.params).toEqual({ fn: "segmentHeatmapChart", row: "senior", column: "C01" });
    expect(c.localized.en).toBe('segmentHeatmapChart: the cell for row "senior", column "C01" appears more than once');
    expect(c.localized.ja).toBe("segmentHeatmapChart: 行「senior」・列「C01」のセルが2回以上あります");
  });

  it("keeps vega-lite's error as its cause, and speaks Japanese after setLanguage", async () => {
    const broken = { title: "壊れた図", data: { values: [] } } as unknown as TopLevelSpec;
    const e = (await thrown(() => compileSpec(broken))) as ChartError;
    expect(e.code).toBe("chart.doesNotCompile");
    expect(e.cause).toBeInstanceOf(Error);
    setLanguage("ja");
    const ja = (await thrown(() => compileSpec(broken))) as ChartError;
    expect(ja.message).toMatch(/^図「壊れた図」を vega-lite で組み立てられません: Invalid specification/);
  });

  it("names the file it cannot write (a folder where a file is)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "koe-charts-"));
    writeFileSync(join(dir, "file"), "x");
    const e = await thrown(() => writeChart(spec, join(dir, "file", "chart")));
    expect(e).toBeInstanceOf(ChartError);
    expect((e as ChartError).code).toBe("chart.cannotWrite");
    expect(e.message).toContain(`writeChart: cannot write "${join(dir, "file")}"`);
  });

  it("every catalogue message is written in both languages, and they differ", () => {
    const where = { en: "the result", ja: "結果" };
    const sample = {
      fn: "segmentHeatmapChart", title: "図", reason: "bad", path: "/x", pkg: "vega", from: "/y", file: "vega.min.js", dir: "/z", row: "young", column: "C01",
      n: null, axis: "row", a: "young", b: "mid", label: "若手", id: "old", where, initiative: "one_on_one", field: "rank", value: 0,
      expected: { en: "a positive integer", ja: "正の整数" }, sum: 3, scale: 0, got: { en: "null", ja: "null" }, what: where, shape: "{ rows }",
      suggestion: "row", fields: ["Row"], key: "row", name: "gen", columns: ["generation", "n"],
    };
    const entries = Object.values(chartMessages);
    expect(entries.length).toBeGreaterThan(20);
    for (const entry of entries) {
      const text = localize(entry as never, sample as never) as { ja: string; en: string };
      expect(text.en.length, entry.code).toBeGreaterThan(10);
      expect(text.ja.length, entry.code).toBeGreaterThan(10);
      expect(text.ja, entry.code).not.toBe(text.en);
      expect(text.ja, entry.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese text, not English copied
      expect(entry.code).toMatch(/^chart\./);
    }
  });
});

describe("effectForestChart", () => {
  it("shows a failed estimate as not estimated, never as suppressed", () => {
    const rows = [...forest.rows, { kind: "all", method: "matching", estimate: null, ciLow: null, ciHigh: null, suppressed: false }, { kind: "all", method: "weighting", estimate: null, ciLow: null, ciHigh: null, suppressed: true }];
    const texts = (lang: "ja" | "en") => (effectForestChart({ rows }, { lang }) as { data: { values: { method: string; text: string }[] } }).data.values.map((v) => v.text);
    expect(texts("ja")).toEqual(["", "推定できず", "秘匿"]);
    expect(texts("en")).toEqual(["", "not estimated", "suppressed"]);
  });
});
