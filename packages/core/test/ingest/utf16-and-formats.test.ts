// UTF-16 text (Excel's 「Unicode テキスト」) and files that are not text at all, given to the CSV reader.
import { KoeReadError, readCsv, readRespondents } from "@koe/core";
import * as XLSX from "@e965/xlsx";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { expectAccounted } from "./helpers.js";

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, "utf16le").swap16()]);

// What Excel's 「Unicode テキスト」 export looks like: tab-delimited, CRLF, quoted fields with line breaks.
const rows = Array.from({ length: 60 }, (_, i) => ({
  id: `R${i + 1}`,
  世代: ["若手", "中堅", "シニア"][i % 3]!,
  回答: i % 7 === 0 ? `一行目\n二行目「${i}」😀𠮷` : `回答${i}：キャリアを考える𠮷野家`,
  点: String((i % 5) + 1),
}));
const tsv = "id\t世代\t回答\t点\r\n" + rows.map((r) => [r.id, r.世代, r.回答.includes("\n") ? `"${r.回答}"` : r.回答, r.点].join("\t")).join("\r\n") + "\r\n";

describe("UTF-16 with a byte-order mark", () => {
  it("LE and BE are detected from the BOM, decoded, and reported; every chunk size (splitting characters, surrogate pairs and the BOM) gives the same table", async () => {
    // Cells are NFKC-normalised as in every file (the full-width colon becomes ":").
    const expected = rows.map((r) => r.回答.normalize("NFKC"));
    for (const [encoding, bytes] of [["utf-16le", utf16le(tsv)], ["utf-16be", utf16be(tsv)]] as const) {
      for (const chunkSize of [1, 2, 3, 5, 7, 64, 1 << 20]) {
        const r = await readCsv(bytes, { chunkSize });
        expectAccounted(r);
        expect(r.summary.encoding).toBe(encoding);
        expect(r.summary.delimiter).toBe("\t");
        expect(r.table.columnNames()).toEqual(["id", "世代", "回答", "点"]);
        expect(r.summary.rowsRead).toBe(60);
        expect(r.table.array("回答")).toEqual(expected);
        expect(Array.from(r.table.array("点") as Float64Array)).toEqual(rows.map((x) => Number(x.点)));
        expect(r.issues).toEqual([]);
      }
    }
  });

  it("goes through the same validation: a schema, Japanese headers and labels, rows numbered as in the file", async () => {
    const header = "respondent_id\t会社\t世代\tエンゲージメント1_事前";
    const text = [header, "R1\tC01\t若手\tそう思う", "R2\tC01\t部長\t3", "R3\tC01\tシニア\t9"].join("\r\n") + "\r\n";
    const r = await readRespondents(utf16le(text));
    expectAccounted(r);
    expect(r.summary.encoding).toBe("utf-16le");
    expect(r.table.objects()[0]).toMatchObject({ respondent_id: "R1", company: "C01", generation: "young", eng_01_pre: 5 });
    expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.column, i.code])).toEqual([
      [3, "generation", "unknown_label"],
      [4, "eng_01_pre", "out_of_range"],
    ]);
  });

  it("a file on disk, read in small chunks", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "koe-")), "unicode.txt");
    writeFileSync(path, utf16le(tsv));
    const r = await readCsv(path, { chunkSize: 333 });
    expect(r.summary).toMatchObject({ encoding: "utf-16le", rowsRead: 60, rowsAccepted: 60 });
  });

  it("without a BOM, encoding: \"utf-16le\" reads it; left to detection it is refused as not text, suggesting that option", async () => {
    const bare = Buffer.from("a\tb\r\n1\t日本\r\n", "utf16le");
    const r = await readCsv(bare, { encoding: "utf-16le" });
    expect(r.table.objects()).toEqual([{ a: 1, b: "日本" }]);
    expect(r.summary.encoding).toBe("utf-16le");
    const err = (await readCsv(bare).catch((e: unknown) => e)) as KoeReadError;
    expect(err).toBeInstanceOf(KoeReadError);
    expect(err.message).toMatch(/is not text: it holds NUL bytes .* pass encoding: "utf-16le"/);
  });

  it("invalid UTF-16 (a lone surrogate) is a KoeReadError, not replacement characters", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\n", "utf16le"), Buffer.from([0x00, 0xd8]), Buffer.from("b\n", "utf16le")]);
    const err = (await readCsv(bytes).catch((e: unknown) => e)) as KoeReadError;
    expect(err).toBeInstanceOf(KoeReadError);
    expect(err.message).toMatch(/not valid utf-16le/);
    expect(err.localized.ja).toContain("UTF-16LE の BOM");
  });
});

describe("a file that is not text says what it is", () => {
  const dir = mkdtempSync(join(tmpdir(), "koe-"));
  const workbook = () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["a"], [1]]), "Sheet1");
    return wb;
  };

  it("an .xlsx workbook: use readExcel (bytes, a path under any name, and a domain reader routes it itself)", async () => {
    const bytes = XLSX.write(workbook(), { type: "buffer", bookType: "xlsx" }) as Buffer;
    const path = join(dir, "export.csv");
    writeFileSync(path, bytes);
    for (const source of [bytes, path]) {
      const err = (await readCsv(source).catch((e: unknown) => e)) as KoeReadError;
      expect(err).toBeInstanceOf(KoeReadError);
      expect(err.code).toBe("not_text_xlsx");
      expect(err.message).toMatch(/is an Excel workbook \(\.xlsx\), not CSV text: use readExcel\(/);
      expect(err.localized.ja).toContain("Excel のブック（.xlsx）です。readExcel(");
    }
  });

  it("an old .xls workbook (OLE2): save as .xlsx or CSV", async () => {
    const bytes = XLSX.write(workbook(), { type: "buffer", bookType: "biff8" }) as Buffer;
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const err = (await readCsv(bytes).catch((e: unknown) => e)) as KoeReadError;
    expect(err.message).toMatch(/is an old Excel \.xls workbook .*: save it as \.xlsx or CSV/);
    expect(err.localized.ja).toContain("古い形式の Excel ブック（.xls");
  });

  it("a PDF is not a table", async () => {
    const err = (await readCsv(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")).catch((e: unknown) => e)) as KoeReadError;
    expect(err).toBeInstanceOf(KoeReadError);
    expect(err.message).toBe('readCsv: "bytes" is a PDF, not a table: export the data behind it as CSV or .xlsx');
    expect(err.localized.ja).toBe("readCsv: 「bytes」は PDF で、表のデータではありません。元のデータを CSV か .xlsx で書き出してください");
  });

  it("a Word document, a plain ZIP, a gzip file, an image", async () => {
    const zipWith = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name)]);
    const cases: [Buffer, RegExp][] = [
      [zipWith("word/document.xml"), /is a Word document \(\.docx\), not a table koe can read/],
      [zipWith("data/answers.csv"), /is a ZIP archive \(unpack it first\)/],
      [gzipSync(Buffer.from("a,b\n1,2\n")), /is not text: a gzip-compressed file: decompress it first/],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /is not text: a PNG image/],
    ];
    for (const [bytes, re] of cases) await expect(readCsv(bytes)).rejects.toThrow(re);
  });

  it("text that merely starts like nothing in particular is still read", async () => {
    const r = await readCsv(Buffer.from("PK,年\n1,2\n"), { schema: z.object({ PK: z.number(), 年: z.number() }) });
    expect(r.table.objects()).toEqual([{ PK: 1, 年: 2 }]);
  });
});
