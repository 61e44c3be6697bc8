import { field, formatIssue, KoeArgumentError, KoeReadError, readCsv } from "@koe/core";
import iconv from "iconv-lite";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";

const Person = z.object({
  id: z.string().min(1),
  age: z.number().int().min(15).max(90).nullable(),
  score: z.number().int().min(1).max(5).nullable(),
});

describe("readCsv without a schema", () => {
  it("keeps headers (trimmed, NFKC) and infers numbers, blank = missing, never 0", async () => {
    const r = await readCsv(" 名前ＩＤ ,年齢,メモ\nA,３５,ok\nB,,NA\nC,41,無回答\n");
    expectAccounted(r);
    expect(r.table.columnNames()).toEqual(["名前ID", "年齢", "メモ"]);
    const ages = Array.from(r.table.array("年齢") as Float64Array);
    expect(ages[0]).toBe(35);
    expect(Number.isNaN(ages[1])).toBe(true);
    expect(ages[2]).toBe(41);
    expect(r.table.array("メモ")).toEqual(["ok", null, null]);
  });

  it("keeps a column with any non-number as text rather than coercing it", async () => {
    const r = await readCsv("id,x\n1,2\n2,三十\n");
    expect(r.table.array("x")).toEqual(["2", "三十"]);
  });

  it("reads CRLF, tabs and semicolons", async () => {
    for (const [text, delim] of [
      ["a,b\r\n1,2\r\n3,4\r\n", ","],
      ["a\tb\n1\t2\n3\t4", "\t"],
      ["a;b\n1;2\n3;4\n", ";"],
    ] as const) {
      const r = await readCsv(text);
      expect(r.summary.delimiter).toBe(delim);
      expect(r.table.objects()).toEqual([{ a: 1, b: 2 }, { a: 3, b: 4 }]);
    }
  });

  it("keeps quoted newlines, delimiters and doubled quotes inside one field, numbered as one spreadsheet row", async () => {
    const r = await readCsv('id,text,n\n1,"line one\nline ""two"", with comma",5\n2,plain,x\n3,"a\r\nb",\n', { schema: z.object({ id: z.string(), text: z.string(), n: z.number().nullable() }) });
    expect(r.table.array("text")[0]).toBe('line one\nline "two", with comma');
    expect(r.table.array("text")[1]).toBe("a\r\nb");
    expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([[3, "n", "not_a_number"]]);
    expectAccounted(r);
  });

  it("skips blank lines but counts them in row numbers", async () => {
    const r = await readCsv("id,age\nA,20\n\nB,x\n", { schema: Person });
    expect(r.summary.blankLines).toBe(1);
    expect(r.issues.find((i) => i.code === "not_a_number")?.row).toBe(4);
  });
});

describe("encodings", () => {
  const text = "会社,世代,コメント\nＡ社,若手,キャリアを考える機会がない\nB社,中堅,ｶﾀｶﾅ①\n";
  it("reads UTF-8 with and without BOM the same", async () => {
    const plain = await readCsv(Buffer.from(text, "utf8"));
    const bom = await readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
    expect(bom.table.columnNames()[0]).toBe("会社");
    expect(bom.table.objects()).toEqual(plain.table.objects());
    expect(plain.table.array("会社")).toEqual(["A社", "B社"]);
    expect(plain.table.array("コメント")[1]).toBe("カタカナ1");
  });

  it("detects Shift_JIS (CP932) and decodes it, or takes the encoding given", async () => {
    const sjis = iconv.encode(text, "cp932");
    const r = await readCsv(sjis);
    expect(r.summary.encoding).toBe("shift_jis");
    expect(r.table.array("コメント")[0]).toBe("キャリアを考える機会がない");
    const forced = await readCsv(sjis, { encoding: "cp932" });
    expect(forced.table.objects()).toEqual(r.table.objects());
  });

  it("rejects a row whose bytes are not valid in the file's encoding (mixed encodings), keeping the others", async () => {
    const bytes = Buffer.concat([Buffer.from("id,text\n1,正しい\n", "utf8"), Buffer.from("2,", "utf8"), iconv.encode("壊れた", "cp932"), Buffer.from("\n3,ok\n")]);
    const r = await readCsv(bytes, { encoding: "utf-8" });
    expectAccounted(r);
    expect(r.summary.rowsRejected).toBe(1);
    expect(r.issues[0]).toMatchObject({ row: 3, column: "text", code: "encoding", severity: "error" });
    expect(r.issues[0]!.message).toMatch(/not valid utf-8/);
  });

  it("a 4-byte character (emoji, 𠮷) at the very end of a UTF-8 file does not make it look like Shift_JIS", async () => {
    for (const last of ["😀", "𠮷"]) {
      const r = await readCsv(Buffer.from(`a,b\n1,${last}`, "utf8"));
      expect(r.summary.encoding).toBe("utf-8");
      expect(r.table.objects()).toEqual([{ a: 1, b: last }]);
    }
  });

  it("rejects unknown encoding names clearly", async () => {
    await expect(readCsv("a\n1\n", { encoding: "latin-9" })).rejects.toThrow(KoeArgumentError);
  });
});

