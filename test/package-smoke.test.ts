// The packages as someone outside the workspace gets them. `pnpm -r pack` builds each package
// (its prepack script: dist/ emptied, tsc) and packs it; a plain Node project in a temporary folder
// outside the workspace then `npm install`s the tarballs, their dependencies coming from the
// registry like anyone's, and imports them: a small computation with @koe/core (a Welch test, the
// Japanese dictionary, the suppression solver's WebAssembly), @koe/core/stats, a chart rendered to
// SVG and PNG with @koe/charts, the `koe` command if the workspace has @koe/cli; a TypeScript file
// typechecks against the shipped declarations; the installed browser entry bundles for the browser;
// and the same script runs under Deno when a deno binary is at hand. Values are compared with R's
// or with the same calls on the workspace's sources. Takes about a minute (npm's cache helps).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as core from "@koe/core";
import * as charts from "@koe/charts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const PNPM = ["--yes", "pnpm@10.34.9"];
const packageDirs = readdirSync(join(root, "packages")).filter((d) => existsSync(join(root, "packages", d, "package.json")));
const names = packageDirs.map((d) => (JSON.parse(readFileSync(join(root, "packages", d, "package.json"), "utf8")) as { name: string }).name);
const hasCli = names.includes("@koe/cli");
/** A TypeScript consumer brings its own Node types: the workspace's version. */
const TYPES_NODE = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies["@types/node"];

/** A deno binary: $KOE_DENO, the workspace's `deno` npm package, or one on PATH. */
function findDeno(): string | null {
  const candidates = [process.env.KOE_DENO, join(root, "node_modules", ".bin", "deno")].filter((c): c is string => !!c && existsSync(c));
  if (candidates[0]) return candidates[0];
  const onPath = spawnSync("deno", ["--version"], { encoding: "utf8" });
  return onPath.status === 0 ? "deno" : null;
}
const deno = findDeno();
if (!deno) console.warn("SKIPPED the Deno part of test/package-smoke.test.ts: no deno binary (set KOE_DENO, or add the `deno` npm package to the workspace)");

// The values the smoke script computes, as JSON. The same script runs under Node and Deno.
const x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
const counts = [{ g: "young", n: 12 }, { g: "mid", n: 3 }, { g: "senior", n: 20 }, { g: "veteran", n: 9 }];
const cells = [{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }];
const chartOptions = { labels: { young: "若手", mid: "中堅" }, title: "会社×世代の回答者数" };
const SMOKE = `
import * as core from "@koe/core";
import * as stats from "@koe/core/stats";
import * as charts from "@koe/charts";
const x = ${JSON.stringify(x)}, y = ${JSON.stringify(y)};
const spec = charts.segmentHeatmapChart(${JSON.stringify(cells)}, ${JSON.stringify(chartOptions)});
const png = await charts.renderPng(spec, { scale: 1 });
console.log(JSON.stringify({
  resolved: import.meta.resolve("@koe/core"),
  welch: core.welchTTest(x, y).pValue,
  sameClasses: stats.KoeError === core.KoeError && stats.welchTTest === core.welchTTest,
  tokens: core.japaneseTokens("キャリアを持ちたい").map((t) => t.surface + "/" + t.base),
  suppressed: core.suppressSmallGroups(${JSON.stringify(counts)}, { row: "g" }).rows,
  svg: await charts.renderSvg(spec),
  metrics: charts.textMetricsSource(),
  png: [...png.subarray(0, 4)],
  pngBytes: png.length,
}));
`;
// A TypeScript consumer: the declarations resolve, and they are real types (a wrong option fails).
const CONSUMER_TS = `
import { welchTTest, KoeArgumentError, type Lang } from "@koe/core";
import { adjustPValues } from "@koe/core/stats";
import { segmentHeatmapChart, renderSvg } from "@koe/charts";
const p: number = welchTTest([1, 2, 3], [2, 3, 5]).pValue ?? Number.NaN;
const adjusted: (number | null)[] = adjustPValues([p, 0.2], "BH");
const lang: Lang = "ja";
const svg: Promise<string> = renderSvg(segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }], { lang }));
// @ts-expect-error: not a method of adjustPValues
adjustPValues([0.1], "tukey");
export { adjusted, svg, KoeArgumentError };
`;

