import { ChartError, compileSpec, cooccurrenceChart, renderSvg } from "@koe/charts";
import { codeCooccurrence, KoeArgumentError, KoeError, type ReportTable } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledCoded, codebook, cooccurrence, jaccardOf, thrown } from "./code-fixtures.js";
import { svgText } from "./helpers.js";

type Cell = { row: string; column: string; diagonal: boolean; value: number | null; text: string; suppressed: boolean };
type Node = { id: string; code: string; x: number; y: number; texts: number | null; side: string };
type Edge = { a: string; b: string; x: number; y: number; x2: number; y2: number; value: number; jaccard: number; both: number };
type Layered = { title: { text: string; subtitle: string[] }; layer: { data: { values: unknown[] }; encoding?: Record<string, { field?: string }> }[] };
const cells = (spec: unknown) => (spec as { data: { values: Cell[] } }).data.values;
const edges = (spec: unknown) => (spec as Layered).layer[0]!.data.values as Edge[];
const nodes = (spec: unknown) => (spec as Layered).layer[1]!.data.values as Node[];
const ja = Object.fromEntries(codebook.map((c) => [c.code, c.code_ja]));

const matrix = cooccurrenceChart(cooccurrence);
const network = cooccurrenceChart(cooccurrence, { mode: "network" });

describe("cooccurrenceChart: the matrix", () => {
  it("compiles in both languages and measures, and is pure", () => {
    for (const s of [matrix, cooccurrenceChart(cooccurrence, { lang: "en", measure: "both" })]) expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    const copy = structuredClone(cooccurrence);
    expect(cooccurrenceChart(cooccurrence)).toEqual(matrix);
    expect(cooccurrence).toEqual(copy);
  });

  it("keeps the codebook's order on both axes, and prints the Jaccard coefficient off the diagonal and the count on it", () => {
    const sort = (matrix as unknown as { encoding: { x: { sort: string[] }; y: { sort: string[] } } }).encoding;
    expect(sort.x.sort).toEqual(codebook.map((c) => c.code_ja));
    expect(sort.y.sort).toEqual(codebook.map((c) => c.code_ja));
    const row = cells(matrix).filter((c) => c.row === "業務意欲").map((c) => c.text);
    // work_motivation with itself (22 texts), idea_use 8/(22+29−8), network 2/(22+27−2), manager_support 10/(22+40−10).
    expect(row).toEqual(["22", "0.19", "0.04", "0.19"]);
    expect(cells(matrix).filter((c) => !c.diagonal).map((c) => c.value)).toEqual(
      codebook.flatMap((a) => codebook.filter((b) => b.code !== a.code).map((b) => jaccardOf(a.code, b.code))),
    );
  });

  it("with measure \"both\": texts with both codes", () => {
    const both = cooccurrenceChart(cooccurrence, { measure: "both" });
    expect(cells(both).filter((c) => c.row === "上司の関与").map((c) => c.text)).toEqual(["10", "12", "5", "40"]);
    expect((both as unknown as Layered).title.text).toBe("コードの共起（両方が付いたテキスト数）");
  });

  it("leaves pairs under minJaccard blank", () => {
    const s = cooccurrenceChart(cooccurrence, { minJaccard: 0.1 });
    expect(cells(s).filter((c) => c.row === "業務意欲").map((c) => c.text)).toEqual(["22", "0.19", "", "0.19"]);
  });

  it("takes one triangle of pairs as well as both (a–b stands for b–a)", () => {
    const index = (code: string) => codebook.findIndex((c) => c.code === code);
    const half = { rows: cooccurrence.rows.filter((r) => index(r.code_a) <= index(r.code_b)) };
    expect(cells(cooccurrenceChart(half))).toEqual(cells(matrix));
  });

  it("renders Japanese and English text", async () => {
    const texts = svgText(await renderSvg(matrix));
    for (const t of ["コードの共起（Jaccard係数）", "対角線はそのコードが付いたテキスト数", "業務意欲", "上司の関与", "Jaccard係数", "0.21", "40"]) expect(texts).toContain(t);
    const svg = await renderSvg(cooccurrenceChart(cooccurrence, { lang: "en" }));
    for (const t of ["Codes together (Jaccard coefficient)", "Work motivation", "Manager involvement", "Diagonal: texts with the code"]) expect(svgText(svg)).toContain(t);
    expect(svg).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(matrix)).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1)).replace(/gradient_\d+/g, "gradient_N");
    await expect(rounded).toMatchFileSnapshot("__snapshots__/cooccurrence-matrix.svg");
  });
});

