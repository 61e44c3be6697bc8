import { auditSuppression, detectPersonalColumns, pseudonymizeColumns, pseudonymizeIds, readCsv, suppressMatrix, suppressSmallGroups } from "@koe/core";
import * as aq from "arquero";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const hiddenMap = (m: ReturnType<typeof suppressMatrix>) => m.cells.map((row) => row.map((c) => (c.suppressed ? (c.reason === "primary" ? "P" : "C") : ".")).join(""));

describe("suppressSmallGroups: primary and complementary suppression", () => {
  it("a 1-D table with its total: a single small cell is shielded by the next smallest", () => {
    const r = suppressSmallGroups([{ g: "young", n: 12 }, { g: "mid", n: 3 }, { g: "senior", n: 20 }], { row: "g" });
    expect(r.rows.map((x) => [x.g, x.n, x.suppressionReason])).toEqual([
      ["young", null, "complementary"],
      ["mid", null, "primary"],
      ["senior", 20, null],
    ]);
    expect(r.summary).toEqual({ cells: 3, primary: 1, complementary: 1 });
  });

  it("a row with exactly one small cell gets a partner in the same row and column", () => {
    const m = suppressMatrix([
      [12, 3, 10],
      [20, 9, 14],
      [30, 25, 18],
    ]);
    expect(hiddenMap(m)).toEqual([".PC", ".CC", "..."]);
    expect(auditSuppression([[12, 3, 10], [20, 9, 14], [30, 25, 18]], m)).toEqual([]);
  });

  it("two small cells in a line whose sum is still small need a third", () => {
    const counts = [[1, 2, 30, 40], [20, 25, 30, 35]];
    const m = suppressMatrix(counts);
    const row1Hidden = m.cells[0]!.filter((c) => c.suppressed).length;
    expect(row1Hidden).toBeGreaterThanOrEqual(3);
    expect(auditSuppression(counts, m)).toEqual([]);
  });

  it("margins under the minimum are hidden, and zeros are not (unless asked)", () => {
    const counts = [[2, 0], [1, 0], [40, 50]];
    const m = suppressMatrix(counts);
    // Row totals 2 and 1 are small; their sum 3 would follow from the grand total, so the 90 is hidden too.
    expect(m.rowTotals.map((t) => t.reason)).toEqual(["primary", "primary", "complementary"]);
    expect(m.cells[0]![1]!.suppressed).toBe(false);
    expect(auditSuppression(counts, m)).toEqual([]);
    expect(suppressMatrix([[0, 9]], { suppressZeros: true }).cells[0]![0]!.reason).toBe("primary");
  });

  it("without published totals only primary suppression applies", () => {
    const m = suppressMatrix([[3, 20], [30, 40]], { showTotals: false });
    expect(hiddenMap(m)).toEqual(["P.", ".."]);
  });

  it("tidy rows: the count (and derived columns) are null where hidden; absent combinations are zeros; arquero tables work too", () => {
    const rows = [
      { company: "A", gen: "young", n: 12, share: 0.4 },
      { company: "A", gen: "mid", n: 2, share: 0.07 },
      { company: "B", gen: "young", n: 30, share: 0.5 },
      { company: "B", gen: "mid", n: 30, share: 0.5 },
    ];
    const r = suppressSmallGroups(aq.from(rows), { row: "company", column: "gen", alsoHide: ["share"] });
    const hidden = r.rows.filter((x) => x.suppressed);
    expect(hidden.every((x) => x.n === null && x.share === null)).toBe(true);
    expect(r.rows.find((x) => x.gen === "mid" && x.company === "A")!.suppressionReason).toBe("primary");
    expect(JSON.stringify(r.rows)).not.toContain('"n":2');
    expect(r.table.numRows()).toBe(4);
  });

  it("complete: adds the absent combinations as zero rows so a grid has every cell", () => {
    const r = suppressSmallGroups([{ a: "x", b: "p", n: 10 }, { a: "y", b: "q", n: 12 }], { row: "a", column: "b", complete: true });
    expect(r.rows.map((x) => [x.a, x.b, x.n])).toEqual([["x", "p", 10], ["y", "q", 12], ["x", "q", 0], ["y", "p", 0]]);
  });

  it("rejects non-counts and repeated groups clearly", () => {
    expect(() => suppressSmallGroups([{ g: "a", n: 2.5 }], { row: "g" })).toThrow(/row 1, column "n": 2.5 is not a count/);
    expect(() => suppressSmallGroups([{ g: "a", n: 2 }, { g: "a", n: 3 }], { row: "g" })).toThrow(/same group/);
    expect(() => suppressSmallGroups([{ g: "a", n: 2 }], { row: "x" })).toThrow(/no column "x"/);
  });

  it("on random tables nothing small is visible or recoverable, and the result is deterministic (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 16, maxLength: 16 }), fc.integer({ min: 2, max: 10 }), (r, c, pool, minSize) => {
        const counts = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => pool[i * 4 + j]!));
        const m = suppressMatrix(counts, { minSize });
        expect(auditSuppression(counts, m, minSize)).toEqual([]);
        expect(suppressMatrix(counts, { minSize })).toEqual(m);
      }),
      { numRuns: 1500, seed: 42 },
    );
  });

  it("the audit does catch an unsafe suppression", () => {
    const counts = [[12, 3], [20, 9]];
    const unsafe = suppressMatrix(counts, { showTotals: false }); // only the 3 is hidden, yet totals are published
    expect(auditSuppression(counts, unsafe).map((f) => f.kind)).toContain("recoverable");
  });
});