interface Smoke {
  resolved: string;
  welch: number;
  sameClasses: boolean;
  tokens: string[];
  suppressed: unknown[];
  svg: string;
  metrics: string;
  png: number[];
  pngBytes: number;
}

let work = "";
let project = "";
const tarballs: Record<string, string> = {};
const timings: Record<string, number> = {};
let smoke: Smoke;

function timed<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    timings[label] = Math.round(performance.now() - t0);
  }
}
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
/** The strings at the leaves of an `exports` map (its targets). */
const leaves = (v: unknown): string[] => (typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(leaves) : []);
const tarList = (file: string) => run("tar", ["tzf", file], work).split("\n").filter(Boolean);
const tarRead = (file: string, member: string) => run("tar", ["xzf", file, "-O", member], work);

describe("the packed tarballs, installed into a plain project outside the workspace", () => {
  beforeAll(() => {
    work = realpathSync(mkdtempSync(join(tmpdir(), "koe-package-smoke-")));
    const out = join(work, "tarballs");
    timed("pnpm -r pack (build + pack)", () => run("npx", [...PNPM, "-r", "--filter", "./packages/*", "pack", "--pack-destination", out], root));
    for (const file of readdirSync(out)) tarballs[JSON.parse(tarRead(join(out, file), "package/package.json")).name as string] = join(out, file);
    project = join(work, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "koe-smoke", private: true, type: "module" }, null, 2));
    timed("npm install (tarballs + registry)", () => run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...Object.values(tarballs), `@types/node@${TYPES_NODE}`], project));
    writeFileSync(join(project, "smoke.mjs"), SMOKE);
    smoke = JSON.parse(timed("node smoke.mjs", () => run("node", ["smoke.mjs"], project))) as Smoke;
  }, 360_000);

  afterAll(() => {
    if (Object.keys(tarballs).length > 0) {
      const sizes = Object.entries(tarballs).map(([name, file]) => `${name} ${(statSync(file).size / 1024).toFixed(0)} kB`);
      console.log(`package smoke: ${sizes.join(", ")}; ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(", ")}`);
    }
    if (work && !process.env.KOE_KEEP_SMOKE) rmSync(work, { recursive: true, force: true });
  });

  it("the project is outside the workspace and imports the installed copies", () => {
    expect(relative(root, project).startsWith("..")).toBe(true);
    expect(smoke.resolved).toBe(`file://${join(project, "node_modules", "@koe", "core", "dist", "index.js")}`);
  });

  it("every workspace package was packed", () => {
    expect(Object.keys(tarballs).sort()).toEqual([...names].sort());
  });

  it("each tarball's package.json points at files the tarball holds, with versions instead of workspace:*", () => {
    for (const [name, file] of Object.entries(tarballs)) {
      const members = new Set(tarList(file).map((m) => m.replace(/^package\//, "")));
      const pkg = JSON.parse(tarRead(file, "package/package.json")) as { exports: Record<string, unknown>; dependencies?: Record<string, string>; bin?: Record<string, string>; publishConfig?: unknown };
      const targets = leaves(pkg.exports).map((t) => t.replace(/^\.\//, "")).filter((t) => t !== "package.json");
      expect(targets.length, name).toBeGreaterThan(0);
      for (const t of targets) {
        expect(t.startsWith("dist/"), `${name}: ${t}`).toBe(true);
        expect(members.has(t), `${name}: ${t} in the tarball`).toBe(true);
      }
      for (const bin of Object.values(pkg.bin ?? {})) expect(members.has(bin.replace(/^\.\//, "")), `${name}: bin ${bin}`).toBe(true);
      expect(Object.values(pkg.dependencies ?? {}).filter((v) => v.startsWith("workspace:")), name).toEqual([]);
      expect(members.has("LICENSE"), `${name}: LICENSE`).toBe(true);
      // No test, no build info, no TypeScript config in the tarball.
      expect([...members].filter((m) => /(^|\/)test\/|tsbuildinfo|tsconfig/.test(m)), name).toEqual([]);
      // The libraries: ESM with declarations and their maps, whose sources ship too (the command, an
      // application, ships its JavaScript and declarations only).
      if (name === "@koe/cli") continue;
      expect(members.has("dist/index.js") && members.has("dist/index.d.ts") && members.has("dist/index.d.ts.map"), name).toBe(true);
      const map = JSON.parse(tarRead(file, "package/dist/index.d.ts.map")) as { sources: string[] };
      expect(map.sources.map((s) => join("dist", s)).filter((s) => !members.has(s)), `${name}: the map's sources`).toEqual([]);
    }
  });

  it("@koe/core computes from the tarball: a Welch test as R gives it", () => {
    // R: t.test(x, y)$p.value = 0.07939414
    expect(smoke.welch).toBeCloseTo(0.07939414, 8);
    expect(smoke.sameClasses).toBe(true);
  });

  it("@koe/core finds what it needs at run time from dist/: kuromoji's dictionary and the solver's WebAssembly", () => {
    expect(smoke.tokens).toEqual(["キャリア/キャリア", "を/を", "持ち/持つ", "たい/たい"]);
    expect(smoke.suppressed).toEqual(core.suppressSmallGroups(counts, { row: "g" }).rows);
    expect(smoke.suppressed.some((r) => (r as { suppressed: boolean }).suppressed)).toBe(true);
  });

  it("@koe/charts renders from the tarball: the same SVG as the workspace, Japanese text measured with the bundled font", async () => {
    expect(smoke.svg.startsWith("<svg")).toBe(true);
    expect(smoke.svg).toContain("若手");
    expect(smoke.svg).toContain("会社×世代の回答者数");
    expect(smoke.metrics).toBe("font");
    // vega numbers gradients per process (gradient_0, gradient_1…): the only difference allowed.
    const ids = (svg: string) => svg.replace(/gradient_\d+/g, "gradient_N");
    expect(ids(smoke.svg)).toBe(ids(await charts.renderSvg(charts.segmentHeatmapChart(cells, chartOptions))));
    expect(smoke.png).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(smoke.pngBytes).toBeGreaterThan(2000);
  });

  it("a TypeScript project typechecks against the shipped declarations", () => {
    writeFileSync(join(project, "consumer.ts"), CONSUMER_TS);
    const tsconfig = { compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] }, files: ["consumer.ts"] };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = timed("tsc consumer", () => spawnSync(join(root, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], { cwd: project, encoding: "utf8" }));
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("the installed @koe/core/stats bundles for the browser (no Node built-in in it or its dependencies)", async () => {
    const esbuild = createRequire(realpathSync(join(root, "node_modules", "tsx", "package.json")))("esbuild") as {
      build(o: Record<string, unknown>): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
    };
    const result = await esbuild.build({
      stdin: { contents: `export * from "@koe/core/stats";`, resolveDir: project, loader: "js" },
      bundle: true, platform: "browser", format: "esm", write: false, metafile: true, logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.includes("node_modules/@koe/core/dist/stats-entry.js"))).toBe(true);
    expect(inputs.filter((f) => f.includes("@koe/core/src/"))).toEqual([]);
  });

  it.runIf(hasCli)("the koe command runs from the tarball: --help exits 0 and names the commands", () => {
    const help = spawnSync(join(project, "node_modules", ".bin", "koe"), ["--help"], { cwd: project, encoding: "utf8" });
    expect(help.status, help.stderr).toBe(0);
    for (const command of ["init", "report"]) expect(help.stdout).toContain(command);
  });

  it.runIf(deno !== null)("Deno runs the same script on the installed packages, with the same results", () => {
    const out = timed("deno smoke.mjs", () => run(deno!, ["run", "-A", "smoke.mjs"], project));
    const fromDeno = JSON.parse(out) as Smoke;
    expect({ ...fromDeno, resolved: null }).toEqual({ ...smoke, resolved: null });
  });
});