describe("bad input gets a clear issue and the accounting stays intact", () => {
  it("empty file", async () => {
    const r = await readCsv(Buffer.alloc(0));
    expectAccounted(r);
    expect(r.summary.rowsRead).toBe(0);
    expect(r.issues).toMatchObject([{ code: "empty_file", row: null }]);
  });

  it("header only", async () => {
    const r = await readCsv("id,age,score\n", { schema: Person });
    expectAccounted(r);
    expect(r.table.columnNames()).toEqual(["id", "age", "score"]);
    expect(r.issues.map((i) => i.code)).toEqual(["no_data_rows"]);
  });

  it("ragged rows (too few and too many fields)", async () => {
    const r = await readCsv("id,age,score\nA,30,3\nB,40\nC,50,4,extra\n", { schema: Person });
    expectAccounted(r);
    expect(r.issues.map((i) => [i.row, i.code, i.message])).toEqual([
      [3, "ragged_row", "the row has 2 fields, the header has 3"],
      [4, "ragged_row", "the row has 4 fields, the header has 3"],
    ]);
  });

  it("unknown Likert label and out-of-range value, all problems of a row reported", async () => {
    const Likert = z.object({ ...Person.shape, score: field(z.number().int().min(1).max(5).nullable(), { ja: "点", en: "score", likert: true }) });
    const r = await readCsv("id,age,score\nA,200,とても良い\nB,30,そう思う\nC,30,6\n", { schema: Likert });
    expectAccounted(r);
    expect(r.table.objects()).toEqual([{ id: "B", age: 30, score: 5 }]);
    expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "age", "out_of_range"],
      [2, "score", "unknown_label"],
      [4, "score", "out_of_range"],
    ]);
    expect(formatIssue(r.issues[0]!)).toBe('row 2, column "age": "200" is outside the allowed range 15–90');
    expect(r.issues[1]!.message).toContain("そう思う");
  });

  it("not a number: 「三十」 is rejected, not coerced", async () => {
    const r = await readCsv("id,age,score\nA,三十,1\n", { schema: Person });
    expect(formatIssue(r.issues[0]!)).toBe('row 2, column "age": "三十" is not a number');
    expect(r.summary.rowsRejected).toBe(1);
  });

  it("duplicate id rejects the later row and names the first", async () => {
    const r = await readCsv("id,age,score\nA,30,1\nB,31,2\nA,32,3\n", { schema: Person, unique: ["id"] });
    expectAccounted(r);
    expect(r.issues).toMatchObject([{ row: 4, column: "id", value: "A", code: "duplicate_id" }]);
    expect(r.issues[0]!.message).toContain("row 2");
  });

  it("BOM before a header is not part of the first column name", async () => {
    const r = await readCsv(Buffer.from("\uFEFFid,age,score\nA,30,1\n", "utf8"), { schema: Person });
    expect(r.issues).toEqual([]);
    expect(r.table.objects()).toEqual([{ id: "A", age: 30, score: 1 }]);
  });

  it("unknown column is kept as text with a warning, or dropped on request", async () => {
    const kept = await readCsv("id,age,score,部署\nA,30,1,営業\n", { schema: Person });
    expect(kept.table.array("部署")).toEqual(["営業"]);
    expect(kept.issues).toMatchObject([{ row: 1, column: "部署", code: "unknown_column", severity: "warning" }]);
    const dropped = await readCsv("id,age,score,部署\nA,30,1,営業\n", { schema: Person, unknownColumns: "drop" });
    expect(dropped.table.columnNames()).toEqual(["id", "age", "score"]);
    expect(dropped.summary.rowsAccepted).toBe(1);
  });

  it("missing required column rejects every row, each named; a missing optional column is all-missing with a warning", async () => {
    const r = await readCsv("age,score\n30,1\n31,2\n", { schema: Person });
    expectAccounted(r);
    expect(r.summary.rowsRejected).toBe(2);
    expect(r.issues.filter((i) => i.code === "missing_column").map((i) => i.row)).toEqual([1, 2, 3]);
    const opt = await readCsv("id,age\nA,30\n", { schema: Person });
    expect(opt.summary.rowsAccepted).toBe(1);
    expect(Number.isNaN((opt.table.array("score") as Float32Array)[0])).toBe(true);
    expect(opt.issues).toMatchObject([{ code: "missing_column", column: "score", severity: "warning" }]);
  });

  it("blank required value is reported", async () => {
    const r = await readCsv("id,age,score\n,30,1\n", { schema: Person });
    expect(r.issues).toMatchObject([{ row: 2, column: "id", code: "missing_required" }]);
  });

  it("an unterminated quote rejects the last row instead of swallowing the file silently", async () => {
    const r = await readCsv('id,age,score\nA,30,1\nB,"31,2\nC,40,3\n', { schema: Person });
    expectAccounted(r);
    expect(r.summary.rowsRead).toBe(2);
    expect(r.issues).toMatchObject([{ row: 3, code: "unterminated_quote" }]);
  });

  it("strict mode throws one readable error listing the problems", async () => {
    const err = await readCsv("id,age,score\nA,三十,1\nB,31,9\n", { schema: Person, strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeReadError);
    expect((err as KoeReadError).message).toBe(
      'the file has 2 problems in 2 rows:\n  row 2, column "age": "三十" is not a number\n  row 3, column "score": "9" is outside the allowed range 1–5',
    );
    expect((err as KoeReadError).issues).toHaveLength(2);
  });

  it("a path that does not exist is a KoeReadError naming it", async () => {
    await expect(readCsv("/no/such/file.csv")).rejects.toThrow(/cannot read "\/no\/such\/file.csv": no such file/);
  });
});

