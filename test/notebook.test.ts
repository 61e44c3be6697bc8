// examples/notebook.ipynb executed headlessly, as a reader's Jupyter would run it: Debian's
// `jupyter nbconvert --execute` drives Deno's Jupyter kernel (the `deno` binary from npm), with the
// kernel registered in a folder of the test's own (JUPYTER_PATH), never in the user's. Its outputs are
// read back: every cell ran without an error, the reports show their findings in words, the charts
// come as vega-lite v5 (that compiles) with an SVG fallback, tables as HTML with hidden figures as 秘匿,
// and the one test as R prints it, with a statistic computed here by hand from the CSV.
// Without jupyter or deno the test fails under CI (never a silent skip) and is skipped with a
// message locally.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRespondents } from "@koe/core";
import { compileSpec } from "@koe/charts";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const NOTEBOOK = join(root, "examples", "notebook.ipynb");
const DENO = process.env.KOE_DENO ?? join(root, "node_modules", ".bin", "deno");
const VEGALITE = "application/vnd.vegalite.v5+json";

function jupyterMissing(): string | null {
  try {
    execFileSync("jupyter", ["nbconvert", "--version"], { stdio: "pipe" });
    return null;
  } catch {
    return "jupyter nbconvert not found: install Debian's packages (apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient)";
  }
}
const missing = [existsSync(DENO) ? null : `deno not found at ${DENO}: pnpm install brings it (root devDependency "deno"), or set KOE_DENO`, jupyterMissing()].filter((m) => m !== null);
if (missing.length > 0 && !process.env.CI) console.warn(`SKIPPED test/notebook.test.ts: ${missing.join("; ")}`);

if (missing.length > 0 && process.env.CI) {
  describe("examples/notebook.ipynb", () => {
    it("has jupyter and deno to run it with (CI never skips this test)", () => {
      throw new Error(missing.join("; "));
    });
  });
}

type Output =
  | { output_type: "stream"; name: string; text: string | string[] }
  | { output_type: "display_data" | "execute_result"; data: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string };
