// The @example blocks of the regression and effect estimators and of the cross-boundary report
// run, and print what the docs show (the same extraction and matching as test/doc: numbers at the
// precision shown, "…" matches anything, `// throws: text` expects a KoeError with that text).
import { join } from "node:path";
import * as core from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { collectExamples, exampleBody } from "../../../../test/doc/extract.js";
import { matches, show } from "../../../../test/doc/match.js";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const folders = ["packages/core/src/studies/cross-boundary", "packages/core/src/analyze/regression.ts", "packages/core/src/analyze/design-matrix.ts"];
const examples = collectExamples(root, ["packages/core/src/studies/cross-boundary", "packages/core/src/analyze"]).filter((e) => folders.some((f) => e.file.startsWith(f)));
let respondents: core.Table;
beforeAll(async () => {
  respondents = (await core.readRespondents(join(root, "data", "respondents.csv"))).table;
});

describe("the @example of every function of the effect estimators and the cross-boundary report prints what the docs show", () => {
  it("finds the examples", () => {
    expect(examples.map((e) => e.file.split("/").at(-1)).sort()).toEqual(
      ["balance.ts", "design-matrix.ts", "design-matrix.ts", "did.ts", "did.ts", "estimate-effect.ts", "regression.ts", "regression.ts", "report.ts"].sort(),
    );
  });

  for (const ex of examples) {
    it(`${ex.file}:${ex.line}`, { timeout: 60_000 }, async () => {
      const failures: { at: string; shown: string; actual: string }[] = [];
      let checks = 0;
      const check = (at: string, v: unknown, shown: string) => {
        checks++;
        if (!matches(v, shown)) failures.push({ at, shown, actual: show(v) });
      };
      const throws = async (at: string, f: () => Promise<unknown>, text: string) => {
        checks++;
        try {
          await f();
          failures.push({ at, shown: `throws: ${text}`, actual: "nothing thrown" });
        } catch (e) {
          const ok = e instanceof core.KoeError && text.split("…").every((piece) => e.message.includes(piece.trim()));
          if (!ok) failures.push({ at, shown: `throws: ${text}`, actual: String(e) });
        }
      };
      const names = Object.keys(core).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      const body = exampleBody(ex).replaceAll('"packages/core/', `"${root}/packages/core/`);
      const run = new Function("aq", "respondents", "__check", "__throws", ...names, `return (async () => {\n${body}\n})();`);
      await run(aq, respondents, check, throws, ...names.map((n) => (core as Record<string, unknown>)[n]));
      expect(failures).toEqual([]);
      expect(checks, "an example shows at least one output").toBeGreaterThan(0);
    });
  }
});
