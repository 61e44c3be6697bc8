// The kernels' @example lines are tests: every line `call // => number` in src/stats/ is run and its
// printed number checked to the digits shown (simple-statistics' habit). The numbers come from R.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as koe from "@koe/core";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "..", "..", "src", "stats");
const LINE = /^\s*\*\s+(.+?)\s*\/\/ => (-?\d+(?:\.\d+)?(?:e-?\d+)?)(…)?/;

const examples = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .flatMap((file) =>
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .map((line) => LINE.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file, code: m[1]!, shown: m[2]!, truncated: m[3] !== undefined })),
  );

/** Examples that need names defined elsewhere in their doc comment (not self-contained). */
const NOT_SELF_CONTAINED = new Set(["random.ts: r.next() === createRandom(42).next()"]);

describe("@example lines of the kernels print what they compute", () => {
  it("there are examples to run", () => expect(examples.length).toBeGreaterThan(15));
  for (const ex of examples) {
    const key = `${ex.file}: ${ex.code}`;
    if (NOT_SELF_CONTAINED.has(key)) continue;
    it(key, () => {
      const run = new Function("koe", `const { ${Object.keys(koe).join(", ")} } = koe; return (${ex.code});`) as (k: typeof koe) => unknown;
      const got = Number(run(koe));
      const shown = Number(ex.shown);
      const decimals = ex.shown.includes("e") ? 12 : (ex.shown.split(".")[1] ?? "").length;
      const step = 10 ** -decimals;
      // Rounded to the digits shown, or cut there when the example ends in "…".
      // A whole number is shown exactly (to 1e-9).
      const tolerance = decimals === 0 ? 1e-9 : ex.truncated ? step : step / 2 + 1e-15;
      expect(Math.abs(got - shown), `${ex.code} = ${got}, the doc says ${ex.shown}`).toBeLessThanOrEqual(ex.shown.includes("e") ? Math.abs(shown) * 1e-9 + 1e-300 : tolerance * (1 + 1e-9));
    });
  }
});
