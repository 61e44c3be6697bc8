import { readCsv } from "@koe/core";
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";

// readCsv validates column by column (for speed); zod validates object by object. On canonical
// cells they must agree exactly: a row is accepted if and only if zod accepts it.
const Schema = z.object({
  id: z.string().min(2).max(6),
  level: z.enum(["low", "mid", "high"]).nullable(),
  flag: z.boolean().nullable(),
  score: z.number().int().min(1).max(5).nullable(),
  ratio: z.number().gt(0).lt(1),
  code: z.string().regex(/^[A-Z]\d$/).nullable(),
  even: z.number().int().refine((n) => n % 2 === 0, "must be even"),
});

const cell = {
  id: fc.oneof(fc.constantFrom("", "a", "ab", "abcdef", "abcdefg"), fc.string({ unit: fc.constantFrom("x", "y", "社"), maxLength: 8 })),
  level: fc.constantFrom("", "low", "mid", "high", "LOW", "very"),
  flag: fc.constantFrom("", "true", "false", "maybe"),
  score: fc.constantFrom("", "0", "1", "3", "5", "6", "2.5", "x"),
  ratio: fc.constantFrom("", "0", "0.5", "0.99", "1", "-0.1", "abc"),
  code: fc.constantFrom("", "A1", "a1", "B22", "Z9"),
  even: fc.constantFrom("", "2", "3", "10", "-4", "1.5"),
};

function zodView(row: Record<string, string>): Record<string, unknown> {
  const num = (s: string) => (s === "" ? null : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
  return {
    id: row.id === "" ? null : row.id,
    level: row.level === "" ? null : row.level === "LOW" ? "low" : row.level,
    flag: row.flag === "" ? null : row.flag === "true" ? true : row.flag === "false" ? false : row.flag,
    score: num(row.score!),
    ratio: num(row.ratio!),
    code: row.code === "" ? null : row.code,
    even: num(row.even!),
  };
}

describe("column-wise validation agrees with zod", () => {
  it("accepts a row exactly when zod's safeParse does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record(cell), { minLength: 1, maxLength: 25 }), async (rows) => {
        const cols = Object.keys(cell);
        const csv = cols.join(",") + "\n" + rows.map((r) => cols.map((c) => (r as Record<string, string>)[c]).join(",")).join("\n") + "\n";
        const result = await readCsv(csv, { schema: Schema });
        const rejected = new Set(result.issues.filter((i) => i.severity === "error").map((i) => i.row));
        rows.forEach((r, i) => {
          const zodOk = Schema.safeParse(zodView(r as Record<string, string>)).success;
          expect(rejected.has(i + 2), JSON.stringify(r)).toBe(!zodOk);
        });
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});