interface Cell {
  cell_type: "code" | "markdown";
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}
const text = (v: unknown) => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** Runs the notebook in a fresh folder and returns its executed cells. */
function execute(): Cell[] {
  const dir = mkdtempSync(join(tmpdir(), "koe-notebook-"));
  // The kernel as `deno jupyter --install` would register it, but in the test's folder.
  const deno = execFileSync(DENO, ["eval", "console.log(Deno.execPath())"], { encoding: "utf8" }).trim();
  mkdirSync(join(dir, "jupyter", "kernels", "deno"), { recursive: true });
  writeFileSync(join(dir, "jupyter", "kernels", "deno", "kernel.json"), JSON.stringify({ argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"], display_name: "Deno", language: "typescript" }));
  const env = { ...process.env, JUPYTER_PATH: join(dir, "jupyter"), JUPYTER_RUNTIME_DIR: join(dir, "runtime"), JUPYTER_DATA_DIR: join(dir, "data"), NO_COLOR: "1" };
  execFileSync("jupyter", ["nbconvert", "--to", "notebook", "--execute", NOTEBOOK, "--output-dir", dir, "--output", "executed.ipynb", "--ExecutePreprocessor.timeout=300", "--ExecutePreprocessor.kernel_name=deno"], { cwd: root, env, stdio: "pipe" });
  return (JSON.parse(readFileSync(join(dir, "executed.ipynb"), "utf8")) as { cells: Cell[] }).cells;
}

describe.skipIf(missing.length > 0)("examples/notebook.ipynb in Deno's Jupyter kernel", () => {
  let cells: Cell[] = [];
  /** The outputs of the code cell whose source contains `marker` (exactly one cell must). */
  const outputsOf = (marker: string) => {
    const found = cells.filter((c) => c.cell_type === "code" && text(c.source).includes(marker));
    expect(found, `one code cell contains ${marker}`).toHaveLength(1);
    return found[0]!.outputs ?? [];
  };
  /** The mime bundles a cell displayed (display_data and its value). */
  const bundlesOf = (marker: string) => outputsOf(marker).flatMap((o) => (o.output_type === "display_data" || o.output_type === "execute_result" ? [o.data] : []));

  beforeAll(() => {
    cells = execute();
  }, 300_000);

  it("runs every code cell, in order, without an error", () => {
    const code = cells.filter((c) => c.cell_type === "code");
    expect(code.length).toBeGreaterThanOrEqual(6);
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
    for (const c of code) expect((c.outputs ?? []).filter((o) => o.output_type === "error"), text(c.source)).toEqual([]);
    expect(cells.filter((c) => c.cell_type === "markdown").length).toBeGreaterThanOrEqual(4);
  });

  it("shows the initiative report with its findings in Japanese and its tables, hidden figures as 秘匿", () => {
    const [bundle, ...rest] = bundlesOf("initiativeReport(");
    expect(rest).toEqual([]);
    const plain = text(bundle!["text/plain"]);
    // The generator plants career 1on1 as effective everywhere (data/truth.json): it tops all 12 cells.
    expect(plain).toContain("「キャリア1on1」は12セル中12セルで上位に入りました");
    expect(plain).toContain("第1回調査");
    const html = text(bundle!["text/html"]);
    for (const table of ["matrix", "outcomes", "broad", "gaps", "waveChanges"]) expect(html).toContain(`<summary>${table} (`);
    expect(html).toContain("秘匿");
  });

  it("draws the initiative matrix as vega-lite v5 that compiles, with an SVG fallback in Japanese", () => {
    const [bundle, ...rest] = bundlesOf("initiativeMatrixChart(");
    expect(rest).toEqual([]);
    expect(Object.keys(bundle!).sort()).toEqual([VEGALITE, "image/svg+xml", "text/plain"].sort());
    const spec = bundle![VEGALITE] as Parameters<typeof compileSpec>[0];
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(compileSpec(spec).$schema).toMatch(/vega\/v\d+\.json$/);
    const svg = text(bundle!["image/svg+xml"]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("実践を支援する");
    // Drawn from the whole report, the chart names the wave in its title.
    expect(svg).toContain("第1回調査");
  });

  it("shows the cross-boundary report's findings and draws the forest chart", () => {
    const [report] = bundlesOf("crossBoundaryReport(");
    expect(text(report!["text/plain"])).toMatch(/エンゲージメント: 越境経験者は事前に\d\.\d\d点（\d\.\d\d SD）高かった/);
    const [forest, ...rest] = bundlesOf("effectForestChart(");
    expect(rest).toEqual([]);
    const spec = forest![VEGALITE] as Parameters<typeof compileSpec>[0];
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(compileSpec(spec).$schema).toMatch(/vega\/v\d+\.json$/);
    // The SVG is the same chart: its title is drawn in it.
    const title = spec.title as { text: string | string[] } | string;
    const first = typeof title === "string" ? title : Array.isArray(title.text) ? title.text[0]! : title.text;
    expect(text(forest!["image/svg+xml"])).toContain(first);
  });

  it("shows one table in English, the first rows as an HTML table and the rest counted", () => {
    const [bundle] = bundlesOf("tables.balance");
    const plain = text(bundle!["text/plain"]).split("\n");
    expect(plain[0]).toMatch(/^scale\s+covariate\s+level\s+meanTreated/);
    expect(plain.filter((l) => l.startsWith("engagement ")).length).toBe(8);
    expect(plain.some((l) => /^… \d+ more rows$/.test(l))).toBe(true);
    expect(text(bundle!["text/html"])).toMatch(/^<table class="koe-table">/);
  });

  it("prints the Welch test as R prints it, with the statistic a hand computation gives", async () => {
    const [bundle, ...rest] = bundlesOf("welchTest(");
    expect(rest).toEqual([]);
    const plain = text(bundle!["text/plain"]);
    expect(plain.split("\n")[0]).toBe("Welch Two Sample t-test");
    // Welch's t from the CSV by hand: participants' item eng_01_post against non-participants'.
    const { table } = await readRespondents(join(root, "data", "respondents.csv"));
    const rows = table.objects() as { cross_boundary: unknown; eng_01_post: unknown }[];
    const side = (yes: boolean) => rows.filter((r) => r.cross_boundary === yes && typeof r.eng_01_post === "number" && Number.isFinite(r.eng_01_post)).map((r) => r.eng_01_post as number);
    const [a, b] = [side(true), side(false)];
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const variance = (x: number[]) => x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1);
    const t = (mean(a) - mean(b)) / Math.sqrt(variance(a) / a.length + variance(b) / b.length);
    const shown = /^t = (-?[\d.]+), df = [\d.]+, p-value/m.exec(plain);
    expect(shown, plain).not.toBeNull();
    expect(Number(shown![1])).toBeCloseTo(t, 3);
    expect(plain).toContain(`n = ${a.length + b.length} (true ${a.length}, false ${b.length})`);
  });
});
