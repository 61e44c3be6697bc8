// `@koe/core/stats` is the browser-safe entry: bundled for the browser (esbuild, platform "browser",
// which refuses any Node built-in such as node:fs, zlib or crypto, in koe or in a dependency) it
// must bundle, and the bundle must run where no Node global exists (a bare VM context given only
// what a browser has). The main entry, which reads files, must fail the same bundling: the check
// has teeth. esbuild is the one tsx ships (tsx is a devDependency of the workspace).
import { createRequire } from "node:module";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import * as aq from "arquero";
import * as core from "@koe/core";
import * as stats from "@koe/core/stats";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

interface BuildResult {
  outputFiles: { text: string }[];
  metafile: { inputs: Record<string, unknown> };
}
interface Esbuild {
  build(options: Record<string, unknown>): Promise<BuildResult>;
}
const esbuild = createRequire(realpathSync(join(root, "node_modules", "tsx", "package.json")))("esbuild") as Esbuild;

/** Bundles `code` (an entry module written in place, resolved from the workspace root) for the browser. */
function bundleForBrowser(code: string, format: "esm" | "iife" = "esm"): Promise<BuildResult> {
  return esbuild.build({
    stdin: { contents: code, resolveDir: root, sourcefile: "entry.js", loader: "js" },
    bundle: true,
    platform: "browser",
    format,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
}

/** The globals a browser page has that matter here, and none of Node's (process, Buffer, require…). */
function browserLikeContext(): vm.Context {
  return vm.createContext({ console, TextEncoder, TextDecoder, URL, URLSearchParams, setTimeout, clearTimeout, queueMicrotask, structuredClone, atob, btoa, performance, crypto: globalThis.crypto });
}

const x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("@koe/core/stats, the browser-safe entry", () => {
  it("bundles for the browser: no Node built-in in its import graph, koe's or a dependency's", async () => {
    const result = await bundleForBrowser(`export * from "@koe/core/stats";`);
    const inputs = Object.keys(result.metafile.inputs);
    // The graph is the entry's: the stats kernels, the table-level estimators and their dependencies…
    expect(inputs.some((f) => f.endsWith("packages/core/src/stats-entry.ts"))).toBe(true);
    expect(inputs.some((f) => f.includes("packages/core/src/stats/t-tests.ts"))).toBe(true);
    expect(inputs.some((f) => f.includes("packages/core/src/analyze/group-comparisons.ts"))).toBe(true);
    // …and none of the modules that need Node.
    const nodeOnly = inputs.filter((f) => /packages\/core\/src\/(ingest|privacy\/(solver|pseudonymize)|analyze\/coding\/tokenize)/.test(f) || /node_modules\/.*\/(highs|kuromoji|iconv-lite|csv-parse|@e965\/xlsx)\//.test(f));
    expect(nodeOnly).toEqual([]);
  });

  it("the main entry does not bundle for the browser (it reads files), so the check above can fail", async () => {
    const error = await bundleForBrowser(`export * from "@koe/core";`).then(
      () => null,
      (e: { errors?: { text: string }[] }) => e,
    );
    expect(error).not.toBeNull();
    const texts = (error?.errors ?? []).map((e) => e.text).join("\n");
    expect(texts).toMatch(/Could not resolve "(node:)?(fs|module|crypto|buffer|zlib|path|fs\/promises|string_decoder)"/);
  });

  it("its bundle runs with no Node global (no process, Buffer, require): a kernel and a table-level estimator", async () => {
    const entry = [
      `import * as aq from "arquero";`,
      `import { welchTTest, welchTest, adjustPValues, createRandom } from "@koe/core/stats";`,
      `const table = aq.table({ score: ${JSON.stringify([...x, ...y])}, group: ${JSON.stringify([...x.map(() => "a"), ...y.map(() => "b")])} });`,
      `const random = createRandom(7);`,
      `globalThis.out = JSON.stringify({`,
      `  kernel: welchTTest(${JSON.stringify(x)}, ${JSON.stringify(y)}).pValue,`,
      `  table: welchTest(table, { outcome: "score", group: "group" }).estimate,`,
      `  adjusted: adjustPValues([0.01, 0.02, 0.03], "BH"),`,
      `  draws: [random.next(), random.next()],`,
      `});`,
    ].join("\n");
    const bundle = (await bundleForBrowser(entry, "iife")).outputFiles[0]!.text;
    const context = browserLikeContext();
    vm.runInContext(bundle, context);
    expect(vm.runInContext("[typeof process, typeof Buffer, typeof require, typeof module].join()", context)).toBe("undefined,undefined,undefined,undefined");
    const out = JSON.parse(vm.runInContext("out", context) as string) as { kernel: number; table: number; adjusted: number[]; draws: number[] };
    // R: t.test(x, y)$p.value = 0.07939414 (Welch); mean(x) − mean(y) = −1.58; p.adjust(c(.01, .02, .03), "BH") = 0.03 0.03 0.03
    expect(out.kernel).toBeCloseTo(0.07939414, 8);
    expect(out.table).toBeCloseTo(-1.58, 12);
    expect(out.adjusted).toEqual([0.03, 0.03, 0.03]);
    // The same seeded draws as in Node.
    const random = core.createRandom(7);
    expect(out.draws).toEqual([random.next(), random.next()]);
  });

  it("every name it exports is the very object @koe/core exports (one KoeError class, one welchTest)", () => {
    const names = Object.keys(stats);
    expect(names.length).toBeGreaterThan(80);
    expect(names.filter((n) => (core as Record<string, unknown>)[n] !== (stats as Record<string, unknown>)[n])).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(["welchTTest", "welchTest", "KoeError", "KoeArgumentError", "setLanguage", "createRandom", "DEFAULT_MIN_GROUP_SIZE"]));
    // What needs Node stays out.
    for (const name of ["readRespondents", "suppressSmallGroups", "pseudonymizeIds", "codeTexts", "publishReport"]) expect(names).not.toContain(name);
  });

  it("errors thrown from it are koe's, with the column named", () => {
    const table = aq.table({ score: [1, 2], group: ["a", "b"] });
    expect(() => stats.welchTest(table, { outcome: "scroe", group: "group" })).toThrow(core.KoeError);
    expect(() => stats.welchTest(table, { outcome: "scroe", group: "group" })).toThrow(/scroe/);
  });
});
