// The integer-program solver (HiGHS in a worker thread, started on the first solve): synchronous
// answers, optima worked out by hand, null when no whole-number solution exists.
import { describe, expect, it } from "vitest";
import { lpText, solveInteger, type IntegerProgram } from "../../src/privacy/solver.js";

const program = (over: Partial<IntegerProgram> = {}): IntegerProgram => ({
  sense: "max",
  // max x + 2y with x + y ≤ 4.5 and y ≤ 2.5, x, y whole in [0, 10]: y = 2, x = 2 (value 6);
  // the LP relaxation would take y = 2.5, x = 2 (value 7).
  objective: [["x", 1], ["y", 2]],
  constraints: [
    { terms: [["x", 1], ["y", 1]], op: "<=", rhs: 4.5 },
    { terms: [["y", 1]], op: "<=", rhs: 2.5 },
  ],
  integers: new Map([["x", [0, 10]], ["y", [0, 10]]]),
  binaries: [],
  ...over,
});

describe("solveInteger", () => {
  it("returns the whole-number optimum, synchronously", () => {
    const solution = solveInteger(program());
    expect(solution).not.toBeInstanceOf(Promise);
    expect(solution && Object.fromEntries(solution)).toEqual({ x: 2, y: 2 });
  });

  it("minimises too, with binaries: min 3a + 2b + 4c with a + b + c ≥ 2 takes b and a", () => {
    const solution = solveInteger({ sense: "min", objective: [["a", 3], ["b", 2], ["c", 4]], constraints: [{ terms: [["a", 1], ["b", 1], ["c", 1]], op: ">=", rhs: 2 }], integers: new Map(), binaries: ["a", "b", "c"] });
    expect(solution && Object.fromEntries(solution)).toEqual({ a: 1, b: 1, c: 0 });
  });

  it("is null when no whole number fits (2 ≤ 2x ≤ 3 holds for x = 1; 3 ≤ 2x ≤ 3 for none)", () => {
    const fits = solveInteger(program({ constraints: [{ terms: [["x", 2]], op: ">=", rhs: 2 }, { terms: [["x", 2]], op: "<=", rhs: 3 }] }));
    expect(fits?.get("x")).toBe(1);
    expect(solveInteger(program({ constraints: [{ terms: [["x", 2]], op: ">=", rhs: 3 }, { terms: [["x", 2]], op: "<=", rhs: 3 }] }))).toBeNull();
  });

  it("gives the same answer for the same program (cached by its text) and for a fresh copy of it", () => {
    const a = solveInteger(program({ sense: "min", objective: [["x", 1], ["y", -1]] }));
    const b = solveInteger(program({ sense: "min", objective: [["x", 1], ["y", -1]] }));
    expect(a && Object.fromEntries(a)).toEqual({ x: 0, y: 2 });
    expect(b).toBe(a);
    expect(lpText(program())).toContain("Generals");
  });
});