describe("pseudonymisation", () => {
  it("is keyed and deterministic; missing stays missing", () => {
    const a = pseudonymizeIds(["R1", "R2", null, "R1"], "key-1");
    expect(a[0]).toBe(a[3]);
    expect(a[0]).not.toBe(a[1]);
    expect(a[2]).toBeNull();
    expect(a[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(pseudonymizeIds(["R1"], "key-2")[0]).not.toBe(a[0]);
    // HMAC-SHA256("key-1", "R1"), first 16 hex characters (openssl dgst -sha256 -hmac key-1).
    expect(a[0]).toBe(pseudonymizeIds(["R1"], Buffer.from("key-1"))[0]);
    expect(() => pseudonymizeIds(["R1"], "")).toThrow(/key must not be empty/);
  });

  it("can be applied as a file is read", async () => {
    const r = await readCsv("respondent_id,score\nR1,3\nR2,4\n", { pseudonymize: { columns: ["respondent_id"], key: "k" } });
    expect(r.table.array("respondent_id")).toEqual(pseudonymizeIds(["R1", "R2"], "k"));
  });

  it("replaces table columns, naming an unknown one", () => {
    const t = aq.table({ respondent_id: ["R1", "R2"], score: [3, 4] });
    const p = pseudonymizeColumns(t, ["respondent_id"], "k", { prefix: "P" });
    expect((p.array("respondent_id") as string[]).every((v) => /^P[0-9a-f]{16}$/.test(v))).toBe(true);
    expect(p.array("score")).toEqual([3, 4]);
    expect(() => pseudonymizeColumns(t, ["id"], "k")).toThrow(/no column "id" \(columns: respondent_id, score\)/);
  });
});

describe("personal columns", () => {
  it("are found by header, not confused with company or department names", () => {
    const found = detectPersonalColumns(["回答者ID", "氏名", "会社名", "部署名", "メールアドレス", "company name", "Full Name", "電話番号"]);
    expect(found.map((f) => [f.column, f.kind])).toEqual([
      ["氏名", "name"],
      ["メールアドレス", "email"],
      ["Full Name", "name"],
      ["電話番号", "phone"],
    ]);
  });

  it("are dropped on ingest with a warning unless kept; e-mail values are found without a telling header", async () => {
    const csv = "id,氏名,連絡先,score\n1,山田太郎,taro@example.jp,3\n2,佐藤花子,hanako@example.jp,4\n";
    const r = await readCsv(csv);
    expect(r.table.columnNames()).toEqual(["id", "score"]);
    expect(r.issues.map((i) => [i.column, i.code])).toEqual([
      ["氏名", "dropped_personal_column"],
      ["連絡先", "dropped_personal_column"],
    ]);
    expect(r.summary.rowsAccepted).toBe(2);
    const kept = await readCsv(csv, { keepColumns: ["氏名"] });
    expect(kept.table.columnNames()).toEqual(["id", "氏名", "score"]);
  });
});
