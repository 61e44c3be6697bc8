// The gate for free texts (issue 9, #7): the comment minimum of 10 was a constant nothing enforced.
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { KoeArgumentError } from "../../src/errors/errors.js";
import { DEFAULT_MIN_COMMENT_GROUP_SIZE, gateTexts, suppressSmallGroups } from "../../src/privacy/index.js";

/** `n` texts for each group: "<group> says k". */
const texts = (groups: [string, number][], column = "company") =>
  groups.flatMap(([g, n]) => Array.from({ length: n }, (_, k) => ({ [column]: g, comment: `${g} says ${String(k).padStart(2, "0")}`, respondent_id: `${g}-${k}` })));

describe("gateTexts", () => {
  it("publishes nothing from a group of fewer than 10 writers — no text, no count — nor from its block", () => {
    const g = gateTexts(texts([["A", 14], ["B", 7], ["C", 30], ["D", 25]]), { by: ["company"] });
    expect(g.groups).toEqual([
      { company: "A", n: null, suppressed: true },
      { company: "B", n: null, suppressed: true },
      { company: "C", n: 30, suppressed: false },
      { company: "D", n: 25, suppressed: false },
    ]);
    expect(new Set(g.rows.map((r) => r.company))).toEqual(new Set(["C", "D"]));
    expect(g.rows).toHaveLength(55);
    expect(g.total).toBe(76);
    // Nothing of A or B anywhere, not even how many they wrote.
    const text = JSON.stringify([g.rows, g.groups, g.table.objects()]);
    expect(text).not.toMatch(/"A says|"B says|:7\b|:14\b|:21\b/);
  });

  it("hides a group of 10 or more with a smaller one where the total would give the small one away (published texts can be counted)", () => {
    // A's texts alone would tell 76 − 14 − 30 − 25 = 7 for B.
    const g = gateTexts(texts([["A", 14], ["B", 7], ["C", 30], ["D", 25]]), { by: ["company"] });
    expect(g.groups.find((x) => x.company === "A")!.suppressed).toBe(true);
    // The same groups as the rule for counts, with the comment minimum.
    const counts = [["A", 14], ["B", 7], ["C", 30], ["D", 25]].map(([company, n]) => ({ company, n }));
    expect(suppressSmallGroups(counts, { row: "company", minSize: DEFAULT_MIN_COMMENT_GROUP_SIZE }).rows.map((r) => r.suppressed)).toEqual(g.groups.map((x) => x.suppressed));
  });

  it("works by two columns, in natural order, sorting texts by their own text (never by input order)", () => {
    const rows = [
      ...texts([["senior", 12], ["young", 15], ["mid", 11]], "generation").map((r) => ({ ...r, company: "A" })),
      ...texts([["young", 20], ["mid", 3], ["senior", 18]], "generation").map((r) => ({ ...r, company: "B" })),
      ...texts([["young", 22], ["mid", 16], ["senior", 17]], "generation").map((r) => ({ ...r, company: "C" })),
      ...texts([["young", 13], ["mid", 19], ["senior", 21]], "generation").map((r) => ({ ...r, company: "D" })),
    ];
    const g = gateTexts(rows, { by: ["company", "generation"] });
    expect(g.groups.map((x) => `${String(x.company)}/${String(x.generation)}:${String(x.n)}`)).toEqual([
      "A/young:null", "A/mid:null", "A/senior:null", "B/young:null", "B/mid:null", "B/senior:null",
      "C/young:22", "C/mid:16", "C/senior:17", "D/young:13", "D/mid:19", "D/senior:21",
    ]);
    expect(g.rows[0]).toEqual({ company: "C", generation: "young", comment: "young says 00" });
    expect(gateTexts([...rows].reverse(), { by: ["company", "generation"] }).rows).toEqual(g.rows);
    expect(g.table.columnNames()).toEqual(["company", "generation", "comment"]);
  });

  it("counts writers, not rows, when told who wrote each text; blank texts are not comments", () => {
    const many = [...Array.from({ length: 30 }, (_, k) => ({ company: "A", who: `a${k % 6}`, comment: `a ${k}` })), ...texts([["B", 40], ["C", 35], ["D", 12]]), { company: "A", who: "a9", comment: "   " }];
    const byRow = gateTexts(many, { by: ["company"] });
    expect(byRow.groups.find((x) => x.company === "A")).toEqual({ company: "A", n: 30, suppressed: false });
    const byWriter = gateTexts(many.map((r) => ({ who: r.company, ...r })), { by: ["company"], person: "who" });
    expect(byWriter.groups.find((x) => x.company === "A")).toEqual({ company: "A", n: null, suppressed: true });
  });

  it("publishes only the group, the kept columns and the text — never an id", () => {
    const rows = texts([["A", 12], ["B", 11]]).map((r, i) => ({ ...r, theme: i % 2 === 0 ? "growth" : "pay" }));
    const g = gateTexts(aq.from(rows), { by: ["company"], keep: ["theme"] });
    expect(Object.keys(g.rows[0]!)).toEqual(["company", "theme", "comment"]);
    expect(JSON.stringify(g.rows)).not.toContain("respondent_id");
  });

  it("refuses a minimum below 10, unknown options and columns, in both languages", () => {
    let e: unknown;
    try {
      gateTexts(texts([["A", 12]]), { by: ["company"], minGroupSize: 5 });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect((e as KoeArgumentError).localized).toEqual({
      en: 'gateTexts: option "minGroupSize" must be a whole number ≥ 10 (the minimum for free texts) (got 5)',
      ja: "gateTexts: オプション「minGroupSize」は10以上の整数で指定してください（自由記述の最小人数）（渡された値: 5）",
    });
    expect(gateTexts(texts([["A", 25], ["B", 25]]), { by: ["company"], minGroupSize: 20 }).rows).toHaveLength(50);
    expect(() => gateTexts(texts([["A", 12]]), { by: ["company"], minSize: 10 } as never)).toThrow('gateTexts: unknown option "minSize"');
    expect(() => gateTexts(texts([["A", 12]]), { by: ["compnay"] })).toThrow(/gateTexts: no column "compnay" \(option by\); did you mean "company"\?/);
    expect(() => gateTexts(texts([["A", 12]]), { by: [] })).toThrow(/option "by" must be one or two column names/);
    expect(() => gateTexts("x" as never, { by: ["company"] })).toThrow(KoeArgumentError);
  });
});
