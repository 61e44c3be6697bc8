import { codeCooccurrence, codeTexts, KoeArgumentError, readCodebook, readComments, type CodedTexts, type StudyReport } from "@koe/core";
import { cooccurrenceChart } from "@koe/charts";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

const data = (file: string) => new URL(`../../../../data/${file}`, import.meta.url).pathname;
const truth = JSON.parse(readFileSync(data("truth.json"), "utf8")) as { comments: { codesByRow: string[][] } };
const rows = (r: StudyReport) => r.tables.cooccurrence!.rows;

describe("codeCooccurrence on the bundled comments", () => {
  let coded: CodedTexts;
  let report: StudyReport;
  beforeAll(async () => {
    const codebook = await readCodebook(data("codebook.json"));
    coded = codeTexts((await readComments(data("comments.csv"))).table, { text: "回答", person: "回答者ID", codebook });
    report = codeCooccurrence(coded);
  });

  it("one row per ordered pair of codes, the diagonal included, in codebook order, with the documented columns", () => {
    const codes = coded.codes;
    expect(report.tables.cooccurrence!.columns).toEqual(["code_a", "code_b", "code_a_ja", "code_b_ja", "code_a_en", "code_b_en", "texts", "both", "either", "jaccard", "suppressed"]);
    expect(rows(report).map((r) => `${r.code_a}|${r.code_b}`)).toEqual(codes.flatMap((a) => codes.map((b) => `${a}|${b}`)));
    expect(rows(report).every((r) => r.texts === 500 && r.suppressed === false)).toBe(true);
  });

  it("counts equal those worked out from the planted codes (truth.json), Jaccard = both / either", () => {
    const has = (row: string[], code: string) => row.includes(code);
    for (const r of rows(report).filter((x) => !["effects", "conditions", "barriers"].includes(x.code_a as string) && !["effects", "conditions", "barriers"].includes(x.code_b as string))) {
      const a = r.code_a as string;
      const b = r.code_b as string;
      const both = truth.comments.codesByRow.filter((row) => has(row, a) && has(row, b)).length;
      const either = truth.comments.codesByRow.filter((row) => has(row, a) || has(row, b)).length;
      expect([r.both, r.either]).toEqual([both, either]);
      expect(r.jaccard).toBeCloseTo(both / either, 12);
    }
    const diag = rows(report).filter((r) => r.code_a === r.code_b && r.code_a === "learning")[0]!;
    expect([diag.both, diag.either, diag.jaccard]).toEqual([75, 75, 1]);
  });

  it("a grouping code co-occurs with each of its codes wherever they are (its texts are theirs)", () => {
    const row = rows(report).find((r) => r.code_a === "effects" && r.code_b === "work_motivation")!;
    const self = rows(report).find((r) => r.code_a === "work_motivation" && r.code_b === "work_motivation")!;
    expect(row.both).toBe(self.both);
  });

  it("is what cooccurrenceChart draws", () => {
    const spec = cooccurrenceChart(report.tables.cooccurrence!);
    expect(JSON.stringify(spec)).toContain("業務意欲");
  });
});

describe("codeCooccurrence: options, privacy and errors", () => {
  let coded: CodedTexts;
  beforeAll(async () => {
    const cb = await readCodebook({ id: "t", ja: "t", en: "t", codes: [{ id: "busy", ja: "繁忙", en: "Busy", rule: "忙しい" }, { id: "boss", ja: "上司", en: "Manager", rule: "上司" }, { id: "never", ja: "なし", en: "Never", rule: "存在しない" }] });
    coded = codeTexts(Array.from({ length: 12 }, (_, i) => ({ who: `p${i % 9}`, text: ["忙しい", "上司が忙しい", "上司"][i % 3] })), { text: "text", person: "who", codebook: cb });
  });

  it("a code in no text pairs with Jaccard 0; codes can be chosen by id or label", () => {
    const r = codeCooccurrence({ ...coded, person: null }, { codes: ["なし", "busy"], minGroupSize: 10 });
    expect(rows(r).map((x) => [x.code_a, x.code_b, x.both, x.either, x.jaccard])).toEqual([
      ["busy", "busy", 8, 8, 1],
      ["busy", "never", 0, 8, 0],
      ["never", "busy", 0, 8, 0],
      ["never", "never", 0, 0, 0],
    ]);
  });

  it("hides every figure when the texts come from fewer than 10 people (9 people wrote these 12 texts)", () => {
    const r = codeCooccurrence(coded);
    expect(rows(r).every((x) => x.suppressed === true && x.both === null && x.either === null && x.jaccard === null && x.texts === null)).toBe(true);
    expect(rows(r)[0]!.code_a_ja).toBe("繁忙");
    expect(r.warnings.map((w) => w.code)).toEqual(["report.groupsHidden"]);
    const asTexts = codeCooccurrence({ ...coded, person: null });
    expect(rows(asTexts).every((x) => x.suppressed === false)).toBe(true);
    expect(rows(codeCooccurrence({ ...coded, person: null }, { minGroupSize: 13 })).every((x) => x.suppressed)).toBe(true);
  });

  it("errors name the option or the code", () => {
    expect(thrown(() => codeCooccurrence(coded, { codes: ["bos"] })).message).toContain('"bos" is not a code of the coded texts; did you mean "boss"?');
    expect(thrown(() => codeCooccurrence(coded, { minGroupSize: 5 })).message).toContain("minGroupSize");
    expect(thrown(() => codeCooccurrence(coded, { code: ["boss"] } as never)).message).toContain('unknown option "code"; did you mean "codes"?');
    expect(thrown(() => codeCooccurrence({ table: coded.table } as never))).toBeInstanceOf(KoeArgumentError);
  });
});
