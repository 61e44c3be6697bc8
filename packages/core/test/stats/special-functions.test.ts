// The bundled @stdlib functions (src/stats/special-functions.ts, written by
// scripts/bundle-special-functions.mjs): the committed module is exactly what the script writes from
// the installed packages, and each function gives the package's own answers, bit for bit.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTIONS, MODULE, moduleText } from "../../../../scripts/bundle-special-functions.mjs";
import * as bundled from "../../src/stats/special-functions.js";

const root = join(import.meta.dirname, "../../../..");
const require = createRequire(join(root, "packages/core/package.json"));

/** Arguments spread over each function's domain, edges and tails included. */
const ARGS: Record<string, number[][]> = {
  betainc: [[0.3, 2, 5], [0.999, 0.5, 40], [1e-8, 3, 0.2], [0.5, 1e3, 1e3], [0, 2, 2], [1, 2, 2]],
  betaincinv: [[0.025, 3, 7], [0.975, 0.5, 0.5], [1e-12, 10, 2], [0.5, 1e3, 1e3]],
  gammainc: [[3, 2], [0.01, 5], [50, 40], [1e-6, 0.5], [200, 150]],
  gammaln: [[0.5], [1], [2.5], [171.5], [1e-8], [1e6], [-2.5]],
  binomialCdf: [[3, 10, 0.4], [0, 5, 0.9], [49, 100, 0.5], [10, 10, 0.3]],
  binomialQuantile: [[0.025, 20, 0.3], [0.5, 100, 0.5], [0.999, 7, 0.9]],
  chisquareQuantile: [[0.95, 1], [0.05, 3], [0.999, 40], [1e-10, 2]],
  fQuantile: [[0.95, 3, 20], [0.05, 1, 1], [0.99, 10, 200]],
  hypergeometricCdf: [[2, 20, 7, 5], [0, 50, 10, 10], [9, 50, 10, 10]],
  normalCdf: [[-1.96, 0, 1], [0, 0, 1], [-37, 0, 1], [8, 0, 1], [1, 2, 0.5]],
  tQuantile: [[0.975, 10], [0.025, 1], [0.5, 3], [1e-12, 4.5], [0.999, 1000]],
};

describe("the bundled @stdlib functions", () => {
  it("are the script's output from the installed packages, byte for byte", async () => {
    expect(readFileSync(join(root, MODULE), "utf8")).toBe(await moduleText());
  });

  it.each(FUNCTIONS.map(([name, pkg]) => [name, pkg] as const))("%s gives what %s gives", (name, pkg) => {
    const original = require(pkg) as (...args: number[]) => number;
    const mine = (bundled as unknown as Record<string, (...args: number[]) => number>)[name]!;
    const args = ARGS[name]!;
    expect(args.length).toBeGreaterThan(2);
    for (const a of args) expect(Object.is(mine(...a), original(...a)), `${name}(${a.join(", ")})`).toBe(true);
    // And the values are real numbers where they should be (not a stub returning NaN everywhere).
    expect(args.map((a) => mine(...a)).filter(Number.isFinite).length).toBeGreaterThan(1);
  });

  it("known values (R): pt, qt, pchisq, lgamma", () => {
    // R: qt(0.975, 10) = 2.228138851986274; qchisq(0.95, 1) = 3.841458820694124; lgamma(0.5) = log(sqrt(pi))
    expect(bundled.tQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 12);
    expect(bundled.chisquareQuantile(0.95, 1)).toBeCloseTo(3.841458820694124, 12);
    expect(bundled.gammaln(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
  });
});
