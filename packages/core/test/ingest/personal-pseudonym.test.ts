import { pseudonymizeIds, readCsv, suppressSmallGroups } from "@koe/core";
import { describe, expect, it } from "vitest";

describe("privacy on ingest", () => {
  it("drops columns of names and e-mail addresses with a warning unless kept; e-mail values are found without a telling header", async () => {
    const csv = "id,氏名,連絡先,score\n1,山田太郎,taro@example.jp,3\n2,佐藤花子,hanako@example.jp,4\n";
    const r = await readCsv(csv);
    expect(r.table.columnNames()).toEqual(["id", "score"]);
    expect(r.issues.map((i) => [i.column, i.code, i.severity])).toEqual([
      ["氏名", "dropped_personal_column", "warning"],
      ["連絡先", "dropped_personal_column", "warning"],
    ]);
    expect(r.summary.rowsAccepted).toBe(2);
    expect(r.summary.columns.find((c) => c.header === "氏名")!.field).toBeNull();
    const kept = await readCsv(csv, { keepColumns: ["氏名"] });
    expect(kept.table.columnNames()).toEqual(["id", "氏名", "score"]);
  });

  it("pseudonymises id columns as they are read", async () => {
    const r = await readCsv("respondent_id,score\nR1,3\nR2,4\n", { pseudonymize: { columns: ["respondent_id"], key: "key-1/for-tests/0123456789abcdef" } });
    expect(r.table.array("respondent_id")).toEqual(pseudonymizeIds(["R1", "R2"], "key-1/for-tests/0123456789abcdef"));
  });
});

describe("suppressSmallGroups complete: true", () => {
  it("adds absent combinations as zero rows so a grid has every cell", () => {
    const r = suppressSmallGroups([{ a: "x", b: "p", n: 10 }, { a: "y", b: "q", n: 12 }], { row: "a", column: "b", complete: true });
    expect(r.rows.length).toBe(4);
    expect(r.rows.filter((x) => x.n === 0).map((x) => [x.a, x.b]).sort()).toEqual([["x", "q"], ["y", "p"]]);
  });
});
