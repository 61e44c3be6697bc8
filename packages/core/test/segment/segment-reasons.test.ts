// The reasons column when segmentRespondents words each distinct reason once: rows whose missing
// items differ get their own reasons, also past 30 items of a score (where the items missing are
// told apart by their list, not a bit mask); a row with several reasons has them joined in order.
import * as aq from "arquero";
import { segmentRespondents } from "@koe/core";
import { describe, expect, it } from "vitest";

describe("segmentRespondents' reasons, worded once per distinct reason", () => {
  it.each([3, 31, 40])("names exactly the items missing with %i awareness items", (k) => {
    const items = Array.from({ length: k }, (_, j) => `aware_${String(j + 1).padStart(2, "0")}`);
    // row r lacks the items whose index j satisfies lacks(r, j); rows 0 and 4 lack the same ones
    const lacks = (r: number, j: number) => (r === 0 || r === 4 ? j === 0 || j === k - 1 : r === 1 ? j === k - 1 : r === 2 ? j % 2 === 1 : r === 3 ? j === 0 || j === k - 2 : false);
    const rows = 6;
    const columns: Record<string, (number | null)[]> = Object.fromEntries(items.map((c, j) => [c, Array.from({ length: rows }, (_, r) => (lacks(r, j) ? null : 3))]));
    const t = aq.table({ ...columns, action_01: Array(rows).fill(3), trad_view: [2, 2, 2, 2, 2, null] });
    const out = segmentRespondents(t, { derive: ["layer"], layer: { waves: [], awareness: { items, minAnswered: k }, action: { items: ["action_01"], minAnswered: 1 } }, immobile: { wave: null } });
    const expected = Array.from({ length: rows }, (_, r) => {
      const missing = [...items.filter((_, j) => lacks(r, j)), ...(r === 5 ? ["trad_view"] : [])];
      return missing.length === 0 ? null : `layer: missing answers (${missing.join(", ")})`;
    });
    expect(out.array("reasons")).toEqual(expected);
    expect(out.array("layer")).toEqual(expected.map((e) => (e === null ? "interested" : "unclassified")));
  });

  it("joins a row's reasons in the order its segments are derived", () => {
    const t = aq.table({
      age: [30, null, null, 40],
      manager: [null, 1, null, null],
      job_type: ["技術系", "NA", "NA", "clerical"],
    });
    const out = segmentRespondents(t);
    expect(out.array("reasons")).toEqual([
      "role: missing answers (manager)",
      "generation: missing answers (age); job_type: missing answers (job_type)",
      "generation: missing answers (age); role: missing answers (manager); job_type: missing answers (job_type)",
      "role: missing answers (manager)",
    ]);
  });
});
