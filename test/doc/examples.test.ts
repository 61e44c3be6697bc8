// Every `@example` in the packages' JSDoc runs, and the output it shows is the output it gives
// (simple-statistics' habit: examples are tests). The examples may use everything @koe/core and
// @koe/charts export, `aq` and `op` (arquero), `z` (zod), and the bundled data as tables:
// `respondents` (data/respondents.csv), `ratings` (data/initiative_ratings.csv).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "@koe/core";
import * as charts from "@koe/charts";
import { describe, expect, it } from "vitest";
import { collectExamples, exampleBody } from "./extract.js";
import { matches, show } from "./match.js";

const root = join(import.meta.dirname, "..", "..");
const examples = collectExamples(root, ["packages/core/src", "packages/charts/src"]);
const generated = join(import.meta.dirname, ".generated");
rmSync(generated, { recursive: true, force: true });
mkdirSync(generated, { recursive: true });

const own = ["aq", "op", "z", "fixtures"];
const coreNames = Object.keys(core).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !own.includes(n));
const chartNames = Object.keys(charts).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !coreNames.includes(n) && !own.includes(n));
const prelude = [
  `import * as aq from "arquero";`,
  `import { op } from "arquero";`,
  `import { z } from "zod";`,
  `import { ${coreNames.join(", ")} } from "@koe/core";`,
  `import { ${chartNames.join(", ")} } from "@koe/charts";`,
  `import { fixtures } from "../fixtures.js";`,
].join("\n");

export interface Failure {
  at: string;
  shown: string;
  actual: string;
}

describe("@example blocks", () => {
  it("there are examples to run", () => {
    expect(examples.length).toBeGreaterThan(80);
  });
  for (const [k, example] of examples.entries()) {
    it(`${example.file}:${example.line}`, async () => {
      const body = exampleBody(example);
      const path = join(generated, `example-${k}.ts`);
      const uses = ["respondents", "ratings"].filter((n) => new RegExp(`\\b${n}\\b`).test(body));
      writeFileSync(
        path,
        `${prelude}\nexport default async function (__check: (at: string, v: unknown, shown: string) => void, __throws: (at: string, f: () => Promise<unknown>, text: string) => Promise<void>) {\n` +
          (uses.length > 0 ? `const { ${uses.join(", ")} } = await fixtures();\n` : "") +
          `${body}\n}\n`,
      );
      const failures: Failure[] = [];
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
      const run = (await import(path)).default as (c: typeof check, t: typeof throws) => Promise<void>;
      await run(check, throws);
      expect(failures).toEqual([]);
      expect(checks, "an example shows at least one output (`// =>` or `// throws:`)").toBeGreaterThan(0);
    });
  }
});
