// readExcel: a sheet goes through the same validation as CSV, rows numbered as Excel shows them.
import { KoeArgumentError, KoeReadError, readCsv, readExcel, readInitiativeRatings, readRespondents } from "@koe/core";
import * as XLSX from "@e965/xlsx";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";

type Row = Record<string, unknown>;
type Sheet = { name: string; rows: unknown[][]; origin?: string; formats?: Record<string, string> };

function workbook(sheets: Sheet[], bookType: "xlsx" | "biff8" = "xlsx"): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet([]);
    XLSX.utils.sheet_add_aoa(ws, s.rows, { origin: s.origin ?? "A1" });
    for (const [ref, z] of Object.entries(s.formats ?? {})) ws[ref]!.z = z;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return XLSX.write(wb, { type: "buffer", bookType }) as Buffer;
}

const Person = z.object({
  id: z.string().min(1),
  age: z.number().int().min(15).max(90).nullable(),
  score: z.number().int().min(1).max(5).nullable(),
});

describe("readExcel", () => {
  it("Japanese headers, a Likert label, numbers stored as text, a bad cell rejected with its Excel row, a blank row counted", async () => {
    const bytes = workbook([
      {
        name: "回答",
        rows: [
          ["回答者ID", "会社名", "年齢", "世代", "エンゲージメント1_事前"],
          ["R1", "Ａ社", 34, "若手", "そう思う"],
          ["R2", "A社", "４１", "中堅", 4],
          [],
          ["R3", "B社", "三十", "シニア", 3],
          ["R4", "B社", 52, "シニア", 9],
          ["R5", "C社", 28, "若手", null],
        ],
      },
    ]);
    const r = await readRespondents(bytes);
    expectAccounted(r);
    expect(r.summary).toMatchObject({ format: "xlsx", sheet: "回答", encoding: null, delimiter: null, headerRow: 1, rowsRead: 5, rowsAccepted: 3, rowsRejected: 2, blankLines: 1 });
    expect((r.table.objects() as Row[]).map((o) => [o.respondent_id, o.company, o.age, o.generation, o.eng_01_pre])).toEqual([
      ["R1", "A社", 34, "young", 5],
      ["R2", "A社", 41, "mid", 4],
      ["R5", "C社", 28, "young", Number.NaN],
    ]);
    // Row numbers as Excel shows them: the blank row 4 is counted.
    expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.column, i.value, i.code])).toEqual([
      [5, "age", "三十", "not_a_number"],
      [6, "eng_01_pre", "9", "out_of_range"],
    ]);
  });

  it("gives the same table and issues as the same data saved as CSV", async () => {
    const rows = [["id", "age", "score"], ["A", 30, 1], ["B", "x", 2], ["C", 40, "そう思う"], ["D", 25, null]];
    const fromExcel = await readExcel(workbook([{ name: "S", rows }]), { schema: Person });
    const csv = rows.map((r) => r.map((v) => (v === null ? "" : String(v))).join(",")).join("\n") + "\n";
    const fromCsv = await readCsv(csv, { schema: Person });
    expect(fromExcel.table.objects()).toEqual(fromCsv.table.objects());
    expect(fromExcel.issues).toEqual(fromCsv.issues);
    expect(fromExcel.summary.rowsRejected).toBe(2);
  });

  it("a named sheet, or one by its position counted from 1; an unknown sheet lists the sheets", async () => {
    const bytes = workbook([
      { name: "表紙", rows: [["2024年度 調査"]] },
      { name: "回答", rows: [["id", "age"], ["A", 30]] },
    ]);
    const byName = await readExcel(bytes, { sheet: "回答", schema: Person });
    expect(byName.summary.sheet).toBe("回答");
    expect(byName.table.objects()).toEqual([{ id: "A", age: 30, score: Number.NaN }]);
    const byIndex = await readExcel(bytes, { sheet: 2 });
    expect(byIndex.table.objects()).toEqual([{ id: "A", age: 30 }]);
    const err = (await readExcel(bytes, { sheet: "集計" }).catch((e: unknown) => e)) as KoeArgumentError;
    expect(err).toBeInstanceOf(KoeArgumentError);
    expect(err.message).toBe('readExcel: the workbook has no sheet "集計" (sheets: 1: "表紙", 2: "回答"; numbers count from 1)');
    expect(err.localized.ja).toBe("readExcel: ブックに「集計」というシートはありません（シート: 1:「表紙」、2:「回答」。番号は1から数えます）");
    await expect(readExcel(bytes, { sheet: 3 })).rejects.toThrow(/no sheet 3/);
    await expect(readExcel(bytes, { sheet: 0 })).rejects.toThrow(KoeArgumentError);
  });

  it("several sheets with data and none named: the first is read and a warning says which", async () => {
    const bytes = workbook([
      { name: "回答", rows: [["id"], ["A"]] },
      { name: "空", rows: [] },
      { name: "メモ", rows: [["note"]] },
    ]);
    const r = await readExcel(bytes);
    expect(r.summary.sheet).toBe("回答");
    expect(r.issues).toMatchObject([{ code: "several_sheets", severity: "warning", row: null }]);
    expect(r.issues[0]!.message).toBe('the workbook has 2 sheets with data ("回答", "メモ"); the first, "回答", was read (pass sheet to read another)');
    expect((await readExcel(bytes, { sheet: 1 })).issues).toEqual([]);
  });

  it("a table that does not start at A1: the header is its first row, rows keep Excel's numbers", async () => {
    const bytes = workbook([{ name: "S", origin: "C3", rows: [["id", "age", "score"], ["A", 30, 1], ["B", 200, 2]] }]);
    const r = await readExcel(bytes, { schema: Person });
    expectAccounted(r);
    expect(r.summary.headerRow).toBe(3);
    expect(r.table.objects()).toEqual([{ id: "A", age: 30, score: 1 }]);
    expect(r.issues).toMatchObject([{ row: 5, column: "age", code: "out_of_range" }]);
  });

  it("cell types: full-precision numbers, dates as YYYY-MM-DD, TRUE/FALSE, error values rejected by name", async () => {
    const S = z.object({ id: z.string(), x: z.number().nullable(), day: z.string().nullable(), ok: z.boolean().nullable() });
    const bytes = workbook([
      {
        name: "S",
        rows: [["id", "x", "day", "ok"], ["A", 0.1 + 0.2, 45383, true], ["B", 1 / 3, 45383.5, false], ["C", { t: "e", v: 0x07 }, null, null]],
        formats: { B2: "0.0", C2: "yyyy/mm/dd", C3: "yyyy-mm-dd hh:mm" },
      },
    ]);
    const r = await readExcel(bytes, { schema: S });
    expectAccounted(r);
    expect(r.table.objects()).toEqual([
      { id: "A", x: 0.1 + 0.2, day: "2024-04-01", ok: true },
      { id: "B", x: 1 / 3, day: "2024-04-01 12:00:00", ok: false },
    ]);
    expect(r.issues).toMatchObject([{ row: 4, column: "x", value: "#DIV/0!", code: "not_a_number" }]);
  });

  it("an old .xls workbook reads the same", async () => {
    const sheets = [{ name: "回答", rows: [["id", "age", "score"], ["A", 30, "そう思う"], ["B", "x", 2]] }];
    const xls = await readExcel(workbook(sheets, "biff8"), { schema: Person });
    const xlsx = await readExcel(workbook(sheets), { schema: Person });
    expect(xls.summary.format).toBe("xls");
    expect(xls.table.objects()).toEqual(xlsx.table.objects());
    expect(xls.issues).toEqual(xlsx.issues);
  });

  it("the domain readers take a workbook by path (any name) or bytes; readInitiativeRatings resolves labels as from CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), "koe-"));
    const bytes = workbook([
      {
        name: "評価",
        rows: [
          ["会社", "調査回", "世代", "浸透ステップ", "施策", "効果あり", "結果"],
          ["C01", 1, "若手", "知る", "キャリア1on1", "はい", "実践して効果が出た"],
          ["C01", 1, "中堅", "さらに理解を深める", "ｅラーニング", "いいえ", "実践しなかった"],
          ["C01", 1, "若手", "知る", "1on1", "はい", "実践して効果が出た"],
        ],
      },
    ]);
    const path = join(dir, "ratings.data");
    writeFileSync(path, bytes);
    for (const source of [bytes, path, { path }]) {
      const r = await readInitiativeRatings(source, { sheet: "評価" });
      expectAccounted(r);
      expect((r.table.objects() as Row[]).map((o) => [o.generation, o.step, o.initiative, o.effective])).toEqual([
        ["young", "know", "one_on_one", true],
        ["mid", "deepen", "e_learning", false],
      ]);
      expect(r.issues.filter((i) => i.severity === "error")).toMatchObject([{ row: 4, code: "duplicate_id" }]);
    }
    // Options that only mean something for text are not silently ignored for a workbook.
    await expect(readInitiativeRatings(bytes, { encoding: "cp932" })).rejects.toThrow(/readInitiativeRatings: unknown option "encoding"/);
  });

  it("strict, unique and pseudonymize work as for CSV", async () => {
    const bytes = workbook([{ name: "S", rows: [["id", "age"], ["A", 30], ["A", 31]] }]);
    const err = (await readExcel(bytes, { schema: Person, unique: ["id"], strict: true }).catch((e: unknown) => e)) as KoeReadError;
    expect(err).toBeInstanceOf(KoeReadError);
    expect(err.message).toBe('the file has 1 problem in 1 row:\n  row 3, column "id": "A" in column "id" was already used in row 2');
    const p = await readExcel(bytes, { pseudonymize: { columns: ["id"], key: "key-1/for-tests/0123456789abcdef" } });
    expect(p.table.array("id")[0]).not.toBe("A");
  });

  it("what is not a workbook is refused with what it is", async () => {
    await expect(readExcel(Buffer.from("id,age\nA,30\n"))).rejects.toThrow(/is not an Excel workbook \(\.xlsx\/\.xls\); for CSV or text use readCsv/);
    await expect(readExcel(Buffer.from("%PDF-1.4\n"))).rejects.toThrow(/is a PDF, not a table/);
    await expect(readExcel("/no/such/book.xlsx")).rejects.toThrow(/cannot read "\/no\/such\/book.xlsx": no such file/);
    await expect(readExcel("id,age\nA,30\n")).rejects.toThrow(/readExcel: the source must be a file path, bytes/);
    await expect(readExcel(42 as never)).rejects.toThrow(KoeArgumentError);
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from("xl/workbook.xml garbage")]);
    await expect(readExcel(broken)).rejects.toThrow(KoeReadError);
    await expect(readExcel(workbook([{ name: "S", rows: [["a"]] }]), { encoding: "utf-8" } as never)).rejects.toThrow(/readExcel: unknown option "encoding"/);
  });

  it("the committed fixture: the documentation example's workbook", async () => {
    const r = await readExcel(join(import.meta.dirname, "fixtures", "survey.xlsx"));
    expectAccounted(r);
    expect(r.summary).toMatchObject({ sheet: "回答", rowsRead: 3, blankLines: 1 });
    expect(r.table.objects()).toEqual([
      { 会社: "A社", 年齢: 34, Q1: 5 },
      { 会社: "B社", 年齢: 41, Q1: 5 },
      { 会社: "C社", 年齢: 29, Q1: 2 },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(["several_sheets"]);
  });
});