describe("cooccurrenceChart: the network", () => {
  it("compiles, and is deterministic", () => {
    expect(compileSpec(network).marks?.length).toBeGreaterThan(0);
    expect(cooccurrenceChart(cooccurrence, { mode: "network" })).toEqual(network);
  });

  it("puts the codes on a circle in the codebook's order, the first at the top, then clockwise", () => {
    const at = nodes(network).map((n) => [n.code, n.x, n.y, n.side]);
    expect(at).toEqual([["業務意欲", 0, 1, "top"], ["アイディア活用", 1, 0, "right"], ["人脈・つながり", 0, -1, "bottom"], ["上司の関与", -1, 0, "left"]]);
    // Every node on the unit circle, whatever the number of codes.
    const six = { rows: ["a", "b", "c", "d", "e", "f"].map((c) => ({ code_a: c, code_b: c, both: 10, jaccard: 1 })) };
    for (const n of nodes(cooccurrenceChart(six, { mode: "network" }))) expect(Math.hypot(n.x, n.y)).toBeCloseTo(1, 3);
  });

  it("sizes each node by the texts with its code (the diagonal)", () => {
    expect(nodes(network).map((n) => n.texts)).toEqual([22, 29, 27, 40]);
    expect((network as unknown as Layered).layer[1]!.encoding!.size!.field).toBe("texts");
  });

  it("draws a line for each pair at or above minJaccard (0.05 by default), weighed by the measure", () => {
    const pairs = (spec: unknown) => edges(spec).map((e) => `${e.a}–${e.b}`);
    const expected = (min: number) =>
      codebook.flatMap((a, i) => codebook.slice(i + 1).filter((b) => jaccardOf(a.code, b.code) >= min && jaccardOf(a.code, b.code) > 0).map((b) => `${ja[a.code]}–${ja[b.code]}`));
    expect(pairs(network)).toEqual(expected(0.05));
    expect(pairs(network)).toEqual(["業務意欲–アイディア活用", "業務意欲–上司の関与", "アイディア活用–上司の関与", "人脈・つながり–上司の関与"]);
    expect(pairs(cooccurrenceChart(cooccurrence, { mode: "network", minJaccard: 0 }))).toEqual(expected(0)); // never a pair no text shares
    expect(pairs(cooccurrenceChart(cooccurrence, { mode: "network", minJaccard: 0.2 }))).toEqual(["アイディア活用–上司の関与"]);
    expect(edges(network).map((e) => e.value)).toEqual(edges(network).map((e) => e.jaccard));
    expect(edges(cooccurrenceChart(cooccurrence, { mode: "network", measure: "both" })).map((e) => e.value)).toEqual([8, 10, 12, 5]);
    // A line runs from one node to the other.
    const first = edges(network)[0]!;
    expect([first.x, first.y, first.x2, first.y2]).toEqual([0, 1, 1, 0]);
  });

  it("renders the labels beside their nodes, in Japanese and English", async () => {
    const texts = svgText(await renderSvg(network));
    for (const t of ["コードの共起ネットワーク", "業務意欲", "アイディア活用", "人脈・つながり", "上司の関与", "コードが付いたテキスト数"]) expect(texts).toContain(t);
    const svg = await renderSvg(cooccurrenceChart(cooccurrence, { mode: "network", lang: "en" }));
    for (const t of ["Network of codes used together", "Idea utilisation", "Network"]) expect(svgText(svg)).toContain(t);
    expect(svg).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("draws a node whose count is hidden grey and sizeless, and says why", () => {
    const rows = cooccurrence.rows.map((r) => (r.code_a === "network" && r.code_b === "network" ? { ...r, both: null, either: null, jaccard: null, suppressed: true } : { ...r, suppressed: false }));
    const s = cooccurrenceChart({ rows }, { mode: "network" });
    expect(nodes(s).find((n) => n.id === "network")!.texts).toBeNull();
    expect((s as unknown as Layered).title.subtitle).toContain("秘匿: 10人未満のグループと、差し引きで分かるグループ");
    expect(cells(cooccurrenceChart({ rows })).find((c) => c.row === "人脈・つながり" && c.column === "人脈・つながり")).toMatchObject({ text: "秘匿", value: null, suppressed: true });
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(network)).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/cooccurrence-network.svg");
  });
});

describe("cooccurrenceChart: nothing to show, and what it refuses", () => {
  it("draws a note for no rows or all hidden, in both languages", async () => {
    const hidden = { rows: cooccurrence.rows.map((r) => ({ ...r, both: null, either: null, jaccard: null, suppressed: true })) };
    for (const mode of ["matrix", "network"] as const) {
      expect(svgText(await renderSvg(cooccurrenceChart({ rows: [] }, { mode })))).toContain("データがありません");
      expect(svgText(await renderSvg(cooccurrenceChart(hidden, { mode, lang: "en" })))).toContain("Every group is under 10 (or would be revealed by subtraction): nothing can be shown");
    }
  });

  it("a pair twice, a–b unlike b–a, a coefficient outside 0–1", () => {
    const [first] = cooccurrence.rows;
    expect(thrown(() => cooccurrenceChart({ rows: [first!, first!] })).message).toBe('cooccurrenceChart: the cell for row "work_motivation", column "work_motivation" appears more than once');
    const rows = cooccurrence.rows.map((r) => (r.code_a === "network" && r.code_b === "idea_use" ? { ...r, both: 3 } : r));
    const e = thrown(() => cooccurrenceChart({ rows }));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toBe('cooccurrenceChart: the pair "idea_use"–"network" has both 0, but the pair "network"–"idea_use" has 3 (co-occurrence is symmetric)');
    expect(e.localized.ja).toBe("cooccurrenceChart: コード「idea_use」と「network」の組の both が 0 ですが、「network」と「idea_use」の組では 3 です（共起は対称のはずです）");
    expect(thrown(() => cooccurrenceChart({ rows: [{ ...first!, jaccard: 1.5 }] })).message).toBe('cooccurrenceChart: row 1 (codes "work_motivation" and "work_motivation") has jaccard 1.5 (expected a number from 0 to 1)');
  });

  it("a table over fewer texts than the free-text minimum that is not marked suppressed", () => {
    const rows = cooccurrence.rows.map((r) => ({ ...r, texts: 9 }));
    const e = thrown(() => cooccurrenceChart({ rows }));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toContain('cooccurrenceChart: row 1 (codes "work_motivation" and "work_motivation") shows texts = 9, under the minimum of 10 for free texts');
  });

  it("a missing column, options it does not know or of the wrong kind", () => {
    const rows = cooccurrence.rows.map(({ jaccard, ...r }) => ({ ...r, jacard: jaccard }));
    const e = thrown(() => cooccurrenceChart({ rows }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(/^cooccurrenceChart: the table has no column "jaccard"; did you mean "jacard"\?/);
    expect(thrown(() => cooccurrenceChart(cooccurrence, { mode: "graph" } as never)).message).toBe('cooccurrenceChart: option "mode" must be one of "matrix", "network" (got "graph")');
    expect(thrown(() => cooccurrenceChart(cooccurrence, { minJacard: 0.1 } as never)).message).toContain('unknown option "minJacard"; did you mean "minJaccard"?');
    expect(thrown(() => cooccurrenceChart(cooccurrence, { minJaccard: 2 }))).toBeInstanceOf(KoeArgumentError);
    for (const garbage of [undefined, null, 42, "x", [], {}, { rows: null }, { rows: [null] }, { rows: [{}] }]) expect(thrown(() => cooccurrenceChart(garbage as never))).toBeInstanceOf(KoeError);
  });
});

describe("cooccurrenceChart takes codeCooccurrence's table as it is (the bundled comments)", () => {
  let table: ReportTable;
  let codeLabels: string[];
  beforeAll(async () => {
    const { coded, codebook: book } = await bundledCoded();
    table = codeCooccurrence(coded).tables.cooccurrence!;
    codeLabels = book.codes.map((c) => c.ja);
  });

  it("matrix: every code of the codebook on both axes in its order, the table's coefficients and counts printed", () => {
    const s = cooccurrenceChart(table);
    expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    const encoding = (s as unknown as { encoding: { x: { sort: string[] }; y: { sort: string[] } } }).encoding;
    expect([encoding.x.sort, encoding.y.sort]).toEqual([codeLabels, codeLabels]);
    expect(cells(s).length).toBe(codeLabels.length ** 2);
    const text = new Map(cells(s).map((c) => [`${c.row}|${c.column}`, c.text]));
    for (const r of table.rows) {
      const shown = r.code_a === r.code_b ? String(r.both) : (r.jaccard as number).toFixed(2);
      expect(text.get(`${r.code_a_ja}|${r.code_b_ja}`)).toBe(shown);
    }
  });

  it("network: one node per code sized by its texts, a line for each pair at or above 0.05", () => {
    const s = cooccurrenceChart(table, { mode: "network", lang: "en" });
    expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    const diagonal = table.rows.filter((r) => r.code_a === r.code_b);
    expect(nodes(s).map((n) => [n.code, n.texts])).toEqual(diagonal.map((r) => [r.code_a_en, r.both]));
    const order = diagonal.map((r) => r.code_a as string);
    const kept = table.rows.filter((r) => order.indexOf(r.code_a as string) < order.indexOf(r.code_b as string) && (r.jaccard as number) >= 0.05 && (r.both as number) > 0);
    expect(edges(s).map((e) => `${e.a}–${e.b} ${e.jaccard}`)).toEqual(kept.map((r) => `${r.code_a_en}–${r.code_b_en} ${r.jaccard}`));
  });
});
