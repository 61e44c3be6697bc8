// Agreement on the bundled manual codings (data/comment_codings.csv: coders A and B read the first
// 150 comments): koe's figures against kappa computed here from the raw files, by the textbook
// formula, and koe's rules against the planted codes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { codeTexts, coderAgreement, readCodebook, readComments, readCsv } from "../../src/index.js";

const data = (f: string) => join(import.meta.dirname, "..", "..", "..", "..", "data", f);
const raw: { id: string; coder: string; code: string }[] = parse(readFileSync(data("comment_codings.csv"), "utf8"), { columns: true });
const truth = JSON.parse(readFileSync(data("truth.json"), "utf8"));

/** Cohen's kappa of two 0/1 vectors: (po − pe) / (1 − pe). */
function kappa(a: number[], b: number[]): number {
  const n = a.length;
  const po = a.filter((x, i) => x === b[i]).length / n;
  const pa = a.reduce((s, x) => s + x, 0) / n;
  const pb = b.reduce((s, x) => s + x, 0) / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return (po - pe) / (1 - pe);
}

describe("coderAgreement on the bundled manual codings", async () => {
  const codebook = await readCodebook(data("codebook.json"));
  const { table } = await readComments(data("comments.csv"));
  const manual = (await readCsv(data("comment_codings.csv"))).table;
  const coded = codeTexts(table, { text: "回答", person: "回答者ID", codebook, manual });
  const leaves = codebook.codes.filter((c) => c.parsed !== null).map((c) => c.id);

  it("the manual coders read the first 150 comments: blank codes stay as read-nothing rows", () => {
    expect(coded.coders).toEqual(["auto", "A", "B"]);
    const readBy = (coder: string) => new Set(coded.codings.filter((c) => c.coder === coder).map((c) => c.id));
    expect(readBy("A").size).toBe(150);
    expect(readBy("B").size).toBe(150);
    expect(coded.codings.filter((c) => c.code === null).length).toBe(raw.filter((r) => r.code === "").length);
  });

  it("A against B: each leaf code's Cohen's kappa equals the textbook formula on the raw rows", () => {
    const r = coderAgreement(coded, { coders: ["A", "B"], codes: leaves });
    const given = (coder: string, code: string) => Array.from({ length: 150 }, (_, i) => (raw.some((x) => x.coder === coder && x.code === code && Number(x.id) === i + 1) ? 1 : 0));
    const rows = r.tables.agreement!.rows.filter((x) => x.scope === "code");
    expect(rows.map((x) => x.code)).toEqual(leaves);
    for (const row of rows) {
      expect(row.units).toBe(150);
      const a = given("A", String(row.code));
      const b = given("B", String(row.code));
      const agree = a.filter((x, i) => x === b[i]).length / 150;
      expect(row.percent_agreement as number).toBeCloseTo(agree, 12);
      if (a.some((x) => x === 1) || b.some((x) => x === 1)) expect(row.cohen_kappa as number).toBeCloseTo(kappa(a, b), 10);
    }
  });

  it("koe's rules against the planted codes: every comment's codes equal those of truth.json, so auto vs A shows only A's misses and additions", () => {
    const r = coderAgreement(coded, { coders: ["auto", "A"], codes: leaves });
    const disagreements = r.tables.disagreements!.rows;
    const planted: string[][] = truth.comments.codesByRow;
    const aGave = (i: number, code: string) => raw.some((x) => x.coder === "A" && x.code === code && Number(x.id) === i + 1);
    const expected = leaves.flatMap((code) => Array.from({ length: 150 }, (_, i) => i).filter((i) => planted[i]!.includes(code) !== aGave(i, code)).map((i) => `${code}|${i + 1}`));
    expect(disagreements.map((d) => `${d.code}|${d.unit}`).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(10);
  });
});
