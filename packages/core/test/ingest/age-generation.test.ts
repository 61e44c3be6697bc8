// readRespondents: age and generation that disagree under the cut-offs are a warning, not silence.
import { readRespondents } from "@koe/core";
import { describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";

const csv = ["respondent_id,company,age,generation", "R1,C01,34,young", "R2,C01,35,若手", "R3,C01,49,mid", "R4,C01,50,中堅", "R5,C01,,senior", "R6,C01,62,", "R7,C01,28,シニア"].join("\n") + "\n";

describe("age against generation", () => {
  it("a row whose generation is not the one its age gives is kept, with a warning naming both (default cut-offs 35 and 50)", async () => {
    const r = await readRespondents(csv);
    expectAccounted(r);
    expect(r.summary.rowsAccepted).toBe(7);
    const w = r.issues.filter((i) => i.code === "age_generation_mismatch");
    expect(w.map((i) => [i.row, i.column, i.value, i.severity])).toEqual([
      [3, "generation", "young", "warning"],
      [5, "generation", "mid", "warning"],
      [8, "generation", "senior", "warning"],
    ]);
    expect(w[0]!.message).toBe(
      'age 35 falls in generation "mid" under the cut-offs (young < 35 ≤ mid < 50 ≤ senior), but the row says "young"; the row was kept (pass generationCutoffs if your company\'s bands differ)',
    );
    expect(w[0]!.localized.ja).toBe(
      "年齢35歳は区分（若手 < 35歳 ≤ 中堅 < 50歳 ≤ シニア）では「中堅」ですが、この行の世代は「若手」です。行はそのまま読み込みました（会社の区分が違う場合は generationCutoffs を指定してください）",
    );
  });

  it("generationCutoffs changes the bands checked", async () => {
    const r = await readRespondents(csv, { generationCutoffs: { mid: 30, senior: 45 } });
    expect(r.issues.filter((i) => i.code === "age_generation_mismatch").map((i) => i.row)).toEqual([2, 3, 4, 5, 8]);
  });

  it("the bundled respondents agree with the default cut-offs: no warning", async () => {
    const r = await readRespondents("data/respondents.csv");
    expect(r.summary.rowsAccepted).toBe(5000);
    expect(r.issues.filter((i) => i.code === "age_generation_mismatch")).toEqual([]);
  });
});