describe("streaming", () => {
  it("a quoted field crossing every chunk boundary survives whole", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `R${i}`, text: `行${i}の回答です。\n"引用"を含み、\r\n改行も${"長い文".repeat(i % 40)}あります。`, n: i }));
    const csv = "id,text,n\n" + rows.map((r) => `${r.id},"${r.text.replaceAll('"', '""')}",${r.n}`).join("\n") + "\n";
    for (const chunkSize of [16, 17, 61, 4096, 1 << 20]) {
      const r = await readCsv(Buffer.from(csv, "utf8"), { chunkSize });
      expectAccounted(r);
      expect(r.summary.rowsRead).toBe(300);
      expect(r.table.array("text")).toEqual(rows.map((x) => x.text));
      expect(Array.from(r.table.array("n") as Float64Array)).toEqual(rows.map((x) => x.n));
    }
  });

  it("multi-byte characters cut by a chunk boundary decode correctly (UTF-8 and Shift_JIS)", async () => {
    const csv = "会社,コメント\n" + Array.from({ length: 50 }, (_, i) => `社${i},キャリアオーナーシップ${i}`).join("\n") + "\n";
    for (const bytes of [Buffer.from(csv, "utf8"), iconv.encode(csv, "cp932")]) {
      const r = await readCsv(bytes, { chunkSize: 7 });
      expect(r.issues).toEqual([]);
      expect(r.table.array("コメント")[49]).toBe("キャリアオーナーシップ49");
    }
  });
});

describe("keys", () => {
  it("composite and several unique keys: a rejected row's keys are not remembered", async () => {
    const S = z.object({ a: z.string(), b: z.string(), c: z.string() });
    const r = await readCsv("a,b,c\n1,x,p\n1,y,p\n2,y,q\n3,z,q\n", { schema: S, unique: ["a", ["b", "c"]] });
    expectAccounted(r);
    // row 3 repeats a=1 → rejected, so (y,p) is not taken; row 4 (y,q) is new; row 5 repeats c? no: (z,q) is new.
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([[3, "a"]]);
    const r2 = await readCsv("a,b,c\n1,x,p\n2,x,p\n", { schema: S, unique: [["b", "c"]] });
    expect(r2.issues).toMatchObject([{ row: 3, column: "b + c", value: "x | p", code: "duplicate_id" }]);
  });

  it("finds repeats among many ids (hash table growth)", async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `R${i}`);
    const csv = "id\n" + [...ids, "R17", "R4999"].join("\n") + "\n";
    const r = await readCsv(csv, { schema: z.object({ id: z.string() }), unique: ["id"] });
    expect(r.issues.map((i) => [i.row, i.value, i.message])).toEqual([
      [5002, "R17", '"R17" in column "id" was already used in row 19'],
      [5003, "R4999", '"R4999" in column "id" was already used in row 5001'],
    ]);
  });
});
